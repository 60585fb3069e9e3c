import type * as vscode from 'vscode';
import { SchemaChecker } from '../jsonEditing/schemaCheck';
import type { EditorDependencies } from './editorDependencies';
import { ImageDefinitionEditors } from './imageDefinition/imageDefinitionEditors';
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

  constructor(deps: EditorDependencies) {
    this.panels = new JsonEditorPanels({ extensionUri: deps.extensionUri, storage: deps.storage, log: deps.log, schemas: new SchemaChecker() });
    this.poolPatch = new PoolPatchEditors(this.panels, deps);
    this.imageDefinition = new ImageDefinitionEditors(this.panels, deps);
  }

  /** Restores the editors' panels after a window reload. */
  registerSerializers(): vscode.Disposable[] {
    return [this.poolPatch.registerSerializer(), this.imageDefinition.registerSerializer()];
  }
}
