/** GET /pools/{id}/nodes, GET /pools/{id}/nodes/{nodeId}, POST /pools/{id}/nodes/{nodeId}/reimage. */
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { emptyReply, jsonReply } from '../http';
import type { BatchAccountRecord, NodeState, ReimageOption } from '../state';
import { BATCH_JSON, batchError, propertyError } from './errors';
import { isReply, readFilter, readSelect } from './listing';
import { activeReimage, startReimage } from './nodeLifecycle';
import { pendingActionRefusal } from './nodeTransitions';
import { nextLink, readPaging, takePage } from './paging';
import { poolNotFound } from './pools';
import { nodeField, nodeJson, NODE_PROPERTIES } from './serialize';

const REIMAGE_OPTIONS: ReimageOption[] = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'];

/**
 * Refusals for nodes that are not idle or running (codes from the Batch status and error codes list,
 * https://learn.microsoft.com/rest/api/batchservice/batch-status-and-error-codes; all 409 Conflict).
 */
export const STATE_REFUSALS: Partial<Record<NodeState, [string, string]>> = {
  reimaging: ['NodeBeingReimaged', 'The specified node is being reimaged.'],
  rebooting: ['NodeBeingRebooted', 'The specified node is being rebooted.'],
  starting: ['NodeBeingStarted', 'The specified node is being started.'],
  waitingforstarttask: ['NodeBeingStarted', 'The specified node is being started.'],
  creating: ['NodeBeingCreated', 'The specified node is being created.'],
  unusable: ['NodeStateUnusable', 'The state of the specified node is unusable.'],
};

function nodeNotFound(ctx: Ctx, url: string): Reply {
  return batchError(ctx, url, 404, 'NodeNotFound', 'The specified node does not exist.');
}

export function listNodes(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string): Reply {
  const pool = account.pools.get(poolId);
  if (!pool) { return poolNotFound(ctx, url); }
  const select = readSelect(ctx, url, NODE_PROPERTIES, 'ComputeNode');
  if (isReply(select)) { return select; }
  const filter = readFilter(ctx, url, NODE_PROPERTIES, 'ComputeNode');
  if (isReply(filter)) { return filter; }
  const paging = readPaging(ctx, url);
  if (isReply(paging)) { return paging; }
  const page = takePage(pool.nodes, (n) => (filter ? filter.test((f) => nodeField(pool, n, url, f)) : true), paging);
  return jsonReply(
    200,
    {
      'odata.metadata': `${url}/$metadata#nodes`,
      value: page.items.map((n) => nodeJson(pool, n, url, select)),
      ...(page.next !== undefined ? { 'odata.nextLink': nextLink(ctx, page.next) } : {}),
    },
    {},
    BATCH_JSON,
  );
}

export function getNode(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string, nodeId: string): Reply {
  const pool = account.pools.get(poolId);
  if (!pool) { return poolNotFound(ctx, url); }
  const node = pool.nodeById.get(nodeId);
  if (!node) { return nodeNotFound(ctx, url); }
  const select = readSelect(ctx, url, NODE_PROPERTIES, 'ComputeNode');
  if (isReply(select)) { return select; }
  return jsonReply(200, { 'odata.metadata': `${url}/$metadata#nodes/@Element`, ...nodeJson(pool, node, url, select) }, {}, BATCH_JSON);
}

export function reimageNode(ctx: Ctx, env: Env, account: BatchAccountRecord, url: string, poolId: string, nodeId: string): Reply {
  const pool = account.pools.get(poolId);
  if (!pool) { return poolNotFound(ctx, url); }
  const node = pool.nodeById.get(nodeId);
  if (!node) { return nodeNotFound(ctx, url); }
  let option: ReimageOption = 'requeue';
  if (ctx.body.trim() !== '') {
    let body: unknown;
    try {
      body = JSON.parse(ctx.body);
    } catch (e) {
      return batchError(ctx, url, 400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [{ key: 'Reason', value: (e as Error).message }]);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return batchError(ctx, url, 400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [{ key: 'Reason', value: 'The request body must be a JSON object.' }]);
    }
    const given = (body as Record<string, unknown>)['nodeReimageOption'];
    if (given !== undefined && given !== null) {
      const lower = String(given).toLowerCase();
      if (!REIMAGE_OPTIONS.includes(lower as ReimageOption)) {
        return propertyError(ctx, url, 'nodeReimageOption', `The value '${String(given)}' is not one of ${REIMAGE_OPTIONS.join(', ')}.`);
      }
      option = lower as ReimageOption;
    }
  }
  if (!pool.reimageSupported) {
    return batchError(ctx, url, 409, 'OperationNotValidOnPool', 'The specified operation is not valid on the pool.', [
      { key: 'Reason', value: `Reimage is not supported for the configuration of pool '${pool.id}'.` },
    ]);
  }
  if (activeReimage(node)) { return batchError(ctx, url, 409, 'NodeBeingReimaged', 'The specified node is being reimaged.'); }
  const pending = pendingActionRefusal(node);
  if (pending) { return batchError(ctx, url, 409, pending[0], pending[1], [{ key: 'NodeState', value: node.state }, { key: 'Reason', value: pending[2] }]); }
  if (node.state !== 'idle' && node.state !== 'running') {
    const [code, message] = STATE_REFUSALS[node.state] ?? ['OperationNotValidOnNode', 'The specified operation is not valid on the node.'];
    return batchError(ctx, url, 409, code, message, [
      { key: 'NodeState', value: node.state },
      { key: 'Reason', value: 'A compute node can be reimaged only when it is in the idle or running state.' },
    ]);
  }
  startReimage(env, pool, node, option);
  return emptyReply(202, { dataserviceid: `${url}/pools/${pool.id}/nodes/${node.id}/reimage` });
}
