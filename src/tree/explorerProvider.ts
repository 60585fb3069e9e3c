import * as vscode from 'vscode';
import { ext } from '../ext';
import { errorDetails, errorMessage, isCancellation } from '../utils/errors';
import type { TreeBackend } from './backend';
import { ErrorItem, isAuthError } from './messageItems';
import { RootNode } from './rootItems';
import type { TreeContext } from './treeContext';
import type { TreeNode } from './treeNode';

/**
 * The "Azure Batch" tree. Children load when a row expands; a branch that fails shows an error row with "Retry"
 * (and "Sign in…" for authentication errors) while the rest of the tree keeps working. Nothing is thrown into
 * VS Code.
 */
export class ExplorerProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly root: RootNode;
  readonly ctx: TreeContext;
  private signedIn: boolean | undefined;

  constructor(backend: TreeBackend, memento: vscode.Memento) {
    this.ctx = {
      backend,
      memento,
      transient: new Map(),
      items: new Map(),
      refresh: (node) => this.refresh(node),
      redraw: (node) => this.changed.fire(node),
    };
    this.root = new RootNode(this.ctx, (signedIn) => this.setSignedIn(signedIn));
  }

  private setSignedIn(signedIn: boolean): void {
    if (signedIn !== this.signedIn) {
      this.signedIn = signedIn;
      void vscode.commands.executeCommand('setContext', 'azureBatch.signedIn', signedIn);
    }
    void vscode.commands.executeCommand('setContext', 'azureBatch.treeLoaded', true);
  }

  refresh(node?: TreeNode): void {
    (node ?? this.root).invalidate();
    this.changed.fire(node === undefined || node === this.root ? undefined : node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem | Promise<vscode.TreeItem> {
    return node.getTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const parent = node ?? this.root;
    const source = new vscode.CancellationTokenSource();
    try {
      return await parent.getChildren(source.token);
    } catch (error) {
      if (isCancellation(error)) {
        return [];
      }
      ext().log.error(`Loading the children of ${parent.id} failed: ${errorDetails(error)}`);
      return [new ErrorItem(node, errorMessage(error), () => this.refresh(node), isAuthError(error))];
    } finally {
      source.dispose();
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
