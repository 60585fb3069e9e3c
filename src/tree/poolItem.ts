import * as vscode from 'vscode';
import { md } from './markdown';
import type { BatchNode, BatchPool, BatchPoolNodeCounts } from '../azure/batch/batchModels.generated';
import { ActionItem } from './messageItems';
import { NodeItem } from './nodeItem';
import { StateGroupItem } from './stateGroupItem';
import { stateFilter } from './nodeState';
import { NODE_SELECT } from './nodeSelect';
import { poolActionTokens } from '../nodeActions/nodeActionRules';
import { countInState, filterText, loadMoreLabel, nodeTotal, poolAccessibleLabel, poolDescription, poolTooltipMarkdown } from './rowText';
import { NODE_STATES } from './nodeState';
import type { AccountRow, PoolRow } from './rowTypes';
import type { TreeContext } from './treeContext';
import { TreeNode, type ResourceRef } from './treeNode';

export { NODE_SELECT } from './nodeSelect';

/** Drops a row from the registry of live rows, if it is the one registered. */
function forget(ctx: TreeContext, node: TreeNode): void {
  if (ctx.items.get(node.id) === node) {
    ctx.items.delete(node.id);
  }
}

const FILTER_KEY = (poolUrl: string) => `azureBatch.nodeFilter:${poolUrl}`;

/** A pool → its compute nodes, a page at a time, with "Load more…". */
export class PoolItem extends TreeNode implements PoolRow {
  readonly id: string;
  private nodes: NodeItem[] | undefined;
  private nextLink: string | undefined;
  private pagesLoaded = 0;
  /** With nodes grouped by state: the group rows by state (kept while their state has nodes). */
  private groups = new Map<string, StateGroupItem>();

  constructor(
    override readonly parent: AccountRow,
    private readonly ctx: TreeContext,
    public pool: BatchPool,
    private counts: BatchPoolNodeCounts | undefined,
  ) {
    super(parent);
    this.id = `${parent.id}/pools/${pool.id}`;
  }

  get url(): string {
    return `${this.parent.account.url}/pools/${encodeURIComponent(this.pool.id ?? '')}`;
  }

  /** Node states the user filtered on (remembered per pool); empty = all. */
  get filterStates(): string[] {
    return this.ctx.memento.get<string[]>(FILTER_KEY(this.url), []);
  }

  async setFilterStates(states: string[]): Promise<void> {
    await this.ctx.memento.update(FILTER_KEY(this.url), states.length ? states : undefined);
    this.ctx.refresh(this);
    this.ctx.redraw(this);
  }

  setCounts(counts: BatchPoolNodeCounts | undefined): void {
    const before = this.description();
    const groupsBefore = this.groupStates().join();
    this.counts = counts;
    if (this.description() !== before || (this.groups.size > 0 && this.groupStates().join() !== groupsBefore)) {
      this.ctx.redraw(this);
    }
    // A group whose count changed has gained or lost nodes: its label and its nodes are read again.
    for (const [state, group] of this.groups) {
      if (group.setCount(countInState(counts, state) ?? 0)) {
        this.ctx.refresh(group);
      }
    }
  }

  /** States with nodes (within the filter, if any), when grouping by state and the counts are known. */
  private groupStates(): string[] {
    const filter = this.filterStates;
    return NODE_STATES.filter((s) => (filter.length === 0 || filter.includes(s)) && (countInState(this.counts, s) ?? 0) > 0);
  }

  /** One row per state (`azureBatch.nodes.groupBy: state`): "Start task failed (308)", each with its nodes. */
  private stateGroups(): TreeNode[] {
    const groups = new Map<string, StateGroupItem>();
    for (const state of this.groupStates()) {
      const count = countInState(this.counts, state) ?? 0;
      const group = this.groups.get(state) ?? new StateGroupItem(this, this.ctx, state, count);
      group.setCount(count);
      groups.set(state, group);
    }
    this.groups = groups;
    if (groups.size > 0) {
      return [...groups.values()];
    }
    return [new ActionItem(this, `${this.id}/#none`, this.filterStates.length ? vscode.l10n.t('No nodes match the filter') : vscode.l10n.t('No nodes'), {
      title: vscode.l10n.t('Filter Nodes…'), command: 'azureBatch.filterNodes', arguments: [this],
    }, 'info', 'azureBatchEmpty')];
  }

