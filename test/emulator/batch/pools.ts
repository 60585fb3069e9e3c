/** GET /pools, GET /pools/{id}, GET /nodecounts. */
import type { Ctx, Reply } from '../http';
import { emptyReply, httpDate, jsonReply } from '../http';
import type { BatchAccountRecord, PoolRecord } from '../state';
import { evaluateConditions } from './conditional';
import { BATCH_JSON, batchError } from './errors';
import { isReply, readFilter, readSelect } from './listing';
import { nextLink, readPaging, takePage } from './paging';
import { pick, poolJson, poolNodeCounts, POOL_PROPERTIES } from './serialize';

export function poolNotFound(ctx: Ctx, accountUrl: string): Reply {
  return batchError(ctx, accountUrl, 404, 'PoolNotFound', 'The specified pool does not exist.');
}

export function poolHeaders(pool: PoolRecord): Record<string, string> {
  return { etag: pool.eTag, 'last-modified': httpDate(pool.lastModified) };
}

export function listPools(ctx: Ctx, account: BatchAccountRecord, accountUrl: string): Reply {
  const select = readSelect(ctx, accountUrl, POOL_PROPERTIES, 'CloudPool');
  if (isReply(select)) { return select; }
  const filter = readFilter(ctx, accountUrl, POOL_PROPERTIES, 'CloudPool');
  if (isReply(filter)) { return filter; }
  const paging = readPaging(ctx, accountUrl);
  if (isReply(paging)) { return paging; }
  const pools = [...account.pools.values()].map((p) => poolJson(p, accountUrl));
  const page = takePage(pools, (p) => (filter ? filter.test((f) => p[f]) : true), paging);
  return jsonReply(
    200,
    {
      'odata.metadata': `${accountUrl}/$metadata#pools`,
      value: page.items.map((p) => pick(p, select)),
      ...(page.next !== undefined ? { 'odata.nextLink': nextLink(ctx, page.next) } : {}),
    },
    {},
    BATCH_JSON,
  );
}

export function getPool(ctx: Ctx, account: BatchAccountRecord, accountUrl: string, poolId: string): Reply {
  const pool = account.pools.get(poolId);
  if (!pool) { return poolNotFound(ctx, accountUrl); }
  const select = readSelect(ctx, accountUrl, POOL_PROPERTIES, 'CloudPool');
  if (isReply(select)) { return select; }
  const headers = poolHeaders(pool);
  const condition = evaluateConditions(ctx, pool.eTag, pool.lastModified, 'read');
  if (condition === 'notModified') { return emptyReply(304, headers); }
  if (condition === 'preconditionFailed') {
    return batchError(ctx, accountUrl, 412, 'ConditionNotMet', 'The condition specified using HTTP conditional header(s) is not met.');
  }
  return jsonReply(200, { 'odata.metadata': `${accountUrl}/$metadata#pools/@Element`, ...pick(poolJson(pool, accountUrl), select) }, headers, BATCH_JSON);
}

export function listPoolNodeCounts(ctx: Ctx, account: BatchAccountRecord, accountUrl: string): Reply {
  const filter = readFilter(ctx, accountUrl, ['poolId'], 'PoolNodeCounts');
  if (isReply(filter)) { return filter; }
  const paging = readPaging(ctx, accountUrl);
  if (isReply(paging)) { return paging; }
  const pools = [...account.pools.values()];
  const page = takePage(pools, (p) => (filter ? filter.test((f) => (f === 'poolId' ? p.id : undefined)) : true), paging);
  return jsonReply(
    200,
    {
      'odata.metadata': `${accountUrl}/$metadata#poolnodecounts`,
      value: page.items.map(poolNodeCounts),
      ...(page.next !== undefined ? { 'odata.nextLink': nextLink(ctx, page.next) } : {}),
    },
    {},
    BATCH_JSON,
  );
}
