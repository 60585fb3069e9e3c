/**
 * Node state machine: reimage (reimaging -> starting -> idle at nodeTransitionMs pace, after running tasks were
 * requeued / terminated at once, or allowed to finish for taskcompletion / retaineddata) and forced states
 * (setNodeState, e.g. unusable / starttaskfailed with errors).
 */
import type { Env } from '../env';
import { isoTime } from '../http';
import type { NodeError, NodeRecord, NodeState, PoolRecord, ReimageOption, ReimageRecord } from '../state';
import { NODE_STATES } from '../state';
import { defaultErrors } from '../data/nodes';

function moveTo(node: NodeRecord, state: NodeState, record?: ReimageRecord): void {
  const now = Date.now();
  node.state = state;
  node.stateTransitionTime = now;
  record?.transitions.push({ state, at: isoTime(now) });
}

/** The reimage still in progress on this node, if any. */
export function activeReimage(node: NodeRecord): ReimageRecord | undefined {
  const last = node.reimages?.[node.reimages.length - 1];
  return last && !last.finishedAt ? last : undefined;
}

export function startReimage(env: Env, pool: PoolRecord, node: NodeRecord, option: ReimageOption): ReimageRecord {
  const running = node.runningTaskIds ?? [];
  const record: ReimageRecord = {
    option,
    requestedAt: isoTime(Date.now()),
    fromState: node.state,
    runningTaskIds: running.slice(),
    requeuedTaskIds: [],
    terminatedTasks: [],
    completedTaskIds: [],
    transitions: [],
  };
  (node.reimages ??= []).push(record);
  node.actionSeq = (node.actionSeq ?? 0) + 1;
  const step = env.options.nodeTransitionMs;
  const stillOurs = () => activeReimage(node) === record && pool.nodeById.get(node.id) === node;

  if (running.length > 0 && (option === 'taskcompletion' || option === 'retaineddata')) {
    // Schedule no new tasks; let the running ones finish (and, for retaineddata, their retention expire).
    node.schedulingState = 'disabled';
    const wait = option === 'retaineddata' ? 2 * step : step;
    env.scheduler.after(wait, () => {
      if (!stillOurs()) { return; }
      record.completedTaskIds = running.slice();
      node.totalTasksRun += running.length;
      node.totalTasksSucceeded += running.length;
      node.runningTaskIds = undefined;
      beginReimaging(env, pool, node, record, stillOurs);
    });
    return record;
  }
  if (option === 'terminate') {
    record.terminatedTasks = running.map((taskId) => ({
      taskId,
      failureInfo: { category: 'usererror', code: 'TaskEnded', message: 'The task was terminated because its compute node was reimaged (nodeReimageOption terminate).' },
    }));
    node.totalTasksRun += running.length;
  } else {
    record.requeuedTaskIds = running.slice();
  }
  node.runningTaskIds = undefined;
  beginReimaging(env, pool, node, record, stillOurs);
  return record;
}

function beginReimaging(env: Env, pool: PoolRecord, node: NodeRecord, record: ReimageRecord, stillOurs: () => boolean): void {
  const step = env.options.nodeTransitionMs;
  node.schedulingState = 'enabled';
  moveTo(node, 'reimaging', record);
  env.scheduler.after(step, () => {
    if (!stillOurs()) { return; }
    node.errors = undefined;
    node.startTaskExitCode = undefined;
    node.startTaskRev = pool.startTaskHistory.length - 1;
    node.lastBootTime = Date.now();
    moveTo(node, 'starting', record);
    env.scheduler.after(step, () => {
      if (!stillOurs()) { return; }
      moveTo(node, 'idle', record);
      record.finishedAt = isoTime(Date.now());
      record.outcome = 'completed';
    });
  });
}

export function isNodeState(value: string): value is NodeState {
  return (NODE_STATES as readonly string[]).includes(value);
}

/** Forces a node into a state (control API); unusable / starttaskfailed get default errors unless given. */
export function forceNodeState(node: NodeRecord, state: NodeState, errors?: NodeError[]): void {
  const active = activeReimage(node);
  if (active) {
    active.finishedAt = isoTime(Date.now());
    active.outcome = 'interrupted';
  }
  node.actionSeq = (node.actionSeq ?? 0) + 1;
  if (node.lastAction && !node.lastAction.finishedAt) { node.lastAction.finishedAt = isoTime(Date.now()); }
  node.errors = errors && errors.length > 0 ? errors : defaultErrors(state);
  node.startTaskExitCode = state === 'starttaskfailed' ? 1 : undefined;
  node.schedulingState = state === 'offline' ? 'disabled' : 'enabled';
  if (state === 'running') {
    node.runningTaskIds ??= [`emulator-job/task-${node.index + 1}`];
  } else {
    node.runningTaskIds = undefined;
  }
  moveTo(node, state);
}
