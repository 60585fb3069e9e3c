/**
 * Remove from Pool…: the selected nodes (or palette pickers), nodeDeallocationOption from the four REST values, a
 * modal with Remove, then `runRemoveNodes` (at most 100 ids per request, waiting for steady in between, 429-aware,
 * cancellable). Refused with a clear reason when the pool is not steady.
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../extensionServices';
import { nodeDeallocationOptionChoices } from '../../nodeActions/nodeActionOptions';
import { runRemoveNodes, type RemoveOutcome } from '../../nodeActions/removeNodeRequests';
import type { TreeNode } from '../../tree/treeNode';
import { ActionableError } from '../../utils/errors';
import { formatNumber } from '../../utils/format';
import type { CommandContext } from '../commandWrapper';
import { chooseNodes, confirm, explained, pickOption, refusal } from './nodeTargets';

export async function removeNodes(services: ExtensionServices, ctx: CommandContext, clicked?: TreeNode, selection?: readonly TreeNode[]): Promise<RemoveOutcome> {
  const { gateway, tree, log } = services;
  const { allowed, leftOut } = await chooseNodes(services, ctx, 'remove', vscode.l10n.t('Remove nodes of which pool?'), true, clicked, selection);
  const pool = allowed[0]!.parent;
  const poolId = pool.pool.id ?? '';
  const nodes = allowed.filter((n) => n.parent.id === pool.id);
  const api = gateway.batch(pool.parent.account);
  const { pool: fresh } = await explained('remove', () => api.getPool(poolId));
  if (fresh.allocationState !== 'steady') {
    throw new ActionableError(
      vscode.l10n.t('Pool {0} is {1}: nodes can be removed only while it is steady. Wait until the current resize ends (or use Stop Resize), then try again.', poolId, fresh.allocationState ?? ''),
      'PoolNotSteady',
    );
  }
  const option = await pickOption(services, 'azureBatch.removeNodes.lastOption', vscode.l10n.t('Remove from Pool: what happens to running tasks?'), nodeDeallocationOptionChoices());
  ctx.telemetry.properties.nodeActionOption = option;
  const subject = nodes.length === 1
    ? vscode.l10n.t('Remove node {0} from pool {1}?', nodes[0]!.node.id ?? '', poolId)
    : vscode.l10n.t('Remove {0} nodes from pool {1}?', formatNumber(nodes.length, vscode.env.language), poolId);
  const left = leftOut + (allowed.length - nodes.length);
  const detail = [
    nodeDeallocationOptionChoices().find((c) => c.label === option)?.description,
    vscode.l10n.t('The pool’s target size goes down by the removed nodes; their local data is lost.'),
    left ? vscode.l10n.t('{0} other selected nodes are left out (another pool, or already leaving).', left) : '',
  ].filter(Boolean).join('\n');
  await confirm(subject, detail, vscode.l10n.t('Remove'));
  const ids = nodes.map((n) => n.node.id ?? '');
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Remove from Pool'), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        return await runRemoveNodes({
          removeNodes: (p, chunk, o) => api.removeNodes(p, chunk, o),
          allocationState: async (p) => (await api.getPool(p)).pool.allocationState,
        }, poolId, ids, option, {
          signal: controller.signal,
          onProgress: (accepted, total) => progress.report({ message: vscode.l10n.t('{0} of {1} nodes accepted…', accepted, total), increment: 0 }),
        });
      } finally {
        cancel.dispose();
      }
    },
  );
  log.info(`Remove from pool ${poolId} (${option}): accepted ${outcome.accepted.join(', ') || 'none'}; not sent ${outcome.notSent.join(', ') || 'none'}${outcome.stopped ? `; stopped: ${outcome.stopped}` : ''}`);
  tree.refresh(pool);
  if (outcome.failed && outcome.accepted.length === 0) {
    throw refusal('remove', outcome.failed.error);
  }
  const text = vscode.l10n.t('Remove from Pool ({0}): {1} of {2} nodes accepted; they leave pool {3}.', option, outcome.accepted.length, ids.length, poolId);
  if (outcome.failed) {
    void vscode.window.showErrorMessage(`${text} ${refusal('remove', outcome.failed.error).message}`);
  } else if (outcome.stopped) {
    void vscode.window.showWarningMessage(`${text} ${outcome.stopped === 'notSteady'
      ? vscode.l10n.t('The pool did not become steady again ({0}); the rest were not sent.', outcome.lastAllocationState ?? '')
      : vscode.l10n.t('Canceled: the rest were not sent.')}`);
  } else {
    void vscode.window.showInformationMessage(text);
  }
  return outcome;
}
