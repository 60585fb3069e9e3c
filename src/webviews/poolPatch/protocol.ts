/**
 * What identifies a pool editor: kept by its webview (setState) to restore the panel after a window reload, and
 * checked when it comes back. Pure.
 */
import { isJsonObject } from '../../jsonEditing/jsonValue';
import type { BatchAccountInfo } from '../../services/azureGateway';

export const POOL_PATCH_VIEW_TYPE = 'azureBatch.poolPatch';

export interface PoolPatchTarget {
  account: BatchAccountInfo;
  poolId: string;
  /** Id of the pool's row in the explorer (to refresh it after a change). */
  poolItemId?: string;
}

/** The pool's URL: also the key its draft is kept under. */
export function poolUrl(target: Pick<PoolPatchTarget, 'account' | 'poolId'>): string {
  return `${target.account.url}/pools/${encodeURIComponent(target.poolId)}`;
}

/** The revival state, when it names a pool. */
export function isPoolPatchTarget(value: unknown): value is PoolPatchTarget {
  if (!isJsonObject(value) || typeof value['poolId'] !== 'string' || !isJsonObject(value['account'])) {
    return false;
  }
  const account = value['account'];
  return typeof account['url'] === 'string' && typeof account['name'] === 'string' && typeof account['key'] === 'string' &&
    (account['auth'] === 'entraId' || account['auth'] === 'sharedKey');
}