  /** The pool's node counts, when read (the filter picker shows them per state). */
  get nodeCounts(): BatchPoolNodeCounts | undefined {
    return this.counts;
  }

  /** "3 · 1 failing", "5/7 · resizing", "7K · 3K spot · 308 failing"; the active filter is the row's icon (see getTreeItem). */
  private description(): string {
    return poolDescription(this.pool, this.counts, vscode.env.language);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.pool.id ?? '?', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.description();
    const resizeErrors = this.pool.resizeErrors ?? [];
    const filter = this.filterStates;
    // The filter's marker is the row's icon (a funnel: never cut off, whatever the width); the states are in the tooltip.
    item.iconPath =
      this.pool.state === 'deleting' ? new vscode.ThemeIcon('trash', new vscode.ThemeColor('disabledForeground'))
        : filter.length ? new vscode.ThemeIcon('filter-filled', new vscode.ThemeColor('list.highlightForeground'))
        : resizeErrors.length ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : this.pool.allocationState === 'resizing' || this.pool.allocationState === 'stopping' ? new vscode.ThemeIcon('loading~spin')
            : new vscode.ThemeIcon('layers');
    // "portal": the account has an ARM id, so Open in Portal has somewhere to go (accounts attached by URL do not).
    item.contextValue = ['azureBatchPool', filter.length ? 'filtered' : '', this.parent.account.armId ? 'portal' : '', ...poolActionTokens(this.pool)].filter(Boolean).join(' ');
    const tooltip = new vscode.MarkdownString(poolTooltipMarkdown(this.pool, this.counts, vscode.env.language), true);
    if (filter.length) {
      tooltip.appendMarkdown(`\n\n$(filter) ${md(vscode.l10n.t('Filter: {0}', filterText(filter)))}\n`);
    }
    for (const e of resizeErrors) {
      tooltip.appendMarkdown(`\n$(warning) ${md(e.code)}: ${md(e.message)}\n`);
    }
    item.tooltip = tooltip;
    const a11y = poolAccessibleLabel(this.pool, this.counts, vscode.env.language);
    item.accessibilityInformation = { label: filter.length ? `${a11y}, ${vscode.l10n.t('Filter: {0}', filterText(filter))}` : a11y };
    return item;
  }

  override invalidate(): void {
    for (const node of this.nodes ?? []) {
      forget(this.ctx, node);
    }
    this.nodes = undefined;
    this.nextLink = undefined;
    this.pagesLoaded = 0;
    this.groups = new Map();
  }

  override async getChildren(token: vscode.CancellationToken): Promise<TreeNode[]> {
    // Grouped by state when asked and the counts are known (without counts, the flat list).
    if (this.groupedByState) {
      return this.stateGroups();
    }
    if (!this.nodes) {
      const page = await this.fetchPage(undefined, token);
      this.nodes = page.nodes.map((n) => new NodeItem(this, this.ctx, n));
      this.nextLink = page.nextLink;
      this.pagesLoaded = 1;
    }
    const children: TreeNode[] = [...this.nodes];
    if (this.nextLink) {
      children.push(
        new ActionItem(this, `${this.id}/#loadMore`, loadMoreLabel(this.nodes.length, nodeTotal(this.counts, this.filterStates), vscode.env.language), {
          title: vscode.l10n.t('Load more…'),
          command: 'azureBatch.loadMore',
          arguments: [this],
        }, undefined, 'azureBatchLoadMore'),
      );
    }
    if (children.length === 0) {
      children.push(new ActionItem(this, `${this.id}/#none`, this.filterStates.length ? vscode.l10n.t('No nodes match the filter') : vscode.l10n.t('No nodes'), {
        title: vscode.l10n.t('Filter Nodes…'), command: 'azureBatch.filterNodes', arguments: [this],
      }, 'info', 'azureBatchEmpty'));
    }
    return children;
  }

