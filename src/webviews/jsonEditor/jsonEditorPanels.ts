import * as vscode from 'vscode';
import { draftKey, draftOwnedBy, type DraftOwner } from '../../jsonEditing/draftStore';
import { isJsonObject } from '../../jsonEditing/jsonValue';
import type { JsonEditorSpec } from '../../jsonEditing/editorSpec';
import { errorMessage } from '../../utils/errors';
import { WebviewPanelBase } from '../webviewPanelBase';
import { dropExpiredDraftsNow } from './draftHousekeeping';
import { JsonEditorPanel, type PanelDependencies, type WebviewState } from './jsonEditorPanel';

/**
 * The open JSON-editor panels: one per (viewType, key). `open` reveals an existing one; `serializer` restores
 * panels after a window reload. One instance, built at activation; the test API hands it to the tests.
 */
export class JsonEditorPanels {
  private readonly panels = new Map<string, JsonEditorPanel>();
  /** The sweep of expired drafts started at activation: how many were dropped. */
  readonly expiredDraftsDropped: Promise<number>;

  constructor(private readonly deps: PanelDependencies) {
    this.expiredDraftsDropped = dropExpiredDraftsNow(deps.storage, deps.secrets, deps.log);
  }

  /** The open panel of (viewType, key), if any. */
  find(viewType: string, key: string): JsonEditorPanel | undefined {
    return this.panels.get(`${viewType}\n${key}`);
  }

  all(): JsonEditorPanel[] {
    return [...this.panels.values()];
  }

  /** Closes the editors whose drafts went with `owner` (Sign out, Detach): left open, the next keystroke would keep one again. */
  closeOwnedBy(owner: DraftOwner): void {
    for (const editor of this.all()) {
      if (draftOwnedBy(owner, draftKey(editor.spec.viewType, editor.spec.key), editor.spec.draftScope)) {
        this.deps.log.info(`Closed the editor "${editor.spec.title}": its draft was cleared with ${'accountUrl' in owner ? `the detached account ${owner.accountUrl}` : 'the Azure sign-in'}`);
        editor.dispose();
      }
    }
  }

  /** Opens the editor of `spec.key`, or reveals it when it is open. */
  open(spec: JsonEditorSpec, column: vscode.ViewColumn = vscode.ViewColumn.Active): JsonEditorPanel {
    const existing = this.find(spec.viewType, spec.key);
    if (existing) {
      existing.panel.reveal(column);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(spec.viewType, spec.title, column, WebviewPanelBase.webviewOptions(this.deps.extensionUri));
    return this.add(panel, spec, undefined);
  }

  /**
   * Restores panels of `viewType` after a window reload: `revive` rebuilds the spec from the JSON the webview kept
   * (`spec.revival`). The draft itself comes from the extension's storage.
   */
  serializer(viewType: string, revive: (revival: unknown) => Promise<JsonEditorSpec | undefined>): vscode.WebviewPanelSerializer {
    const { log } = this.deps;
    return {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const saved = (isJsonObject(state) ? state : {}) as WebviewState;
        const spec = await revive(saved.revival).catch((error: unknown) => {
          log.error(`Restoring a ${viewType} panel failed: ${errorMessage(error)}`);
          return undefined;
        });
        if (!spec || this.find(spec.viewType, spec.key)) {
          log.warn(`A ${viewType} panel could not be restored (${spec ? 'already open' : 'its saved state names no resource'}); closing it.`);
          panel.dispose();
          return;
        }
        log.info(`Restoring ${spec.title} after a window reload`);
        this.add(panel, spec, saved);
      },
    };
  }

  private add(panel: vscode.WebviewPanel, spec: JsonEditorSpec, restored: WebviewState | undefined): JsonEditorPanel {
    const id = `${spec.viewType}\n${spec.key}`;
    const editor = new JsonEditorPanel(panel, spec, restored, this.deps);
    this.panels.set(id, editor);
    editor.onDidDispose(() => {
      if (this.panels.get(id) === editor) {
        this.panels.delete(id);
      }
    });
    return editor;
  }
}
