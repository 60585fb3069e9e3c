/**
 * The open pool heatmaps: one panel per (account, pool), "Show Heatmap" reveals an open one; a serializer reopens
 * them after a window reload (the page keeps the pool id and the account key). Each panel reads through the gateway
 * and is told which of its nodes this extension is reimaging (or rebooting); a click and the legend's "Filter
 * Nodes…" go to the explorer through the injected callbacks.
 */
import * as vscode from 'vscode';
import type { AzureGateway, BatchAccountInfo } from '../../services/azureGateway';
import { errorDetails, errorMessage } from '../../utils/errors';
import { HeatmapPanel } from './heatmapPanel';

export interface HeatmapTarget {
  account: BatchAccountInfo;
  poolId: string;
}

export interface HeatmapDependencies {
  gateway: AzureGateway;
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  /** The account of a saved key (after a reload), or undefined when it is no longer listed. */
  findAccount(key: string): Promise<BatchAccountInfo | undefined>;
  /** Selects and reveals the node in the explorer (loading pages as needed); `state`: its cell's state. */
  revealNode(target: HeatmapTarget, nodeId: string, state?: string): Promise<void>;
  /** The explorer's "Filter Nodes…" of the pool, set to these states. */
  filterTree(target: HeatmapTarget, states: string[]): Promise<void>;
  /** The pool's nodes this extension is acting on now: node id → operation ("reimage", "reboot"). */
  pendingNodes(target: HeatmapTarget): Record<string, string>;
  /** Fires when the set of nodes acted on changes. */
  onDidChangePending(listener: () => void): vscode.Disposable;
}

const keyOf = (accountKey: string, poolId: string) => `${accountKey}\n${poolId}`;

export class HeatmapPanels implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: HeatmapPanel; target: HeatmapTarget }>();
  private readonly pendingListener: vscode.Disposable;

  constructor(private readonly deps: HeatmapDependencies) {
    this.pendingListener = deps.onDidChangePending(() => {
      for (const { panel, target } of this.panels.values()) {
        panel.setPendingOperations(deps.pendingNodes(target));
      }
    });
  }

  /** The open heatmap of this pool, if any. */
  find(accountKey: string, poolId: string): HeatmapPanel | undefined {
    return this.panels.get(keyOf(accountKey, poolId))?.panel;
  }

  all(): HeatmapPanel[] {
    return [...this.panels.values()].map((p) => p.panel);
  }

  /** "Show Heatmap": opens the pool's heatmap, or reveals it when it is open. */
  open(target: HeatmapTarget): HeatmapPanel {
    const existing = this.find(target.account.key, target.poolId);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    return this.add(HeatmapPanel.open(this.options(target)), target);
  }

  serializer(): vscode.WebviewPanelSerializer {
    const { log } = this.deps;
    return {
      deserializeWebviewPanel: async (webviewPanel: vscode.WebviewPanel, state: unknown) => {
        const saved = (typeof state === 'object' && state !== null ? state : {}) as { poolId?: unknown; accountKey?: unknown };
        const account = typeof saved.accountKey === 'string' ? await this.deps.findAccount(saved.accountKey).catch((error: unknown) => {
          log.error(`Restoring a heatmap: finding its account failed: ${errorMessage(error)}`);
          return undefined;
        }) : undefined;
        if (!account || typeof saved.poolId !== 'string' || this.find(account.key, saved.poolId)) {
          log.warn(`A heatmap could not be restored (${account ? 'already open or no pool saved' : 'its account is no longer listed'}); closing it.`);
          webviewPanel.dispose();
          return;
        }
        log.info(`Restoring the heatmap of pool ${saved.poolId} after a window reload`);
        const target = { account, poolId: saved.poolId };
        webviewPanel.title = vscode.l10n.t('Heatmap: {0}', saved.poolId);
        this.add(new HeatmapPanel(webviewPanel, this.options(target)), target);
      },
    };
  }

  private options(target: HeatmapTarget) {
    const { deps } = this;
    const report = (shown: string, error: unknown) => {
      deps.log.error(`Heatmap of pool ${target.poolId}: ${shown}\n${errorDetails(error)}`);
      void vscode.window.showErrorMessage(shown);
    };
    return {
      extensionUri: deps.extensionUri,
      log: deps.log,
      poolId: target.poolId,
      accountKey: target.account.key,
      source: deps.gateway.batch(target.account).heatmapSource(),
      onReveal: (nodeId: string, state?: string) => void deps.revealNode(target, nodeId, state).catch((e: unknown) => report(vscode.l10n.t('Could not reveal node {0} in the Azure Batch explorer: {1}', nodeId, errorMessage(e)), e)),
      onFilterTree: (states: string[]) => void deps.filterTree(target, states).catch((e: unknown) => report(vscode.l10n.t('Could not filter the nodes of pool {0} in the Azure Batch explorer: {1}', target.poolId, errorMessage(e)), e)),
    };
  }

  private add(panel: HeatmapPanel, target: HeatmapTarget): HeatmapPanel {
    const key = keyOf(target.account.key, target.poolId);
    this.panels.set(key, { panel, target });
    panel.setPendingOperations(this.deps.pendingNodes(target));
    panel.onDidDispose(() => {
      if (this.panels.get(key)?.panel === panel) {
        this.panels.delete(key);
      }
    });
    return panel;
  }

  dispose(): void {
    this.pendingListener.dispose();
    for (const { panel } of [...this.panels.values()]) {
      panel.dispose();
    }
  }
}
