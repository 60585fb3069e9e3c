import * as vscode from 'vscode';
import type { DraftAnalysis } from '../../jsonEditing/draftAnalysis';
import { DraftSession, KEEP_MINE_ACTION, REBASE_ACTION, RELOAD_ACTION, USE_THEIRS_ACTION, type DraftView, type TextUpdate } from '../../jsonEditing/draftSession';
import { DraftStore, type DraftSecrets, type DraftStorage } from '../../jsonEditing/draftStore';
import type { EditorIssue, FieldValues, LoadedDocument, PreviewModel, SubmitResult } from '../../jsonEditing/editorModel';
import type { JsonEditorSpec } from '../../jsonEditing/editorSpec';
import type { SchemaChecker } from '../../jsonEditing/schemaCheck';
import { errorMessage } from '../../utils/errors';
import type { HostMessage, InitMessage, SubmitResultMessage, WebviewMessage } from '../protocol';
import { WebviewPanelBase } from '../webviewPanelBase';
import { notifyHiddenResult } from './hiddenResult';
import { uiStrings } from './uiStrings';

/** What every JSON-editor panel needs from the extension. */
export interface PanelDependencies {
  extensionUri: vscode.Uri;
  /** Where drafts are kept (the extension's global state), and their typed secrets (SecretStorage). */
  storage: DraftStorage;
  secrets: DraftSecrets;
  /** This window's id, written with each draft (to tell another window's writes). */
  writer: string;
  /** azureBatch.editors.draftRetentionDays, clamped. */
  retentionDays(): number;
  log: vscode.LogOutputChannel;
  /** Compiles each editor schema once for all panels. */
  schemas: SchemaChecker;
}

/** What the webview keeps with setState. */
export interface WebviewState {
  revival?: unknown;
  text?: string;
  fields?: FieldValues;
}

/**
 * One JSON-editor panel: the page's messages go to its draft session (src/jsonEditing/draftSession.ts), one at a
 * time; what the session changes goes to the page. A submit: the session checks the draft, the panel sends it through
 * the spec (the editor's REST call), the session settles the draft on the outcome. The panel itself only dispatches
 * and gates: one submit at a time (and no rebase/reload/discard while it runs), the page's whole state again after it
 * was reloaded, a result that ended while the panel was hidden as a notification. The test hooks drive it exactly as
 * the webview's messages do.
 */
export class JsonEditorPanel extends WebviewPanelBase {
  private readonly session: DraftSession;
  private seq = 0;
  private readonly created = performance.now();
  private readonly loading: Promise<void>;
  private readonly lastPosted = new Map<HostMessage['type'], HostMessage>();
  private readyWaiters: (() => void)[] = [];
  private pageLoads = 0;
  /** `open` ended: the page gets its whole state on every `ready` from now on. */
  private loadDone = false;
  /** A submit is running: a second one is refused, and the page shows it busy. */
  private submitting = false;
  private busyLabel: string | undefined;
  /** The last submit result, replayed to a page that was reloaded (hidden and shown); cleared when the draft is reset. */
  private lastResult: SubmitResultMessage | undefined;
  /** Milliseconds from panel creation to the webview's editorReady (the open time). */
  openMs: number | undefined;
  /** Where the open time went (ms after panel creation, and the webview's own clock). */
  readonly openTimings: Record<string, number> = {};
  /** Blocked-by-CSP reports from the webview (should stay empty). */
  readonly cspViolations: string[] = [];

