/**
 * Batch data plane under /batch/{account}: account lookup, authentication, api-version, conformance (an operation of
 * the spec, with a body its schema allows), routes.
 * Implemented: GET /pools, GET|PATCH /pools/{id}, GET /nodecounts, GET /pools/{id}/nodes,
 * GET /pools/{id}/nodes/{nodeId}, POST /pools/{id}/nodes/{nodeId}/reimage, and the node and pool actions of
 * nodeRoutes.ts (reboot, deallocate, start, scheduling, users, remote login, service logs, files, resize,
 * stop resize, remove nodes). Anything else: 404 BatchError.
 */
import { accountUrl, type Env } from '../env';
import type { Ctx, Reply } from '../http';
import { decodePathSegments, NOT_IMPLEMENTED_HEADERS } from '../http';
import type { BatchAccountRecord } from '../state';
import { authenticateBatch } from './auth';
import { batchError } from './errors';
import { getNode, listNodes, reimageNode } from './nodes';
import { routeNodeActions } from './nodeRoutes';
import { patchPool } from './poolPatch';
import { getPool, listPoolNodeCounts, listPools } from './pools';

export const DEFAULT_BATCH_API_VERSION = '2025-06-01.21.0';
export const SUPPORTED_BATCH_API_VERSIONS = [
  '2020-09-01.12.0', '2021-06-01.14.0', '2022-01-01.15.0', '2022-10-01.16.0', '2023-05-01.17.0', '2023-11-01.18.0',
  '2024-02-01.19.0', '2024-07-01.20.0', '2025-06-01.21.0',
];

/** Finds the account a /batch/{account}/... path names (case-insensitive). */
export function accountForPath(env: Env, path: string): BatchAccountRecord | undefined {
  const name = decodePathSegments(path)[1];
  return name === undefined ? undefined : env.state.accounts.get(name.toLowerCase());
}

export function handleBatch(ctx: Ctx, env: Env): Reply {
  const segments = decodePathSegments(ctx.path);
  const account = accountForPath(env, ctx.path);
  const url = accountUrl(env, account?.name ?? segments[1] ?? '');
  if (!account) { return batchError(ctx, url, 404, 'ResourceNotFound', 'The specified account does not exist.'); }
  const denied = authenticateBatch(ctx, env, account, url);
  if (denied) { return denied; }

  const apiVersion = ctx.query['api-version'];
  if (apiVersion === undefined || apiVersion === '') {
    return batchError(ctx, url, 400, 'MissingRequiredQueryParameter', 'A query parameter that\'s mandatory for this request is not specified.', [
      { key: 'QueryParameterName', value: 'api-version' },
      { key: 'Reason', value: 'The api-version query parameter is required for all requests.' },
    ]);
  }
  if (!SUPPORTED_BATCH_API_VERSIONS.includes(apiVersion)) {
    return batchError(ctx, url, 400, 'UnsupportedRequestVersion', 'The specified request version is not supported.', [
      { key: 'QueryParameterName', value: 'api-version' },
      { key: 'QueryParameterValue', value: apiVersion },
      { key: 'Reason', value: `Supported versions: ${SUPPORTED_BATCH_API_VERSIONS.join(', ')}.` },
    ]);
  }

  const rest = segments.slice(2);
  const relative = `/${ctx.path.split('/').slice(3).join('/')}`;
  const check = env.conformance.check({ surface: 'batch', method: ctx.method, path: relative, fullPath: ctx.path, apiVersion, body: ctx.body });
  if (!check.ok && check.violation.kind === 'operation') {
    return batchError(ctx, url, 404, 'ResourceNotFound', 'The specified resource does not exist.', [
      { key: 'UriPath', value: ctx.path },
      { key: 'Reason', value: check.violation.errors.join('; ') },
    ]);
  }
  if (!check.ok) {
    const errors = check.violation.errors;
    const missing = errors.find((e) => e.includes('missing required property'));
    return batchError(ctx, url, 400, missing ? 'MissingRequiredProperty' : 'InvalidRequestBody', missing ? 'A required property was not specified in the request body.' : 'The specified Request Body is not syntactically valid.', [
      { key: 'Reason', value: errors.join('; ') },
      { key: 'Definition', value: check.violation.definition },
    ]);
  }
  return route(ctx, env, account, url, rest);
}

function route(ctx: Ctx, env: Env, account: BatchAccountRecord, url: string, rest: string[]): Reply {
  const [first, poolId, third, nodeId, action] = rest;
  const m = ctx.method;
  if (rest.length === 1 && first === 'pools' && m === 'GET') { return listPools(ctx, account, url); }
  if (rest.length === 1 && first === 'nodecounts' && m === 'GET') { return listPoolNodeCounts(ctx, account, url); }
  if (first === 'pools' && poolId !== undefined) {
    if (rest.length === 2 && m === 'GET') { return getPool(ctx, account, url, poolId); }
    if (rest.length === 2 && m === 'PATCH') { return patchPool(ctx, env, account, url, poolId); }
    if (third === 'nodes') {
      if (rest.length === 3 && m === 'GET') { return listNodes(ctx, account, url, poolId); }
      if (rest.length === 4 && m === 'GET') { return getNode(ctx, account, url, poolId, nodeId!); }
      if (rest.length === 5 && action === 'reimage' && m === 'POST') { return reimageNode(ctx, env, account, url, poolId, nodeId!); }
    }
  }
  const handled = routeNodeActions(ctx, env, account, url, rest);
  if (handled) { return handled; }
  return batchError(ctx, url, 404, 'ResourceNotFound', 'The specified resource does not exist.', [
    { key: 'UriPath', value: ctx.path },
    { key: 'Reason', value: `The emulator does not implement ${m} ${ctx.path}.` },
  ], { ...NOT_IMPLEMENTED_HEADERS });
}
