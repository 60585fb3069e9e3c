import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { PoolItem } from '../tree/poolItem';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './commandWrapper';
import { pickPool } from './treeCommands';

/** "Show Heatmap": from a pool's context menu or inline action, or from the palette with account → pool pickers. */
export async function showHeatmap({ tree, editors }: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const pool = node instanceof PoolItem ? node : await pickPool(tree, vscode.l10n.t('Show the heatmap of which pool?'));
  editors.openHeatmap({ account: pool.parent.account, poolId: pool.pool.id ?? '' });
}
