import * as vscode from 'vscode';
import { lastResults, runCommand } from './commands/commandWrapper';
import { registerCommands } from './commands/registerCommands';
import * as reimage from './commands/reimageCommand';
import { setPropertiesDocuments } from './commands/resourceCommands';
import { ext, setServices } from './ext';
import { AttachedAccounts } from './session/attachedAccounts';
import { AzureSession } from './session/azureSession';
import { watchSettings } from './settings';
import { setTranslator } from './utils/l10n';
import { createTelemetry, type TelemetrySink } from './telemetry/telemetry';
import { AutoRefresh } from './tree/autoRefresh';
import { AzureBackend } from './tree/azureBackend';
import { ExplorerProvider } from './tree/explorerProvider';
import { PROPERTIES_SCHEME, PropertiesDocuments } from './tree/propertiesDocuments';
import type { TreeNode } from './tree/treeNode';
import { JsonEditorPanel } from './webviews/jsonEditorPanel';
import * as imageDefinition from './webviews/imageDefinitionPanel';
import * as poolPatch from './webviews/poolPatchPanel';

/** What the extension exports. `test` is present only when VS Code runs it in test mode. */
export interface ExtensionApi {
  readonly apiVersion: 1;
  readonly test?: TestApi;
}

/** Hooks for the integration tests: they observe and drive, they never bypass the product paths. */
export interface TestApi {
  setTelemetrySink(sink: TelemetrySink): TelemetrySink;
  lastCommandResult(commandId: string): { result: string; errorCode?: string; message?: string } | undefined;
  runCommand: typeof runCommand;
  tree: ExplorerProvider;
  treeView: vscode.TreeView<TreeNode>;
  autoRefresh: AutoRefresh;
  reimage: typeof reimage;
  /** The JSON-editor panels (pool patch, …): find a panel and drive it as its webview's messages do. */
  jsonEditors: typeof JsonEditorPanel;
  poolPatch: typeof poolPatch;
  /** The image-definition editor (create and edit): keys and openers, to find its panels. */
  imageDefinition: typeof imageDefinition;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Azure Batch Operator'), { log: true });
  const telemetry = createTelemetry();
  const accounts = new AttachedAccounts(context.globalState, context.secrets);
  const session = new AzureSession(context, log, accounts);
  const tree = new ExplorerProvider(new AzureBackend(session, accounts), context.globalState);
  const treeView = vscode.window.createTreeView('azureBatch.explorer', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const autoRefresh = new AutoRefresh(treeView, tree.ctx);
  const documents = new PropertiesDocuments();
  setPropertiesDocuments(documents);
  JsonEditorPanel.initialize({ extensionUri: context.extensionUri, storage: context.globalState, log });
  setServices({
    context,
    log,
    telemetry,
    id: context.extension.id,
    version: String(context.extension.packageJSON.version),
    tree,
    treeView,
    accounts,
    session,
  });
  context.subscriptions.push(
    log,
    { dispose: () => void telemetry.dispose() },
    watchSettings(),
    session,
    tree,
    treeView,
    autoRefresh,
    vscode.workspace.registerTextDocumentContentProvider(PROPERTIES_SCHEME, documents),
    vscode.workspace.onDidCloseTextDocument((document) => documents.forget(document.uri)),
    session.onDidChange(() => tree.refresh()),
    accounts.onDidChange(() => tree.refresh()),
    ...registerCommands(),
    poolPatch.registerPoolPatchSerializer(),
    imageDefinition.registerImageDefinitionSerializer(),
  );
  void vscode.commands.executeCommand('setContext', 'azureBatch.signedIn', false);

  log.info(`${context.extension.id} ${ext().version} activated (VS Code ${vscode.version}, telemetry ${telemetry.enabled ? 'on' : 'off'})`);

  const api: ExtensionApi = { apiVersion: 1 };
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    const test: TestApi = {
      setTelemetrySink(sink) {
        const services = ext();
        const previous = services.telemetry;
        setServices({ ...services, telemetry: sink });
        return previous;
      },
      lastCommandResult: (id) => lastResults.get(id),
      runCommand,
      tree,
      treeView,
      autoRefresh,
      reimage,
      jsonEditors: JsonEditorPanel,
      poolPatch,
      imageDefinition,
    };
    return { ...api, test };
  }
  return api;
}

export function deactivate(): void {
  setServices(undefined);
}
