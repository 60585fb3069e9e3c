import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import type { FollowResult } from '../reimage/nodeFollower';
import { REIMAGE_OPTIONS, isReimageOption, reimageOptionEffect, type ReimageOption } from '../reimage/reimageOptions';
import { runReimage, type ReimageOutcome, type ReimageTarget } from '../reimage/reimageRunner';
import { reimageSummary } from '../reimage/reimageSummary';
import { NodeItem } from '../tree/nodeItem';
import { REIMAGEABLE_STATES } from '../tree/nodeState';
import { NODE_SELECT, type PoolItem } from '../tree/poolItem';
import type { TreeNode } from '../tree/treeNode';
import { ActionableError, UserCancelledError, errorDetails } from '../utils/errors';
import { formatNumber, plural } from '../utils/format';
import type { CommandContext } from './commandWrapper';
import { pickPoolNodes } from './nodePicker';
import { pickPool } from './treeCommands';
import { notificationText } from '../utils/notificationText';

const LAST_OPTION_KEY = 'azureBatch.reimage.lastOption';

interface Target extends ReimageTarget {
  item: NodeItem;
}

/** Nodes from the palette: pool picker, then a multi-select of its idle or running nodes, paged (filter by typing a state). */
async function pickNodes({ tree, gateway, log }: ExtensionServices): Promise<NodeItem[]> {
  const pool: PoolItem = await pickPool(tree, vscode.l10n.t('Reimage nodes of which pool?'));
  const nodes = await pickPoolNodes({
    pool,
    api: gateway.batch(pool.parent.account),
    log,
    title: vscode.l10n.t('Nodes of {0} to reimage (type a state to filter)', pool.pool.id ?? ''),
    many: true,
    states: [...REIMAGEABLE_STATES],
    none: () => new ActionableError(vscode.l10n.t('Pool {0} has no idle or running nodes; only those can be reimaged.', pool.pool.id ?? ''), 'NoReimageableNodes'),
  });
  return nodes.map((node) => {
    const existing = tree.ctx.items.get(`${pool.id}/nodes/${node.id}`);
    return existing instanceof NodeItem ? existing : new NodeItem(pool, tree.ctx, node);
  });
}

/** The option quick pick: items labelled exactly with the API values, the last choice preselected. */
async function pickOption({ context, settings }: ExtensionServices): Promise<ReimageOption> {
  const last = context.globalState.get<string>(LAST_OPTION_KEY);
  const preferred = isReimageOption(last) ? last : settings.current.reimage.defaultOption;
  const items = REIMAGE_OPTIONS.map((option) => ({ label: option, description: reimageOptionEffect(option), option }));
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.title = vscode.l10n.t('Reimage: what happens to running tasks?');
  quickPick.items = items;
  quickPick.activeItems = items.filter((i) => i.option === preferred);
  quickPick.ignoreFocusOut = true;
  const chosen = await new Promise<ReimageOption | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.option ?? quickPick.activeItems[0]?.option));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (!chosen) {
    throw new UserCancelledError('reimageOption');
  }
  await context.globalState.update(LAST_OPTION_KEY, chosen);
  return chosen;
}

function consequence(option: ReimageOption): string {
  switch (option) {
    case 'requeue': return vscode.l10n.t('Running tasks are stopped and requeued to run again.');
    case 'terminate': return vscode.l10n.t('Running tasks are stopped and fail; they will not run again.');
    case 'taskcompletion': return vscode.l10n.t('Running tasks finish first; no new tasks are scheduled on the node.');
    case 'retaineddata': return vscode.l10n.t('Running tasks finish and the node waits until all task data retention expires.');
  }
}

/**
 * "Reimage…" on one node, a multi-selection, or from the palette: option, confirmation, bounded-concurrency sends
 * with a cancellable progress, one summary, then follow-through in the tree.
 */
