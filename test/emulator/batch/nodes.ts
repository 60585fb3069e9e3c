/** GET /pools/{id}/nodes, GET /pools/{id}/nodes/{nodeId}, POST /pools/{id}/nodes/{nodeId}/reimage. */
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { emptyReply, jsonReply } from '../http';
import type { BatchAccountRecord, ReimageOption } from '../state';
import { BATCH_JSON, batchError } from './errors';
import { isReply, readFilter, readSelect } from './listing';
import { startReimage } from './nodeLifecycle';
import { readJsonObject, readOption, stateRefusal } from './requestParts';
import { nextLink, readPaging, takePage } from './paging';
import { poolNotFound } from './pools';
import { nodeField, nodeJson, NODE_PROPERTIES } from './serialize';

const REIMAGE_OPTIONS: ReimageOption[] = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'];

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
  const body = readJsonObject(ctx, url);
  if (isReply(body)) { return body; }
  const option = readOption(ctx, url, body, 'nodeReimageOption', REIMAGE_OPTIONS, 'requeue');
  if (isReply(option)) { return option; }
  if (!pool.reimageSupported) {
    return batchError(ctx, url, 409, 'OperationNotValidOnPool', 'The specified operation is not valid on the pool.', [
      { key: 'Reason', value: `Reimage is not supported for the configuration of pool '${pool.id}'.` },
    ]);
  }
  const refused = stateRefusal(ctx, url, node, ['idle', 'running'], 'reimaged');
  if (refused) { return refused; }
  startReimage(env, pool, node, option);
  return emptyReply(202, { dataserviceid: `${url}/pools/${pool.id}/nodes/${node.id}/reimage` });
}
