/**
 * Reboot…, Deallocate…, Start, Disable Scheduling… and Enable Scheduling on one node, a multi-selection or from the
 * palette, all through the reimage bulk runner (`runNodeBulk`: bounded concurrency, 429-aware, state re-read before
 * sending, cancellable progress, one summary). Rebooted nodes are followed to idle with "Rebooting…" on the row.
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../extensionServices';
import type { BatchNodeTaskOption } from '../../azure/batch/nodeOperationModels';
import { explainNodeActionError, type ServiceErrorLike } from '../../nodeActions/explainNodeActionError';
import { deallocateOptionChoices, disableSchedulingOptionChoices, rebootOptionChoices, type OptionChoice } from '../../nodeActions/nodeActionOptions';
import { DEALLOCATABLE_STATES, REBOOTABLE_STATES, SCHEDULING_STATES, STARTABLE_STATES, followLabel, nodeFacts, remediesFor, remedyHint, type NodeAction } from '../../nodeActions/nodeActionRules';
import type { FollowResult } from '../../reimage/nodeFollower';
import type { BatchNode } from '../../azure/batch/batchModels.generated';
import { runNodeBulk, type ReimageOutcome, type ReimageTarget } from '../../reimage/reimageRunner';
import type { NodeItem } from '../../tree/nodeItem';
import { NODE_SELECT } from '../../tree/poolItem';
import type { TreeNode } from '../../tree/treeNode';
import { errorDetails } from '../../utils/errors';
import { formatNumber, plural } from '../../utils/format';
import type { CommandContext } from '../commandWrapper';
import { chooseNodes, confirm, pickOption } from './nodeTargets';

interface Target extends ReimageTarget {
  item: NodeItem;
}

type BulkAction = Extract<NodeAction, 'reboot' | 'deallocate' | 'start' | 'disableScheduling' | 'enableScheduling'>;

interface BulkSpec {
  action: BulkAction;
  /** Short name for progress, summary and log ("Reboot"). */
  name: () => string;
  ready: ReadonlySet<string>;
  readyText: string;
  options?: () => OptionChoice<BatchNodeTaskOption>[];
  optionTitle?: () => string;
  /** Modal subject for one node / many nodes, and its button; none = no confirmation (Start, Enable Scheduling). */
  confirmation?: { one: (node: string, pool: string) => string; many: (count: string, pool: string) => string; detail: () => string; button: () => string };
  send: (api: ReturnType<ExtensionServices['gateway']['batch']>, t: Target, option: BatchNodeTaskOption | undefined) => Promise<void>;
  /** Follow accepted nodes on their rows until the action has run its course. */
  follow?: 'reboot';
}

const SPECS: Record<BulkAction, BulkSpec> = {
  reboot: {
    action: 'reboot',
    name: () => vscode.l10n.t('Reboot'),
    ready: REBOOTABLE_STATES,
    readyText: 'idle, running or starttaskfailed',
    options: rebootOptionChoices,
    optionTitle: () => vscode.l10n.t('Reboot: what happens to running tasks?'),
    confirmation: {
      one: (node, pool) => vscode.l10n.t('Reboot node {0} of pool {1}?', node, pool),
      many: (count, pool) => vscode.l10n.t('Reboot {0} nodes of pool {1}?', count, pool),
      detail: () => vscode.l10n.t('The node restarts and runs the pool’s start task again; files on it are kept.'),
      button: () => vscode.l10n.t('Reboot'),
    },
    send: (api, t, o) => api.rebootNode(t.poolId, t.nodeId, o ?? 'requeue'),
    follow: 'reboot',
  },
  deallocate: {
    action: 'deallocate',
    name: () => vscode.l10n.t('Deallocate'),
    ready: DEALLOCATABLE_STATES,
    readyText: 'idle or running',
    options: deallocateOptionChoices,
    optionTitle: () => vscode.l10n.t('Deallocate: what happens to running tasks?'),
    confirmation: {
      one: (node, pool) => vscode.l10n.t('Deallocate node {0} of pool {1}?', node, pool),
      many: (count, pool) => vscode.l10n.t('Deallocate {0} nodes of pool {1}?', count, pool),
      detail: () => vscode.l10n.t('The node’s VM is released and runs no tasks until you start it again.'),
      button: () => vscode.l10n.t('Deallocate'),
    },
    send: (api, t, o) => api.deallocateNode(t.poolId, t.nodeId, o ?? 'requeue'),
  },
  start: {
    action: 'start',
    name: () => vscode.l10n.t('Start'),
    ready: STARTABLE_STATES,
    readyText: 'deallocated',
    send: (api, t) => api.startNode(t.poolId, t.nodeId),
  },
  disableScheduling: {
    action: 'disableScheduling',
    name: () => vscode.l10n.t('Disable Scheduling'),
    ready: SCHEDULING_STATES,
    readyText: 'idle, running, offline, waitingforstarttask or starttaskfailed',
    options: disableSchedulingOptionChoices as () => OptionChoice<BatchNodeTaskOption>[],
    optionTitle: () => vscode.l10n.t('Disable Scheduling: what happens to running tasks?'),
    send: (api, t, o) => api.disableNodeScheduling(t.poolId, t.nodeId, (o ?? 'requeue') as 'requeue'),
  },
  enableScheduling: {
    action: 'enableScheduling',
    name: () => vscode.l10n.t('Enable Scheduling'),
    ready: SCHEDULING_STATES,
    readyText: 'idle, running, offline, waitingforstarttask or starttaskfailed',
    send: (api, t) => api.enableNodeScheduling(t.poolId, t.nodeId),
  },
};

