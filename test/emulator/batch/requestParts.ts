/** Pieces the node and pool action routes share: pool/node lookup, JSON body, enum options, ISO 8601 durations. */
import type { Ctx, Reply } from '../http';
import type { BatchAccountRecord, NodeRecord, NodeState, PoolRecord } from '../state';
import { batchError, propertyError } from './errors';
import { poolNotFound } from './pools';
import { pendingActionRefusal } from './nodeTransitions';

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

export function findPool(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string): PoolRecord | Reply {
  return account.pools.get(poolId) ?? poolNotFound(ctx, url);
}

export function findNode(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string, nodeId: string): { pool: PoolRecord; node: NodeRecord } | Reply {
  const pool = account.pools.get(poolId);
  if (!pool) { return poolNotFound(ctx, url); }
  const node = pool.nodeById.get(nodeId);
  if (!node) { return batchError(ctx, url, 404, 'NodeNotFound', 'The specified node does not exist.'); }
  return { pool, node };
}

/** The request body as a JSON object ({} when empty and not required). */
export function readJsonObject(ctx: Ctx, url: string, required = false): Record<string, unknown> | Reply {
  if (ctx.body.trim() === '') {
    return required
      ? batchError(ctx, url, 400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [{ key: 'Reason', value: 'A request body is required.' }])
      : {};
  }
  let body: unknown;
  try {
    body = JSON.parse(ctx.body);
  } catch (e) {
    return batchError(ctx, url, 400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [{ key: 'Reason', value: (e as Error).message }]);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return batchError(ctx, url, 400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [{ key: 'Reason', value: 'The request body must be a JSON object.' }]);
  }
  return body as Record<string, unknown>;
}

/** An enum property (case-insensitive, like the service), `fallback` when absent. */
export function readOption<T extends string>(ctx: Ctx, url: string, body: Record<string, unknown>, name: string, allowed: readonly T[], fallback: T): T | Reply {
  const given = body[name];
  if (given === undefined || given === null) { return fallback; }
  const lower = String(given).toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) {
    return propertyError(ctx, url, name, `The value '${String(given)}' is not one of ${allowed.join(', ')}.`);
  }
  return lower as T;
}

/** Seconds of an ISO 8601 duration such as "PT15M" or "P1DT2H", undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) { return undefined; }
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

/** resizeTimeout: an ISO 8601 duration of at least 5 minutes (the service answers 400 otherwise). */
export function readResizeTimeout(ctx: Ctx, url: string, body: Record<string, unknown>): string | undefined | Reply {
  const value = body['resizeTimeout'];
  if (value === undefined || value === null) { return undefined; }
  const seconds = typeof value === 'string' ? durationSeconds(value) : undefined;
  if (seconds === undefined) { return propertyError(ctx, url, 'resizeTimeout', `'${String(value)}' is not an ISO 8601 duration such as PT15M.`); }
  if (seconds < 300) { return propertyError(ctx, url, 'resizeTimeout', 'The resize timeout must be at least 5 minutes (PT5M).'); }
  return value as string;
}

/**
 * 409 for a node that is not in one of `allowed` states (codes from the Batch error list), or that still has an
 * earlier action in progress (unless `ignorePending`: reads and user accounts do not care). `what` completes "A compute node can be {what} only when ...".
 */
export function stateRefusal(ctx: Ctx, url: string, node: NodeRecord, allowed: readonly NodeState[], what: string, options: { ignorePending?: boolean } = {}): Reply | undefined {
  const pending = options.ignorePending ? undefined : pendingActionRefusal(node);
  if (pending) { return batchError(ctx, url, 409, pending[0], pending[1], [{ key: 'NodeState', value: node.state }, { key: 'Reason', value: pending[2] }]); }
  if (allowed.includes(node.state)) { return undefined; }
  const [code, message] = STATE_REFUSALS[node.state] ?? ['OperationNotValidOnNode', 'The specified operation is not valid on the node.'];
  const states = allowed.length === 1 ? allowed[0]! : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]!}`;
  return batchError(ctx, url, 409, code, message, [
    { key: 'NodeState', value: node.state },
    { key: 'Reason', value: `A compute node can be ${what} only when it is in the ${states} state.` },
  ]);
}
