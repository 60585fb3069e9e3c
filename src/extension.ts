import * as vscode from 'vscode';
import { CommandRunner } from './commands/commandWrapper';
import { filterTreeFromHeatmap, findAccount, pendingHeatmapNodes, revealHeatmapNode } from './commands/heatmapTargets';
import { registerCommands } from './commands/registerCommands';
import { createServices, type ExtensionServices } from './extensionServices';
import type { CodeCacheStatus, EntryInfo } from './lazy/extensionEntry';
import { findKnownAccount } from './services/knownAccounts';
import { createTelemetry } from './telemetry/telemetry';
import { createTestApi, type TestApi } from './testApi';
import { NodeItem } from './tree/nodeItem';
import { setTranslator } from './utils/l10n';
import { trackWalkthroughProgress } from './walkthroughProgress';
import type { EditorDependencies } from './webviews/editorDependencies';
import type { Editors } from './webviews/editors';
import { dropExpiredDraftsNow } from './webviews/jsonEditor/draftHousekeeping';

export type { TestApi } from './testApi';

/** performance.now() when the bundle started evaluating (esbuild banner); absent in the unbundled test build. */
declare const __azbModuleLoadStart: number | undefined;

/** What the extension exports. `test` is present only when VS Code runs it in test mode. */
export interface ExtensionApi {
  readonly apiVersion: 1;
  /** Milliseconds from the start of the module's evaluation to the end of `activate` (also logged). */
  readonly activationMs: number;
  /** The process's CPU time over the same span (less dependent on the machine's load); absent without the entry. */
  readonly activationCpuMs?: number;
  /** How the entry (dist/extension.js) compiled this bundle: with the V8 code cache or not. */
  readonly codeCache?: CodeCacheStatus;
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
      revealNode: ({ account, poolId }, nodeId, state) => revealHeatmapNode(services, account, poolId, nodeId, state),
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

/**
 * The editors' code (panels, specs, pure models, and the schemas in dist/lazy/) is evaluated at the first open or
 * restore, not at activation: esbuild turns a `require` of an ES module into a lazily initialized one (issue 13).
 */
function editorsModule(): typeof import('./webviews/editors') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading on first use is the point
  return require('./webviews/editors') as typeof import('./webviews/editors');
}

/** Expired drafts go at start (azureBatch.editors.draftRetentionDays) without loading the editors: once the window settled. */
function sweepExpiredDraftsSoon(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable {
  const timer = setTimeout(() => void dropExpiredDraftsNow(context.globalState, context.secrets, log), 2_000);
  return { dispose: () => clearTimeout(timer) };
}

/** One serializer per `onWebviewPanel:` activation event of the manifest: restoring a panel loads the editors. */
function registerSerializers(context: vscode.ExtensionContext, editors: () => Editors): vscode.Disposable[] {
  const events = (context.extension.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
  return events.filter((e) => e.startsWith('onWebviewPanel:')).map((event) => {
    const viewType = event.slice('onWebviewPanel:'.length);
    return vscode.window.registerWebviewPanelSerializer(viewType, { deserializeWebviewPanel: (panel, state) => editors().deserialize(viewType, panel, state) });
  });
}

/** `entry`: from dist/extension.js (src/lazy/extensionEntry.ts), which loads this bundle with a code cache. */
export function activate(context: vscode.ExtensionContext, entry?: EntryInfo): ExtensionApi {
  const activateStart = performance.now();
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const telemetry = createTelemetry();
  let editors: Editors | undefined;
  const loadEditors = () => (editors ??= new (editorsModule().Editors)(editorDependencies(services)));
  const services = createServices(context, telemetry, loadEditors);
  const commands = new CommandRunner(services);
  context.subscriptions.push(
    ...registerCommands(services, commands),
    ...registerSerializers(context, loadEditors),
    { dispose: () => editors?.dispose() },
    // Sign out / Detach cleared drafts: the open editors of those resources close (nothing to do before the first open).
    services.session.onDidClearDrafts((owner) => editors?.panels.closeOwnedBy(owner)),
    services.accounts.onDidClearDrafts((owner) => editors?.panels.closeOwnedBy(owner)),
    sweepExpiredDraftsSoon(context, services.log),
    trackWalkthroughProgress(services, commands),
  );
  void vscode.commands.executeCommand('setContext', 'azureBatch.signedIn', false);

  const version = String(context.extension.packageJSON.version);
  const loadStart = entry?.loadStart ?? (typeof __azbModuleLoadStart === 'number' ? __azbModuleLoadStart : activateStart);
  const cpu = entry ? process.cpuUsage(entry.cpuStart) : undefined;
  const activationCpuMs = cpu ? (cpu.user + cpu.system) / 1000 : undefined;
  const cache = entry ? `, CPU ${activationCpuMs!.toFixed(1)} ms, code cache ${entry.codeCache.cache}, bundle compiled in ${entry.codeCache.compileMs.toFixed(1)} ms` : '';
  const activationMs = performance.now() - loadStart;
  services.log.info(
    `${context.extension.id} ${version} activated in ${activationMs.toFixed(1)} ms (module load ${(activateStart - loadStart).toFixed(1)} ms + activate ${(performance.now() - activateStart).toFixed(1)} ms; VS Code ${vscode.version}, telemetry ${telemetry.enabled ? 'on' : 'off'}${cache})`,
  );

  const api: ExtensionApi = { apiVersion: 1, activationMs, activationCpuMs, codeCache: entry?.codeCache };
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    return { ...api, test: createTestApi(services, commands, loadEditors()) };
  }
  return api;
}

export function deactivate(): void {}
