import * as vscode from 'vscode';
import type { BatchAccountInfo, SubscriptionInfo } from '../services/azureGateway';
import { BatchAccountItem } from './batchAccountItem';
import { GroupItem } from './groupItem';
import { ActionItem, ErrorItem, isAuthError } from './messageItems';
import { errorMessage } from '../utils/errors';
import { SubscriptionItem } from './subscriptionItems';
import type { TreeContext } from './treeContext';
import { TreeNode } from './treeNode';

/** Subscriptions shown when the user has not chosen any: all of them, up to this many. */
export const DEFAULT_SUBSCRIPTION_CAP = 50;
export const SELECTED_SUBSCRIPTIONS_KEY = 'azureBatch.selectedSubscriptions';

/** "Attached Accounts": accounts attached by URL and the AZURE_BATCH_* account. Shown whenever one exists. */
export class AttachedAccountsItem extends GroupItem {
  constructor(private readonly ctx: TreeContext, private readonly accounts: BatchAccountInfo[]) {
    super(undefined, 'attachedAccounts', vscode.l10n.t('Attached Accounts'), 'plug', 'azureBatchAttachedGroup');
  }

  override getChildren(): TreeNode[] {
    return this.accounts.map((account) => new BatchAccountItem(this, this.ctx, account));
  }
}

/** The invisible root: subscriptions (when signed in) and "Attached Accounts". Empty → the welcome view shows. */
export class RootNode extends TreeNode {
  readonly id = 'root';

  constructor(private readonly ctx: TreeContext, private readonly onSignInState: (signedIn: boolean) => void) {
    super(undefined);
  }

  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem('root');
  }

  override async getChildren(token: vscode.CancellationToken): Promise<TreeNode[]> {
    const [attached, signedIn] = await Promise.all([this.ctx.gateway.listAttachedAccounts(), this.ctx.gateway.isSignedIn()]);
    this.onSignInState(signedIn);
    const children: TreeNode[] = [];
    if (signedIn) {
      let all: SubscriptionInfo[];
      try {
        all = await this.ctx.gateway.listSubscriptions(token);
      } catch (error) {
        // The subscriptions failed: say so at the top, keep the attached accounts working.
        children.push(new ErrorItem(undefined, vscode.l10n.t('Could not list subscriptions: {0}', errorMessage(error)), () => this.ctx.refresh(), isAuthError(error)));
        all = [];
      }
      const chosen = this.ctx.memento.get<string[]>(SELECTED_SUBSCRIPTIONS_KEY);
      const selected = chosen ? all.filter((s) => chosen.includes(s.subscriptionId)) : all.slice(0, DEFAULT_SUBSCRIPTION_CAP);
      children.push(...selected.sort((a, b) => a.displayName.localeCompare(b.displayName)).map((s) => new SubscriptionItem(undefined, this.ctx, s)));
      if (!chosen && all.length > DEFAULT_SUBSCRIPTION_CAP) {
        children.push(new ActionItem(undefined, 'hint/subscriptionCap',
          vscode.l10n.t('Showing {0} of {1} subscriptions: Select Subscriptions…', DEFAULT_SUBSCRIPTION_CAP, all.length),
          { title: vscode.l10n.t('Select Subscriptions…'), command: 'azureBatch.selectSubscriptions' }, 'filter'));
      }
      if (all.length === 0 && attached.length === 0 && children.length === 0) {
        return [];
      }
    } else if (attached.length) {
      children.push(new ActionItem(undefined, 'signIn', vscode.l10n.t('Sign in to Azure…'), { title: vscode.l10n.t('Sign in to Azure…'), command: 'azureBatch.signIn' }, 'sign-in'));
    }
    if (attached.length) {
      children.push(new AttachedAccountsItem(this.ctx, attached));
    }
    return children;
  }
}
