import * as vscode from 'vscode';
import type { JsonSchema } from '../poolPatch/jsonSchema';
import { errorMessage } from '../utils/errors';
import { threeWayMerge } from './jsonMerge';
import { isJsonObject, jsonEqual, shortJson, type JsonObject } from './jsonValue';
import type {
  ConflictModel, EditorIssue, HostMessage, InitMessage, PreviewAction, PreviewModel, PreviewNotice, PreviewRow, SubmitResultMessage, UiStrings, WebviewMessage,
} from './protocol';
import { schemaIssues } from './schemaCheck';
import { WebviewPanelBase } from './webviewPanelBase';

/** A version of the edited resource, as the spec loaded it. Must be JSON (it is kept with the draft). */
export interface LoadedDocument {
  /** The server's current values of the editable top-level properties (for diffs, conflicts and rebases). */
  current: JsonObject;
  /** What a fresh draft shows. */
  initial: unknown;
  /** ETag of this version: sent as If-Match by the spec's submit. */
  version?: string;
  /** e.g. "ETag 0x8DC… · fetched 12:03:04". */
  versionLabel: string;
  /** Anything else the spec's validate/preview need (e.g. the pool's node counts). */
  context?: unknown;
}

/** An extra single-line field above the editor (e.g. "name"), with its own live validation. */
export interface EditorFieldSpec {
  id: string;
  label: string;
  placeholder?: string;
  description?: string;
  initial(loaded: LoadedDocument): string;
  /** A problem of the value, or undefined when it is fine. Runs on every change. */
  validate(value: string, draft: unknown): string | undefined;
}

export type SubmitOutcome =
  | { kind: 'applied'; message: string; rows?: PreviewRow[]; actions?: PreviewAction[]; latest?: LoadedDocument }
  | { kind: 'conflict'; latest: LoadedDocument; message?: string }
  | { kind: 'failed'; message: string; issues: EditorIssue[] }
  | { kind: 'nothing'; message: string };

export type FieldValues = Record<string, string>;

/**
 * What a JSON-editor panel edits and how. The panel does the rest: the editor (schema validation, completion, hover,
 * format, undo/redo), the live analysis, draft persistence per `key`, the conflict view and rebase, inline errors.
 */
export interface JsonEditorSpec {
  /** The webview panel type (also the serializer's); one panel per (viewType, key). */
  viewType: string;
  /** Identity of the edited resource, e.g. the pool URL: the draft is stored under it. */
  key: string;
  title: string;
  subtitle: string;
  schema: JsonSchema;
  /** Label of the submit button, e.g. "Apply". */
  submitLabel: string;
  fields?: EditorFieldSpec[];
  /** Fetches the resource fresh. */
  load(): Promise<LoadedDocument>;
  /** Rules beyond the schema (the schema is checked by the panel); runs on every change and before submit. */
  validate(draft: unknown, loaded: LoadedDocument, fields: FieldValues): EditorIssue[];
  /** The live preview of what submit would do. `request` absent = nothing to send. */
  preview(draft: unknown, loaded: LoadedDocument, fields: FieldValues): PreviewModel;
  /** Sends the draft (already valid). A 412 must come back as { kind: 'conflict', latest }. */
  submit(draft: unknown, loaded: LoadedDocument, fields: FieldValues): Promise<SubmitOutcome>;
  /** Rebases a draft from one version onto a newer one; default: three-way merge of the whole document. */
  rebase?(draft: unknown, from: LoadedDocument, to: LoadedDocument): { draft: unknown; conflicts: string[]; taken: string[] };
  /** Buttons of notices and results (e.g. 'reimage'). */
  onAction?(id: string): Promise<void>;
  /** JSON the webview keeps (setState) so that the panel's reviver can rebuild the spec after a window reload. */
  revival: unknown;
}

interface StoredDraft {
  text: string;
  fields: FieldValues;
  based: LoadedDocument;
  savedAt: number;
}

/** What the webview keeps with setState. */
interface WebviewState {
  revival?: unknown;
  text?: string;
  fields?: FieldValues;
}

