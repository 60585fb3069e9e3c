/**
 * Timed state machines of the node actions (besides reimage, in nodeLifecycle.ts), stepping at nodeTransitionMs:
 *   reboot      [tasks settle] -> rebooting -> starting -> idle (or starttaskfailed when the start task fails again)
 *   deallocate  [tasks settle] -> deallocating -> deallocated;   start: deallocated -> starting -> idle
 *   disable scheduling: schedulingState disabled at once; idle (or running once its tasks settle) -> offline
 *   enable scheduling:  schedulingState enabled; offline -> idle
 *   remove (removenodes / resize down): [tasks settle] -> leavingpool -> gone from the pool
 * "Tasks settle" follows the option: requeue / terminate stop the running tasks at once; taskcompletion /
 * retaineddata let them finish first (one step, two for retaineddata) with scheduling disabled meanwhile.
 * Every action bumps node.actionSeq; a timer whose action is no longer the node's latest does nothing.
 */
import type { Env } from '../env';
import { isoTime } from '../http';
import type { NodeActionRecord, NodeRecord, NodeState, PoolRecord, ReimageOption } from '../state';
import { startTaskRerunSucceeds } from '../data/startTaskOutput';
import { activeReimage } from './nodeLifecycle';

export type NodeAction = NodeActionRecord['action'];

export interface ActionRun {
  record: NodeActionRecord;
  /** True while this action is still the node's latest and the node is still in the pool. */
  stillOurs(): boolean;
}

export function moveNode(node: NodeRecord, state: NodeState, run?: ActionRun): void {
  const now = Date.now();
  node.state = state;
  node.stateTransitionTime = now;
  run?.record.transitions.push({ state, at: isoTime(now) });
}

export function beginAction(pool: PoolRecord, node: NodeRecord, action: NodeAction, option?: string): ActionRun {
  const active = activeReimage(node);
  if (active) {
    active.finishedAt = isoTime(Date.now());
    active.outcome = 'interrupted';
  }
  const seq = (node.actionSeq ?? 0) + 1;
  node.actionSeq = seq;
  const record: NodeActionRecord = {
    action,
    ...(option !== undefined ? { option } : {}),
    requestedAt: isoTime(Date.now()),
    fromState: node.state,
    requeuedTaskIds: [],
    terminatedTaskIds: [],
    completedTaskIds: [],
    transitions: [],
  };
  node.lastAction = record;
  return { record, stillOurs: () => node.actionSeq === seq && pool.nodeById.get(node.id) === node };
}

function finish(run: ActionRun): void {
  run.record.finishedAt = isoTime(Date.now());
}

/**
 * Why a second action is refused while an earlier one is still under way on the node (its tasks are finishing, or a
 * reimage waits for them): [code, message, reason], or undefined when nothing is pending.
 */
export function pendingActionRefusal(node: NodeRecord): [string, string, string] | undefined {
  if (activeReimage(node)) {
    return ['NodeBeingReimaged', 'The specified node is being reimaged.', 'A reimage requested earlier is still in progress on the node.'];
  }
  const pending = node.lastAction && !node.lastAction.finishedAt ? node.lastAction : undefined;
  if (!pending) { return undefined; }
  const reason = `A ${pending.action} requested at ${pending.requestedAt} is still in progress on the node.`;
  if (pending.action === 'reboot') { return ['NodeBeingRebooted', 'The specified node is being rebooted.', reason]; }
  if (pending.action === 'start') { return ['NodeBeingStarted', 'The specified node is being started.', reason]; }
  return ['OperationInvalidForCurrentState', 'The specified operation is not valid for the current state of the resource.', reason];
}

/** Handles the node's running tasks as the option says, then calls `next` (at once, or once they have finished). */
export function settleTasks(env: Env, node: NodeRecord, run: ActionRun, option: ReimageOption, next: () => void): void {
  const running = node.runningTaskIds ?? [];
  if (running.length > 0 && (option === 'taskcompletion' || option === 'retaineddata')) {
    node.schedulingState = 'disabled';
    const step = env.options.nodeTransitionMs;
    env.scheduler.after(option === 'retaineddata' ? 2 * step : step, () => {
      if (!run.stillOurs()) { return; }
      run.record.completedTaskIds = running.slice();
      node.totalTasksRun += running.length;
      node.totalTasksSucceeded += running.length;
      node.runningTaskIds = undefined;
      next();
    });
    return;
  }
  if (option === 'terminate') {
    run.record.terminatedTaskIds = running.slice();
    node.totalTasksRun += running.length;
  } else {
    run.record.requeuedTaskIds = running.slice();
  }
  node.runningTaskIds = undefined;
  next();
}

