/**
 * POST .../nodes/{nodeId}/reboot | deallocate | start | disablescheduling | enablescheduling, with the service's
 * state rules (REST reference, 2025-06-01.21.0):
 *   reboot      idle or running; also starttaskfailed (a reboot reruns the start task, Batch Explorer's remedy)
 *   deallocate  idle or running;  start: deallocated only
 *   disablescheduling / enablescheduling: a node whose agent answers (idle, running, offline, starttaskfailed,
 *               waitingforstarttask), and only when the scheduling state changes (409 NodeAlreadyInTargetSchedulingState)
 * Other states get the 409 codes of the Batch error list (NodeBeingRebooted, NodeStateUnusable, ...).
 */
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { emptyReply } from '../http';
import type { BatchAccountRecord, NodeRecord, NodeState, PoolRecord, ReimageOption } from '../state';
import { batchError } from './errors';
import { isReply } from './listing';
import { disableScheduling, enableScheduling, startDeallocate, startNode, startReboot } from './nodeTransitions';
import { findNode, readJsonObject, readOption, stateRefusal } from './requestParts';

const FOUR_OPTIONS: ReimageOption[] = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'];
const DISABLE_OPTIONS: ReimageOption[] = ['requeue', 'terminate', 'taskcompletion'];
const REBOOTABLE: NodeState[] = ['idle', 'running', 'starttaskfailed'];
const DEALLOCATABLE: NodeState[] = ['idle', 'running'];
const SCHEDULING_STATES: NodeState[] = ['idle', 'running', 'offline', 'starttaskfailed', 'waitingforstarttask'];

export type NodeCommand = 'reboot' | 'deallocate' | 'start' | 'disablescheduling' | 'enablescheduling';
export const NODE_COMMANDS: readonly NodeCommand[] = ['reboot', 'deallocate', 'start', 'disablescheduling', 'enablescheduling'];

function accepted(status: number, url: string, pool: PoolRecord, node: NodeRecord, action: string): Reply {
  return emptyReply(status, { dataserviceid: `${url}/pools/${pool.id}/nodes/${node.id}/${action}` });
}

function schedulingConflict(ctx: Ctx, url: string, node: NodeRecord, target: 'enabled' | 'disabled'): Reply | undefined {
  if (node.schedulingState !== target) { return undefined; }
  return batchError(ctx, url, 409, 'NodeAlreadyInTargetSchedulingState', 'The specified node is already in the target scheduling state.', [
    { key: 'SchedulingState', value: node.schedulingState },
    { key: 'Reason', value: `Task scheduling is already ${target} on the node.` },
  ]);
}

export function handleNodeCommand(ctx: Ctx, env: Env, account: BatchAccountRecord, url: string, poolId: string, nodeId: string, command: NodeCommand): Reply {
  const found = findNode(ctx, account, url, poolId, nodeId);
  if (isReply(found)) { return found; }
  const { pool, node } = found;
  const body = command === 'start' || command === 'enablescheduling' ? {} : readJsonObject(ctx, url);
  if (isReply(body)) { return body; }

  switch (command) {
    case 'reboot': {
      const option = readOption(ctx, url, body, 'nodeRebootOption', FOUR_OPTIONS, 'requeue');
      if (isReply(option)) { return option; }
      const refused = stateRefusal(ctx, url, node, REBOOTABLE, 'rebooted');
      if (refused) { return refused; }
      startReboot(env, pool, node, option);
      return accepted(202, url, pool, node, 'reboot');
    }
    case 'deallocate': {
      const option = readOption(ctx, url, body, 'nodeDeallocateOption', FOUR_OPTIONS, 'requeue');
      if (isReply(option)) { return option; }
      const refused = stateRefusal(ctx, url, node, DEALLOCATABLE, 'deallocated');
      if (refused) { return refused; }
      startDeallocate(env, pool, node, option);
      return accepted(202, url, pool, node, 'deallocate');
    }
    case 'start': {
      const refused = stateRefusal(ctx, url, node, ['deallocated'], 'started');
      if (refused) { return refused; }
      startNode(env, pool, node);
      return accepted(202, url, pool, node, 'start');
    }
    case 'disablescheduling': {
      const option = readOption(ctx, url, body, 'nodeDisableSchedulingOption', DISABLE_OPTIONS, 'requeue');
      if (isReply(option)) { return option; }
      const refused = stateRefusal(ctx, url, node, SCHEDULING_STATES, 'taken out of scheduling') ?? schedulingConflict(ctx, url, node, 'disabled');
      if (refused) { return refused; }
      disableScheduling(env, pool, node, option);
      return accepted(200, url, pool, node, 'disablescheduling');
    }
    case 'enablescheduling': {
      const refused = stateRefusal(ctx, url, node, SCHEDULING_STATES, 'put back into scheduling') ?? schedulingConflict(ctx, url, node, 'enabled');
      if (refused) { return refused; }
      enableScheduling(pool, node);
      return accepted(200, url, pool, node, 'enablescheduling');
    }
  }
}
