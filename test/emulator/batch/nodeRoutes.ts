/**
 * Routes of the node and pool actions below /pools/{poolId} (the pool and node reads live in router.ts):
 *   POST resize | stopresize | removenodes
 *   POST nodes/{nodeId}/reboot | deallocate | start | disablescheduling | enablescheduling | users | uploadbatchservicelogs
 *   GET  nodes/{nodeId}/remoteloginsettings | files;  GET, HEAD nodes/{nodeId}/files/{filePath...}
 * Returns undefined when the path and method are none of these.
 */
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import type { BatchAccountRecord } from '../state';
import { createNodeUser, getRemoteLoginSettings, uploadBatchServiceLogs } from './nodeAccess';
import { handleNodeCommand, NODE_COMMANDS, type NodeCommand } from './nodeCommands';
import { getNodeFile, listNodeFiles } from './nodeFiles';
import { removeNodes, resizePool, stopPoolResize } from './poolResize';

/** `rest` is the path after /batch/{account}, decoded: ['pools', poolId, ...]. */
export function routeNodeActions(ctx: Ctx, env: Env, account: BatchAccountRecord, url: string, rest: string[]): Reply | undefined {
  const [first, poolId, third, nodeId, action] = rest;
  if (first !== 'pools' || poolId === undefined) { return undefined; }
  const m = ctx.method;
  if (rest.length === 3 && m === 'POST') {
    if (third === 'resize') { return resizePool(ctx, env, account, url, poolId); }
    if (third === 'stopresize') { return stopPoolResize(ctx, env, account, url, poolId); }
    if (third === 'removenodes') { return removeNodes(ctx, env, account, url, poolId); }
    return undefined;
  }
  if (third !== 'nodes' || nodeId === undefined || action === undefined) { return undefined; }
  if (rest.length === 5 && m === 'POST') {
    if ((NODE_COMMANDS as readonly string[]).includes(action)) { return handleNodeCommand(ctx, env, account, url, poolId, nodeId, action as NodeCommand); }
    if (action === 'users') { return createNodeUser(ctx, account, url, poolId, nodeId); }
    if (action === 'uploadbatchservicelogs') { return uploadBatchServiceLogs(ctx, account, url, poolId, nodeId); }
    return undefined;
  }
  if (rest.length === 5 && m === 'GET') {
    if (action === 'remoteloginsettings') { return getRemoteLoginSettings(ctx, account, url, poolId, nodeId); }
    if (action === 'files') { return listNodeFiles(ctx, account, url, poolId, nodeId); }
    return undefined;
  }
  if (rest.length >= 6 && action === 'files' && (m === 'GET' || m === 'HEAD')) {
    return getNodeFile(ctx, account, url, poolId, nodeId, rest.slice(5));
  }
  return undefined;
}
