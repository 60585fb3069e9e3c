import type * as vscode from 'vscode';
import type { CommandHandler, CommandRunResult, CommandRunner } from './commands/commandWrapper';
import type { ExtensionServices } from './extensionServices';
import { heapUsedAfterGc } from './lazy/heap';
import type { FollowResult } from './reimage/nodeFollower';
import type { TelemetrySink } from './telemetry/telemetry';
import type { AutoRefresh } from './tree/autoRefresh';
import type { ExplorerProvider } from './tree/explorerProvider';
import type { TreeNode } from './tree/treeNode';
import type { Editors } from './webviews/editors';
import type { HeatmapPanels } from './webviews/heatmap/heatmapPanels';
import type { ImageDefinitionEditors } from './webviews/imageDefinition/imageDefinitionEditors';
import type { JsonEditorPanels } from './webviews/jsonEditor/jsonEditorPanels';
import type { PoolPatchEditors } from './webviews/poolPatch/poolPatchEditors';

/** Hooks for the integration tests: they observe and drive, they never bypass the product paths. */
export interface TestApi {
  setTelemetrySink(sink: TelemetrySink): TelemetrySink;
  lastCommandResult(commandId: string): CommandRunResult | undefined;
  /** Captures the links the extension would open in the browser (Open in Portal) instead of opening them. */
  captureOpenExternal(): string[];
  /** Runs a handler the way a registered command runs (telemetry, errors, results). */
  runCommand(commandId: string, handler: CommandHandler, args: unknown[]): Promise<unknown>;
  tree: ExplorerProvider;
  treeView: vscode.TreeView<TreeNode>;
  autoRefresh: AutoRefresh;
  reimage: {
    /**
     * How the latest follow-through of this node (its tree row id) ended, once it has; rejects when the node was never
     * followed.
     */
    followResult(nodeRowId: string): Promise<FollowResult>;
    /** Stops following every node (each follow ends `stopped`); resolves when they all have ended. */
    stopFollowers(): Promise<void>;
    /** How many nodes are followed now. */
    following(): number;
  };
  /** The JSON-editor panels (pool patch, …): find a panel and drive it as its webview's messages do. */
  jsonEditors: JsonEditorPanels;
  poolPatch: PoolPatchEditors;
  /** The image-definition editor (create and edit): openers and finders of its panels. */
  imageDefinition: ImageDefinitionEditors;
  /** The open pool heatmaps ("Show Heatmap"). */
  heatmaps: HeatmapPanels;
  /** Where the editors keep drafts (global state, shared by the windows of the profile): tests read and write records. */
  draftStorage: vscode.Memento;
  /** The extension host's heap in use (bytes) after a full GC; `gc` false when V8 would not collect on request. */
  heapUsed(): { bytes: number; gc: boolean };
}

export function createTestApi(services: ExtensionServices, commands: CommandRunner, editors: Editors): TestApi {
  const { follower } = services;
  return {
    setTelemetrySink(sink) {
      const previous = services.telemetry;
      services.telemetry = sink;
      return previous;
    },
    lastCommandResult: (id) => commands.lastResult(id),
    captureOpenExternal: () => {
      const opened: string[] = [];
      services.openExternal = async (uri) => {
        opened.push(uri.toString(true));
        return true;
      };
      return opened;
    },
    runCommand: (id, handler, args) => commands.run(id, handler, args),
    tree: services.tree,
    treeView: services.treeView,
    autoRefresh: services.autoRefresh,
    reimage: {
      followResult: (nodeRowId) => follower.resultOf(nodeRowId) ?? Promise.reject(new Error(`${nodeRowId} was never followed after a reimage`)),
      stopFollowers: () => follower.stopAll(),
      following: () => follower.active,
    },
    jsonEditors: editors.panels,
    poolPatch: editors.poolPatch,
    imageDefinition: editors.imageDefinition,
    heatmaps: editors.heatmaps,
    draftStorage: services.context.globalState,
    heapUsed: () => heapUsedAfterGc(),
  };
}
