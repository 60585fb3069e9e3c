import * as vscode from 'vscode';
import { SchemaChecker } from '../jsonEditing/schemaCheck';
import type { EditorDependencies } from './editorDependencies';
import type { BatchAccountInfo, GalleryInfo } from '../services/azureGateway';
import { HeatmapPanels } from './heatmap/heatmapPanels';
import { ImageDefinitionEditors } from './imageDefinition/imageDefinitionEditors';
import { draftRetentionDays } from './jsonEditor/draftHousekeeping';
import { JsonEditorPanels } from './jsonEditor/jsonEditorPanels';
import { PoolPatchEditors } from './poolPatch/poolPatchEditors';

/**
 * The extension's editors, built once at activation with their dependencies: the registry of open JSON-editor panels
 * and the two editors on it. Commands open them; the test API finds and drives their panels.
 */
export class Editors {
  readonly panels: JsonEditorPanels;
  readonly poolPatch: PoolPatchEditors;
  readonly imageDefinition: ImageDefinitionEditors;
  readonly heatmaps: HeatmapPanels;

  constructor(deps: EditorDependencies) {
    this.panels = new JsonEditorPanels({
      extensionUri: deps.extensionUri, storage: deps.storage, secrets: deps.secrets, writer: vscode.env.sessionId, retentionDays: draftRetentionDays, log: deps.log, schemas: new SchemaChecker(),
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

  /** Restores the editors' panels after a window reload. */
  registerSerializers(): vscode.Disposable[] {
    return [this.poolPatch.registerSerializer(), this.imageDefinition.registerSerializer(), this.heatmaps.registerSerializer(), this.heatmaps];
  }
}
