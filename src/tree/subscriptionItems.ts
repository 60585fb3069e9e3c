import * as vscode from 'vscode';
import { md } from './markdown';
import type { SubscriptionInfo } from '../services/azureGateway';
import { GroupItem } from './groupItem';
import { BatchAccountItem } from './batchAccountItem';
import { GalleryItem } from './galleryItems';
import { EmptyItem } from './messageItems';
import type { TreeContext } from './treeContext';
import { TreeNode } from './treeNode';

export class SubscriptionItem extends TreeNode {
  readonly id: string;

  constructor(parent: TreeNode | undefined, private readonly ctx: TreeContext, readonly subscription: SubscriptionInfo) {
    super(parent);
    this.id = `/subscriptions/${subscription.subscriptionId}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.subscription.displayName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.subscription.subscriptionId;
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = 'azureBatchSubscription';
    item.tooltip = new vscode.MarkdownString(`**${md(this.subscription.displayName)}**\n\n${md(vscode.l10n.t('Subscription'))}: ${md(this.subscription.subscriptionId)}`);
    item.accessibilityInformation = { label: vscode.l10n.t('Subscription {0}', this.subscription.displayName) };
    return item;
  }

  override getChildren(): TreeNode[] {
    return [new BatchAccountsGroup(this, this.ctx), new GalleriesGroup(this, this.ctx)];
  }
}

/** A group's rows: one per resource, sorted by name, or a placeholder row when there is none. */
function byName<T extends { name: string }>(group: TreeNode, resources: T[], row: (resource: T) => TreeNode, none: string): TreeNode[] {
  return resources.length === 0 ? [new EmptyItem(group, none)] : resources.sort((a, b) => a.name.localeCompare(b.name)).map(row);
}

export class BatchAccountsGroup extends GroupItem {
  constructor(override readonly parent: SubscriptionItem, private readonly ctx: TreeContext) {
    super(parent, `${parent.id}/#batchAccounts`, vscode.l10n.t('Batch Accounts'), 'server-environment', 'azureBatchAccountsGroup');
  }

  override async getChildren(token: vscode.CancellationToken): Promise<TreeNode[]> {
    const accounts = await this.ctx.gateway.listBatchAccounts(this.parent.subscription, token);
    return byName(this, accounts, (account) => new BatchAccountItem(this, this.ctx, account), vscode.l10n.t('No Batch accounts'));
  }
}

export class GalleriesGroup extends GroupItem {
  constructor(override readonly parent: SubscriptionItem, private readonly ctx: TreeContext) {
    super(parent, `${parent.id}/#galleries`, vscode.l10n.t('Compute Galleries'), 'library', 'azureBatchGalleriesGroup');
  }

  override async getChildren(token: vscode.CancellationToken): Promise<TreeNode[]> {
    const galleries = await this.ctx.gateway.listGalleries(this.parent.subscription, token);
    return byName(this, galleries, (gallery) => new GalleryItem(this, this.ctx, gallery), vscode.l10n.t('No compute galleries'));
  }
}
