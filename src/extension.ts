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
import { NodeItem } from './tree/nodeItem';
import type { AzureGateway } from './services/azureGateway';
import type { EditorDependencies } from './webviews/editorDependencies';
import { Editors } from './webviews/editors';
import type { ImageDefinitionEditors } from './webviews/imageDefinition/imageDefinitionEditors';
import type { JsonEditorPanels } from './webviews/jsonEditor/jsonEditorPanels';
import type { PoolPatchEditors } from './webviews/poolPatch/poolPatchEditors';

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
  jsonEditors: JsonEditorPanels;
  poolPatch: PoolPatchEditors;
  /** The image-definition editor (create and edit): openers and finders of its panels. */
  imageDefinition: ImageDefinitionEditors;
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
  const editors = new Editors(editorDependencies(context, log, tree, session));
  setServices({
    context,
    log,
    telemetry,
    id: context.extension.id,
    version: String(context.extension.packageJSON.version),
    editors,
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
    ...editors.registerSerializers(),
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
      jsonEditors: editors.panels,
      poolPatch: editors.poolPatch,
      imageDefinition: editors.imageDefinition,
    };
    return { ...api, test };
  }
  return api;
}

export function deactivate(): void {
  setServices(undefined);
}

// ---- The editors' dependencies. TEMPORARY adapter over today's tree backend and session: on merge, the services
// object's gateway (src/services) and its tree callbacks replace this block. ----

function editorDependencies(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, tree: ExplorerProvider, session: AzureSession): EditorDependencies {
  const gateway: AzureGateway = {
    batch: (account) => tree.ctx.backend.batch(account),
    galleryImages: (gallery) => {
      const arm = async () => (await session.clients()).arm.galleries;
      const at = [gallery.subscriptionId, gallery.resourceGroup, gallery.name] as const;
      return {
        async describe() {
          const { cloud, apiVersions } = await session.clients();
          const endpoint = cloud.resourceManagerEndpoint.endsWith('/') ? cloud.resourceManagerEndpoint : `${cloud.resourceManagerEndpoint}/`;
          const s = encodeURIComponent;
          return {
            imagesUrl: `${endpoint}subscriptions/${s(gallery.subscriptionId)}/resourceGroups/${s(gallery.resourceGroup)}/providers/Microsoft.Compute/galleries/${s(gallery.name)}/images`,
            apiVersion: apiVersions.compute,
          };
        },
        list: async (token) => (await arm()).listImages(...at, { cancellationToken: token }),
        get: async (imageName, token) => (await arm()).getImage(...at, imageName, { cancellationToken: token }),
        createOrUpdate: async (imageName, image, options) => (await arm()).createOrUpdateImage(...at, imageName, image, options),
      };
    },
  };
  return {
    gateway,
    log,
    storage: context.globalState,
    extensionUri: context.extensionUri,
    refreshTreeItem(id) {
      const item = tree.ctx.items.get(id);
      if (item) {
        tree.refresh(item);
      }
    },
    async reimagePoolNodes(poolItemId) {
      // The pool's nodes as the explorer lists them; not in the explorer (or no nodes loaded): the command asks.
      const item = poolItemId ? tree.ctx.items.get(poolItemId) : undefined;
      const nodes = item ? (await tree.getChildren(item)).filter((n) => n instanceof NodeItem) : [];
      await (nodes.length > 0 ? vscode.commands.executeCommand('azureBatch.reimage', nodes[0], nodes) : vscode.commands.executeCommand('azureBatch.reimage'));
    },
  };
}
