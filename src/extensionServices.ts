/**
 * The one services object of the extension: built once in `activate`, every field present, handed to the commands,
 * the editors and the test API. Nothing else in the extension keeps state at module level.
 */
import * as vscode from 'vscode';
import { NodeFollower } from './reimage/nodeFollower';
import { AttachedAccounts } from './services/attachedAccounts';
import type { AzureGateway, BatchAccountInfo, GalleryInfo } from './services/azureGateway';
import { AzureSession } from './services/azureSession';
import { NodeFileSystem } from './services/nodeFileSystem';
import { SessionGateway } from './services/sessionGateway';
import { ExtensionSettings } from './settings';
import type { TelemetrySink } from './telemetry/telemetry';
import { AutoRefresh } from './tree/autoRefresh';
import { ExplorerProvider } from './tree/explorerProvider';
import { PropertiesDocuments } from './tree/propertiesDocuments';
import type { TreeNode } from './tree/treeNode';

/** Opens (or reveals) the editors; implemented by src/webviews, plugged in by `activate`. */
export interface EditorOpeners {
  /** "Edit Pool Properties…": one editor per pool. */
  openPoolPatch(target: { account: BatchAccountInfo; poolId: string; poolItemId?: string }): void;
  /** "Create Image Definition…" (no name) and "Edit Image Definition…". */
  openImageDefinition(target: { gallery: GalleryInfo; imageName?: string }): void;
  /** "Show Heatmap": one heatmap per pool ("Heatmap: {poolId}"), revealed when open. */
  openHeatmap(target: { account: BatchAccountInfo; poolId: string }): void;
}

export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** Where telemetry goes; tests swap in a recording sink through the test API. */
  telemetry: TelemetrySink;
  /** Opens a link outside VS Code (Open in Portal); tests capture it through the test API instead of opening it. */
  openExternal: (uri: vscode.Uri) => Thenable<boolean>;
  readonly settings: ExtensionSettings;
  readonly session: AzureSession;
  readonly accounts: AttachedAccounts;
  /** The one way to Azure, for the tree, the commands, reimage and the editors. */
  readonly gateway: AzureGateway;
  readonly tree: ExplorerProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly autoRefresh: AutoRefresh;
  /** "View Properties" documents. */
  readonly properties: PropertiesDocuments;
  /** Follows reimaged nodes until they are idle again. */
  readonly follower: NodeFollower;
  readonly editors: EditorOpeners;
  /** Node files in editor tabs (`azurebatch-node:`, read-only). */
  readonly nodeFiles: NodeFileSystem;
}

/**
 * Builds the services (their disposables go to `context.subscriptions`). `editors` receives the finished object: the
 * editors need the gateway and the tree, and the commands need the editors.
 */
export function createServices(
  context: vscode.ExtensionContext,
  telemetry: TelemetrySink,
  editors: (services: ExtensionServices) => EditorOpeners,
): ExtensionServices {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Azure Batch Operator'), { log: true });
  const settings = new ExtensionSettings();
  const accounts = new AttachedAccounts(context.globalState, context.secrets, log);
  const session = new AzureSession(context, log, accounts);
  const gateway = new SessionGateway(session, accounts);
  const tree = new ExplorerProvider({ gateway, log, settings, memento: context.globalState });
  const treeView = vscode.window.createTreeView('azureBatch.explorer', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const autoRefresh = new AutoRefresh(treeView, tree.ctx);
  const properties = new PropertiesDocuments();
  const follower = new NodeFollower((message) => log.warn(message));
  const nodeFiles = new NodeFileSystem(gateway, log);
  let opened: EditorOpeners | undefined;
  const openers = () => (opened ??= editors(services));
  const services: ExtensionServices = {
    context, log, telemetry, openExternal: (uri) => vscode.env.openExternal(uri), settings, session, accounts, gateway, tree, treeView, autoRefresh, properties, follower, nodeFiles,
    editors: {
      openPoolPatch: (target) => openers().openPoolPatch(target),
      openImageDefinition: (target) => openers().openImageDefinition(target),
      openHeatmap: (target) => openers().openHeatmap(target),
    },
  };
  context.subscriptions.push(
    log,
    { dispose: () => void telemetry.dispose() },
    settings,
    session,
    tree,
    treeView,
    autoRefresh,
    follower,
    properties.register(),
    nodeFiles.register(),
    session.onDidChange(() => tree.refresh()),
    accounts.onDidChange(() => tree.refresh()),
  );
  return services;
}
