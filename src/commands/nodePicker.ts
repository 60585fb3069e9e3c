/**
 * The palette's node picker, shared by the node actions, Reimage… and Open Start Task Output: a pool's nodes a page
 * (1,000) at a time. While more pages exist, the title says the list is capped ("1,000 of 10,000 loaded") and a
 * "Load more…" item at the end loads the next page in place, keeping what was already picked. Rows read like the
 * tree's ("start task failed · spot · 10.4.0.17", the VM size only when it differs from the pool's).
 *
 * Typing a state ("running", "start task failed", "starttaskfailed") lists that state on the service after a short
 * pause (`$filter=state eq 'running'`, paged the same way, the total from the node counts); any other text filters the
 * loaded rows locally (ids, IPs). Each list is read once: going back to the unfiltered list, or to a state listed
 * before, shows what was loaded. Changing the text aborts a read in flight. Picks stay picked across the lists.
 */
import * as vscode from 'vscode';
import type { BatchNode } from '../azure/batch/batchModels.generated';
import type { BatchAccountApi } from '../services/azureGateway';
import { stateFilter } from '../tree/nodeState';
import type { PoolItem } from '../tree/poolItem';
import { formatCount, loadMoreLabel, nodeDescription, nodeTotal, readableNodeState } from '../tree/rowText';
import { typedNodeState } from '../tree/typedNodeState';
import { UserCancelledError, errorDetails, errorMessage } from '../utils/errors';
import { NodeListing } from './nodePickerListing';

/** The pause after the last keystroke before a typed state is listed on the service. */
const TYPING_PAUSE_MS = 300;

export interface NodePickerRequest {
  pool: PoolItem;
  api: BatchAccountApi;
  /** Where a failed listing is logged with its request ids. */
  log: Pick<vscode.LogOutputChannel, 'error'>;
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
  /** The "Load more…" row. */
  more?: true;
}

const isMore = (item: NodeQuickPick | undefined) => item?.more === true;

/** The nodes picked (one, or several with `many`); throws UserCancelledError on Escape. */
export async function pickPoolNodes(request: NodePickerRequest): Promise<BatchNode[]> {
  const states = request.states ?? [];
  const own = new NodeListing(undefined, stateFilter(states), nodeTotal(request.pool.nodeCounts, states));
  const poolId = request.pool.pool.id ?? '';
  const eligible = (listing: NodeListing) => listing.nodes.filter((n) => request.eligible?.(n) ?? true);
  do {
    await own.read(request.api, poolId); // nothing eligible on these pages: read on
  } while (eligible(own).length === 0 && own.capped);
  if (eligible(own).length === 0) {
    throw request.none();
  }
  const nodes = await new NodePickSession(request, own).run();
  if (nodes.length === 0) {
    throw new UserCancelledError('pickNodes');
  }
  return nodes;
}

class NodePickSession {
  private readonly quickPick = vscode.window.createQuickPick<NodeQuickPick>();
  private readonly picked = new Map<string, BatchNode>();
  private readonly byState = new Map<string, NodeListing>();
  private readonly language = vscode.env.language;
  private readonly poolId: string;
  private shown: NodeListing;
  private reading: { listing: NodeListing; controller: AbortController } | undefined;
  private pause: ReturnType<typeof setTimeout> | undefined;
  /** "Load more…" was checked: the accept that may follow at once asks for that page, not for the picks. */
  private moreChosen = false;
  private settle: (nodes: BatchNode[]) => void = () => undefined;

  constructor(private readonly request: NodePickerRequest, private readonly own: NodeListing) {
    this.shown = own;
    this.poolId = request.pool.pool.id ?? '';
  }

  async run(): Promise<BatchNode[]> {
    const qp = this.quickPick;
    qp.canSelectMany = this.request.many;
    qp.matchOnDescription = true;
    qp.ignoreFocusOut = true;
    qp.keepScrollPosition = true; // "Load more…" adds rows below the ones being read
    qp.placeholder = vscode.l10n.t('Type a node state (e.g. running) to list those nodes on the service; other text filters the loaded nodes');
    const done = new Promise<BatchNode[]>((resolve) => { this.settle = resolve; });
    const listeners = [
      qp.onDidChangeValue((value) => this.typed(value)),
      qp.onDidChangeSelection((selection) => this.selected(selection)),
      qp.onDidAccept(() => this.accepted()),
      qp.onDidHide(() => this.settle([])),
    ];
    this.render();
    qp.show();
    try {
      return await done;
    } finally {
      this.stopReading();
      listeners.forEach((l) => l.dispose());
      qp.dispose();
    }
  }

  /** The text changed: a state names its own list (read after a pause), anything else the picker's own list. */
  private typed(value: string): void {
    const state = typedNodeState(value, this.language, this.request.states ?? []);
    const target = state ? this.listingOf(state) : this.own;
    const failed = !target.started && target.error !== undefined && !this.isReading(target);
    if (target === this.shown && !failed) {
      return; // the same list: the quick pick filters it locally, a read in flight goes on
    }
    this.stopReading();
    this.shown = target;
    if (!target.started) {
      this.pause = setTimeout(() => {
        this.pause = undefined;
        void this.read(target);
      }, TYPING_PAUSE_MS);
    }
    this.render();
  }

  private listingOf(state: string): NodeListing {
    let listing = this.byState.get(state);
    if (!listing) {
      listing = new NodeListing(state, stateFilter([state]), nodeTotal(this.request.pool.nodeCounts, [state]));
      this.byState.set(state, listing);
    }
    return listing;
  }

  private selected(selection: readonly NodeQuickPick[]): void {
    if (this.request.many) {
      this.keepPicks(selection);
    }
    if (selection.some(isMore)) {
      this.loadMore();
      this.moreChosen = true;
    }
  }