  /** The node rows loaded (flat, or in the state groups). */
  get loadedNodes(): readonly NodeItem[] {
    return this.nodes ?? [...this.groups.values()].flatMap((g) => g.loadedNodes);
  }

  get hasMore(): boolean {
    return this.nextLink !== undefined;
  }

  /** True when the pool's children are state groups (`azureBatch.nodes.groupBy: state` and the counts are known). */
  get groupedByState(): boolean {
    return this.ctx.settings.current.nodesGroupBy === 'state' && this.counts !== undefined;
  }

  /** The group row of this state, as last listed (undefined when the state has no nodes or the filter hides it). */
  stateGroup(state: string): StateGroupItem | undefined {
    return this.groups.get(state);
  }

  private fetchPage(nextLink: string | undefined, token?: vscode.CancellationToken) {
    return this.ctx.gateway.batch(this.parent.account).listNodes(
      this.pool.id ?? '',
      { filter: stateFilter(this.filterStates), select: NODE_SELECT, maxResults: this.ctx.settings.current.nodesPageSize, nextLink },
      token,
    );
  }

  /** "Load more…": appends the next page. */
  async loadMore(token?: vscode.CancellationToken): Promise<number> {
    if (!this.nodes || !this.nextLink) {
      return 0;
    }
    const page = await this.fetchPage(this.nextLink, token);
    const known = new Set(this.nodes.map((n) => n.node.id));
    const added = page.nodes.filter((n) => !known.has(n.id)).map((n) => new NodeItem(this, this.ctx, n));
    this.nodes.push(...added);
    this.nextLink = page.nextLink;
    this.pagesLoaded += 1;
    this.ctx.redraw(this);
    return added.length;
  }

  /**
   * Auto-refresh: re-reads the pool and as many node pages as are loaded, then redraws only what changed. A change
   * of membership (nodes added or removed) redraws the pool's children; a changed node redraws its row only.
   */
  async refreshInPlace(token: vscode.CancellationToken): Promise<void> {
    const api = this.ctx.gateway.batch(this.parent.account);
    const { pool } = await api.getPool(this.pool.id ?? '', token);
    const beforeRow = JSON.stringify([this.pool.vmSize, this.pool.allocationState, this.pool.state, this.pool.currentDedicatedNodes, this.pool.currentLowPriorityNodes, this.pool.targetDedicatedNodes, this.pool.targetLowPriorityNodes, this.pool.resizeErrors]);
    this.pool = pool;
    const afterRow = JSON.stringify([pool.vmSize, pool.allocationState, pool.state, pool.currentDedicatedNodes, pool.currentLowPriorityNodes, pool.targetDedicatedNodes, pool.targetLowPriorityNodes, pool.resizeErrors]);
    if (beforeRow !== afterRow) {
      this.ctx.redraw(this);
    }
    if (!this.nodes) {
      return;
    }
    const fresh: BatchNode[] = [];
    let link: string | undefined;
    for (let i = 0; i < Math.max(1, this.pagesLoaded); i++) {
      const page = await this.fetchPage(link, token);
      fresh.push(...page.nodes);
      link = page.nextLink;
      if (!link) {
        break;
      }
    }
    const current = new Map(this.nodes.map((n) => [n.node.id, n]));
    const sameMembership = fresh.length === this.nodes.length && fresh.every((n) => current.has(n.id));
    if (!sameMembership) {
      const kept = new Set(fresh.map((n) => n.id));
      for (const old of this.nodes) {
        if (!kept.has(old.node.id)) {
          forget(this.ctx, old);
        }
      }
      this.nodes = fresh.map((n) => current.get(n.id)?.withNode(n) ?? new NodeItem(this, this.ctx, n));
      this.nextLink = link;
      this.ctx.redraw(this);
      return;
    }
    for (const node of fresh) {
      const item = current.get(node.id)!;
      if (item.update(node)) {
        this.ctx.redraw(item);
      }
    }
  }

  override resource(): ResourceRef {
    return {
      id: this.pool.id ?? '',
      url: this.url,
      documentName: `${this.pool.id}.json`,
      fetch: async (token) => (await this.ctx.gateway.batch(this.parent.account).getPool(this.pool.id ?? '', token)).pool,
    };
  }
}
