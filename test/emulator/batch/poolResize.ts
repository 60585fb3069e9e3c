/**
 * Pool size (2025-06-01.21.0):
 *   POST /pools/{poolId}/resize       BatchPoolResizeOptions; only while allocationState is steady and autoscale is off
 *   POST /pools/{poolId}/stopresize   resizing -> stopping -> steady; the pool keeps the nodes it has at that moment
 *   POST /pools/{poolId}/removenodes  BatchNodeRemoveOptions: at most 100 node ids, only while steady
 * While a resize runs the pool is `resizing`: every nodeTransitionMs new nodes join (creating -> starting -> idle) or
 * excess nodes leave (their tasks settled per nodeDeallocationOption, then leavingpool, then gone); when the counts
 * match the targets and no node is leaving, the pool is `steady` again. Refusals use the Batch error list
 * (409 PoolBeingResized, 409 OperationNotValidOnPool, 400 InvalidPropertyValue, 412 ConditionNotMet on If-Match).
 */
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { emptyReply, isoTime } from '../http';
import type { BatchAccountRecord, NodeRecord, PoolRecord, ReimageOption } from '../state';
import { touch } from '../state';
import { evaluateConditions } from './conditional';
import { batchError, propertyError } from './errors';
import { isReply } from './listing';
import { isLeaving, startJoining, startRemoval } from './nodeTransitions';
import { poolHeaders } from './pools';
import { findPool, readJsonObject, readOption, readResizeTimeout } from './requestParts';

const DEALLOCATION_OPTIONS: ReimageOption[] = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'];
export const MAX_NODES_PER_REMOVE = 100;
/** Which nodes a shrinking pool gives up first: broken and idle ones before busy ones. */
const REMOVAL_ORDER = ['unusable', 'starttaskfailed', 'unknown', 'preempted', 'offline', 'idle', 'creating', 'starting', 'waitingforstarttask', 'deallocated', 'running'];

function accepted(url: string, pool: PoolRecord, action: string): Reply {
  return emptyReply(202, { ...poolHeaders(pool), dataserviceid: `${url}/pools/${pool.id}/${action}` });
}

function notSteady(ctx: Ctx, url: string, pool: PoolRecord, what: string): Reply {
  return batchError(ctx, url, 409, 'PoolBeingResized', 'The specified pool is being resized.', [
    { key: 'AllocationState', value: pool.allocationState },
    { key: 'Reason', value: `${what} only while the pool's allocation state is steady; it is ${pool.allocationState}.` },
  ]);
}

/** If-Match / If-None-Match / If-(Un)Modified-Since on the pool: 412 ConditionNotMet when one fails. */
function conditionFailed(ctx: Ctx, url: string, pool: PoolRecord): Reply | undefined {
  if (evaluateConditions(ctx, pool.eTag, pool.lastModified, 'write') === 'ok') { return undefined; }
  return batchError(ctx, url, 412, 'ConditionNotMet', 'The condition specified using HTTP conditional header(s) is not met.');
}

function setAllocationState(pool: PoolRecord, state: PoolRecord['allocationState']): void {
  pool.allocationState = state;
  pool.allocationStateTransitionTime = Date.now();
}

/** Ids "tvm-{number}_{n}-{stamp}": the pool's number and the next free n and index. */
function nextNodeIdentity(pool: PoolRecord): { prefix: number; n: number; index: number } {
  let prefix: number | undefined;
  let n = 0;
  let index = -1;
  for (const node of pool.nodes) {
    const m = /^tvm-(\d+)_(\d+)-/.exec(node.id);
    if (m) {
      prefix ??= Number(m[1]);
      n = Math.max(n, Number(m[2]));
    }
    index = Math.max(index, node.index);
  }
  let hash = 0;
  for (const c of pool.id) { hash = (hash * 31 + c.charCodeAt(0)) % 90_000_000; }
  return { prefix: prefix ?? 1_700_000_000 + hash, n: n + 1, index: index + 1 };
}

function addNode(env: Env, pool: PoolRecord, dedicated: boolean): void {
  const { prefix, n, index } = nextNodeIdentity(pool);
  const now = Date.now();
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'z').toLowerCase();
  const node: NodeRecord = {
    id: `tvm-${prefix}_${n}-${stamp}`,
    index,
    state: 'creating',
    schedulingState: 'enabled',
    dedicated,
    allocationTime: now,
    lastBootTime: now,
    stateTransitionTime: now,
    totalTasksRun: 0,
    totalTasksSucceeded: 0,
    startTaskRev: pool.startTaskHistory.length - 1,
  };
  pool.nodes.push(node);
  pool.nodeById.set(node.id, node);
  startJoining(env, pool, node);
}

