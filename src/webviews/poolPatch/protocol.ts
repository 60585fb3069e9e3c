/**
 * What identifies a pool editor (what its webview keeps to restore it: revival.ts). Pure.
 */
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
