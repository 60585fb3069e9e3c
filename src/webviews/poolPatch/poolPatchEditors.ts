import type * as vscode from 'vscode';
import type { EditorDependencies } from '../editorDependencies';
import type { JsonEditorPanel } from '../jsonEditor/jsonEditorPanel';
import type { JsonEditorPanels } from '../jsonEditor/jsonEditorPanels';
import { poolPatchSpec } from './poolPatchSpec';
import { POOL_PATCH_VIEW_TYPE, isPoolPatchTarget, poolUrl, type PoolPatchTarget } from './protocol';

/** The pool editors: "Edit Pool Properties…" opens one per pool; a second call reveals it. */
export class PoolPatchEditors {
  constructor(private readonly panels: JsonEditorPanels, private readonly deps: EditorDependencies) {}

  /** Opens (or reveals) the pool's editor. */
  openPoolPatchEditor(target: PoolPatchTarget): JsonEditorPanel {
    return this.panels.open(poolPatchSpec(target, this.deps));
  }

  findPoolPatchEditor(target: Pick<PoolPatchTarget, 'account' | 'poolId'>): JsonEditorPanel | undefined {
    return this.panels.find(POOL_PATCH_VIEW_TYPE, poolUrl(target));
  }

  /** Restores pool editors after a window reload. */
  registerSerializer(): vscode.Disposable {
    return this.panels.registerSerializer(POOL_PATCH_VIEW_TYPE, async (revival) => (isPoolPatchTarget(revival) ? poolPatchSpec(revival, this.deps) : undefined));
  }
}
