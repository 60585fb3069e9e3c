import * as vscode from 'vscode';
import { SchemaChecker } from '../jsonEditing/schemaCheck';
import type { EditorDependencies } from './editorDependencies';
import type { BatchAccountInfo, GalleryInfo } from '../services/azureGateway';
import { HEATMAP_VIEW_TYPE } from './heatmap/heatmapPanel';
import { HeatmapPanels } from './heatmap/heatmapPanels';
import { IMAGE_DEFINITION_VIEW_TYPE } from './imageDefinition/protocol';
import { ImageDefinitionEditors } from './imageDefinition/imageDefinitionEditors';
import { draftRetentionDays } from './jsonEditor/draftHousekeeping';
import { JsonEditorPanels } from './jsonEditor/jsonEditorPanels';
import { PoolPatchEditors } from './poolPatch/poolPatchEditors';
import { POOL_PATCH_VIEW_TYPE } from './poolPatch/protocol';

/**
 * The extension's editors, built once with their dependencies when the first editor opens or is restored (not at
 * activation: `activate` loads this module on first use, issue 13): the registry of open JSON-editor panels and the
 * editors on it. Commands open them; the test API finds and drives their panels.
 */
export class Editors {
  readonly panels: JsonEditorPanels;
  readonly poolPatch: PoolPatchEditors;
  readonly imageDefinition: ImageDefinitionEditors;
  readonly heatmaps: HeatmapPanels;

  constructor(deps: EditorDependencies) {
    // The id this window writes into its drafts (to tell another window's writes). Not vscode.env.sessionId alone: where
    // telemetry is unavailable (code-server --disable-telemetry, builds without telemetry) every window has the same one.
    const writer = `${vscode.env.sessionId}/${crypto.randomUUID()}`;
    this.panels = new JsonEditorPanels({
      extensionUri: deps.extensionUri, storage: deps.storage, secrets: deps.secrets, writer, retentionDays: draftRetentionDays, log: deps.log, schemas: new SchemaChecker(),
    });
    this.poolPatch = new PoolPatchEditors(this.panels, deps);
    this.imageDefinition = new ImageDefinitionEditors(this.panels, deps);
    this.heatmaps = new HeatmapPanels({ ...deps.heatmap, gateway: deps.gateway, log: deps.log, extensionUri: deps.extensionUri });
  }

  /** "Edit Pool Properties…": one editor per pool (a second call reveals it). */
  openPoolPatch(target: { account: BatchAccountInfo; poolId: string; poolItemId?: string }): void {
    void this.poolPatch.openPoolPatchEditor(target);
  }

  /** "Create Image Definition…" (no name) and "Edit Image Definition…". */
  openImageDefinition(target: { gallery: GalleryInfo; imageName?: string }): void {
    void this.imageDefinition.openImageDefinitionEditor(target);
  }

  /** "Show Heatmap": one heatmap per pool (a second call reveals it). */
  openHeatmap(target: { account: BatchAccountInfo; poolId: string }): void {
    this.heatmaps.open(target);
  }

  /**
   * Restores a panel of `viewType` after a window reload. `activate` registers one serializer per `onWebviewPanel:`
   * activation event of the manifest and hands the panel here (loading this module then).
   */
  deserialize(viewType: string, panel: vscode.WebviewPanel, state: unknown): Thenable<void> {
    const serializers: Record<string, vscode.WebviewPanelSerializer> = {
      [POOL_PATCH_VIEW_TYPE]: this.poolPatch.serializer(),
      [IMAGE_DEFINITION_VIEW_TYPE]: this.imageDefinition.serializer(),
      [HEATMAP_VIEW_TYPE]: this.heatmaps.serializer(),
    };
    const serializer = serializers[viewType];
    if (!serializer) {
      panel.dispose();
      return Promise.resolve();
    }
    return serializer.deserializeWebviewPanel(panel, state);
  }

  dispose(): void {
    this.heatmaps.dispose();
  }
}
