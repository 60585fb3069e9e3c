import * as vscode from 'vscode';
import { errorDetails, errorMessage, isCancellation } from '../utils/errors';
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
  private readonly signedInChanged = new vscode.EventEmitter<boolean>();
  /** Fires when the root finds the session signed in or out (the `azureBatch.signedIn` context key changes). */
  readonly onDidChangeSignedIn = this.signedInChanged.event;
  private readonly settingsWatch: vscode.Disposable;

  constructor(deps: Pick<TreeContext, 'gateway' | 'log' | 'settings' | 'memento'>) {
    this.ctx = {
      ...deps,
      transient: new Map(),
      items: new Map(),
      refresh: (node) => this.refresh(node),
      redraw: (node) => this.changed.fire(this.live(node)),
    };
    this.root = new RootNode(this.ctx, (signedIn) => this.setSignedIn(signedIn));
    // Grouping nodes by state (or not) rebuilds the pools' children.
    let groupBy = deps.settings.current.nodesGroupBy;
    this.settingsWatch = deps.settings.onDidChange((settings) => {
      if (settings.nodesGroupBy !== groupBy) {
        groupBy = settings.nodesGroupBy;
        this.refresh();
      }
    });
  }

  private setSignedIn(signedIn: boolean): void {
    if (signedIn !== this.signedIn) {
      this.signedIn = signedIn;
      void vscode.commands.executeCommand('setContext', 'azureBatch.signedIn', signedIn);
      this.signedInChanged.fire(signedIn);
    }
    void vscode.commands.executeCommand('setContext', 'azureBatch.treeLoaded', true);
  }

  /** The object VS Code shows for this row's id (a picker may hold another object with the same id). */
  live<T extends TreeNode>(node: T): T {
    return (this.ctx.items.get(node.id) as T | undefined) ?? node;
  }

  refresh(node?: TreeNode): void {
    (node ?? this.root).invalidate();
    const shown = node && this.live(node);
    if (shown && shown !== node) {
      shown.invalidate();
    }
    // Rows below a reloaded branch are rebuilt: forget them (ids are paths, so descendants share the prefix).
    const prefix = node ? `${node.id}/` : '';
    for (const id of [...this.ctx.items.keys()]) {
      if (id.startsWith(prefix)) {
        this.ctx.items.delete(id);
      }
    }
    this.changed.fire(shown === undefined || shown === this.root ? undefined : shown);
  }

  /** Reloads the row shown with this id, if the view shows one (an editor's change reached Azure). */
  refreshById(id: string): void {
    const shown = this.ctx.items.get(id);
    if (shown) {
      this.refresh(shown);
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem | Promise<vscode.TreeItem> {
    return node.getTreeItem();
  }

  /** Rows with a tooltip built on hover (node rows: `tooltip()`) get it here, when VS Code asks (hover, issue 13). */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const lazy = node as TreeNode & { tooltip?: () => vscode.MarkdownString };
    if (item.tooltip === undefined && typeof lazy.tooltip === 'function') {
      item.tooltip = lazy.tooltip();
    }
    return item;
  }

  /**
   * The children of a row. VS Code's calls register the rows it shows; pickers and other walks pass
   * `{ register: false }` so that they never take the place of the visible rows.
   */
  async getChildren(node?: TreeNode, options: { register?: boolean } = {}): Promise<TreeNode[]> {
    const parent = node ?? this.root;
    const source = new vscode.CancellationTokenSource();
    try {
      const children = await parent.getChildren(source.token);
      if (options.register !== false) {
        for (const child of children) {
          this.ctx.items.set(child.id, child);
        }
      }
      return children;
    } catch (error) {
      if (isCancellation(error)) {
        return [];
      }
      this.ctx.log.error(`Loading the children of ${parent.id} failed: ${errorDetails(error)}`);
      return [new ErrorItem(node, errorMessage(error), () => this.refresh(node), isAuthError(error))];
    } finally {
      source.dispose();
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.treeParent();
  }

  dispose(): void {
    this.settingsWatch.dispose();
    this.changed.dispose();
    this.signedInChanged.dispose();
  }
}
