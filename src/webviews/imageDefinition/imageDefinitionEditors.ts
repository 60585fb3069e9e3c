import type * as vscode from 'vscode';
import type { JsonEditorSpec } from '../../jsonEditing/editorSpec';
import type { EditorDependencies } from '../editorDependencies';
import type { JsonEditorPanel } from '../jsonEditor/jsonEditorPanel';
import type { JsonEditorPanels } from '../jsonEditor/jsonEditorPanels';
import { createImageDefinitionSpec } from './createSpec';
import { editImageDefinitionSpec } from './editSpec';
import { IMAGE_DEFINITION_VIEW_TYPE, imageDefinitionKey, imageDefinitionTargetOf, type ImageDefinitionTarget } from './protocol';

/**
 * The image-definition editors: "Create Image Definition…" opens one per gallery, "Edit Image Definition…" one per
 * definition; a second call reveals it.
 */
export class ImageDefinitionEditors {
  constructor(private readonly panels: JsonEditorPanels, private readonly deps: EditorDependencies) {}

  private spec(target: ImageDefinitionTarget): JsonEditorSpec {
    return target.imageName
      ? editImageDefinitionSpec({ ...target, imageName: target.imageName }, this.deps)
      : createImageDefinitionSpec(target, this.deps, (created) => this.openImageDefinitionEditor(created));
  }

  /** Opens (or reveals) the editor: a new definition of the gallery, or the named one. */
  openImageDefinitionEditor(target: ImageDefinitionTarget): JsonEditorPanel {
    return this.panels.open(this.spec(target));
  }

  findImageDefinitionEditor(target: ImageDefinitionTarget): JsonEditorPanel | undefined {
    return this.panels.find(IMAGE_DEFINITION_VIEW_TYPE, imageDefinitionKey(target));
  }

  /** Restores image-definition editors after a window reload. */
  serializer(): vscode.WebviewPanelSerializer {
    return this.panels.serializer(IMAGE_DEFINITION_VIEW_TYPE, async (revival) => {
      const target = imageDefinitionTargetOf(revival);
      return target ? this.spec(target) : undefined;
    });
  }
}