export async function reimageNodes(services: ExtensionServices, ctx: CommandContext, clicked?: TreeNode, selection?: readonly TreeNode[]): Promise<ReimageOutcome<Target>[]> {
  const { tree, gateway, follower, settings, log } = services;
  ctx.telemetry.properties.source = clicked ? 'tree' : 'palette';
  const chosen = clicked ? (selection?.length ? selection : [clicked]) : await pickNodes(services);
  const nodes = chosen.filter((n): n is NodeItem => n instanceof NodeItem);
  const allowed = nodes.filter((n) => REIMAGEABLE_STATES.has(n.node.state ?? '') && !tree.ctx.transient.has(n.id));
  if (allowed.length === 0) {
    throw new ActionableError(
      vscode.l10n.t('None of the selected nodes can be reimaged now: the service accepts a reimage only while a node is idle or running. Refresh the pool and try again when they are.'),
      'NoReimageableNodes',
    );
  }
  const option = await pickOption(services);
  ctx.telemetry.properties.reimageOption = option;
  ctx.telemetry.measurements.nodeCount = allowed.length;
  const pools = new Set(allowed.map((n) => n.parent.pool.id));
  const subject = allowed.length === 1
    ? vscode.l10n.t('Reimage node {0} of pool {1}?', allowed[0].node.id ?? '', allowed[0].parent.pool.id ?? '')
    : plural(vscode.env.language, allowed.length, vscode.l10n.t('Reimage {0} node of pool {1}?|Reimage {0} nodes of pool {1}?'), allowed.length, [...pools].join(', '));
  const skippedBefore = nodes.length - allowed.length;
  const detail = [
    consequence(option),
    vscode.l10n.t('The node is reinstalled from the pool’s image; local data is lost.'),
    skippedBefore ? plural(vscode.env.language, skippedBefore, vscode.l10n.t('{0} selected node is not idle or running and is left out.|{0} selected nodes are not idle or running and are left out.'), skippedBefore) : '',
  ].filter(Boolean).join('\n');
  const button = vscode.l10n.t('Reimage');
  const answer = await vscode.window.showWarningMessage(subject, { modal: true, detail }, button);
  if (answer !== button) {
    throw new UserCancelledError('confirmReimage');
  }

  const targets: Target[] = allowed.map((item) => ({ poolId: item.parent.pool.id ?? '', nodeId: item.node.id ?? '', item }));
  const { concurrency, followTimeoutMinutes } = settings.current.reimage;
  const followTimeoutMs = followTimeoutMinutes * 60_000;
  const follows: Promise<{ target: Target; result: FollowResult }>[] = [];
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reimage'), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      progress.report({ message: vscode.l10n.t('Reimaging {0} of {1}…', 0, formatNumber(targets.length, vscode.env.language)) });
      try {
        return await runReimage(targets, option, {
          nodeState: async (t, signal) => {
            const node = await gateway.batch((t as Target).item.parent.parent.account).getNode(t.poolId, t.nodeId, 'id,state', undefined, signal);
            return node.state;
          },
          reimage: (t, o) => gateway.batch((t as Target).item.parent.parent.account).reimageNode(t.poolId, t.nodeId, o),
        }, {
          concurrency,
          signal: controller.signal,
          onProgress: (done, total) => progress.report({ message: vscode.l10n.t('Reimaging {0} of {1}…', formatNumber(done, vscode.env.language), formatNumber(total, vscode.env.language)), increment: 100 / total }),
          onLimitChange: (limit) => log.info(`Reimage: throttled by the service, concurrency now ${limit}`),
          // 429s seen by the follower, the tree or any other request slow this run down too.
          onThrottled: (listener) => services.session.onDidThrottle(listener),
          onAccepted: (t) => {
            const target = t as Target;
            const api = gateway.batch(target.item.parent.parent.account);
            const read = (signal: AbortSignal) => api.getNode(target.poolId, target.nodeId, NODE_SELECT, undefined, signal);
            follows.push(follower.follow(target.item.followRow(), read, Date.now(), followTimeoutMs).then((result) => ({ target, result })));
          },
        });
      } finally {
        cancel.dispose();
      }
    },
  );
  reportSummary(log, outcomes, option);
  void reportFollowThrough(log, follows, followTimeoutMinutes);
  return outcomes;
}

