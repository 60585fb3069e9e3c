/**
 * The pool heatmap's panel ("Heatmap: {poolId}"), extension host side. Reads the pool's nodes through an injected
 * source (no dependency on the tree or the services gateway), keeps the last snapshot, and sends the page either a
 * full snapshot (first load, nodes joined or left, the page was reloaded) or only the cells that changed. Refreshes
 * run on the RefreshScheduler: every `azureBatch.heatmap.refreshSeconds` while the panel is visible, paused while
 * hidden, backing off after failures and 429s. Same CSP, nonce and ready handshake as the editors: the page is
 * loaded with WebviewPanelBase's options and CSP, and on every `ready` it gets the whole state again (so nothing
 * needs queueing while it is hidden and destroyed). Commands, menus and the tree's reveal are wired by the caller
 * through the callbacks.
 */
import * as vscode from 'vscode';
import { toColumns } from '../../heatmap/heatmapColumns';
import { diffCells, toCells, type HeatmapCell, type StateCounts } from '../../heatmap/heatmapModel';
import {
  parseHeatmapWebviewMessage, type HeatmapHostMessage, type HeatmapRenderedMessage, type HeatmapWebviewMessage,
} from '../../heatmap/heatmapProtocol';
import type { HeatmapSource } from '../../heatmap/heatmapSource';
import { RefreshScheduler, refreshIntervalMs, type SchedulerClock } from '../../heatmap/refreshScheduler';
import { errorMessage } from '../../utils/errors';
import { messageTypeOf } from '../messageType';
import { pageHtml } from '../pageHtml';
import { WebviewPanelBase } from '../webviewPanelBase';
import { heatmapStrings, operationLabel, stateLooks, statusLine } from './heatmapStrings';

export const HEATMAP_VIEW_TYPE = 'azureBatch.heatmap';

export interface HeatmapPanelOptions {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  poolId: string;
  /** The account's key, handed to the page for the context menu's node commands. */
  accountKey?: string;
  /** The pool's nodes and counts (the caller binds the account, e.g. batchHeatmapSource(client)). */
  source: HeatmapSource;
  /** A cell was clicked: reveal its node in the tree (`state`: the cell's, from the last read). */
  onReveal?(nodeId: string, state?: string): void;
  /** "Filter Nodes…" with the highlighted states. */
  onFilterTree?(states: string[]): void;
  clock?: SchedulerClock;
}

function logText(error: unknown): string {
  const e = error as { toLogString?: () => string; stack?: string };
  return typeof e?.toLogString === 'function' ? e.toLogString() : String(e?.stack ?? error);
}

