import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { DEFAULT_SUBSCRIPTION_CAP, SELECTED_SUBSCRIPTIONS_KEY } from '../tree/rootItems';
import { UserCancelledError } from '../utils/errors';
import type { CommandContext } from './commandWrapper';

/** "Sign in to Azure…": prompts only here, never on start. */
export async function signIn({ session, tree }: ExtensionServices, ctx: CommandContext): Promise<void> {
  ctx.telemetry.properties.authMethod = session.method;
  if (await session.isSignedIn()) {
    // Said, not silently redone: the tree already shows this account's resources.
    void vscode.window.showInformationMessage(vscode.l10n.t('You are already signed in to Azure. To use another account, run Sign Out first, then Sign in….'));
    return;
  }
  await session.signIn();
  tree.refresh();
}

/** "Sign out": the extension stops using the account until the next Sign in. */
export async function signOut({ session, tree }: ExtensionServices, ctx: CommandContext): Promise<void> {
  ctx.telemetry.properties.authMethod = session.method;
  const note = await session.signOut();
  tree.refresh();
  if (note) {
    void vscode.window.showInformationMessage(note);
  }
}

/** "Select Subscriptions…": remembered; by default all, up to a cap. */
export async function selectSubscriptions({ gateway, tree, context }: ExtensionServices, ctx: CommandContext): Promise<void> {
  const all = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing subscriptions…') },
    () => gateway.listSubscriptions(),
  );
  const memento = context.globalState;
  const chosen = memento.get<string[]>(SELECTED_SUBSCRIPTIONS_KEY);
  const selected = new Set(chosen ?? all.slice(0, DEFAULT_SUBSCRIPTION_CAP).map((s) => s.subscriptionId));
  const picks = await vscode.window.showQuickPick(
    all
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((s) => ({ label: s.displayName, description: s.subscriptionId, picked: selected.has(s.subscriptionId), id: s.subscriptionId })),
    { title: vscode.l10n.t('Select Subscriptions'), canPickMany: true, matchOnDescription: true, ignoreFocusOut: true },
  );
  if (!picks) {
    throw new UserCancelledError('selectSubscriptions');
  }
  ctx.telemetry.measurements.selected = picks.length;
  ctx.telemetry.measurements.available = all.length;
  await memento.update(SELECTED_SUBSCRIPTIONS_KEY, picks.map((p) => p.id));
  tree.refresh();
}

const CLOUDS = ['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'custom'] as const;

function validateEndpoint(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      return vscode.l10n.t('Use an https:// URL (http:// is accepted only for loopback).');
    }
    return undefined;
  } catch {
    return vscode.l10n.t('Enter a full URL, e.g. https://management.contoso.example/');
  }
}

async function askEndpoint(prompt: string, value: string): Promise<string> {
  const answer = await vscode.window.showInputBox({ prompt, value, ignoreFocusOut: true, validateInput: validateEndpoint });
  if (answer === undefined) {
    throw new UserCancelledError('chooseCloud');
  }
  return answer.trim();
}

/** "Choose Cloud…": sets `azureBatch.cloud` (and the custom endpoints). */
export async function chooseCloud({ tree }: ExtensionServices, ctx: CommandContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('azureBatch');
  const current = config.get<string>('cloud', 'AzureCloud');
  const labels: Record<(typeof CLOUDS)[number], string> = {
    AzureCloud: vscode.l10n.t('Azure (public)'),
    AzureChinaCloud: vscode.l10n.t('Azure operated by 21Vianet (China)'),
    AzureUSGovernment: vscode.l10n.t('Azure US Government'),
    custom: vscode.l10n.t('Custom cloud (enter endpoints)'),
  };
  const pick = await vscode.window.showQuickPick(
    CLOUDS.map((cloud) => ({ label: cloud, description: labels[cloud], picked: cloud === current, cloud })),
    { title: vscode.l10n.t('Choose Cloud'), ignoreFocusOut: true },
  );
  if (!pick) {
    throw new UserCancelledError('chooseCloud');
  }
  ctx.telemetry.properties.cloud = pick.cloud;
  const target = vscode.ConfigurationTarget.Global;
  if (pick.cloud === 'custom') {
    const arm = await askEndpoint(vscode.l10n.t('Resource Manager endpoint'), config.get('customCloud.resourceManagerEndpoint', ''));
    const aad = await askEndpoint(vscode.l10n.t('Microsoft Entra ID (authority) endpoint'), config.get('customCloud.activeDirectoryEndpoint', ''));
    const batch = await askEndpoint(vscode.l10n.t('Azure Batch resource ID (token audience)'), config.get('customCloud.batchResourceId', 'https://batch.core.windows.net/'));
    await config.update('customCloud.resourceManagerEndpoint', arm, target);
    await config.update('customCloud.activeDirectoryEndpoint', aad, target);
    await config.update('customCloud.batchResourceId', batch, target);
  }
  await config.update('cloud', pick.cloud, target);
  tree.refresh();
}
