import type * as vscode from 'vscode';
import type { EditorDependencies } from '../editorDependencies';
import type { JsonEditorPanel } from '../jsonEditor/jsonEditorPanel';
import type { JsonEditorPanels } from '../jsonEditor/jsonEditorPanels';
import { poolPatchSpec } from './poolPatchSpec';
import { POOL_PATCH_VIEW_TYPE, poolUrl, type PoolPatchTarget } from './protocol';
import { poolPatchRevivalOf } from './revival';

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
  serializer(): vscode.WebviewPanelSerializer {
    return this.panels.serializer(POOL_PATCH_VIEW_TYPE, async (revival) => {
      const saved = poolPatchRevivalOf(revival);
      if (!saved) {
        return undefined;
      }
      // Only the key and the pool id come from the webview: URL, authentication and source from the known accounts.
      const account = await this.deps.findAccount(saved.accountKey).catch(() => undefined);
      if (!account) {
        this.deps.log.warn(`A pool editor was not restored: its account is no longer known (attached, from the environment or listed in a subscription).`);
        return undefined;
      }
      return poolPatchSpec({ account, poolId: saved.poolId }, this.deps);
    });
  }
}
