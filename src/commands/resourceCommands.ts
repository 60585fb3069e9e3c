import * as vscode from 'vscode';
import { ext } from '../ext';
import type { PropertiesDocuments } from '../tree/propertiesDocuments';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './commandWrapper';
import { pickTreeItem } from './pickTreeItem';
import { isBranch, tree } from './treeAccess';

let documents: PropertiesDocuments | undefined;

export function setPropertiesDocuments(provider: PropertiesDocuments): void {
  documents = provider;
}

/** The row a command acts on: the clicked one, or one picked from the palette. */
async function pickResource(node: TreeNode | undefined, title: string): Promise<TreeNode> {
  if (node?.resource()) {
    return node;
  }
  return pickTreeItem(tree(), title, (n): n is TreeNode => n.resource() !== undefined, isBranch);
}

/** "View Properties": the full resource, fetched fresh, in a read-only JSON tab. */
export async function viewProperties(ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const target = await pickResource(node, vscode.l10n.t('View properties of…'));
  const resource = target.resource()!;
  const uri = documents!.uriFor(resource);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    documents!.reload(uri);
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'json');
  await vscode.window.showTextDocument(document, { preview: false });
}

export async function copyId(ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const target = await pickResource(node, vscode.l10n.t('Copy the ID of…'));
  await vscode.env.clipboard.writeText(target.resource()!.id);
  ext().log.info('Copied an ID to the clipboard.');
}

export async function copyUrl(ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const target = await pickResource(node, vscode.l10n.t('Copy the URL of…'));
  await vscode.env.clipboard.writeText(target.resource()!.url);
  ext().log.info('Copied a URL to the clipboard.');
}
