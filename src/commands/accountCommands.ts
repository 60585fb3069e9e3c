import * as vscode from 'vscode';
import { InvalidAccountUrlError, checkedAccountUrl } from '../azure/http/accountUrl';
import { isLoopbackHost } from '../azure/http/loopback';
import type { ExtensionServices } from '../extensionServices';
import { BatchAccountItem } from '../tree/batchAccountItem';
import type { TreeNode } from '../tree/treeNode';
import { ActionableError, UserCancelledError } from '../utils/errors';
import type { CommandContext } from './commandWrapper';
import { pickTreeItem } from './pickTreeItem';
import { isBranch } from './treeAccess';

/**
 * Accepts "https://acct.region.batch.azure.com", "acct.region.batch.azure.com" (https assumed), or loopback http; the
 * message of checkedAccountUrl otherwise (user info, plain http elsewhere, query or fragment, "." / ".." segments).
 */
export function validateAccountUrl(value: string): string | undefined {
  if (!value.trim()) {
    return vscode.l10n.t('Enter the account URL, e.g. https://myaccount.westeurope.batch.azure.com');
  }
  try {
    checkedAccountUrl(value);
    return undefined;
  } catch (error) {
    return error instanceof InvalidAccountUrlError ? error.message : String(error);
  }
}

function validateKey(value: string): string | undefined {
  const text = value.trim();
  if (!text) {
    return vscode.l10n.t('Enter the primary or secondary access key of the account (Azure portal → Batch account → Keys).');
  }
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0 ? undefined : vscode.l10n.t('An access key is Base64 text, e.g. 88 characters ending with "==".');
}

/** "Attach Batch Account…": URL, auth method, account name, and (shared key) the key into SecretStorage. */
export async function attachAccount({ accounts, tree }: ExtensionServices, ctx: CommandContext): Promise<void> {
  const cancelled = (step: string) => new UserCancelledError(step);
  const urlText = await vscode.window.showInputBox({
    title: vscode.l10n.t('Attach Batch Account (1/3)'),
    prompt: vscode.l10n.t('Account URL'),
    placeHolder: 'https://myaccount.westeurope.batch.azure.com',
    ignoreFocusOut: true,
    validateInput: validateAccountUrl,
  });
  if (urlText === undefined) {
    throw cancelled('url');
  }
  const checkedUrl = checkedAccountUrl(urlText);
  const url = new URL(checkedUrl);
  const method = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Microsoft Entra ID'), description: vscode.l10n.t('Use the signed-in account'), auth: 'entraId' as const },
      { label: vscode.l10n.t('Shared key'), description: vscode.l10n.t('Account name and access key (kept in VS Code secret storage)'), auth: 'sharedKey' as const },
    ],
    { title: vscode.l10n.t('Attach Batch Account (2/3): authentication'), ignoreFocusOut: true },
  );
  if (!method) {
    throw cancelled('auth');
  }
  ctx.telemetry.properties.authMethod = method.auth;
  const defaultName = url.pathname.split('/').filter(Boolean).pop() ?? url.hostname.split('.')[0];
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Attach Batch Account (3/3): account name'),
    prompt: vscode.l10n.t('Batch account name'),
    value: isLoopbackHost(url.hostname) ? defaultName : url.hostname.split('.')[0],
    ignoreFocusOut: true,
    validateInput: (v) => (/^[a-z0-9]{3,24}$/.test(v.trim()) ? undefined : vscode.l10n.t('A Batch account name has 3 to 24 lowercase letters and digits.')),
  });
  if (name === undefined) {
    throw cancelled('name');
  }
  let key: string | undefined;
  if (method.auth === 'sharedKey') {
    key = await vscode.window.showInputBox({
      title: vscode.l10n.t('Access key of {0}', name.trim()),
      prompt: vscode.l10n.t('Primary or secondary access key. It is kept in VS Code secret storage, never in settings.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: validateKey,
    });
    if (key === undefined) {
      throw cancelled('key');
    }
  }
  const attached = await accounts.attach(checkedUrl, name.trim(), method.auth, key?.trim());
  tree.refresh();
  void vscode.window.showInformationMessage(vscode.l10n.t('Attached Batch account {0}.', attached.name));
}

/** "Detach": forgets an attached account and deletes its key. */
export async function detachAccount({ accounts, tree }: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const item = node instanceof BatchAccountItem
    ? node
    : await pickTreeItem(tree, vscode.l10n.t('Detach which account?'),
      (n): n is BatchAccountItem => n instanceof BatchAccountItem && n.account.source === 'attached',
      (n) => isBranch(n) && !(n instanceof BatchAccountItem));
  if (item.account.source === 'environment') {
    throw new ActionableError(vscode.l10n.t('{0} comes from the AZURE_BATCH_* environment variables. Unset them to remove it.', item.account.name), 'EnvironmentAccount');
  }
  if (item.account.source !== 'attached') {
    throw new ActionableError(vscode.l10n.t('{0} is listed from your subscription, not attached.', item.account.name), 'NotAttached');
  }
  const detach = vscode.l10n.t('Detach');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Detach Batch account {0}?', item.account.name),
    { modal: true, detail: vscode.l10n.t('It leaves this tree; the account and its pools in Azure are not changed. Its stored key, if any, is deleted. You can attach it again with Attach Batch Account….') },
    detach,
  );
  if (answer !== detach) {
    throw new UserCancelledError('detachAccount');
  }
  await accounts.detach(item.account.url);
  tree.refresh();
}
