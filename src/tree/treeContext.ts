import type * as vscode from 'vscode';
import type { AzureGateway } from '../services/azureGateway';
import type { ExtensionSettings } from '../settings';
import type { TreeNode } from './treeNode';

/** What every tree item may use: the gateway to Azure, a way to redraw itself, and remembered per-item state. */
export interface TreeContext {
  gateway: AzureGateway;
  log: vscode.LogOutputChannel;
  /** The current settings (page size, auto-refresh interval). */
  settings: ExtensionSettings;
  /** Redraws `node` (and reloads its children); undefined redraws the whole tree. */
  refresh(node?: TreeNode): void;
  /** Redraws only the row of `node`, keeping its children. */
  redraw(node: TreeNode): void;
  /** Per-resource state that survives restarts (e.g. a pool's node filter). */
  memento: vscode.Memento;
  /** Transient row decorations keyed by item id (e.g. "Reimaging…" on a node). */
  transient: Map<string, string>;
  /**
   * The row object VS Code shows for each id (registered when the view asks for children), so that commands,
   * auto-refresh and the reimage follower update and redraw what the user sees.
   */
  items: Map<string, TreeNode>;
}