function reportSummary(log: vscode.LogOutputChannel, outcomes: ReimageOutcome<Target>[], option: ReimageOption): void {
  for (const o of outcomes) {
    const line = `Reimage (${option}) ${o.target.poolId}/${o.target.nodeId}: ${o.status}${o.reason ? ` - ${o.reason}` : ''}`;
    if (o.status === 'failed' || o.status === 'unknown') {
      const after = o.status === 'unknown' ? `\nRe-read: ${o.stateAfter ?? 'failed'}; ${o.followed ? 'followed' : 'not followed'}` : '';
      log.error(`${line}\n${errorDetails(o.error)}${after}`);
    } else {
      log.info(line);
    }
  }
  const { text, severity } = reimageSummary(outcomes, option, vscode.env.language);
  const showLog = vscode.l10n.t('Show Log');
  const shown = severity === 'error' ? vscode.window.showErrorMessage(text, showLog) : severity === 'warning' ? vscode.window.showWarningMessage(text, showLog) : vscode.window.showInformationMessage(text, showLog);
  void shown.then((choice) => choice === showLog && log.show(true));
}

async function reportFollowThrough(log: vscode.LogOutputChannel, follows: Promise<{ target: Target; result: FollowResult }>[], timeoutMinutes: number): Promise<void> {
  // Wait until every accepted node is followed to its end, then say how it ended, once.
  const results = await Promise.all(follows);
  if (results.length === 0 || results.every((r) => r.result.kind === 'stopped')) {
    return;
  }
  const idle = results.filter((r) => r.result.kind === 'idle');
  const failed = results.filter((r) => r.result.kind === 'failed');
  const timedOut = results.filter((r) => r.result.kind === 'timeout');
  const gaveUp = results.filter((r) => r.result.kind === 'gaveUp');
  for (const r of failed) {
    const node = (r.result as { node: { state?: string; errors?: { code?: string; message?: string }[] } }).node;
    log.error(`Reimage of ${r.target.poolId}/${r.target.nodeId} ended ${node.state}: ${(node.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('; ')}`);
  }
  for (const r of timedOut) {
    log.warn(`Stopped following ${r.target.poolId}/${r.target.nodeId} after ${timeoutMinutes} min; it was ${(r.result as { state?: string }).state ?? 'unknown'}.`);
  }
  const showLog = vscode.l10n.t('Show Log');
  const openOutput = vscode.l10n.t('Open Start Task Output');
  if (failed.length) {
    const first = (failed[0].result as { node: { id?: string; state?: string; errors?: { code?: string; message?: string }[] } }).node;
    const errors = (first.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('; ');
    void vscode.window.showErrorMessage(
      notificationText(plural(vscode.env.language, failed.length, vscode.l10n.t('Reimage finished with {0} node not usable: {1} is {2} ({3}). Check the node’s start task and image, then reimage it again or remove it from the pool.|Reimage finished with {0} nodes not usable: {1} is {2} ({3}). Check the node’s start task and image, then reimage it again or remove it from the pool.'), failed.length, first.id ?? '', first.state ?? '', errors || vscode.l10n.t('no error details'))),
      ...(['starttaskfailed', 'unusable'].includes(first.state ?? '') ? [openOutput] : []),
      showLog,
    ).then((c) => (c === showLog ? log.show(true) : c === openOutput && vscode.commands.executeCommand('azureBatch.openStartTaskOutput', failed[0].target.item)));
  } else if (gaveUp.length) {
    const first = gaveUp[0].result as { note: string };
    void vscode.window.showWarningMessage(
      plural(vscode.env.language, gaveUp.length, vscode.l10n.t('Stopped following {0} node: {1}|Stopped following {0} nodes; the first: {1}'), gaveUp.length, first.note),
      showLog,
    ).then((c) => (c === showLog ? log.show(true) : c === openOutput && vscode.commands.executeCommand('azureBatch.openStartTaskOutput', failed[0].target.item)));
  } else if (timedOut.length) {
    void vscode.window.showWarningMessage(
      plural(vscode.env.language, timedOut.length, vscode.l10n.t('Stopped following {0} node after {1} minutes; it had not become idle. Refresh the pool to see its state.|Stopped following {0} nodes after {1} minutes; they had not become idle. Refresh the pool to see their state.'), timedOut.length, timeoutMinutes),
      showLog,
    ).then((c) => c === showLog && log.show(true));
  } else {
    void vscode.window.showInformationMessage(
      idle.length === 1
        ? vscode.l10n.t('Node {0} is idle again after its reimage.', idle[0].target.nodeId)
        : plural(vscode.env.language, idle.length, vscode.l10n.t('{0} node is idle again after its reimage.|{0} nodes are idle again after their reimage.'), idle.length),
    );
  }
}