  constructor(panel: vscode.WebviewPanel, readonly spec: JsonEditorSpec, restored: WebviewState | undefined, private readonly deps: PanelDependencies) {
    super(panel, deps.extensionUri, deps.log);
    panel.title = spec.title;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'batch.svg');
    const store = new DraftStore(deps.storage, spec.viewType, spec.key, {
      secrets: deps.secrets, writer: deps.writer, scope: spec.draftScope ?? { signIn: true }, retentionDays: deps.retentionDays, log: (line) => deps.log.info(line),
    });
    this.session = new DraftSession(spec, store, this.draftView(), deps.schemas);
    this.render({ bundle: 'jsonEditorMain', title: spec.title });
    this.loading = this.session.open(restored)
      .then(() => {
        this.openTimings.loaded = performance.now() - this.created;
        this.post(this.initMessage());
        this.postAnalysis();
      })
      .catch((error: unknown) => deps.log.error(`${spec.title}: ${errorMessage(error)}`))
      .finally(() => {
        this.loadDone = true;
      });
  }

  private draftView(): DraftView {
    return {
      showText: (update: TextUpdate) => this.post({ type: 'setText', ...update }),
      showAnalysis: (analysis: DraftAnalysis) => this.post({ type: 'analysis', seq: this.seq, issues: analysis.issues, preview: analysis.preview, canSubmit: analysis.canSubmit }),
      resultObsolete: () => {
        this.lastResult = undefined;
      },
      progress: (label: string) => this.showProgress(label),
      warn: (line: string) => this.deps.log.warn(line),
    };
  }

  /** The page's whole state as it is now (the first page and every page reloaded after the panel was hidden). */
  private initMessage(): InitMessage {
    const { session, spec } = this;
    return {
      type: 'init',
      title: spec.title,
      subtitle: spec.subtitle,
      schema: spec.schema as Record<string, unknown>,
      text: session.text,
      fields: (spec.fields ?? []).map((f) => ({ id: f.id, label: f.label, value: session.fields[f.id] ?? '', placeholder: f.placeholder, description: f.description })),
      baseLabel: session.loaded?.versionLabel ?? '',
      pristineText: session.pristine,
      submitLabel: spec.submitLabel,
      strings: uiStrings(),
      banner: session.banner,
      revival: spec.revival,
      problemsAfterTouch: spec.problemsAfterTouch,
    };
  }

  private postAnalysis(): void {
    const { issues, preview, canSubmit } = this.session.analyze();
    this.post({ type: 'analysis', seq: this.seq, issues, preview, canSubmit });
  }

  protected override post(message: HostMessage): void {
    this.lastPosted.set(message.type, message);
    super.post(message);
  }

  protected override onReady(): void {
    this.openTimings.webviewReady ??= performance.now() - this.created;
    // A reloaded page (e.g. after the panel was hidden and shown again) gets the whole state as it is now, which makes
    // what was queued for the previous page obsolete; the first page gets the init queued by `open` (as does a page
    // that comes while `open` still runs).
    if (this.pageLoads++ > 0 && this.loadDone) {
      this.clearQueue();
      this.post(this.initMessage());
      this.postAnalysis();
      this.post({ type: 'busy', busy: this.submitting, label: this.submitting ? this.busyLabel : undefined });
      if (this.lastResult) {
        this.post(this.lastResult);
      }
    }
  }

  protected async handle(message: Exclude<WebviewMessage, { type: 'ready' }>): Promise<void> {
    await this.loading;
    switch (message.type) {
      case 'editorReady':
        this.editorReady(message.ms, message.scriptMs, message.pageMs);
        return;
      case 'draftChanged':
        this.seq = Math.max(this.seq, message.seq);
        if (this.lastResult?.outcome !== 'conflict' && (message.text !== this.session.text || JSON.stringify(message.fields) !== JSON.stringify(this.session.fields))) {
          this.lastResult = undefined; // the page clears a result on the next edit: a reloaded page must not bring it back
        }
        await this.session.edit(message.text, message.fields);
        this.postAnalysis();
        return;
      case 'submit':
        if (this.submitting) {
          this.deps.log.warn(`${this.spec.title}: a submit came while one is running; ignored`);
          return;
        }
        await this.submit(message.text, message.fields);
        return;
      case 'rebase':
        await this.guarded(() => this.session.rebase());
        return;
      case 'discard':
        await this.guarded(() => this.session.discard());
        return;
      case 'reload':
        await this.guarded(() => this.session.reload());
        return;
      case 'action':
        if (message.id === REBASE_ACTION) {
          await this.guarded(() => this.session.rebase());
        } else if (message.id === RELOAD_ACTION) {
          await this.guarded(() => this.session.reload());
        } else if (message.id === USE_THEIRS_ACTION) {
          await this.guarded(() => this.session.useTheirs());
        } else if (message.id === KEEP_MINE_ACTION) {
          await this.guarded(() => this.session.keepMine());
        } else {
          await this.spec.onAction?.(message.id);
        }
        return;
      case 'cspViolation':
        this.cspViolations.push(`${message.directive}: ${message.blocked}`);
        return;
    }
  }

  private editorReady(ms: number, scriptMs: number | undefined, pageMs: number | undefined): void {
    if (this.openMs === undefined) {
      this.openMs = performance.now() - this.created;
      Object.assign(this.openTimings, { editorReady: this.openMs, initToEditor: ms, pageScriptStart: scriptMs ?? -1, pageEditorReady: pageMs ?? -1 });
      const t = Object.entries(this.openTimings).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
      this.deps.log.info(`${this.spec.title}: editor ready ${Math.round(this.openMs)} ms after the panel was created (${t})`);
    }
    for (const resolve of this.readyWaiters.splice(0)) {
      resolve();
    }
  }

  /** Runs a rebase/discard/reload of the page; a failure is shown in the banner with "Try again", not only logged. */
  private async guarded(run: () => Promise<unknown>): Promise<void> {
    if (this.submitting) {
      this.deps.log.warn(`${this.spec.title}: ignored a command that came while a submit is running`);
      return;
    }
    try {
      await run();
    } catch (error) {
      this.deps.log.error(`${this.spec.title}: ${errorMessage(error)}`);
      this.session.showProblem({
        severity: 'error',
        message: vscode.l10n.t('Could not fetch the current version: {0} Your draft is kept.', errorMessage(error)),
        action: { id: RELOAD_ACTION, label: vscode.l10n.t('Try again') },
      });
    }
  }

  private async submit(text: string, fields: FieldValues): Promise<SubmitResultMessage> {
    // Set before the first await: a second submit is refused from here on.
    this.submitting = true;
    try {
      const start = await this.session.beginSubmit(text, fields);
      const result = start.kind === 'done'
        ? start.result
        : await this.session.settle(start, () => this.spec.submit(start.draft, start.loaded, start.fields, (label) => this.showProgress(label)));
      // The busy state ends just before the result, so the page gets the new text first.
      this.endBusy();
      return this.result(result);
    } finally {
      this.submitting = false;
      this.endBusy();
    }
  }

  /** A step of the running submit, as the page's busy status. */
  private showProgress(label: string): void {
    this.busyLabel = label;
    this.post({ type: 'busy', busy: true, label });
  }

  /** Ends the busy state of a submit, when the page was told it is busy. */
  private endBusy(): void {
    if (this.lastMessage('busy')?.busy) {
      this.busyLabel = undefined;
      this.post({ type: 'busy', busy: false });
    }
  }

  private result(result: SubmitResult): SubmitResultMessage {
    const full: SubmitResultMessage = { type: 'submitResult', ...result };
    this.lastResult = full;
    this.post(full);
    if (!this.isDisposed && !this.panel.visible) {
      notifyHiddenResult(this.spec.title, full, () => !this.isDisposed && this.panel.reveal());
    }
    return full;
  }

  // ---- test hooks: drive the panel exactly as the webview's messages do ----

  /** Resolves once the webview reported its editor ready. */
  whenEditorReady(): Promise<void> {
    return this.openMs !== undefined ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Types `text` into the draft: the webview shows it, and the host analyses it as after a keystroke. */
  async setDraft(text: string, fields?: FieldValues): Promise<{ issues: EditorIssue[]; preview: PreviewModel; canSubmit: boolean }> {
    await this.loading;
    this.post({ type: 'setText', text, fields });
    await this.handle({ type: 'draftChanged', seq: this.seq + 1, text, fields: fields ?? this.session.fields });
    const analysis = this.lastPosted.get('analysis');
    return analysis?.type === 'analysis' ? analysis : { issues: [], preview: { summary: '', rows: [], notices: [] }, canSubmit: false };
  }

  /** Presses the submit button (Apply). */
  async pressSubmit(): Promise<SubmitResultMessage> {
    await this.loading;
    await this.handle({ type: 'submit', text: this.session.text, fields: this.session.fields });
    return this.lastPosted.get('submitResult') as SubmitResultMessage;
  }

  /** Rebases the draft on the newest version, as the conflict view's button does. */
  rebase(): Promise<{ conflicts: string[]; taken: string[] }> {
    return this.session.rebase();
  }

  /** Forgets the draft, as the Discard button does. */
  discard(): Promise<void> {
    return this.session.discard();
  }

  /** Fetches the current version, as the Reload button does. */
  reload(): Promise<void> {
    return this.session.reload();
  }

  get hasStoredDraft(): boolean {
    return this.session.hasStoredDraft;
  }

  /** Another window changed the kept draft and the user has not chosen yet (the banner asks). */
  get draftChangedElsewhere(): boolean {
    return this.session.changedElsewhere;
  }

  /** Presses a banner button (e.g. "Use Theirs", "Keep Mine"), as the page's button does. */
  async pressBannerAction(label: string): Promise<void> {
    await this.loading;
    const banner = this.session.banner;
    const action = [banner?.action, ...(banner?.more ?? [])].find((a) => a?.label === label);
    if (!action) {
      throw new Error(`the banner offers no "${label}" (it says: ${banner?.message ?? 'nothing'})`);
    }
    await this.handle({ type: 'action', id: action.id });
  }

  /** The current draft text as the host knows it. */
  get draftText(): string {
    return this.session.text;
  }

  /** The version the draft is based on. */
  get basedOn(): LoadedDocument | undefined {
    return this.session.loaded;
  }

  /** The last message of a type posted to the webview. */
  lastMessage<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }> | undefined {
    return this.lastPosted.get(type) as Extract<HostMessage, { type: T }> | undefined;
  }

  override dispose(): void {
    for (const resolve of this.readyWaiters.splice(0)) {
      resolve();
    }
    super.dispose();
  }
}
