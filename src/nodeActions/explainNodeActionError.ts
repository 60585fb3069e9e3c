/**
 * Plain words for the service's refusals of the node and pool actions: what it means and what to do, followed by the
 * service's code, message and reason (the request ids go to the log). Pure.
 */
import type { ServiceErrorLike } from '../reimage/explainReimageError';
import * as l10n from '../utils/l10n';
import type { NodeAction } from './nodeActionRules';

export type { ServiceErrorLike } from '../reimage/explainReimageError';

/** A node action, reading a node file, or a pool's resize / stop resize. */
export type ExplainedAction = NodeAction | 'readFile' | 'resize' | 'stopResize';

const BUSY = new Set(['NodeBeingRebooted', 'NodeBeingReimaged', 'NodeBeingStarted', 'NodeBeingCreated']);

function value(error: ServiceErrorLike, key: string): string | undefined {
  return error.values?.find((v) => v.key === key)?.value;
}

function stateRule(action: ExplainedAction): string {
  switch (action) {
    case 'reboot': return l10n.t('The service reboots a node only while it is idle or running, or after its start task failed.');
    case 'deallocate': return l10n.t('The service deallocates a node only while it is idle or running.');
    case 'start': return l10n.t('Only a deallocated node can be started.');
    case 'disableScheduling':
    case 'enableScheduling': return l10n.t('Scheduling can be changed while a node is idle, running, offline, or waiting for or failed in its start task.');
    case 'addUser': return l10n.t('User accounts can be added while a node is idle or running (in practice also offline or after its start task failed).');
    default: return l10n.t('The node is not in a state that allows this.');
  }
}

function meaningOf(action: ExplainedAction, error: ServiceErrorLike): string | undefined {
  const code = error.code ?? '';
  const state = value(error, 'NodeState');
  const allocation = value(error, 'AllocationState');
  if (BUSY.has(code)) {
    return l10n.t('The node is busy ({0}). Wait until it is idle or running, refresh, and try again.', state ?? code);
  }
  if (code === 'NodeStateUnusable') {
    return l10n.t('The node is unusable. {0} Remove it from the pool to get a healthy node instead.', stateRule(action));
  }
  if (code === 'OperationNotValidOnNode' || code === 'OperationInvalidForCurrentState') {
    if (action === 'stopResize') { return l10n.t('The pool is not resizing (it is {0}); there is nothing to stop.', allocation ?? l10n.t('steady')); }
    return state ? l10n.t('The node is {0}. {1}', state, stateRule(action)) : stateRule(action);
  }
  if (code === 'NodeAlreadyInTargetSchedulingState') {
    return action === 'disableScheduling'
      ? l10n.t('Scheduling is already disabled on this node. Refresh the tree to see its current state.')
      : l10n.t('Scheduling is already enabled on this node. Refresh the tree to see its current state.');
  }
  if (code === 'PoolBeingResized') {
    return action === 'remove'
      ? l10n.t('The pool is {0}: nodes can be removed only while it is steady. Wait until the current resize ends (or stop it), then try again.', allocation ?? l10n.t('resizing'))
      : l10n.t('The pool is {0}: it can be resized only while it is steady. Wait until the current resize ends, or stop it.', allocation ?? l10n.t('resizing'));
  }
  if (code === 'OperationNotValidOnPool') {
    return l10n.t('The pool does not allow this (for example, it scales automatically). See the reason below.');
  }
  if (code === 'PoolBeingDeleted') { return l10n.t('The pool is being deleted.'); }
  if (code === 'NodeUserExists') {
    return l10n.t('A user named {0} already exists on the node. Pick another name.', value(error, 'UserName') ?? '');
  }
  if (code === 'FileNotFound') {
    return l10n.t('The file is not on the node (any more): tasks and reimages remove files. Refresh the folder.');
  }
  if (code === 'InvalidRange') { return l10n.t('The file is shorter than the part asked for (it changed): refresh it.'); }
  if (code === 'NodeNotFound') { return l10n.t('The node is no longer in the pool. Refresh the pool.'); }
  if (code === 'PoolNotFound') { return l10n.t('The pool no longer exists. Refresh the account.'); }
  if (error.status === 412 || code === 'ConditionNotMet') {
    return l10n.t('The pool was changed by someone else since it was loaded. Refresh it and try again.');
  }
  if (code === 'InvalidPropertyValue' || code === 'MissingRequiredProperty') {
    const property = value(error, 'PropertyName');
    return property ? l10n.t('The service refused the value of {0}.', property) : l10n.t('The service refused a value of the request.');
  }
  if (error.status === 403) {
    return l10n.t('You lack permission for this in the Batch account. Ask for the Azure Batch Contributor role (or use the account key).');
  }
  if (error.status === 429) { return l10n.t('The service throttled the request. Try again in a moment.'); }
  return undefined;
}

/** One message for the notification: meaning and what to do, then "Service: Code: message (reason)." */
export function explainNodeActionError(action: ExplainedAction, error: ServiceErrorLike): string {
  const code = error.code ?? 'Unknown';
  const reason = value(error, 'Reason');
  const firstLine = (error.serviceMessage ?? error.message ?? '').split('\n')[0]!.replace(/[.\s]+$/, '');
  const service = `${code}: ${firstLine}${reason ? ` (${reason.replace(/[.\s]+$/, '')})` : ''}`;
  const meaning = meaningOf(action, error);
  return meaning ? l10n.t('{0} Service: {1}.', meaning, service) : error.message ?? service;
}