function removalRank(node: NodeRecord): number {
  const rank = REMOVAL_ORDER.indexOf(node.state);
  return rank < 0 ? REMOVAL_ORDER.length : rank;
}

/** One step of a resize: start removing excess nodes, add part of the missing ones, or settle to steady. */
function resizeStep(env: Env, pool: PoolRecord, seq: number): void {
  const op = pool.resize;
  if (!op || op.seq !== seq || pool.allocationState !== 'resizing') { return; }
  const targets = { true: Number(pool.spec['targetDedicatedNodes'] ?? 0), false: Number(pool.spec['targetLowPriorityNodes'] ?? 0) };
  let busy = pool.nodes.some(isLeaving);
  for (const dedicated of [true, false]) {
    const staying = pool.nodes.filter((n) => n.dedicated === dedicated && !isLeaving(n));
    const target = targets[String(dedicated) as 'true' | 'false'];
    if (staying.length > target) {
      const excess = staying.slice().sort((a, b) => removalRank(a) - removalRank(b)).slice(0, staying.length - target);
      for (const node of excess) { startRemoval(env, pool, node, op.nodeDeallocationOption); }
      busy = true;
    } else if (staying.length < target) {
      const missing = target - staying.length;
      for (let i = 0; i < Math.max(1, Math.ceil(missing / 2)); i++) { addNode(env, pool, dedicated); }
      busy = true;
    }
  }
  if (!busy) {
    pool.resize = undefined;
    setAllocationState(pool, 'steady');
    return;
  }
  env.scheduler.after(env.options.nodeTransitionMs, () => resizeStep(env, pool, seq));
}

function beginResize(env: Env, pool: PoolRecord, kind: 'resize' | 'removenodes', option: ReimageOption): number {
  const seq = (pool.resize?.seq ?? 0) + 1;
  pool.resize = { kind, nodeDeallocationOption: option, requestedAt: isoTime(Date.now()), seq };
  delete pool.spec['resizeErrors'];
  setAllocationState(pool, 'resizing');
  touch(pool);
  env.scheduler.after(env.options.nodeTransitionMs, () => resizeStep(env, pool, seq));
  return seq;
}

function readTarget(ctx: Ctx, url: string, body: Record<string, unknown>, name: string, current: number): number | Reply {
  const value = body[name];
  if (value === undefined || value === null) { return current; }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return propertyError(ctx, url, name, `The value must be an integer of 0 or more; got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function resizePool(ctx: Ctx, env: Env, account: BatchAccountRecord, url: string, poolId: string): Reply {
  const pool = findPool(ctx, account, url, poolId);
  if (isReply(pool)) { return pool; }
  const body = readJsonObject(ctx, url, true);
  if (isReply(body)) { return body; }
  const dedicated = readTarget(ctx, url, body, 'targetDedicatedNodes', Number(pool.spec['targetDedicatedNodes'] ?? 0));
  if (isReply(dedicated)) { return dedicated; }
  const lowPriority = readTarget(ctx, url, body, 'targetLowPriorityNodes', Number(pool.spec['targetLowPriorityNodes'] ?? 0));
  if (isReply(lowPriority)) { return lowPriority; }
  const option = readOption(ctx, url, body, 'nodeDeallocationOption', DEALLOCATION_OPTIONS, 'requeue');
  if (isReply(option)) { return option; }
  const timeout = readResizeTimeout(ctx, url, body);
  if (isReply(timeout)) { return timeout; }
  if (pool.state === 'deleting') { return batchError(ctx, url, 409, 'PoolBeingDeleted', 'The specified pool has been marked for deletion and is being reclaimed.'); }
  if (pool.spec['enableAutoScale'] === true) {
    return batchError(ctx, url, 409, 'OperationNotValidOnPool', 'The specified operation is not valid on the pool.', [
      { key: 'Reason', value: 'The pool has automatic scaling enabled; disable it before resizing the pool.' },
    ]);
  }
  const condition = conditionFailed(ctx, url, pool);
  if (condition) { return condition; }
  if (pool.allocationState !== 'steady') { return notSteady(ctx, url, pool, 'A pool can be resized'); }
  pool.spec['targetDedicatedNodes'] = dedicated;
  pool.spec['targetLowPriorityNodes'] = lowPriority;
  if (timeout !== undefined) { pool.spec['resizeTimeout'] = timeout; }
  beginResize(env, pool, 'resize', option);
  return accepted(url, pool, 'resize');
}

export function stopPoolResize(ctx: Ctx, env: Env, account: BatchAccountRecord, url: string, poolId: string): Reply {
  const pool = findPool(ctx, account, url, poolId);
  if (isReply(pool)) { return pool; }
  const condition = conditionFailed(ctx, url, pool);
  if (condition) { return condition; }
  if (pool.allocationState !== 'resizing') {
    return batchError(ctx, url, 409, 'OperationInvalidForCurrentState', 'The specified operation is not valid for the current state of the resource.', [
      { key: 'AllocationState', value: pool.allocationState },
      { key: 'Reason', value: `There is no resize to stop: the pool's allocation state is ${pool.allocationState}.` },
    ]);
  }
  const seq = (pool.resize?.seq ?? 0) + 1;
  pool.resize = { kind: pool.resize?.kind ?? 'resize', nodeDeallocationOption: pool.resize?.nodeDeallocationOption ?? 'requeue', requestedAt: isoTime(Date.now()), seq };
  setAllocationState(pool, 'stopping');
  env.scheduler.after(env.options.nodeTransitionMs, () => {
    if (pool.resize?.seq !== seq) { return; }
    const staying = pool.nodes.filter((n) => !isLeaving(n));
    const dedicated = staying.filter((n) => n.dedicated).length;
    const reached = dedicated === pool.spec['targetDedicatedNodes'] && staying.length - dedicated === pool.spec['targetLowPriorityNodes'];
    pool.spec['targetDedicatedNodes'] = dedicated;
    pool.spec['targetLowPriorityNodes'] = staying.length - dedicated;
    if (!reached) {
      pool.spec['resizeErrors'] = [{ code: 'ResizeStopped', message: 'Desired number of dedicated nodes could not be allocated as the resize was stopped' }];
    }
    pool.resize = undefined;
    touch(pool);
    setAllocationState(pool, 'steady');
  });
  return accepted(url, pool, 'stopresize');
}

