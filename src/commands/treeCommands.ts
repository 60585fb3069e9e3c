import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import type { ExplorerProvider } from '../tree/explorerProvider';
import { ImageDefinitionItem } from '../tree/galleryItems';
import { NodeItem } from '../tree/nodeItem';
import { PoolItem } from '../tree/poolItem';
import { statePickItems } from '../tree/rowText';
import { StateGroupItem } from '../tree/stateGroupItem';
import type { TreeNode } from '../tree/treeNode';
import { UserCancelledError } from '../utils/errors';
import type { CommandContext } from './commandWrapper';
import { pickTreeItem } from './pickTreeItem';
import { isPoolBranch } from './treeAccess';

export function refresh({ tree }: ExtensionServices, _ctx: CommandContext, node?: TreeNode): void {
  tree.refresh(node instanceof NodeItem ? node.treeParent() : node);
}

/** "Retry" under an error row. */
export function retry({ tree }: ExtensionServices, _ctx: CommandContext, again?: () => void): void {
  (again ?? (() => tree.refresh()))();
}

/** "Load more…" under a pool, a state group or an image definition: appends the next page. */
export async function loadMore(_services: ExtensionServices, _ctx: CommandContext, row?: TreeNode): Promise<void> {
  if (!(row instanceof PoolItem || row instanceof StateGroupItem || row instanceof ImageDefinitionItem)) {
    return;
  }
  await vscode.window.withProgress({ location: { viewId: 'azureBatch.explorer' } }, () => row.loadMore());
}

export async function pickPool(tree: ExplorerProvider, title: string): Promise<PoolItem> {
  return pickTreeItem(tree, title, (n): n is PoolItem => n instanceof PoolItem, isPoolBranch);
}

/** "Filter Nodes…": a multi-select of states in words with their node counts, sent as `$filter`, remembered per pool. */
export async function filterNodes({ tree, treeView }: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const pool = node instanceof PoolItem ? node : await pickPool(tree, vscode.l10n.t('Filter nodes of which pool?'));
  const current = new Set(pool.filterStates);
  const picks = await vscode.window.showQuickPick(
    statePickItems(pool.nodeCounts, vscode.env.language).map((item) => ({ ...item, picked: current.has(item.state) })),
    {
      title: vscode.l10n.t('Show nodes of pool {0} in these states (none = all)', pool.pool.id ?? ''),
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  if (!picks) {
    throw new UserCancelledError('filterNodes');
  }
  await pool.setFilterStates(picks.map((p) => p.state));
  if (treeView.visible) {
    await treeView.reveal(pool, { expand: true, select: false, focus: false }).then(undefined, () => undefined);
  }
}

/** "Clear Filter" (inline on a filtered pool): shows all the pool's nodes again. */
export async function clearNodeFilter(_services: ExtensionServices, _ctx: CommandContext, node?: TreeNode): Promise<void> {
  if (!(node instanceof PoolItem)) {
    throw new UserCancelledError('clearNodeFilter');
  }
  await node.setFilterStates([]);
}
