import type * as vscode from 'vscode';
import type { AzureGateway, BatchAccountInfo } from '../services/azureGateway';
import type { HeatmapDependencies } from './heatmap/heatmapPanels';

/**
 * What the editors get from the extension, injected once at activation: the one gateway to Azure, the log, the
 * storage of drafts, the extension's folder (for the webview bundles), and the two things they ask of the explorer.
 */
export interface EditorDependencies {
  gateway: AzureGateway;
  log: vscode.LogOutputChannel;
  /** Where drafts are kept (the extension's global state). */
  storage: vscode.Memento;
  /** Where drafts keep the secret-bearing values the user typed. */
  secrets: vscode.SecretStorage;
  extensionUri: vscode.Uri;
  /** Redraws a row of the explorer (e.g. a pool or gallery after a change); no-op when it is not shown. */
  refreshTreeItem(id: string): void;
  /**
   * "Reimage nodes…" after a change that reaches existing nodes only when reimaged: runs azureBatch.reimage on the
   * nodes of the pool's row (`poolItemId`) as the explorer lists them, or lets the command ask for the pool and nodes.
   */
  reimagePoolNodes(poolItemId: string | undefined): Promise<void>;
  /** What the heatmaps ask of the explorer and the reimage follower. */
  heatmap: Omit<HeatmapDependencies, 'gateway' | 'log' | 'extensionUri'>;
  /** A known account by its key (attached, from the environment, or listed in its subscription); undefined if none. */
  findAccount(key: string): Promise<BatchAccountInfo | undefined>;
}