  private accepted(): void {
    const qp = this.quickPick;
    const selection = qp.selectedItems;
    const active = qp.activeItems[0];
    if (!this.request.many) {
      const item = selection[0] ?? active;
      if (isMore(item)) {
        this.loadMore();
      } else if (item?.node) {
        this.settle([item.node]);
      }
      return; // a message row: nothing to pick
    }
    this.keepPicks(selection);
    if (this.moreChosen || selection.some(isMore) || (this.picked.size === 0 && isMore(active))) {
      this.loadMore();
      return;
    }
    this.settle([...this.picked.values()]);
  }

  /** The rows shown now follow the selection; picks of rows not shown (another list) stay. */
  private keepPicks(selection: readonly NodeQuickPick[]): void {
    for (const item of this.quickPick.items) {
      if (item.node) {
        if (selection.includes(item)) {
          this.picked.set(item.node.id ?? '', item.node);
        } else {
          this.picked.delete(item.node.id ?? '');
        }
      }
    }
  }

  private loadMore(): void {
    const listing = this.shown;
    if (listing.capped && this.reading?.listing !== listing) {
      this.stopReading();
      void this.read(listing);
    }
  }

  private stopReading(): void {
    clearTimeout(this.pause);
    this.pause = undefined;
    this.reading?.controller.abort();
    this.reading = undefined;
    this.moreChosen = false;
  }

  private async read(listing: NodeListing): Promise<void> {
    const controller = new AbortController();
    this.reading = { listing, controller };
    this.render();
    try {
      await listing.read(this.request.api, this.poolId, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) {
        return; // the text changed meanwhile: that list is read again when asked for again
      }
      listing.error = error;
      const what = listing.state ? `the ${listing.state} nodes` : 'the nodes';
      this.request.log.error(`Node picker: listing ${what} of pool ${this.poolId} failed: ${errorDetails(error)}`);
    } finally {
      if (this.reading?.controller === controller) {
        this.reading = undefined;
        this.moreChosen = false;
      }
    }
    if (this.shown === listing) {
      this.render();
    }
  }

  private render(): void {
    const listing = this.shown;
    const words = listing.state ? readableNodeState(listing.state) : '';
    const nodes = listing.nodes.filter((n) => this.request.eligible?.(n) ?? true);
    if (this.request.order) {
      nodes.sort(this.request.order);
    }
    const vmSize = this.request.pool.pool.vmSize;
    const items: NodeQuickPick[] = nodes.map((node) => ({
      label: node.id ?? '',
      description: [nodeDescription(node, vmSize), node.schedulingState === 'disabled' ? vscode.l10n.t('scheduling disabled') : ''].filter(Boolean).join(' · '),
      picked: this.picked.has(node.id ?? ''),
      // Rows listed on the service for the typed state show whatever the text (it may be the REST value, the words
      // in another language): the service did the filtering.
      alwaysShow: listing.state !== undefined,
      node,
    }));
    if (listing.error !== undefined && !this.isReading(listing)) {
      items.unshift({
        label: listing.state
          ? vscode.l10n.t('Could not list the {0} nodes: {1}', words, errorMessage(listing.error))
          : vscode.l10n.t('Could not load more nodes: {0}', errorMessage(listing.error)),
        iconPath: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
        detail: listing.started
          ? vscode.l10n.t('Choose “Load more…” to try again. The log (Azure Batch Operator) has the request ids.')
          : vscode.l10n.t('Change the text to try again, or clear it to go back to the nodes already loaded. The log (Azure Batch Operator) has the request ids.'),
        alwaysShow: true,
      });
    } else if (listing.state && listing.started && nodes.length === 0) {
      items.push({ label: vscode.l10n.t('No {0} node to pick here.', words), iconPath: new vscode.ThemeIcon('info'), alwaysShow: true });
    }
    if (listing.capped) {
      items.push({ label: loadMoreLabel(listing.nodes.length, listing.total, this.language), alwaysShow: true, more: true });
    }
    const qp = this.quickPick;
    qp.items = items;
    if (this.request.many) {
      qp.selectedItems = items.filter((i) => i.picked);
    }
    qp.busy = this.pause !== undefined || this.reading !== undefined;
    qp.title = `${this.request.title} — ${this.status(listing, words)}`.replace(/ — $/, '');
  }

  private isReading(listing: NodeListing): boolean {
    return this.reading?.listing === listing || (this.pause !== undefined && this.shown === listing);
  }

  /** The title's second half: which list, filtered where, capped or not. */
  private status(listing: NodeListing, words: string): string {
    const n = (count: number) => formatCount(count, this.language);
    const loaded = listing.nodes.length;
    const total = listing.total !== undefined && listing.total > loaded ? listing.total : undefined;
    if (!listing.state) {
      if (!listing.capped) {
        return '';
      }
      return total !== undefined
        ? vscode.l10n.t('first {0} of {1} nodes loaded', n(loaded), n(total))
        : vscode.l10n.t('first {0} nodes loaded, more on the next page', n(loaded));
    }
    if (!listing.started) {
      return listing.error !== undefined && !this.isReading(listing)
        ? vscode.l10n.t('listing the {0} nodes failed', words)
        : vscode.l10n.t('listing the {0} nodes on the service…', words);
    }
    if (!listing.capped) {
      return vscode.l10n.t('{0} nodes (filtered on the service)', words);
    }
    return total !== undefined
      ? vscode.l10n.t('{0} nodes (filtered on the service): first {1} of {2} loaded', words, n(loaded), n(total))
      : vscode.l10n.t('{0} nodes (filtered on the service): first {1} loaded, more on the next page', words, n(loaded));
  }
}