async function runBulkAction(spec: BulkSpec, services: ExtensionServices, ctx: CommandContext, clicked?: TreeNode, selection?: readonly TreeNode[]): Promise<ReimageOutcome<Target>[]> {
  const { gateway, follower, settings, log } = services;
  const { allowed, leftOut } = await chooseNodes(services, ctx, spec.action, vscode.l10n.t('{0}: nodes of which pool?', spec.name()), true, clicked, selection);
  const option = spec.options ? await pickOption(services, `azureBatch.${spec.action}.lastOption`, spec.optionTitle!(), spec.options()) : undefined;
  if (option) {
    ctx.telemetry.properties.nodeActionOption = option;
  }
  if (spec.confirmation) {
    const c = spec.confirmation;
    const pools = [...new Set(allowed.map((n) => n.parent.pool.id ?? ''))].join(', ');
    const subject = allowed.length === 1 ? c.one(allowed[0]!.node.id ?? '', pools) : c.many(formatNumber(allowed.length, vscode.env.language), pools);
    const effect = option && spec.options ? spec.options().find((o) => o.label === option)?.description : undefined;
    const skipped = leftOut ? plural(vscode.env.language, leftOut, vscode.l10n.t('{0} selected node does not allow this now and is left out.|{0} selected nodes do not allow this now and are left out.'), leftOut) : '';
    await confirm(subject, [effect, c.detail(), skipped].filter(Boolean).join('\n'), c.button());
  }
  const targets: Target[] = allowed.map((item) => ({ poolId: item.parent.pool.id ?? '', nodeId: item.node.id ?? '', item }));
  const apiOf = (t: Target) => gateway.batch(t.item.parent.parent.account);
  const followTimeoutMs = settings.current.reimage.followTimeoutMinutes * 60_000;
  const follows: Promise<{ target: Target; result: FollowResult }>[] = [];
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: spec.name(), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        return await runNodeBulk(targets, {
          nodeState: async (t, signal) => (await apiOf(t).getNode(t.poolId, t.nodeId, 'id,state', undefined, signal)).state,
          send: (t) => spec.send(apiOf(t), t, option),
        }, {
          concurrency: settings.current.reimage.concurrency,
          signal: controller.signal,
          ready: spec.ready,
          readyText: spec.readyText,
          onProgress: (done, total) => progress.report({ message: vscode.l10n.t('{0} of {1}…', formatNumber(done, vscode.env.language), formatNumber(total, vscode.env.language)), increment: 100 / total }),
          onLimitChange: (limit) => log.info(`${spec.action}: throttled by the service, concurrency now ${limit}`),
          onAccepted: (t) => {
            const target = t as Target;
            if (spec.follow) {
              const read = (signal: AbortSignal) => apiOf(target).getNode(target.poolId, target.nodeId, NODE_SELECT, undefined, signal);
              follows.push(follower.follow(target.item.followRow(followLabel(spec.follow)), read, Date.now(), followTimeoutMs).then((result) => ({ target, result })));
            } else {
              services.tree.refresh(target.item.parent);
            }
          },
        });
      } finally {
        cancel.dispose();
      }
    },
  );
  summarize(spec, log, outcomes, option);
  void reportFailedFollows(log, follows);
  return outcomes;
}

/**
 * After a reboot, a node that lands in starttaskfailed or unusable is reported with its errors and its remedies as
 * buttons: Open Start Task Output (when that command is installed), Reboot… again, Remove from Pool….
 */