const REBASE_ACTION = '__rebase';
const RELOAD_ACTION = '__reload';
/** What the editor shows when the resource could not be loaded (and the webview kept no text). */
const PLACEHOLDER_TEXT = '{}';
const draftKey = (viewType: string, key: string) => `azureBatch.jsonEditor.draft:${viewType}:${key}`;

export interface JsonEditorServices {
  extensionUri: vscode.Uri;
  storage: vscode.Memento;
  log: vscode.LogOutputChannel;
}

/**
 * The reusable JSON-editor panel. One instance per (viewType, key): `open` reveals an existing one.
 * The pool-patch editor (poolPatchPanel.ts) is its first user.
 */
export class JsonEditorPanel extends WebviewPanelBase {
  private static readonly panels = new Map<string, JsonEditorPanel>();
  private static services: JsonEditorServices | undefined;

  /** Called once at activation. */
  static initialize(services: JsonEditorServices): void {
    JsonEditorPanel.services = services;
  }

  private static svc(): JsonEditorServices {
    if (!JsonEditorPanel.services) {
      throw new Error('JsonEditorPanel.initialize was not called.');
    }
    return JsonEditorPanel.services;
  }

  /** The open panel of (viewType, key), if any. */
  static find(viewType: string, key: string): JsonEditorPanel | undefined {
    return JsonEditorPanel.panels.get(`${viewType}\n${key}`);
  }

  static all(): JsonEditorPanel[] {
    return [...JsonEditorPanel.panels.values()];
  }

  /** Opens the editor of `spec.key`, or reveals it when it is open. */
  static open(spec: JsonEditorSpec, column: vscode.ViewColumn = vscode.ViewColumn.Active): JsonEditorPanel {
    const existing = JsonEditorPanel.find(spec.viewType, spec.key);
    if (existing) {
      existing.panel.reveal(column);
      return existing;
    }
    const { extensionUri } = JsonEditorPanel.svc();
    const panel = vscode.window.createWebviewPanel(spec.viewType, spec.title, column, WebviewPanelBase.webviewOptions(extensionUri));
    return new JsonEditorPanel(panel, spec, undefined);
  }

