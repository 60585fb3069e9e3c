import * as vscode from 'vscode';
import { TreeNode } from './treeNode';

/**
 * A row that runs a command when clicked: "Retry", "Sign in…", "Load more…", hints. Without an icon (the "Load more…"
 * rows) the label starts where a sibling's icon would, so "Load more… (1,000 of 10,000)" fits a 300 px side bar.
 */
export class ActionItem extends TreeNode {
  constructor(
    parent: TreeNode | undefined,
    readonly id: string,
    private readonly label: string,
    private readonly command: vscode.Command,
    private readonly icon: string | undefined,
    private readonly contextValue = 'azureBatchAction',
    private readonly tooltip?: string,
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.command = this.command;
    item.iconPath = this.icon === undefined ? undefined : new vscode.ThemeIcon(this.icon);
    item.contextValue = this.contextValue;
    item.tooltip = this.tooltip;
    item.accessibilityInformation = { label: this.label, role: 'button' };
    return item;
  }
}

/**
 * A branch that failed to load: the error's message, expanded to "Retry" and, for authentication errors,
 * "Sign in…". The rest of the tree keeps working.
 */
export class ErrorItem extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode | undefined,
    private readonly message: string,
    private readonly retry: () => void,
    private readonly isAuthError: boolean,
  ) {
    super(parent);
    this.id = `${parent?.id ?? 'root'}/#error`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = 'azureBatchError';
    item.tooltip = this.message;
    item.accessibilityInformation = { label: vscode.l10n.t('Error: {0}', this.message) };
    return item;
  }

  override getChildren(): TreeNode[] {
    const children: TreeNode[] = [
      new ActionItem(this, `${this.id}/retry`, vscode.l10n.t('Retry'), {
        title: vscode.l10n.t('Retry'),
        command: 'azureBatch.retry',
        arguments: [this.retry],
      }, 'refresh'),
    ];
    if (this.isAuthError) {
      children.push(new ActionItem(this, `${this.id}/signIn`, vscode.l10n.t('Sign in…'), {
        title: vscode.l10n.t('Sign in…'),
        command: 'azureBatch.signIn',
      }, 'sign-in'));
    }
    return children;
  }
}

/** A placeholder row, e.g. "No Batch accounts". */
export class EmptyItem extends TreeNode {
  readonly id: string;

  constructor(parent: TreeNode, private readonly label: string) {
    super(parent);
    this.id = `${parent.id}/#empty`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = 'azureBatchEmpty';
    return item;
  }
}

const AUTH_CODES = /^(AuthenticationFailed|InvalidAuthenticationToken|InvalidAuthenticationTokenTenant|ExpiredAuthenticationToken|AuthenticationRequired|NotSignedIn|CredentialUnavailable)/;

/** True for errors that "Sign in…" can fix. */
export function isAuthError(error: unknown): boolean {
  const e = error as { status?: number; statusCode?: number; code?: unknown; name?: string } | undefined;
  const status = e?.status ?? e?.statusCode;
  return status === 401 || (typeof e?.code === 'string' && AUTH_CODES.test(e.code)) ||
    e?.name === 'CredentialUnavailableError' || e?.name === 'AuthenticationRequiredError' || e?.name === 'NotSignedInError' ||
    e?.name === 'SignInRequiredError' || e?.name === 'SignedOutError';
}
