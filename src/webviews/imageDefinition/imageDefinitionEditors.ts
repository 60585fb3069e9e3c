import type * as vscode from 'vscode';
import type { PreviewNotice } from '../../jsonEditing/editorModel';
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
      : createImageDefinitionSpec(target, this.deps, (imageName, banner) => this.becomeEditor(target, imageName, banner));
  }

  /**
   * The create panel of `target` becomes the editor of the definition it created: that editor opens in its place
   * (title "Edit image definition {name}", the banner), and the create panel closes. An editor of that definition
   * already open is shown instead.
   */
  private becomeEditor(target: ImageDefinitionTarget, imageName: string, banner: PreviewNotice): void {
    const creator = this.findImageDefinitionEditor({ gallery: target.gallery });
    const column = creator && !creator.isDisposed ? creator.panel.viewColumn : undefined;
    this.panels.open(editImageDefinitionSpec({ gallery: target.gallery, imageName }, this.deps, banner), column);
    creator?.dispose();
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
