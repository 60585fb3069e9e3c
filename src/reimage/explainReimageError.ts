/**
 * Plain words for the service's refusals of a reimage: what it means and what to do. Pure; the service code,
 * message and values stay in the text, the request ids go to the log.
 */
export interface ServiceErrorLike {
  code?: string;
  status?: number;
  serviceMessage?: string;
  message?: string;
  values?: readonly { key?: string; value?: string }[];
}

const BUSY = new Set(['NodeBeingReimaged', 'NodeBeingRebooted', 'NodeBeingStarted', 'NodeBeingCreated']);

export function explainReimageError(error: ServiceErrorLike): string {
  const code = error.code ?? 'Unknown';
  const state = error.values?.find((v) => v.key === 'NodeState')?.value;
  const reason = error.values?.find((v) => v.key === 'Reason')?.value;
  const service = `${code}: ${(error.serviceMessage ?? error.message ?? '').split('\n')[0].replace(/[.\s]+$/, '')}${reason ? ` (${reason.replace(/[.\s]+$/, '')})` : ''}`;
  let meaning: string;
  if (BUSY.has(code)) {
    meaning = `The node is busy${state ? ` (${state})` : ''}; the service accepts a reimage only while a node is idle or running. Wait until it is idle or running, refresh, and try again.`;
  } else if (code === 'NodeStateUnusable' || code === 'OperationNotValidOnNode') {
    meaning = `The node is not idle or running${state ? ` (it is ${state})` : ''}, so it cannot be reimaged. For an unusable node, check its errors in the tooltip; removing it from the pool (resize) replaces it.`;
  } else if (code === 'OperationNotValidOnPool') {
    meaning = 'This pool’s configuration does not allow reimaging its nodes. Replace the node by removing it from the pool (resize), or recreate the pool with a supported configuration.';
  } else if (code === 'NodeNotFound') {
    meaning = 'The node is no longer in the pool. Refresh the pool.';
  } else if (code === 'PoolNotFound') {
    meaning = 'The pool no longer exists. Refresh the account.';
  } else if (error.status === 403 || code === 'AuthorizationFailed' || code === 'Forbidden') {
    meaning = 'You lack permission to reimage nodes in this account. Ask for the Azure Batch Contributor role (or the account key).';
  } else if (error.status === 429) {
    meaning = 'The service throttled the request. Try again in a moment with a lower azureBatch.reimage.concurrency.';
  } else {
    return error.message ?? service;
  }
  return `${meaning} Service: ${service}.`;
}