  /**
   * Restores panels of `viewType` after a window reload: `revive` rebuilds the spec from the JSON the webview kept
   * (`spec.revival`). The draft itself comes from the extension's storage.
   */
  static registerSerializer(viewType: string, revive: (revival: unknown) => Promise<JsonEditorSpec | undefined>): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = (isJsonObject(state) ? state : {}) as WebviewState;
        const { log } = JsonEditorPanel.svc();
        const spec = await revive(saved.revival).catch((error: unknown) => {
          log.error(`Restoring a ${viewType} panel failed: ${errorMessage(error)}`);
          return undefined;
        });
        if (!spec || JsonEditorPanel.find(spec.viewType, spec.key)) {
          log.warn(`A ${viewType} panel could not be restored (${spec ? 'already open' : 'its saved state names no resource'}); closing it.`);
          panel.dispose();
          return;
        }
        log.info(`Restoring ${spec.title} after a window reload`);
        new JsonEditorPanel(panel, spec, saved);
      },
    });
  }

  private loaded: LoadedDocument | undefined;
  /** A newer version seen (412 or on open) and not yet rebased onto. */
  private latest: LoadedDocument | undefined;
  private text = '';
  private fields: FieldValues = {};
  private pristineText = '';
  private seq = 0;
  private banner: PreviewNotice | undefined;
  private readonly created = performance.now();
  private readonly loading: Promise<void>;
  private readonly lastPosted = new Map<HostMessage['type'], HostMessage>();
  private readyWaiters: (() => void)[] = [];
  private pageLoads = 0;
  /** `load` ended: the page gets its whole state on every `ready` from now on. */
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

  private constructor(panel: vscode.WebviewPanel, readonly spec: JsonEditorSpec, restored: WebviewState | undefined) {
    const { extensionUri, log } = JsonEditorPanel.svc();
    super(panel, extensionUri, log);
    JsonEditorPanel.panels.set(`${spec.viewType}\n${spec.key}`, this);
    this.disposables.push({ dispose: () => JsonEditorPanel.panels.delete(`${spec.viewType}\n${spec.key}`) });
    panel.title = spec.title;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'batch.svg');
    this.render({ bundle: 'jsonEditorMain', title: spec.title });
    this.loading = this.load(restored)
      .catch((error: unknown) => {
        log.error(`${spec.title}: ${errorMessage(error)}`);
      })
      .finally(() => {
        this.loadDone = true;
      });
  }

  // ---- loading and drafts ----

  private get storage(): vscode.Memento {
    return JsonEditorPanel.svc().storage;
  }

  private storedDraft(): StoredDraft | undefined {
    const value = this.storage.get<StoredDraft>(draftKey(this.spec.viewType, this.spec.key));
    return value && typeof value.text === 'string' && isJsonObject(value.based) ? value : undefined;
  }

  /** Keeps the draft when it differs from a fresh one; forgets it when it does not. */
  private async persist(): Promise<void> {
    if (!this.loaded) {
      return;
    }
    const key = draftKey(this.spec.viewType, this.spec.key);
    const pristineFields = Object.fromEntries((this.spec.fields ?? []).map((f) => [f.id, f.initial(this.loaded!)]));
    if (this.text === this.pristineText && jsonEqual(this.fields, pristineFields)) {
      await this.storage.update(key, undefined);
      return;
    }
    const draft: StoredDraft = { text: this.text, fields: this.fields, based: this.loaded, savedAt: Date.now() };
    await this.storage.update(key, draft);
  }

  get hasStoredDraft(): boolean {
    return this.storedDraft() !== undefined;
  }

  private format(value: unknown): string {
    return JSON.stringify(value, null, 2);
  }

  private initialFields(loaded: LoadedDocument): FieldValues {
    return Object.fromEntries((this.spec.fields ?? []).map((f) => [f.id, f.initial(loaded)]));
  }

  private async load(restored: WebviewState | undefined): Promise<void> {
    const stored = this.storedDraft();
    let fresh: LoadedDocument | undefined;
    let failure: unknown;
    try {
      fresh = await this.spec.load();
    } catch (error) {
      failure = error;
    }
    if (stored) {
      this.loaded = stored.based;
      this.text = stored.text;
      this.fields = { ...this.initialFields(stored.based), ...stored.fields };
      this.pristineText = this.format(stored.based.initial);
      if (fresh && fresh.version !== stored.based.version && !jsonEqual(fresh.current, stored.based.current)) {
        this.latest = fresh;
        this.banner = {
          severity: 'warning',
          message: vscode.l10n.t('Your saved draft is based on an older version of this resource ({0}); it has changed since ({1}). Applying would stop with a conflict: rebase the draft first.', stored.based.versionLabel, fresh.versionLabel),
          action: { id: REBASE_ACTION, label: vscode.l10n.t('Rebase draft on the newer version') },
        };
      } else {
        if (fresh && fresh.version !== stored.based.version) {
          // The editable values are as the draft knew them, but the version moved on (e.g. the node count changed):
          // base the draft on the fresh version, so that its ETag and context are current.
          this.loaded = fresh;
          this.pristineText = this.format(fresh.initial);
          this.fields = { ...this.initialFields(fresh), ...stored.fields };
          await this.persist();
        }
        this.banner = { severity: 'info', message: vscode.l10n.t('Restored your unsaved draft from {0}.', new Date(stored.savedAt).toLocaleString()) };
      }
    } else if (fresh) {
      this.loaded = fresh;
      this.pristineText = this.format(fresh.initial);
      this.text = restored?.text && restored.text !== this.pristineText ? restored.text : this.pristineText;
      this.fields = { ...this.initialFields(fresh), ...(restored?.fields ?? {}) };
      if (this.text !== this.pristineText) {
        await this.persist();
      }
    } else {
      this.banner = { severity: 'error', message: vscode.l10n.t('Could not load the resource: {0}', errorMessage(failure)), action: { id: RELOAD_ACTION, label: vscode.l10n.t('Try again') } };
      this.text = restored?.text ?? PLACEHOLDER_TEXT;
    }
    if (failure && stored) {
      this.banner = { severity: 'warning', message: vscode.l10n.t('Showing your saved draft; the current version could not be fetched: {0}', errorMessage(failure)) };
    }
    this.openTimings.loaded = performance.now() - this.created;
    this.post(this.initMessage());
    this.postAnalysis();
  }

  /** The page's whole state as it is now (the first page and every page reloaded after the panel was hidden). */
  private initMessage(): InitMessage {
    return {
      type: 'init',
      title: this.spec.title,
      subtitle: this.spec.subtitle,
      schema: this.spec.schema as Record<string, unknown>,
      text: this.text,
      fields: (this.spec.fields ?? []).map((f) => ({ id: f.id, label: f.label, value: this.fields[f.id] ?? '', placeholder: f.placeholder, description: f.description })),
      baseLabel: this.loaded?.versionLabel ?? '',
      pristineText: this.pristineText,
      submitLabel: this.spec.submitLabel,
      strings: uiStrings(),
      banner: this.banner,
      revival: this.spec.revival,
    };
  }

  // ---- analysis ----

  /** Parses and checks the draft: JSON syntax, schema, the spec's rules, the fields. */
  analyze(text = this.text, fields = this.fields): { draft: unknown; issues: EditorIssue[]; preview: PreviewModel; canSubmit: boolean } {
    const issues: EditorIssue[] = [];
    let draft: unknown;
    let parsed = false;
    try {
      draft = JSON.parse(text);
      parsed = true;
    } catch (error) {
      issues.push({ path: [], message: vscode.l10n.t('The draft is not valid JSON: {0}', (error as Error).message), severity: 'error', source: 'json' });
    }
    let preview: PreviewModel = { summary: vscode.l10n.t('Fix the JSON syntax to see what would be sent.'), rows: [], notices: [] };
    if (parsed && this.loaded) {
      issues.push(...schemaIssues(this.spec.schema, draft));
      issues.push(...this.spec.validate(draft, this.loaded, fields));
      preview = this.spec.preview(draft, this.loaded, fields);
    }
    for (const field of this.spec.fields ?? []) {
      const problem = field.validate(fields[field.id] ?? '', draft);
      if (problem) {
        issues.push({ path: [], field: field.id, message: problem, severity: 'error', source: 'field' });
      }
    }
    const canSubmit = parsed && !!this.loaded && !issues.some((i) => i.severity === 'error') && preview.request !== undefined;
    return { draft, issues, preview, canSubmit };
  }

  private postAnalysis(): void {
    const { issues, preview, canSubmit } = this.analyze();
    this.post({ type: 'analysis', seq: this.seq, issues, preview, canSubmit });
  }

  // ---- messages ----

  protected override post(message: HostMessage): void {
    this.lastPosted.set(message.type, message);
    super.post(message);
  }

  protected override onReady(): void {
    this.openTimings.webviewReady ??= performance.now() - this.created;
    // A reloaded page (e.g. after the panel was hidden and shown again) gets the whole state as it is now, which makes
    // what was queued for the previous page obsolete; the first page gets the init queued by `load` (as does a page
    // that comes while `load` still runs).
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
        if (this.openMs === undefined) {
          this.openMs = performance.now() - this.created;
          Object.assign(this.openTimings, { editorReady: this.openMs, initToEditor: message.ms, pageScriptStart: message.scriptMs ?? -1, pageEditorReady: message.pageMs ?? -1 });
          const t = Object.entries(this.openTimings).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
          JsonEditorPanel.svc().log.info(`${this.spec.title}: editor ready ${Math.round(this.openMs)} ms after the panel was created (${t})`);
        }
        for (const resolve of this.readyWaiters.splice(0)) {
          resolve();
        }
        return;
      case 'draftChanged':
        this.seq = Math.max(this.seq, message.seq);
        this.text = message.text;
        this.fields = message.fields;
        await this.persist();
        this.postAnalysis();
        return;
      case 'submit':
        if (this.submitting) {
          JsonEditorPanel.svc().log.warn(`${this.spec.title}: a submit came while one is running; ignored`);
          return;
        }
        await this.submit(message.text, message.fields);
        return;
      case 'rebase':
        await this.guarded(() => this.rebase());
        return;
      case 'discard':
        await this.guarded(() => this.discard());
        return;
      case 'reload':
        await this.guarded(() => this.reload());
        return;
      case 'action':
        if (message.id === REBASE_ACTION) {
          await this.guarded(() => this.rebase());
        } else if (message.id === RELOAD_ACTION) {
          await this.guarded(() => this.reload());
        } else {
          await this.spec.onAction?.(message.id);
        }
        return;
      case 'cspViolation':
        this.cspViolations.push(`${message.directive}: ${message.blocked}`);
        return;
    }
  }

  /** Runs a rebase/discard/reload of the page; a failure is shown in the banner with "Try again", not only logged. */
  private async guarded(run: () => Promise<unknown>): Promise<void> {
    if (this.submitting) {
      JsonEditorPanel.svc().log.warn(`${this.spec.title}: ignored a command that came while a submit is running`);
      return;
    }
    try {
      await run();
    } catch (error) {
      JsonEditorPanel.svc().log.error(`${this.spec.title}: ${errorMessage(error)}`);
      this.banner = {
        severity: 'error',
        message: vscode.l10n.t('Could not fetch the current version: {0} Your draft is kept.', errorMessage(error)),
        action: { id: RELOAD_ACTION, label: vscode.l10n.t('Try again') },
      };
      this.post({ type: 'setText', text: this.text, banner: this.banner });
    }
  }

  private result(message: Omit<SubmitResultMessage, 'type'>): SubmitResultMessage {
    const full: SubmitResultMessage = { type: 'submitResult', ...message };
    this.lastResult = full;
    this.post(full);
    if (!this.isDisposed && !this.panel.visible) {
      this.notify(full);
    }
    return full;
  }

  /** The outcome of a submit that ended while the panel was hidden: its page would show it only when shown again. */
  private notify(result: SubmitResultMessage): void {
    const show = vscode.l10n.t('Show Editor');
    const next = result.outcome === 'conflict' ? ` ${vscode.l10n.t('Show the editor to see the newer version and rebase your draft on it.')}` : '';
    const text = `${this.spec.title}: ${result.message}${next}`;
    const shown = result.outcome === 'applied' || result.outcome === 'nothing'
      ? vscode.window.showInformationMessage(text, show)
      : vscode.window.showErrorMessage(text, show);
    void Promise.resolve(shown).then((answer) => {
      if (answer === show && !this.isDisposed) {
        this.panel.reveal();
      }
    }, () => undefined);
  }

  private async submit(text: string, fields: FieldValues): Promise<SubmitResultMessage> {
    // Set before the first await: a second submit is refused from here on.
    this.submitting = true;
    try {
      this.text = text;
      this.fields = fields;
      await this.persist();
      return await this.submitNow();
    } finally {
      this.submitting = false;
      if (this.lastMessage('busy')?.busy) {
        this.endBusy();
      }
    }
  }

  private async submitNow(): Promise<SubmitResultMessage> {
    const { draft, issues, canSubmit, preview } = this.analyze();
    const submittedText = this.text;
    const submittedFields = this.fields;
    this.post({ type: 'analysis', seq: this.seq, issues, preview, canSubmit });
    if (!this.loaded) {
      return this.result({ outcome: 'failed', message: vscode.l10n.t('The resource is not loaded; reload and try again.'), issues: [] });
    }
    if (issues.some((i) => i.severity === 'error')) {
      const count = issues.filter((i) => i.severity === 'error').length;
      return this.result({ outcome: 'invalid', message: vscode.l10n.t('Nothing was sent: the draft has {0} problem(s). Fix them first (see the list and the marks in the editor).', count), issues });
    }
    if (!preview.request) {
      return this.result({ outcome: 'nothing', message: preview.summary, issues: [] });
    }
    this.reportProgress(vscode.l10n.t('Sending…'));
    let outcome: SubmitOutcome;
    try {
      outcome = await this.spec.submit(draft, this.loaded, this.fields);
    } catch (error) {
      outcome = { kind: 'failed', message: errorMessage(error), issues: [{ path: [], message: errorMessage(error), severity: 'error', source: 'service' }] };
    }
    // Edits that came while the request ran (they are not part of what was sent) must survive its success.
    const editedMeanwhile = this.text !== submittedText || !jsonEqual(this.fields, submittedFields);
    switch (outcome.kind) {
      case 'applied': {
        let latest = outcome.latest;
        if (!latest) {
          try {
            latest = await this.spec.load();
          } catch (error) {
            JsonEditorPanel.svc().log.warn(`${this.spec.title}: reloading after the change failed: ${errorMessage(error)}`);
          }
        }
        if (editedMeanwhile) {
          // The server now has what was sent, and the current text was edited on top of that: it stays the draft,
          // based on the new version.
          if (latest) {
            this.loaded = latest;
            this.latest = undefined;
            this.pristineText = this.format(latest.initial);
          }
          this.banner = { severity: 'info', message: vscode.l10n.t('Applied what was sent; the edits you made while it was being sent are kept as a draft on the new version.') };
          await this.persist();
          this.post({ type: 'setText', text: this.text, fields: this.fields, pristineText: this.pristineText, baseLabel: this.loaded.versionLabel, banner: this.banner });
          this.postAnalysis();
        } else {
          await this.storage.update(draftKey(this.spec.viewType, this.spec.key), undefined);
          if (latest) {
            this.resetTo(latest, null);
          }
        }
        this.endBusy();
        return this.result({ outcome: 'applied', message: outcome.message, issues: [], rows: outcome.rows, actions: outcome.actions });
      }
      case 'conflict':
        this.latest = outcome.latest;
        this.endBusy();
        return this.result({
          outcome: 'conflict',
          message: outcome.message ?? vscode.l10n.t('Nothing was changed: the resource was changed by someone else since your draft was based on it. Your draft is kept.'),
          issues: [],
          conflict: this.conflictModel(draft, this.loaded, outcome.latest),
        });
      case 'failed':
        this.endBusy();
        return this.result({ outcome: 'failed', message: outcome.message, issues: outcome.issues });
      case 'nothing':
        this.endBusy();
        return this.result({ outcome: 'nothing', message: outcome.message, issues: [] });
    }
  }

  /** Ends the busy state of a submit (just before its result, so the page gets the new text first). */
  private endBusy(): void {
    this.busyLabel = undefined;
    this.post({ type: 'busy', busy: false });
  }

  /** The server's newer values beside the draft's, property by property. */
  private conflictModel(draft: unknown, from: LoadedDocument, to: LoadedDocument): ConflictModel {
    const yours = isJsonObject(draft) ? draft : {};
    const names = new Set([...Object.keys(to.current), ...Object.keys(from.current), ...Object.keys(yours)]);
    const rows = [...names]
      .filter((name) => !jsonEqual(from.current[name], to.current[name]) || (Object.hasOwn(yours, name) && !jsonEqual(yours[name], to.current[name])))
      .map((name) => {
        const serverChanged = !jsonEqual(from.current[name], to.current[name]);
        const draftChanged = Object.hasOwn(yours, name) && !jsonEqual(yours[name], from.current[name]);
        return {
          label: name,
          base: shortJson(from.current[name], 400) || undefined,
          theirs: shortJson(to.current[name], 400) || undefined,
          yours: Object.hasOwn(yours, name) ? shortJson(yours[name], 400) : undefined,
          conflict: serverChanged && draftChanged && !jsonEqual(yours[name], to.current[name]),
        };
      });
    return {
      message: vscode.l10n.t('The server has a newer version ({0}). Rebase keeps your edits on top of it; where you and the server changed the same property, your value is kept.', to.versionLabel),
      rows,
      theirsVersionLabel: to.versionLabel,
    };
  }

  private resetTo(loaded: LoadedDocument, banner: PreviewNotice | null): void {
    this.loaded = loaded;
    this.latest = undefined;
    this.lastResult = undefined;
    this.pristineText = this.format(loaded.initial);
    this.text = this.pristineText;
    this.fields = this.initialFields(loaded);
    this.banner = banner ?? undefined;
    this.post({ type: 'setText', text: this.text, fields: this.fields, pristineText: this.pristineText, baseLabel: loaded.versionLabel, banner });
    this.postAnalysis();
  }

  /** Rebases the draft on the newest version (fetched now if no newer one is known). */
  async rebase(): Promise<{ conflicts: string[]; taken: string[] }> {
    if (!this.loaded) {
      await this.reload();
      return { conflicts: [], taken: [] };
    }
    const to = this.latest ?? (await this.spec.load());
    let draft: unknown;
    try {
      draft = JSON.parse(this.text);
    } catch {
      this.banner = { severity: 'error', message: vscode.l10n.t('Fix the JSON syntax first: a draft that does not parse cannot be rebased.') };
      this.post({ type: 'setText', text: this.text, banner: this.banner });
      return { conflicts: [], taken: [] };
    }
    const result = this.spec.rebase?.(draft, this.loaded, to) ?? (() => {
      const merged = threeWayMerge(this.loaded!.initial, to.initial, draft);
      return { draft: merged.merged, conflicts: merged.conflicts, taken: merged.taken };
    })();
    this.loaded = to;
    this.latest = undefined;
    this.lastResult = undefined;
    this.pristineText = this.format(to.initial);
    this.text = this.format(result.draft);
    const parts = [vscode.l10n.t('Rebased your draft on {0}.', to.versionLabel)];
    if (result.taken.length) {
      parts.push(vscode.l10n.t('Taken from the server: {0}.', result.taken.join(', ')));
    }
    if (result.conflicts.length) {
      parts.push(vscode.l10n.t('Changed on both sides, your value kept: {0}. Check them before applying.', result.conflicts.join(', ')));
    }
    this.banner = { severity: result.conflicts.length ? 'warning' : 'info', message: parts.join(' ') };
    await this.persist();
    this.post({ type: 'setText', text: this.text, pristineText: this.pristineText, baseLabel: to.versionLabel, banner: this.banner });
    this.postAnalysis();
    return { conflicts: result.conflicts, taken: result.taken };
  }

  /** Forgets the draft and starts again from the current version. */
  async discard(): Promise<void> {
    await this.storage.update(draftKey(this.spec.viewType, this.spec.key), undefined);
    try {
      this.resetTo(await this.spec.load(), { severity: 'info', message: vscode.l10n.t('Draft discarded; showing the current version.') });
    } catch (error) {
      if (!this.loaded) {
        throw error;
      }
      this.resetTo(this.loaded, { severity: 'warning', message: vscode.l10n.t('Draft discarded; the current version could not be fetched ({0}), so this shows the last one known.', errorMessage(error)) });
    }
  }

  /** Fetches the current version: a clean editor shows it; a draft is rebased onto it. */
  async reload(): Promise<void> {
    if (this.loaded && this.text !== this.pristineText) {
      this.latest = await this.spec.load();
      await this.rebase();
      return;
    }
    const fresh = await this.spec.load();
    if (!this.loaded && this.text !== PLACEHOLDER_TEXT && this.text !== this.format(fresh.initial)) {
      // The first load had failed and the editor held what was typed meanwhile: keep it, based on this version.
      this.loaded = fresh;
      this.latest = undefined;
      this.pristineText = this.format(fresh.initial);
      this.fields = { ...this.initialFields(fresh), ...this.fields };
      this.banner = { severity: 'info', message: vscode.l10n.t('Loaded the current version ({0}); your draft is kept: check it against the current values before applying.', fresh.versionLabel) };
      await this.persist();
      this.post({ type: 'setText', text: this.text, fields: this.fields, pristineText: this.pristineText, baseLabel: fresh.versionLabel, banner: this.banner });
      this.postAnalysis();
      return;
    }
    this.resetTo(fresh, null);
  }

  /**
   * Optional hook for specs whose submit takes long (e.g. a long-running operation): shows `label` as the panel's
   * busy status while the submit runs. The panel clears it when the submit ends. (Added for the image-definition editor.)
   */
  reportProgress(label: string): void {
    this.busyLabel = label;
    this.post({ type: 'busy', busy: true, label });
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
    await this.handle({ type: 'draftChanged', seq: this.seq + 1, text, fields: fields ?? this.fields });
    const analysis = this.lastPosted.get('analysis');
    return analysis?.type === 'analysis' ? analysis : { issues: [], preview: { summary: '', rows: [], notices: [] }, canSubmit: false };
  }

  /** Presses the submit button (Apply). */
  async pressSubmit(): Promise<SubmitResultMessage> {
    await this.loading;
    await this.handle({ type: 'submit', text: this.text, fields: this.fields });
    return this.lastPosted.get('submitResult') as SubmitResultMessage;
  }

  /** The current draft text as the host knows it. */
  get draftText(): string {
    return this.text;
  }

  /** The version the draft is based on. */
  get basedOn(): LoadedDocument | undefined {
    return this.loaded;
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

/** The webview's texts, localized here (the webview has no l10n of its own). */
function uiStrings(): UiStrings {
  return {
    draft: vscode.l10n.t('Draft (JSON)'),
    format: vscode.l10n.t('Format'),
    formatFailed: vscode.l10n.t('The draft is not valid JSON; fix the syntax to format it.'),
    formatTitle: vscode.l10n.t('Format the JSON (Shift+Alt+F)'),
    undo: vscode.l10n.t('Undo'),
    redo: vscode.l10n.t('Redo'),
    discard: vscode.l10n.t('Discard draft'),
    discardTitle: vscode.l10n.t('Forget your edits and show the current version'),
    reload: vscode.l10n.t('Reload'),
    reloadTitle: vscode.l10n.t('Fetch the current version (a draft is rebased onto it)'),
    problems: vscode.l10n.t('Problems'),
    noProblems: vscode.l10n.t('No problems.'),
    preview: vscode.l10n.t('Preview'),
    request: vscode.l10n.t('Request'),
    property: vscode.l10n.t('Property'),
    change: vscode.l10n.t('Change'),
    current: vscode.l10n.t('Current'),
    draftValue: vscode.l10n.t('Draft'),
    before: vscode.l10n.t('Before'),
    after: vscode.l10n.t('After'),
    unchanged: vscode.l10n.t('unchanged'),
    unchangedRows: vscode.l10n.t('Unchanged'),
    replaced: vscode.l10n.t('replaced'),
    cleared: vscode.l10n.t('cleared'),
    added: vscode.l10n.t('added'),
    conflictTitle: vscode.l10n.t('Conflict: the resource changed meanwhile'),
    conflictBase: vscode.l10n.t('Your draft was based on'),
    conflictTheirs: vscode.l10n.t('Server now'),
    conflictYours: vscode.l10n.t('Your draft'),
    rebase: vscode.l10n.t('Rebase draft on the server version'),
    keepEditing: vscode.l10n.t('Back to the draft'),
    appliedTitle: vscode.l10n.t('Applied'),
    working: vscode.l10n.t('Working…'),
    basedOn: vscode.l10n.t('Based on'),
    absent: vscode.l10n.t('(absent)'),
    fieldProblem: vscode.l10n.t('Problem'),
    dirty: vscode.l10n.t('Draft differs from the current version'),
    clean: vscode.l10n.t('No changes'),
    shortcuts: vscode.l10n.t('Keys: Ctrl+Space completes, Shift+Alt+F formats, Ctrl+Z undoes, Ctrl+Enter applies, F8 goes to the next problem, Tab leaves the editor.'),
    editorLabel: vscode.l10n.t('JSON draft editor'),
    bothChanged: vscode.l10n.t('changed on both sides'),
  };
}
