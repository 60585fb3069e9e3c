/**
 * Resize… (target dedicated and Spot nodes with the current values, the deallocation option when shrinking) and Stop
 * Resize. After either, the pool row is refreshed until the pool is steady again (its row shows the progress).
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../extensionServices';
import { nodeDeallocationOptionChoices } from '../../nodeActions/nodeActionOptions';
import { isResizing, planResize, resizeRefusal, resizeRequest, targetNodes, validateNodeCount } from '../../nodeActions/resizeInput';
import { PoolItem } from '../../tree/poolItem';
import type { TreeNode } from '../../tree/treeNode';
import { ActionableError, UserCancelledError } from '../../utils/errors';
import type { CommandContext } from '../commandWrapper';
import { pickPool } from '../treeCommands';
import { explained, pickOption } from './nodeTargets';

async function poolOf(services: ExtensionServices, ctx: CommandContext, node: TreeNode | undefined, title: string): Promise<PoolItem> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  return node instanceof PoolItem ? node : pickPool(services.tree, title);
}

async function ask(prompt: string, value: string): Promise<string> {
  const text = await vscode.window.showInputBox({ prompt, value, ignoreFocusOut: true, validateInput: validateNodeCount });
  if (text === undefined) {
    throw new UserCancelledError('resizeInput');
  }
  return text;
}

/** Re-reads the pool every few seconds until it is steady (or 30 minutes passed), redrawing its row. */
async function followUntilSteady(services: ExtensionServices, item: PoolItem): Promise<void> {
  const source = new vscode.CancellationTokenSource();
  const until = Date.now() + 30 * 60_000;
  try {
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await item.refreshInPlace(source.token);
      if (!isResizing(item.pool)) {
        return;
      }
    }
  } catch (error) {
    services.log.warn(`Following the resize of pool ${item.pool.id}: ${(error as Error)?.message ?? String(error)}`);
  } finally {
    source.dispose();
  }
}

export async function resizePool(services: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  const item = await poolOf(services, ctx, node, vscode.l10n.t('Resize which pool?'));
  const poolId = item.pool.id ?? '';
  const api = services.gateway.batch(item.parent.account);
  const { pool } = await explained('resize', () => api.getPool(poolId));
  const refused = resizeRefusal(pool);
  if (refused) {
    throw new ActionableError(refused, pool.enableAutoScale ? 'PoolAutoScale' : 'PoolNotSteady');
  }
  const targets = targetNodes(pool);
  const dedicated = await ask(vscode.l10n.t('Target dedicated nodes of pool {0} (now {1})', poolId, targets.dedicated), String(targets.dedicated));
  const spot = await ask(vscode.l10n.t('Target Spot nodes of pool {0} (now {1})', poolId, targets.spot), String(targets.spot));
  const plan = planResize(pool, { dedicated, spot });
  if (!plan.ok) {
    throw new ActionableError(plan.message, 'ResizeNoChange');
  }
  ctx.telemetry.measurements.targetDedicatedNodes = plan.targets.dedicated;
  ctx.telemetry.measurements.targetSpotNodes = plan.targets.spot;
  const option = plan.shrinking
    ? await pickOption(services, 'azureBatch.resize.lastOption', vscode.l10n.t('Resize: what happens to running tasks on the nodes removed?'), nodeDeallocationOptionChoices())
    : undefined;
  if (option) {
    ctx.telemetry.properties.nodeActionOption = option;
  }
  await explained('resize', () => api.resizePool(poolId, resizeRequest(plan, option)));
  services.log.info(`Resize pool ${poolId}: ${plan.targets.dedicated} dedicated, ${plan.targets.spot} Spot${option ? ` (${option})` : ''}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Pool {0} is resizing to {1} dedicated and {2} Spot nodes.', poolId, plan.targets.dedicated, plan.targets.spot));
  await item.refreshInPlace(new vscode.CancellationTokenSource().token).catch(() => undefined);
  void followUntilSteady(services, item);
}

export async function stopResize(services: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  const item = await poolOf(services, ctx, node, vscode.l10n.t('Stop resizing which pool?'));
  const poolId = item.pool.id ?? '';
  await explained('stopResize', () => services.gateway.batch(item.parent.account).stopPoolResize(poolId));
  services.log.info(`Stop resize of pool ${poolId}: accepted`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Pool {0} stops resizing; it keeps the nodes it has.', poolId));
  await item.refreshInPlace(new vscode.CancellationTokenSource().token).catch(() => undefined);
  void followUntilSteady(services, item);
}
