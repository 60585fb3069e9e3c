/**
 * The palette's node picker, shared by the node actions, Reimage… and Open Start Task Output: a pool's nodes a page
 * (1,000) at a time. While more pages exist, the title says the list is capped ("1,000 of 10,000 loaded") and a
 * "Load more…" item at the end loads the next page and asks again, keeping what was already picked. States show in
 * words ("start task failed"); typing one filters the list.
 */
import * as vscode from 'vscode';
import type { BatchNode } from '../azure/batch/batchModels.generated';
import type { BatchAccountApi } from '../services/azureGateway';
import { stateFilter } from '../tree/nodeState';
import { NODE_SELECT } from '../tree/nodeSelect';
import type { PoolItem } from '../tree/poolItem';
import { formatCount, loadMoreLabel, nodeTotal, readableNodeState } from '../tree/rowText';
import { UserCancelledError } from '../utils/errors';

const PAGE = 1000;

export interface NodePickerRequest {
  pool: PoolItem;
  api: BatchAccountApi;
  title: string;
  many: boolean;
  /** Asked of the service (`$filter`); empty = every state. */
  states?: readonly string[];
  /** Kept on this side (e.g. what the action allows). */
  eligible?: (node: BatchNode) => boolean;
  /** Order within what is loaded (e.g. failed nodes first). */
  order?: (a: BatchNode, b: BatchNode) => number;
  /** The error when the pool has no eligible node at all. */
  none: () => Error;
}

interface NodeQuickPick extends vscode.QuickPickItem {
  node?: BatchNode;
}

/** "start task failed · scheduling disabled" */
function describe(node: BatchNode): string {
  return [readableNodeState(node.state), node.schedulingState === 'disabled' ? vscode.l10n.t('scheduling disabled') : ''].filter(Boolean).join(' · ');
}

/** The nodes picked (one, or several with `many`); throws UserCancelledError on Escape. */
export async function pickPoolNodes(request: NodePickerRequest): Promise<BatchNode[]> {
  const { pool, api, many } = request;
  const poolId = pool.pool.id ?? '';
  const total = nodeTotal(pool.nodeCounts, request.states ?? []);
  const loaded: BatchNode[] = [];
  const picked = new Set<string>();
  let nextLink: string | undefined;
  let first = true;
  for (;;) {
    if (first || nextLink) {
      const page = await api.listNodes(poolId, { filter: stateFilter(request.states ?? []), select: NODE_SELECT, maxResults: PAGE, nextLink }, undefined);
      loaded.push(...page.nodes);
      nextLink = page.nextLink;
      first = false;
    }
    const eligible = loaded.filter((n) => request.eligible?.(n) ?? true);
    if (request.order) {
      eligible.sort(request.order);
    }
    if (eligible.length === 0) {
      if (nextLink) {
        continue; // nothing eligible on these pages: read on
      }
      throw request.none();
    }
    const items: NodeQuickPick[] = eligible.map((node) => ({
      label: node.id ?? '',
      description: describe(node),
      detail: [node.isDedicated === false ? vscode.l10n.t('spot') : vscode.l10n.t('dedicated'), node.ipAddress, node.vmSize].filter(Boolean).join(' · '),
      picked: picked.has(node.id ?? ''),
      node,
    }));
    const more: NodeQuickPick = { label: loadMoreLabel(loaded.length, total, vscode.env.language), alwaysShow: true };
    if (nextLink) {
      items.push(more);
    }
    const capped = nextLink
      ? ` — ${total !== undefined && total > loaded.length
        ? vscode.l10n.t('first {0} of {1} nodes loaded', formatCount(loaded.length, vscode.env.language), formatCount(total, vscode.env.language))
        : vscode.l10n.t('first {0} nodes loaded, more on the next page', formatCount(loaded.length, vscode.env.language))}`
      : '';
    const options = { title: `${request.title}${capped}`, matchOnDescription: true, ignoreFocusOut: true };
    const answer: NodeQuickPick[] | undefined = many
      ? await vscode.window.showQuickPick(items, { ...options, canPickMany: true })
      : await vscode.window.showQuickPick(items, options).then((p) => (p ? [p] : undefined));
    if (!answer || answer.length === 0) {
      throw new UserCancelledError('pickNodes');
    }
    const nodes = answer.filter((p): p is NodeQuickPick & { node: BatchNode } => p.node !== undefined).map((p) => p.node);
    if (!answer.includes(more)) {
      return nodes;
    }
    // "Load more…": remember the picks, read the next page, ask again.
    picked.clear();
    for (const node of nodes) {
      picked.add(node.id ?? '');
    }
  }
}
