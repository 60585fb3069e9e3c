import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import type { ExplorerProvider } from '../tree/explorerProvider';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './commandWrapper';
import { pickTreeItem } from './pickTreeItem';
import { isBranch } from './treeAccess';

/** The row a command acts on: the clicked one, or one picked from the palette. */
async function pickResource(tree: ExplorerProvider, node: TreeNode | undefined, title: string): Promise<TreeNode> {
  if (node?.resource()) {
    return node;
  }
  return pickTreeItem(tree, title, (n): n is TreeNode => n.resource() !== undefined, isBranch);
}

/** "View Properties": the full resource, fetched fresh, in a read-only JSON tab. */
export async function viewProperties({ tree, properties }: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const target = await pickResource(tree, node, vscode.l10n.t('View properties of…'));
  const resource = target.resource()!;
  const uri = properties.uriFor(resource);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    properties.reload(uri);
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'json');
  await vscode.window.showTextDocument(document, { preview: false });
}

export async function copyId({ tree, log }: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const target = await pickResource(tree, node, vscode.l10n.t('Copy the ID of…'));
  await vscode.env.clipboard.writeText(target.resource()!.id);
  log.info('Copied an ID to the clipboard.');
}

export async function copyUrl({ tree, log }: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const target = await pickResource(tree, node, vscode.l10n.t('Copy the URL of…'));
  await vscode.env.clipboard.writeText(target.resource()!.url);
  log.info('Copied a URL to the clipboard.');
}
