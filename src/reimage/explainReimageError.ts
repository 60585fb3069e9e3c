/**
 * Plain words for the service's refusals of a reimage: what it means and what to do. Pure; the service code,
 * message and values stay in the text, the request ids go to the log.
 */
import * as l10n from '../utils/l10n';

export interface ServiceErrorLike {
  code?: string;
  status?: number;
  serviceMessage?: string;
  message?: string;
  values?: readonly { key?: string; value?: string }[];
}

const BUSY = new Set(['NodeBeingReimaged', 'NodeBeingRebooted', 'NodeBeingStarted', 'NodeBeingCreated']);

function meaningOf(code: string, status: number | undefined, state: string | undefined): string | undefined {
  if (BUSY.has(code)) {
    return state
      ? l10n.t('The node is busy ({0}); the service accepts a reimage only while a node is idle or running. Wait until it is idle or running, refresh, and try again.', state)
      : l10n.t('The node is busy; the service accepts a reimage only while a node is idle or running. Wait until it is idle or running, refresh, and try again.');
  }
  if (code === 'NodeStateUnusable' || code === 'OperationNotValidOnNode') {
    return l10n.t('The node is not idle or running (it is {0}), so it cannot be reimaged. For an unusable node, check its errors in the tooltip; removing it from the pool (resize) replaces it.', state ?? l10n.t('in another state'));
  }
  if (code === 'OperationNotValidOnPool') {
    return l10n.t('This pool’s configuration does not allow reimaging its nodes. Replace the node by removing it from the pool (resize), or recreate the pool with a supported configuration.');
  }
  if (code === 'NodeNotFound') {
    return l10n.t('The node is no longer in the pool. Refresh the pool.');
  }
  if (code === 'PoolNotFound') {
    return l10n.t('The pool no longer exists. Refresh the account.');
  }
  if (status === 403 || code === 'AuthorizationFailed' || code === 'Forbidden') {
    return l10n.t('You lack permission to reimage nodes in this account. Ask for the Azure Batch Contributor role (or the account key).');
  }
  if (status === 429) {
    return l10n.t('The service throttled the request. Try again in a moment with a lower azureBatch.reimage.concurrency.');
  }
  return undefined;
}

export function explainReimageError(error: ServiceErrorLike): string {
  const code = error.code ?? 'Unknown';
  const state = error.values?.find((v) => v.key === 'NodeState')?.value;
  const reason = error.values?.find((v) => v.key === 'Reason')?.value;
  const service = `${code}: ${(error.serviceMessage ?? error.message ?? '').split('\n')[0].replace(/[.\s]+$/, '')}${reason ? ` (${reason.replace(/[.\s]+$/, '')})` : ''}`;
  const meaning = meaningOf(code, error.status, state);
  return meaning ? l10n.t('{0} Service: {1}.', meaning, service) : error.message ?? service;
}