/** The node boots: the pool's current start task runs again (its outcome depends on the command line). */
function boot(pool: PoolRecord, node: NodeRecord): NodeState {
  node.lastBootTime = Date.now();
  node.errors = undefined;
  node.startTaskRev = pool.startTaskHistory.length - 1;
  const startTask = pool.startTaskHistory[node.startTaskRev];
  if (!startTask) {
    node.startTaskExitCode = undefined;
    return 'idle';
  }
  if (startTaskRerunSucceeds(startTask)) {
    node.startTaskExitCode = 0;
    return 'idle';
  }
  node.startTaskExitCode = 1;
  if (startTask['waitForSuccess'] !== true) { return 'idle'; }
  node.errors = [{ code: 'StartTaskFailed', message: 'The start task failed on the node and waitForSuccess is set', errorDetails: [{ name: 'ExitCode', value: '1' }] }];
  return 'starttaskfailed';
}

/** starting -> (start task) -> idle or starttaskfailed, one step each. */
function bootAfter(env: Env, pool: PoolRecord, node: NodeRecord, run: ActionRun): void {
  const step = env.options.nodeTransitionMs;
  env.scheduler.after(step, () => {
    if (!run.stillOurs()) { return; }
    const outcome = boot(pool, node);
    moveNode(node, 'starting', run);
    env.scheduler.after(step, () => {
      if (!run.stillOurs()) { return; }
      moveNode(node, outcome, run);
      finish(run);
    });
  });
}

export function startReboot(env: Env, pool: PoolRecord, node: NodeRecord, option: ReimageOption): ActionRun {
  const run = beginAction(pool, node, 'reboot', option);
  settleTasks(env, node, run, option, () => {
    node.schedulingState = 'enabled';
    moveNode(node, 'rebooting', run);
    bootAfter(env, pool, node, run);
  });
  return run;
}

export function startDeallocate(env: Env, pool: PoolRecord, node: NodeRecord, option: ReimageOption): ActionRun {
  const run = beginAction(pool, node, 'deallocate', option);
  settleTasks(env, node, run, option, () => {
    moveNode(node, 'deallocating', run);
    env.scheduler.after(env.options.nodeTransitionMs, () => {
      if (!run.stillOurs()) { return; }
      moveNode(node, 'deallocated', run);
      finish(run);
    });
  });
  return run;
}

export function startNode(env: Env, pool: PoolRecord, node: NodeRecord): ActionRun {
  const run = beginAction(pool, node, 'start');
  moveNode(node, 'starting', run);
  const step = env.options.nodeTransitionMs;
  env.scheduler.after(step, () => {
    if (!run.stillOurs()) { return; }
    moveNode(node, boot(pool, node), run);
    finish(run);
  });
  return run;
}

export function disableScheduling(env: Env, pool: PoolRecord, node: NodeRecord, option: ReimageOption): ActionRun {
  const run = beginAction(pool, node, 'disablescheduling', option);
  node.schedulingState = 'disabled';
  settleTasks(env, node, run, option, () => {
    if (node.state === 'idle' || node.state === 'running') { moveNode(node, 'offline', run); }
    finish(run);
  });
  return run;
}

export function enableScheduling(pool: PoolRecord, node: NodeRecord): ActionRun {
  const run = beginAction(pool, node, 'enablescheduling');
  node.schedulingState = 'enabled';
  if (node.state === 'offline') { moveNode(node, 'idle', run); }
  finish(run);
  return run;
}

/** The node leaves the pool: tasks settle per the option, leavingpool for one step, then it is gone. */
export function startRemoval(env: Env, pool: PoolRecord, node: NodeRecord, option: ReimageOption): ActionRun {
  const run = beginAction(pool, node, 'remove', option);
  settleTasks(env, node, run, option, () => {
    moveNode(node, 'leavingpool', run);
    env.scheduler.after(env.options.nodeTransitionMs, () => {
      if (!run.stillOurs()) { return; }
      finish(run);
      pool.nodes = pool.nodes.filter((n) => n !== node);
      pool.nodeById.delete(node.id);
    });
  });
  return run;
}

/** True while the node is on its way out of the pool (a remove accepted and not finished). */
export function isLeaving(node: NodeRecord): boolean {
  return node.lastAction?.action === 'remove' && !node.lastAction.finishedAt;
}

/** A new node joining the pool (resize up): creating -> starting -> idle / starttaskfailed. */
export function startJoining(env: Env, pool: PoolRecord, node: NodeRecord): void {
  const run = beginAction(pool, node, 'start');
  bootAfter(env, pool, node, run);
}
