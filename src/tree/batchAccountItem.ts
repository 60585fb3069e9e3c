import * as vscode from 'vscode';
import { md } from './markdown';
import type { BatchPoolNodeCounts } from '../azure/batch/batchModels.generated';
import type { BatchAccountInfo } from '../services/azureGateway';
import { PoolItem } from './poolItem';
import { isMissingSubList } from './refreshGone';
import { errorMessage } from '../utils/errors';
import type { TreeContext } from './treeContext';
import { EmptyItem } from './messageItems';
import type { AccountRow } from './rowTypes';
import { TreeNode, type ResourceRef } from './treeNode';

/** A Batch account (from ARM, attached by URL, or from the AZURE_BATCH_* variables) → its pools. */
export class BatchAccountItem extends TreeNode implements AccountRow {
  readonly id: string;
  private pools: PoolItem[] | undefined;

  constructor(parent: TreeNode, private readonly ctx: TreeContext, readonly account: BatchAccountInfo) {
    super(parent);
    this.id = account.source === 'arm' ? account.key : `attached:${account.key}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.account.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const where = this.account.location ?? new URL(this.account.url).host;
    const how = this.account.auth === 'sharedKey' ? vscode.l10n.t('shared key') : vscode.l10n.t('Microsoft Entra ID');
    item.description = this.account.source === 'arm' ? where : `${where} · ${how}`;
    item.iconPath = new vscode.ThemeIcon('server-process');
    item.contextValue = ['azureBatchAccount', this.account.source, this.account.source === 'attached' ? 'detachable' : ''].join(' ').trim();
    item.tooltip = new vscode.MarkdownString(
      [`**${md(this.account.name)}**`, '', `${md(vscode.l10n.t('Endpoint'))}: ${md(this.account.url)}`, `${md(vscode.l10n.t('Authentication'))}: ${md(how)}`,
        this.account.armId ? `${md(vscode.l10n.t('Resource ID'))}: ${md(this.account.armId)}` : ''].join('\n\n'),
    );
    item.accessibilityInformation = { label: vscode.l10n.t('Batch account {0}', this.account.name) };
    return item;
  }

  override invalidate(): void {
    this.pools = undefined;
  }

  override async getChildren(token: vscode.CancellationToken): Promise<TreeNode[]> {
    if (!this.pools) {
      const api = this.ctx.gateway.batch(this.account);
      const [pools, counts] = await Promise.all([api.listPools(token), api.listNodeCounts(token).catch(() => [] as BatchPoolNodeCounts[])]);
      const byPool = new Map(counts.map((c) => [c.poolId, c]));
      this.pools = pools
        .sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''))
        .map((pool) => new PoolItem(this, this.ctx, pool, byPool.get(pool.id ?? '')));
    }
    return this.pools.length ? this.pools : [new EmptyItem(this, vscode.l10n.t('No pools'))];
  }

  /** Node counts of every pool in one request, for auto-refresh. */
  async refreshCounts(token: vscode.CancellationToken): Promise<void> {
    if (!this.pools?.length) {
      return;
    }
    let counts: BatchPoolNodeCounts[];
    try {
      counts = await this.ctx.gateway.batch(this.account).listNodeCounts(token);
    } catch (error) {
      if (!isMissingSubList(error)) {
        throw error;
      }
      // The counts are not available (404 on …/nodecounts): the pools stay, shown without counts, and are refreshed.
      this.ctx.log.info(`Auto-refresh: node counts of ${this.account.name} not available (${errorMessage(error)}); pools shown without counts.`);
      counts = [];
    }
    for (const pool of this.pools) {
      pool.setCounts(counts.find((c) => c.poolId === pool.pool.id));
    }
  }

  override resource(): ResourceRef {
    const { account } = this;
    return {
      id: account.armId ?? account.url,
      url: account.url,
      documentName: `${account.name}.json`,
      fetch: (token) =>
        account.armId ? this.ctx.gateway.getArmResource(account.armId, 'batchAccount', token) : Promise.resolve({ name: account.name, url: account.url, auth: account.auth, source: account.source }),
    };
  }
}
