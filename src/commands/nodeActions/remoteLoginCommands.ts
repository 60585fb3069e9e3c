/**
 * Copy SSH Command, Show Remote Login Settings and Add User… on one node (clicked, or palette pickers). The user's
 * password is asked twice, sent only to the service, never stored or logged.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../extensionServices';
import {
  checkSshPublicKey, expiryTime, nodeOsFromAgentSku, remoteLoginLines, sshCommand, sshPublicKeyFiles,
  validateExpiryDays, validateNodeUserName, validatePasswordRepeat, validateWindowsPassword, type NodeOs,
} from '../../nodeActions/remoteLogin';
import type { NodeItem } from '../../tree/nodeItem';
import type { TreeNode } from '../../tree/treeNode';
import { ActionableError, UserCancelledError } from '../../utils/errors';
import type { CommandContext } from '../commandWrapper';
import { chooseNodes, explained } from './nodeTargets';

const LAST_USER_KEY = 'azureBatch.remoteLogin.lastUser';

function osOf(item: NodeItem): NodeOs {
  return nodeOsFromAgentSku(item.parent.pool.virtualMachineConfiguration?.nodeAgentSKUId);
}

async function input(options: vscode.InputBoxOptions): Promise<string> {
  const text = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (text === undefined) {
    throw new UserCancelledError('input');
  }
  return text;
}

async function loginSettings(services: ExtensionServices, item: NodeItem) {
  return explained('remoteLogin', () => services.gateway.batch(item.parent.parent.account).getRemoteLoginSettings(item.parent.pool.id ?? '', item.node.id ?? ''));
}

export async function copySshCommand(services: ExtensionServices, ctx: CommandContext, clicked?: TreeNode): Promise<string> {
  const { allowed: [item] } = await chooseNodes(services, ctx, 'remoteLogin', vscode.l10n.t('Copy the SSH command of a node of which pool?'), false, clicked);
  if (osOf(item!) !== 'linux') {
    throw new ActionableError(vscode.l10n.t('Node {0} runs Windows: connect with Remote Desktop (Show Remote Login Settings).', item!.node.id ?? ''), 'NotLinux');
  }
  const settings = await loginSettings(services, item!);
  const last = services.context.globalState.get<string>(LAST_USER_KEY);
  const user = (await input({
    prompt: vscode.l10n.t('User name on node {0} (a user added with Add User…)', item!.node.id ?? ''),
    value: last ?? os.userInfo().username,
    validateInput: (v) => validateNodeUserName(v, 'linux'),
  })).trim();
  await services.context.globalState.update(LAST_USER_KEY, user);
  const line = sshCommand(settings, user);
  await vscode.env.clipboard.writeText(line);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied: {0}', line));
  return line;
}

export async function showRemoteLoginSettings(services: ExtensionServices, ctx: CommandContext, clicked?: TreeNode): Promise<string[]> {
  const { allowed: [item] } = await chooseNodes(services, ctx, 'remoteLogin', vscode.l10n.t('Remote login settings of a node of which pool?'), false, clicked);
  const settings = await loginSettings(services, item!);
  const lines = remoteLoginLines(settings, osOf(item!), services.context.globalState.get<string>(LAST_USER_KEY));
  const copy = vscode.l10n.t('Copy');
  void vscode.window.showInformationMessage(vscode.l10n.t('Node {0}: {1}', item!.node.id ?? '', lines.join(' ')), copy).then(async (c) => { if (c === copy) { await vscode.env.clipboard.writeText(lines.join('\n')); } });
  return lines;
}

/** The SSH public key: a ~/.ssh/*.pub file, or pasted. */
async function pickPublicKey(): Promise<string> {
  const dir = vscode.Uri.file(`${os.homedir()}/.ssh`);
  const names = await vscode.workspace.fs.readDirectory(dir).then((entries) => entries.map(([name]) => name), () => [] as string[]);
  const paste = vscode.l10n.t('Paste a public key…');
  const items = [...sshPublicKeyFiles(names).map((name) => ({ label: name, description: vscode.Uri.joinPath(dir, name).fsPath })), { label: paste, description: '' }];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('SSH public key of the new user'), ignoreFocusOut: true });
  if (!picked) {
    throw new UserCancelledError('sshKey');
  }
  const text = picked.label === paste
    ? await input({ prompt: vscode.l10n.t('OpenSSH public key ("ssh-ed25519 AAAA… comment")'), validateInput: (v) => { const c = checkSshPublicKey(v); return c.ok ? undefined : c.message; } })
    : new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, picked.label)));
  const checked = checkSshPublicKey(text);
  if (!checked.ok) {
    throw new ActionableError(checked.message, 'BadSshKey');
  }
  return checked.key;
}

export async function addNodeUser(services: ExtensionServices, ctx: CommandContext, clicked?: TreeNode): Promise<{ name: string; isAdmin: boolean; expiryTime: string }> {
  const { allowed: [item] } = await chooseNodes(services, ctx, 'addUser', vscode.l10n.t('Add a user to a node of which pool?'), false, clicked);
  const nodeOs = osOf(item!);
  const name = (await input({ prompt: vscode.l10n.t('Name of the new user on node {0}', item!.node.id ?? ''), validateInput: (v) => validateNodeUserName(v, nodeOs) })).trim();
  const admin = vscode.l10n.t('Administrator');
  const standard = vscode.l10n.t('Standard user');
  const kind = await vscode.window.showQuickPick([{ label: standard }, { label: admin }], { title: vscode.l10n.t('Is {0} an administrator?', name), ignoreFocusOut: true });
  if (!kind) {
    throw new UserCancelledError('isAdmin');
  }
  const days = await input({ prompt: vscode.l10n.t('Days until the account expires'), value: '1', validateInput: validateExpiryDays });
  const user = { name, isAdmin: kind.label === admin, expiryTime: expiryTime(Number(days.trim())) };
  let secret: { sshPublicKey: string } | { password: string };
  if (nodeOs === 'linux') {
    secret = { sshPublicKey: await pickPublicKey() };
    ctx.telemetry.properties.credentialKind = 'sshPublicKey';
  } else {
    const password = await input({ prompt: vscode.l10n.t('Password for {0}', name), password: true, validateInput: validateWindowsPassword });
    await input({ prompt: vscode.l10n.t('The same password again'), password: true, validateInput: (v) => validatePasswordRepeat(password, v) });
    secret = { password };
    ctx.telemetry.properties.credentialKind = 'password';
  }
  await explained('addUser', () => services.gateway.batch(item!.parent.parent.account).createNodeUser(item!.parent.pool.id ?? '', item!.node.id ?? '', { ...user, ...secret }));
  await services.context.globalState.update(LAST_USER_KEY, name);
  services.log.info(`Added user ${name} (${user.isAdmin ? 'admin' : 'standard'}, expires ${user.expiryTime}) to node ${item!.parent.pool.id}/${item!.node.id}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('User {0} was added to node {1}; it expires {2}.', name, item!.node.id ?? '', user.expiryTime));
  return user;
}
