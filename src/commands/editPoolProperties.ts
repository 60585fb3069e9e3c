import * as vscode from 'vscode';
import { ext } from '../ext';
import { PoolItem } from '../tree/poolItem';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './commandWrapper';
import { pickPool } from './treeCommands';

/**
 * "Edit Pool Properties…": from a pool's context menu, or from the palette with a pool picker. One editor per pool;
 * a second call reveals it.
 */
export async function editPoolProperties(ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const pool = node instanceof PoolItem ? node : await pickPool(vscode.l10n.t('Edit the properties of which pool?'));
  ext().editors.poolPatch.openPoolPatchEditor({ account: pool.parent.account, poolId: pool.pool.id ?? '', poolItemId: pool.id });
}
