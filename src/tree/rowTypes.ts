import type * as vscode from 'vscode';
import type { BatchPool } from '../azure/batch/batchModels.generated';
import type { BatchAccountInfo } from '../services/azureGateway';
import type { TreeNode } from './treeNode';

/**
 * What a row needs of its parent, without importing the parent's file (a pool's row is built by its account's row, a
 * node's by its pool's: importing back would make a cycle).
 */
export interface AccountRow extends TreeNode {
  readonly account: BatchAccountInfo;
  /** Node counts of every pool in one request, for auto-refresh. */
  refreshCounts(token: vscode.CancellationToken): Promise<void>;
}

export interface PoolRow extends TreeNode {
  readonly parent: AccountRow;
  readonly pool: BatchPool;
  /** REST URL of the pool. */
  readonly url: string;
}
