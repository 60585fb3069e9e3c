import type * as vscode from 'vscode';

/** One row of the explorer: a small object that knows its id, its parent and how to show and expand itself. */
export abstract class TreeNode {
  constructor(readonly parent: TreeNode | undefined) {}

  /** Unique and stable across refreshes (VS Code keeps expansion and selection by it). */
  abstract readonly id: string;

  abstract getTreeItem(): vscode.TreeItem | Promise<vscode.TreeItem>;

  getChildren(_token: vscode.CancellationToken): Promise<TreeNode[]> | TreeNode[] {
    return [];
  }

  /** The row this one is shown under (VS Code's `getParent`): its parent, unless a grouping row sits between. */
  treeParent(): TreeNode | undefined {
    return this.parent;
  }

  /** Drops cached children so the next expansion loads them fresh. */
  invalidate(): void {}

  /** What Copy ID, Copy URL and View Properties act on; undefined when the row is not a resource. */
  resource(): ResourceRef | undefined {
    return undefined;
  }
}

export interface ResourceRef {
  /** ARM resource id, or the Batch entity id (pool id, node id). */
  id: string;
  /** REST URL of the resource. */
  url: string;
  /** Fetches the full resource fresh. */
  fetch(token: vscode.CancellationToken): Promise<unknown>;
  /** A name for the read-only properties tab, e.g. "pool-1.json". */
  documentName: string;
}
