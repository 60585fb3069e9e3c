import * as vscode from 'vscode';
import { CommandRunner } from './commands/commandWrapper';
import { filterTreeFromHeatmap, findAccount, pendingHeatmapNodes, revealHeatmapNode } from './commands/heatmapTargets';
import { registerCommands } from './commands/registerCommands';
import { createServices, type ExtensionServices } from './extensionServices';
import { findKnownAccount } from './services/knownAccounts';
import { createTelemetry } from './telemetry/telemetry';
import { createTestApi, type TestApi } from './testApi';
import { NodeItem } from './tree/nodeItem';
import { setTranslator } from './utils/l10n';
import type { EditorDependencies } from './webviews/editorDependencies';
import { Editors } from './webviews/editors';

export type { TestApi } from './testApi';

/** performance.now() when the bundle started evaluating (esbuild banner); absent in the unbundled test build. */
declare const __azbModuleLoadStart: number | undefined;

/** What the extension exports. `test` is present only when VS Code runs it in test mode. */
export interface ExtensionApi {
  readonly apiVersion: 1;
  /** Milliseconds from the start of the module's evaluation to the end of `activate` (also logged). */
  readonly activationMs: number;
  readonly test?: TestApi;
}

/** What the editors (src/webviews) get from the services: the gateway, the log, draft storage, and the explorer. */
function editorDependencies(services: ExtensionServices): EditorDependencies {
  const { accounts, context, gateway, log, tree } = services;
  return {
    gateway,
    log,
    storage: context.globalState,
    secrets: context.secrets,
    extensionUri: context.extensionUri,
    refreshTreeItem: (id) => tree.refreshById(id),
    findAccount: (key) => findKnownAccount(key, accounts, gateway),
    heatmap: {
      findAccount: (key) => findAccount(services, key),
      revealNode: ({ account, poolId }, nodeId) => revealHeatmapNode(services, account, poolId, nodeId),
      filterTree: ({ account, poolId }, states) => filterTreeFromHeatmap(services, account, poolId, states),
      pendingNodes: ({ account, poolId }) => pendingHeatmapNodes(services, account, poolId),
      onDidChangePending: (listener) => services.follower.onDidChangeFollowed(listener),
    },
    async reimagePoolNodes(poolItemId) {
      // The pool's nodes as the explorer lists them; not in the explorer (or no nodes loaded): the command asks.
      const item = poolItemId ? tree.ctx.items.get(poolItemId) : undefined;
      const nodes = item ? (await tree.getChildren(item)).filter((n) => n instanceof NodeItem) : [];
      await (nodes.length > 0 ? vscode.commands.executeCommand('azureBatch.reimage', nodes[0], nodes) : vscode.commands.executeCommand('azureBatch.reimage'));
    },
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const activateStart = performance.now();
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const telemetry = createTelemetry();
  let editors: Editors | undefined;
  const services = createServices(context, telemetry, (built) => (editors ??= new Editors(editorDependencies(built))));
  // Built now (not on the first open): the serializers restore editors after a reload, and the test API finds panels.
  editors ??= new Editors(editorDependencies(services));
  const commands = new CommandRunner(services);
  context.subscriptions.push(...registerCommands(services, commands), ...editors.registerSerializers());
  void vscode.commands.executeCommand('setContext', 'azureBatch.signedIn', false);

  const version = String(context.extension.packageJSON.version);
  const loadStart = typeof __azbModuleLoadStart === 'number' ? __azbModuleLoadStart : activateStart;
  const activationMs = performance.now() - loadStart;
  services.log.info(
    `${context.extension.id} ${version} activated in ${activationMs.toFixed(1)} ms (module load ${(activateStart - loadStart).toFixed(1)} ms + activate ${(performance.now() - activateStart).toFixed(1)} ms; VS Code ${vscode.version}, telemetry ${telemetry.enabled ? 'on' : 'off'})`,
  );

  const api: ExtensionApi = { apiVersion: 1, activationMs };
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    return { ...api, test: createTestApi(services, commands, editors) };
  }
  return api;
}

export function deactivate(): void {}