async function reportFailedFollows(log: vscode.LogOutputChannel, follows: Promise<{ target: Target; result: FollowResult }>[]): Promise<void> {
  const failed = (await Promise.all(follows)).filter((r) => r.result.kind === 'failed');
  for (const r of failed) {
    const node = (r.result as { node: BatchNode }).node;
    log.error(`Reboot of ${r.target.poolId}/${r.target.nodeId} ended ${node.state}: ${(node.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('; ')}`);
  }
  const first = failed[0];
  if (!first) {
    return;
  }
  const node = (first.result as { node: BatchNode }).node;
  const item = first.target.item;
  const commands = await vscode.commands.getCommands(true);
  const buttons: [string, string][] = [];
  for (const action of remediesFor(nodeFacts(node))) {
    const id = REMEDY_COMMANDS[action];
    if (id && commands.includes(id)) {
      buttons.push([REMEDY_TITLES[action]!(), id]);
    }
  }
  const errors = (node.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('; ');
  const text = vscode.l10n.t('After its reboot, node {0} is {1} ({2}). {3}', node.id ?? '', node.state ?? '', errors || vscode.l10n.t('no error details'), remedyHint(nodeFacts(node)) ?? '');
  const choice = await vscode.window.showErrorMessage(text, ...buttons.map(([title]) => title));
  const chosen = buttons.find(([title]) => title === choice);
  if (chosen) {
    await vscode.commands.executeCommand(chosen[1], item);
  }
}

const REMEDY_COMMANDS: Partial<Record<NodeAction, string>> = {
  openStartTaskOutput: 'azureBatch.openStartTaskOutput',
  reboot: 'azureBatch.rebootNodes',
  remove: 'azureBatch.removeNodes',
};
const REMEDY_TITLES: Partial<Record<NodeAction, () => string>> = {
  openStartTaskOutput: () => vscode.l10n.t('Open Start Task Output'),
  reboot: () => vscode.l10n.t('Reboot…'),
  remove: () => vscode.l10n.t('Remove from Pool…'),
};

function summarize(spec: BulkSpec, log: vscode.LogOutputChannel, outcomes: ReimageOutcome<Target>[], option: string | undefined): void {
  const count = (s: string) => outcomes.filter((o) => o.status === s).length;
  for (const o of outcomes) {
    const line = `${spec.action}${option ? ` (${option})` : ''} ${o.target.poolId}/${o.target.nodeId}: ${o.status}${o.reason ? ` - ${o.reason}` : ''}`;
    if (o.status === 'failed') { log.error(`${line}\n${errorDetails(o.error)}`); } else { log.info(line); }
  }
  const n = (value: number) => formatNumber(value, vscode.env.language);
  const [succeeded, skipped, failed, canceled] = ['succeeded', 'skipped', 'failed', 'canceled'].map(count) as [number, number, number, number];
  const parts = [vscode.l10n.t('{0} accepted', n(succeeded))];
  if (skipped) { parts.push(vscode.l10n.t('{0} skipped (state changed: {1})', n(skipped), outcomes.find((o) => o.status === 'skipped')?.reason ?? '')); }
  if (failed) { parts.push(vscode.l10n.t('{0} failed', n(failed))); }
  if (canceled) { parts.push(vscode.l10n.t('{0} not sent (canceled)', n(canceled))); }
  const firstFailure = outcomes.find((o) => o.status === 'failed');
  const why = firstFailure ? ` ${explainNodeActionError(spec.action, (firstFailure.error ?? {}) as ServiceErrorLike)}` : '';
  const text = `${spec.name()}${option ? ` (${option})` : ''}: ${parts.join(', ')}.${why}`;
  const showLog = vscode.l10n.t('Show Log');
  const shown = failed ? vscode.window.showErrorMessage(text, showLog) : skipped || canceled ? vscode.window.showWarningMessage(text, showLog) : vscode.window.showInformationMessage(text, showLog);
  void shown.then((choice) => choice === showLog && log.show(true));
}

type Handler = (services: ExtensionServices, ctx: CommandContext, clicked?: TreeNode, selection?: readonly TreeNode[]) => Promise<ReimageOutcome<Target>[]>;
const handler = (action: BulkAction): Handler => (services, ctx, clicked, selection) => runBulkAction(SPECS[action], services, ctx, clicked, selection);

export const rebootNodes = handler('reboot');
export const deallocateNodes = handler('deallocate');
export const startNodes = handler('start');
export const disableScheduling = handler('disableScheduling');
export const enableScheduling = handler('enableScheduling');