export class HeatmapPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly scheduler: RefreshScheduler;
  private ready = false;
  private disposed = false;
  private cells: HeatmapCell[] = [];
  private loaded = false;
  private poolCounts: StateCounts | undefined;
  private fetchedAt = '';
  /** Generation of the snapshot the page has; -1 = none. */
  private generation = -1;
  private status: Extract<HeatmapHostMessage, { type: 'status' }> | undefined;
  private pending: Record<string, string> = {};
  private highlighted: string[] = [];
  private selected: string[] = [];
  private intervalMs: number;
  private readonly rendered = new vscode.EventEmitter<HeatmapRenderedMessage>();
  /** The page drew a snapshot or changes (tests and the benchmark wait on it). */
  readonly onDidRender = this.rendered.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  /** Opens a new heatmap panel on `options.poolId`. */
  static open(options: HeatmapPanelOptions, column: vscode.ViewColumn = vscode.ViewColumn.Active): HeatmapPanel {
    const title = vscode.l10n.t('Heatmap: {0}', options.poolId);
    const panel = vscode.window.createWebviewPanel(HEATMAP_VIEW_TYPE, title, column, WebviewPanelBase.webviewOptions(options.extensionUri));
    return new HeatmapPanel(panel, options);
  }

  constructor(readonly panel: vscode.WebviewPanel, private readonly options: HeatmapPanelOptions) {
    panel.webview.options = WebviewPanelBase.webviewOptions(options.extensionUri);
    this.intervalMs = refreshIntervalMs(vscode.workspace.getConfiguration('azureBatch').get('heatmap.refreshSeconds', 10));
    this.scheduler = new RefreshScheduler({
      intervalMs: this.intervalMs,
      run: (signal) => this.read(signal),
      clock: options.clock,
      onStatus: (status) => {
        if (status.phase === 'backingOff') {
          options.log.error(`Heatmap of pool ${options.poolId}: reading the nodes failed (${status.failures} in a row): ${logText(status.error)}`);
        }
        const line = statusLine(options.poolId, status, this.intervalMs);
        if (line) {
          // A refresh after the first keeps the last line on screen and only shows that it is loading.
          this.status = { type: 'status', ...(line.loading && this.loaded && this.status ? { ...this.status, loading: true } : line) };
          this.post(this.status);
        }
      },
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) {
          this.ready = false; // the page is destroyed while hidden; it says `ready` again when shown
        }
        this.scheduler.setVisible(panel.visible);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('azureBatch.heatmap.refreshSeconds')) {
          this.intervalMs = refreshIntervalMs(vscode.workspace.getConfiguration('azureBatch').get('heatmap.refreshSeconds', 10));
          this.scheduler.setIntervalMs(this.intervalMs);
        }
      }),
    );
    this.render();
    this.scheduler.setVisible(panel.visible);
  }

  get poolId(): string {
    return this.options.poolId;
  }

  /** The nodes selected in the page, in cell order. */
  get selection(): readonly string[] {
    return this.selected;
  }

  /** The cells of the last read. */
  get snapshot(): readonly HeatmapCell[] {
    return this.cells;
  }

  /** The status line the page shows (last refresh, or what failed and when it retries). */
  get statusLine(): { text: string; severity: string; loading: boolean } | undefined {
    return this.status && { text: this.status.text, severity: this.status.severity, loading: this.status.loading };
  }

  /** Reads the nodes now (Refresh); resolves when the read ended (failures are shown, not thrown). */
  refresh(): Promise<void> {
    return this.scheduler.refreshNow();
  }

  /** Nodes this extension is acting on: node id → "reimage" | "reboot" | other operation name. */
  setPendingOperations(pending: Readonly<Record<string, string>>): void {
    this.pending = Object.fromEntries(Object.entries(pending).map(([id, operation]) => [id, operationLabel(operation)]));
    this.post({ type: 'operations', pending: this.pending });
  }

  /** What `setPendingOperations` set last (node id → the label the page shows). */
  get pendingOperations(): Readonly<Record<string, string>> {
    return this.pending;
  }

  /** Highlights the nodes in these states (e.g. the tree's node filter). */
  highlight(states: readonly string[]): void {
    this.highlighted = [...states];
    this.post({ type: 'highlight', states: this.highlighted });
  }

  private render(): void {
    this.panel.webview.html = pageHtml(this.panel.webview, this.options.extensionUri, { bundle: 'heatmapMain', title: vscode.l10n.t('Heatmap: {0}', this.options.poolId) });
  }

  /** One read: nodes (and the pool's counts), diffed against the last snapshot; the page gets what changed. */
  private async read(signal: AbortSignal): Promise<void> {
    const { source, poolId, log } = this.options;
    const [nodes, poolCounts] = await Promise.all([
      source.listNodes(poolId, signal),
      source.nodeCounts?.(poolId, signal).catch((error: unknown) => {
        log.warn(`Heatmap of pool ${poolId}: the pool's node counts could not be read: ${logText(error)}`);
        return undefined;
      }),
    ]);
    if (this.disposed) {
      return;
    }
    const cells = toCells(nodes);
    const diff = diffCells(this.cells, cells);
    this.cells = cells;
    this.loaded = true;
    this.poolCounts = poolCounts;
    this.fetchedAt = new Date().toISOString();
    if (!this.ready) {
      return; // the page gets a snapshot when it says ready
    }
    if (diff.kind === 'layout' || this.generation < 0) {
      this.sendSnapshot();
    } else {
      const changes = diff.changed.map((index) => ({ index, cell: cells[index]! }));
      this.post({ type: 'changes', generation: this.generation, changes, ...(poolCounts ? { poolCounts } : {}), fetchedAt: this.fetchedAt });
    }
  }

  private sendSnapshot(): void {
    this.generation += 1;
    this.post({ type: 'snapshot', generation: this.generation, columns: toColumns(this.cells), ...(this.poolCounts ? { poolCounts: this.poolCounts } : {}), fetchedAt: this.fetchedAt });
  }

  /** Posts when the page is ready; otherwise the message is dropped: `ready` re-sends the whole state. */
  private post(message: HeatmapHostMessage): void {
    if (this.disposed || !this.ready) {
      return;
    }
    this.panel.webview.postMessage(message).then(
      (delivered) => {
        if (!delivered) {
          this.ready = false;
        }
      },
      () => undefined,
    );
  }

  private receive(raw: unknown): void {
    const message = parseHeatmapWebviewMessage(raw);
    if (!message) {
      this.options.log.warn(`HeatmapPanel: dropped a malformed webview message (type ${messageTypeOf(raw)})`);
      return;
    }
    try {
      this.handle(message);
    } catch (error) {
      this.options.log.error(`HeatmapPanel: ${errorMessage(error)}`);
    }
  }

  private handle(message: HeatmapWebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.selected = []; // a new page starts with no selection
        this.post({ type: 'init', poolId: this.options.poolId, ...(this.options.accountKey ? { accountKey: this.options.accountKey } : {}), title: vscode.l10n.t('Heatmap: {0}', this.options.poolId), strings: heatmapStrings(), states: stateLooks() });
        if (this.loaded) {
          this.sendSnapshot();
        }
        if (this.status) {
          this.post(this.status);
        }
        this.post({ type: 'operations', pending: this.pending });
        this.post({ type: 'highlight', states: this.highlighted });
        return;
      case 'rendered':
        this.rendered.fire(message);
        return;
      case 'selection':
        this.selected = message.nodeIds;
        return;
      case 'reveal':
        this.options.onReveal?.(message.nodeId, this.cells.find((c) => c.id === message.nodeId)?.state);
        return;
      case 'filterTree':
        this.options.onFilterTree?.(message.states);
        return;
      case 'refresh':
        void this.refresh();
        return;
      case 'cspViolation':
        this.options.log.error(`HeatmapPanel: the webview's Content-Security-Policy blocked ${message.blocked} (${message.directive})`);
        return;
    }
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.scheduler.dispose();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    this.rendered.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }
}
