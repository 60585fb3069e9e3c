/**
 * Node files in editors: open a file from a node's Files row, Open Start Task Output (stdout and stderr side by
 * side), Load Whole File and Refresh on an open node file, Load more… in a folder.
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { START_TASK_STDERR, START_TASK_STDOUT } from '../nodeActions/nodeFileText';
import type { BatchAccountInfo } from '../services/azureGateway';
import { NodeFileReadError } from '../services/nodeFileSystem';
import { NODE_FILE_SCHEME } from '../services/nodeFileUri';
import { NODE_FILE_STATES, NodeFileItem, NodeFolderItem } from '../tree/nodeFileItems';
import { NodeItem } from '../tree/nodeItem';
import type { TreeNode } from '../tree/treeNode';
import { ActionableError } from '../utils/errors';
import type { CommandContext } from './commandWrapper';
import { pickPoolNodes } from './nodePicker';
import { pickPool } from './treeCommands';

interface NodeTarget {
  account: BatchAccountInfo;
  poolId: string;
  nodeId: string;
}

function targetOf(item: NodeItem): NodeTarget {
  return { account: item.parent.parent.account, poolId: item.parent.pool.id ?? '', nodeId: item.node.id ?? '' };
}

/** Reads the file (so a failure is explained), then shows it in a tab. */
async function openFile({ nodeFiles }: ExtensionServices, target: NodeTarget, filePath: string, options: vscode.TextDocumentShowOptions): Promise<vscode.TextEditor> {
  const uri = nodeFiles.uriFor(target.account, target.poolId, target.nodeId, filePath);
  const alreadyOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  if (alreadyOpen) {
    await nodeFiles.reread(uri);
  } else {
    await nodeFiles.prepare(uri);
  }
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, options);
}

/** A click on a file in a node's Files row. */
export async function openNodeFile(services: ExtensionServices, ctx: CommandContext, item?: NodeFileItem): Promise<void> {
  if (!(item instanceof NodeFileItem)) {
    throw new ActionableError(vscode.l10n.t('Open a node file from the Files row under a compute node in the Azure Batch view.'), 'NoNodeFile');
  }
  ctx.telemetry.properties.source = 'tree';
  const pool = item.nodeRow.parent;
  await openFile(services, { account: pool.parent.account, poolId: pool.pool.id ?? '', nodeId: item.nodeRow.node.id ?? '' }, item.filePath, { preview: true });
}

/** Palette: account → pool → node (start-task-failed and unusable nodes first), paged. */
async function pickNode(services: ExtensionServices): Promise<NodeTarget> {
  const pool = await pickPool(services.tree, vscode.l10n.t('Open the start task output of a node in which pool?'));
  const rank = (state?: string) => (state === 'starttaskfailed' ? 0 : state === 'unusable' ? 1 : 2);
  const [node] = await pickPoolNodes({
    pool,
    api: services.gateway.batch(pool.parent.account),
    log: services.log,
    title: vscode.l10n.t('Open the start task output of which node of {0}?', pool.pool.id ?? ''),
    many: false,
    states: [...NODE_FILE_STATES],
    order: (a, b) => rank(a.state) - rank(b.state),
    none: () => new ActionableError(vscode.l10n.t('Pool {0} has no node whose files can be read now (the node must be idle, running, offline, unusable, or waiting for or failed in its start task).', pool.pool.id ?? ''), 'NoReadableNodes'),
  });
  return { account: pool.parent.account, poolId: pool.pool.id ?? '', nodeId: node?.id ?? '' };
}

async function resolveTarget(services: ExtensionServices, clicked: unknown): Promise<NodeTarget> {
  if (clicked instanceof NodeItem) {
    return targetOf(clicked);
  }
  const rowId = (clicked as { nodeRowId?: unknown } | undefined)?.nodeRowId;
  if (typeof rowId === 'string') {
    // From the link in a node's tooltip.
    const row = services.tree.ctx.items.get(rowId);
    if (row instanceof NodeItem) {
      return targetOf(row);
    }
  }
  return pickNode(services);
}

/** "Open Start Task Output": startup/stdout.txt and startup/stderr.txt side by side; stderr has the focus. */
export async function openStartTaskOutput(services: ExtensionServices, ctx: CommandContext, clicked?: TreeNode | { nodeRowId: string }): Promise<vscode.TextEditor[]> {
  ctx.telemetry.properties.source = clicked ? 'tree' : 'palette';
  const target = await resolveTarget(services, clicked);
  try {
    const stdout = await openFile(services, target, START_TASK_STDOUT, { viewColumn: vscode.ViewColumn.One, preview: false, preserveFocus: true });
    const stderr = await openFile(services, target, START_TASK_STDERR, { viewColumn: vscode.ViewColumn.Two, preview: false });
    return [stdout, stderr];
  } catch (error) {
    if (error instanceof NodeFileReadError && error.code === 'FileNotFound') {
      throw new ActionableError(
        vscode.l10n.t('Node {0} of pool {1} has no start task output: the pool has no start task, or the start task has not run since the node last started. Check the pool’s start task in View Properties.', target.nodeId, target.poolId),
        'NoStartTaskOutput',
      );
    }
    throw error;
  }
}

/** The node file of the active editor (or the one the editor title passes). */
function nodeFileUriOf(uri: unknown): vscode.Uri {
  const candidate = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (candidate?.scheme !== NODE_FILE_SCHEME) {
    throw new ActionableError(vscode.l10n.t('This works on a file opened from a node’s Files row. Open one first.'), 'NoNodeFileEditor');
  }
  return candidate;
}

/** "Load Whole File": reads all of a file shown as its last 1 MiB. */
export async function loadWholeNodeFile({ nodeFiles }: ExtensionServices, ctx: CommandContext, uri?: vscode.Uri): Promise<void> {
  const target = nodeFileUriOf(uri);
  const document = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the whole file…') },
    () => nodeFiles.reread(target, { whole: true }),
  );
  ctx.telemetry.measurements.bytes = document.readBytes;
}

/** "Refresh" on an open node file: reads it again; the editor keeps its scroll position. */
export async function refreshNodeFile({ nodeFiles }: ExtensionServices, _ctx: CommandContext, uri?: vscode.Uri): Promise<void> {
  await nodeFiles.reread(nodeFileUriOf(uri));
}

/** "Load more…" under a node folder. */
export async function loadMoreNodeFiles(_services: ExtensionServices, _ctx: CommandContext, folder?: NodeFolderItem): Promise<void> {
  if (folder instanceof NodeFolderItem) {
    await vscode.window.withProgress({ location: { viewId: 'azureBatch.explorer' } }, () => folder.loadMore());
  }
}