export function removeNodes(ctx: Ctx, env: Env, account: BatchAccountRecord, url: string, poolId: string): Reply {
  const pool = findPool(ctx, account, url, poolId);
  if (isReply(pool)) { return pool; }
  const body = readJsonObject(ctx, url, true);
  if (isReply(body)) { return body; }
  const list = body['nodeList'];
  if (!Array.isArray(list) || list.some((id) => typeof id !== 'string')) {
    return propertyError(ctx, url, 'nodeList', 'nodeList must be an array of node ids.', list === undefined ? 'MissingRequiredProperty' : 'InvalidPropertyValue');
  }
  const ids = [...new Set(list as string[])];
  if (ids.length === 0) { return propertyError(ctx, url, 'nodeList', 'nodeList must name at least one node.'); }
  if (ids.length > MAX_NODES_PER_REMOVE) {
    return propertyError(ctx, url, 'nodeList', `A maximum of ${MAX_NODES_PER_REMOVE} nodes may be removed per request; this one names ${ids.length}.`);
  }
  const option = readOption(ctx, url, body, 'nodeDeallocationOption', DEALLOCATION_OPTIONS, 'requeue');
  if (isReply(option)) { return option; }
  const timeout = readResizeTimeout(ctx, url, body);
  if (isReply(timeout)) { return timeout; }
  if (pool.state === 'deleting') { return batchError(ctx, url, 409, 'PoolBeingDeleted', 'The specified pool has been marked for deletion and is being reclaimed.'); }
  const condition = conditionFailed(ctx, url, pool);
  if (condition) { return condition; }
  if (pool.allocationState !== 'steady') { return notSteady(ctx, url, pool, 'Nodes can be removed from a pool'); }
  const missing = ids.find((id) => !pool.nodeById.has(id));
  if (missing !== undefined) {
    return batchError(ctx, url, 404, 'NodeNotFound', 'The specified node does not exist.', [{ key: 'NodeId', value: missing }]);
  }
  const nodes = ids.map((id) => pool.nodeById.get(id)!);
  const dedicated = nodes.filter((n) => n.dedicated).length;
  pool.spec['targetDedicatedNodes'] = Math.max(0, Number(pool.spec['targetDedicatedNodes'] ?? 0) - dedicated);
  pool.spec['targetLowPriorityNodes'] = Math.max(0, Number(pool.spec['targetLowPriorityNodes'] ?? 0) - (nodes.length - dedicated));
  if (timeout !== undefined) { pool.spec['resizeTimeout'] = timeout; }
  beginResize(env, pool, 'removenodes', option);
  for (const node of nodes) { startRemoval(env, pool, node, option); }
  return accepted(url, pool, 'removenodes');
}
