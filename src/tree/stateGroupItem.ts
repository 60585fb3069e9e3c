import * as vscode from 'vscode';
import { ActionItem } from './messageItems';
import { NodeItem } from './nodeItem';
import { NODE_SELECT } from './nodeSelect';
import { stateFilter } from './nodeState';
import { loadMoreLabel, readableNodeState, stateGroupLabel } from './rowText';
import type { PoolRow } from './rowTypes';
import type { TreeContext } from './treeContext';
import { TreeNode } from './treeNode';

/**
 * With `azureBatch.nodes.groupBy: state`, one row per node state under a pool: "Start task failed (308)", the count
 * from the pool's node counts; it expands to the nodes in that state (`$filter=state eq '…'`), a page at a time.
 * Its nodes keep the pool as their parent (the commands and the follower act on the pool) and are shown under it.
 */
export class StateGroupItem extends TreeNode {
  readonly id: string;
  private nodes: NodeItem[] | undefined;
  private nextLink: string | undefined;

  constructor(override readonly parent: PoolRow, private readonly ctx: TreeContext, readonly state: string, private count: number) {
    super(parent);
    this.id = `${parent.id}/states/${state}`;
  }

  /** New count from the node counts; true when the label changed. */
  setCount(count: number): boolean {
    const changed = count !== this.count;
    this.count = count;
    return changed;
  }

  get loadedNodes(): readonly NodeItem[] {
    return this.nodes ?? [];
  }

  get hasMore(): boolean {
    return this.nextLink !== undefined;
  }

  getTreeItem(): vscode.TreeItem {
    const label = stateGroupLabel(this.state, this.count, vscode.env.language);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('symbol-folder');
    item.contextValue = 'azureBatchStateGroup';
    item.tooltip = vscode.l10n.t('Nodes of pool {0} in state "{1}"', this.parent.pool.id ?? '', readableNodeState(this.state));
    item.accessibilityInformation = { label: vscode.l10n.t('Nodes in state {0}, {1}', readableNodeState(this.state), this.count) };
    return item;
  }

  override invalidate(): void {
    this.nodes = undefined;
    this.nextLink = undefined;
  }

  override async getChildren(token: vscode.CancellationToken): Promise<TreeNode[]> {
    if (!this.nodes) {
      const page = await this.fetchPage(undefined, token);
      this.nodes = page.nodes.map((n) => new NodeItem(this.parent, this.ctx, n, this));
      this.nextLink = page.nextLink;
    }
    const children: TreeNode[] = [...this.nodes];
    if (this.nextLink) {
      children.push(new ActionItem(this, `${this.id}/#loadMore`, loadMoreLabel(this.nodes.length, this.count, vscode.env.language), {
        title: vscode.l10n.t('Load more…'), command: 'azureBatch.loadMore', arguments: [this],
      }, undefined, 'azureBatchLoadMore'));
    }
    if (children.length === 0) {
      // The counts said some, the list says none: the nodes changed state since.
      children.push(new ActionItem(this, `${this.id}/#none`, vscode.l10n.t('No nodes in this state now'), {
        title: vscode.l10n.t('Refresh'), command: 'azureBatch.refresh', arguments: [this.parent],
      }, 'info', 'azureBatchEmpty'));
    }
    return children;
  }

  /** "Load more…": appends the next page of this state's nodes. */
  async loadMore(token?: vscode.CancellationToken): Promise<number> {
    if (!this.nodes || !this.nextLink) {
      return 0;
    }
    const page = await this.fetchPage(this.nextLink, token);
    const known = new Set(this.nodes.map((n) => n.node.id));
    const added = page.nodes.filter((n) => !known.has(n.id)).map((n) => new NodeItem(this.parent, this.ctx, n, this));
    this.nodes.push(...added);
    this.nextLink = page.nextLink;
    this.ctx.redraw(this);
    return added.length;
  }

  private fetchPage(nextLink: string | undefined, token?: vscode.CancellationToken) {
    return this.ctx.gateway.batch(this.parent.parent.account).listNodes(
      this.parent.pool.id ?? '',
      { filter: stateFilter([this.state]), select: NODE_SELECT, maxResults: this.ctx.settings.current.nodesPageSize, nextLink },
      token,
    );
  }
}
