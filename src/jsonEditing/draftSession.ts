/**
 * The draft of one JSON editor and the version it is based on: the state machine behind the panel. Restores a kept
 * draft on open (rebased when the resource changed meanwhile), keeps what was typed while a load failed, rebases on a
 * newer version, reloads, discards, applies (keeping edits typed while the request ran), and turns a 412 into the
 * conflict view. Every change of the draft is kept in the draft store; what the page must show goes to the view.
 * Pure: no `vscode` (unit-tested on Node, driven by the panel).
 */
import * as l10n from '../utils/l10n';
import { conflictModel } from './conflictModel';
import { analyzeDraft, type DraftAnalysis } from './draftAnalysis';
import type { DraftStore } from './draftStore';
import type { FieldValues, LoadedDocument, PreviewNotice, SubmitOutcome, SubmitResult } from './editorModel';
import { initialFields, type JsonEditorSpec, type RebaseResult } from './editorSpec';
import { threeWayMerge } from './jsonMerge';
import { jsonEqual } from './jsonValue';
import type { SchemaChecker } from './schemaCheck';
import { errorText } from './writeFailure';

/** Banner buttons the session offers; the panel sends them back here. */
export const REBASE_ACTION = '__rebase';
export const RELOAD_ACTION = '__reload';
/** What the editor shows when the resource could not be loaded (and the page kept no text). */
export const PLACEHOLDER_TEXT = '{}';

/** What the page must show after a change; absent parts stay as they are. */
export interface TextUpdate {
  text: string;
  fields?: FieldValues;
  pristineText?: string;
  baseLabel?: string;
  /** null = remove the banner. */
  banner?: PreviewNotice | null;
}

/** Where the session's changes go (the panel posts them to the page). */
export interface DraftView {
  showText(update: TextUpdate): void;
  /** The draft or its base changed: the page needs this analysis. */
  showAnalysis(analysis: DraftAnalysis): void;
  /** The last submit result no longer applies (the draft was reset or rebased). */
  resultObsolete(): void;
  /** A step of a running submit, for the page's busy status. */
  progress(label: string): void;
  warn(line: string): void;
}

/** What a submit sends: the parsed draft, the version it is based on (its ETag is the If-Match), the fields, the text. */
export interface SubmitSend {
  kind: 'send';
  draft: unknown;
  loaded: LoadedDocument;
  fields: FieldValues;
  text: string;
}

export type SubmitStart = SubmitSend | { kind: 'done'; result: SubmitResult };

const format = (value: unknown): string => JSON.stringify(value, null, 2);

export class DraftSession {
  /** The version the draft is based on (undefined until a load succeeded). */
  private loadedVersion: LoadedDocument | undefined;
  /** A newer version seen (412 or on open) and not yet rebased onto. */
  private latest: LoadedDocument | undefined;
  private draftText = '';
  private fieldValues: FieldValues = {};
  private pristineText = '';
  private currentBanner: PreviewNotice | undefined;

  constructor(
    private readonly spec: JsonEditorSpec,
    private readonly store: DraftStore,
    private readonly view: DraftView,
    private readonly schemas: SchemaChecker,
  ) {}

  get loaded(): LoadedDocument | undefined {
    return this.loadedVersion;
  }

  get text(): string {
    return this.draftText;
  }

  get fields(): FieldValues {
    return this.fieldValues;
  }

  get pristine(): string {
    return this.pristineText;
  }

  get banner(): PreviewNotice | undefined {
    return this.currentBanner;
  }

  get hasStoredDraft(): boolean {
    return this.store.read() !== undefined;
  }

  analyze(): DraftAnalysis {
    return analyzeDraft(this.schemas, this.spec, this.loadedVersion, this.draftText, this.fieldValues);
  }

  /** Opens: a kept draft (rebase offered when the resource changed since), else the current version, else an error banner. */
  async open(restored?: { text?: string; fields?: FieldValues }): Promise<void> {
    const stored = this.store.read();
    let fresh: LoadedDocument | undefined;
    let failure: unknown;
    try {
      fresh = await this.spec.load();
    } catch (error) {
      failure = error;
    }
    if (stored) {
      this.base(stored.based, { ...initialFields(this.spec, stored.based), ...stored.fields });
      this.draftText = stored.text;
      if (fresh && fresh.version !== stored.based.version && !jsonEqual(fresh.current, stored.based.current)) {
        this.latest = fresh;
        this.currentBanner = {
          severity: 'warning',
          message: l10n.t('Your saved draft is based on an older version of this resource ({0}); it has changed since ({1}). Applying would stop with a conflict: rebase the draft first.', stored.based.versionLabel, fresh.versionLabel),
          action: { id: REBASE_ACTION, label: l10n.t('Rebase draft on the newer version') },
        };
      } else {
        if (fresh && fresh.version !== stored.based.version) {
          // The editable values are as the draft knew them, but the version moved on (e.g. the node count changed):
          // base the draft on the fresh version, so that its ETag and context are current.
          this.base(fresh, { ...initialFields(this.spec, fresh), ...stored.fields });
          await this.persist();
        }
        this.currentBanner = { severity: 'info', message: l10n.t('Restored your unsaved draft from {0}.', new Date(stored.savedAt).toLocaleString()) };
      }
    } else if (fresh) {
      this.base(fresh, { ...initialFields(this.spec, fresh), ...(restored?.fields ?? {}) });
      this.draftText = restored?.text && restored.text !== this.pristineText ? restored.text : this.pristineText;
      this.currentBanner = this.spec.openBanner;
      if (this.draftText !== this.pristineText) {
        await this.persist();
      }
    } else {
      this.currentBanner = { severity: 'error', message: l10n.t('Could not load the resource: {0}', errorText(failure)), action: { id: RELOAD_ACTION, label: l10n.t('Try again') } };
      this.draftText = restored?.text ?? PLACEHOLDER_TEXT;
    }
    if (failure && stored) {
      this.currentBanner = { severity: 'warning', message: l10n.t('Showing your saved draft; the current version could not be fetched: {0}', errorText(failure)) };
    }
  }

  /** A keystroke (or field change) of the page. */
  async edit(text: string, fields: FieldValues): Promise<void> {
    if (this.currentBanner && !this.currentBanner.action && (text !== this.draftText || !jsonEqual(fields, this.fieldValues))) {
      this.currentBanner = undefined; // the page drops it on the next edit: a reloaded page must not bring it back
    }
    this.draftText = text;
    this.fieldValues = fields;
    await this.persist();
  }

  /** Shows a problem of a command (reload, rebase) in the banner; the draft stays. */
  showProblem(banner: PreviewNotice): void {
    this.currentBanner = banner;
    this.view.showText({ text: this.draftText, banner });
  }

  /**
   * The first half of a submit: keeps `text`, checks it, and says what to send, or the result that ends the submit
   * without sending (not loaded, problems, nothing to send). The panel sends; `settle` takes the outcome.
   */
  async beginSubmit(text: string, fields: FieldValues): Promise<SubmitStart> {
    await this.edit(text, fields);
    const analysis = this.analyze();
    const { draft, issues, preview } = analysis;
    this.view.showAnalysis(analysis);
    const loaded = this.loadedVersion;
    if (!loaded) {
      return { kind: 'done', result: { outcome: 'failed', message: l10n.t('The resource is not loaded; reload and try again.'), issues: [] } };
    }
    const errors = issues.filter((i) => i.severity === 'error').length;
    if (errors) {
      return { kind: 'done', result: { outcome: 'invalid', message: l10n.t('Nothing was sent: the draft has {0} problem(s). Fix them first (see the list and the marks in the editor).', errors), issues } };
    }
    if (!preview.request) {
      return { kind: 'done', result: { outcome: 'nothing', message: preview.summary, issues: [] } };
    }
    this.view.progress(l10n.t('Sending…'));
    return { kind: 'send', draft, loaded, fields: this.fieldValues, text: this.draftText };
  }

  /** The second half: settles the draft on how the sending ended (the spec's outcome, or what it threw). */
  async settle(sent: SubmitSend, send: () => Promise<SubmitOutcome>): Promise<SubmitResult> {
    let outcome: SubmitOutcome;
    try {
      outcome = await send();
    } catch (error) {
      outcome = { kind: 'failed', message: errorText(error), issues: [{ path: [], message: errorText(error), severity: 'error', source: 'service' }] };
    }
    switch (outcome.kind) {
      case 'applied':
        // Edits that came while the request ran (they are not part of what was sent) must survive its success.
        await this.applied(outcome.latest, this.draftText !== sent.text || !jsonEqual(this.fieldValues, sent.fields));
        return { outcome: 'applied', message: outcome.message, issues: [], rows: outcome.rows, actions: outcome.actions };
      case 'conflict':
        this.latest = outcome.latest;
        return {
          outcome: 'conflict',
          message: outcome.message ?? l10n.t('Nothing was changed: the resource was changed by someone else since your draft was based on it. Your draft is kept.'),
          issues: [],
          conflict: conflictModel(sent.draft, sent.loaded, outcome.latest),
        };
      case 'failed':
        return { outcome: 'failed', message: outcome.message, issues: outcome.issues };
      case 'nothing':
        return { outcome: 'nothing', message: outcome.message, issues: [] };
    }
  }

  /** Rebases the draft on the newest version (fetched now if no newer one is known). */
  async rebase(): Promise<Pick<RebaseResult, 'conflicts' | 'taken'>> {
    const from = this.loadedVersion;
    if (!from) {
      await this.reload();
      return { conflicts: [], taken: [] };
    }
    const to = this.latest ?? (await this.spec.load());
    let draft: unknown;
    try {
      draft = JSON.parse(this.draftText);
    } catch {
      this.showProblem({ severity: 'error', message: l10n.t('Fix the JSON syntax first: a draft that does not parse cannot be rebased.') });
      return { conflicts: [], taken: [] };
    }
    const result = this.spec.rebase?.(draft, from, to) ?? (() => {
      const merged = threeWayMerge(from.initial, to.initial, draft);
      return { draft: merged.merged, conflicts: merged.conflicts, taken: merged.taken };
    })();
    this.base(to, this.fieldValues);
    this.view.resultObsolete();
    this.draftText = format(result.draft);
    const parts = [l10n.t('Rebased your draft on {0}.', to.versionLabel)];
    if (result.taken.length) {
      parts.push(l10n.t('Taken from the server: {0}.', result.taken.join(', ')));
    }
    if (result.conflicts.length) {
      parts.push(l10n.t('Changed on both sides, your value kept: {0}. Check them before applying.', result.conflicts.join(', ')));
    }
    this.currentBanner = { severity: result.conflicts.length ? 'warning' : 'info', message: parts.join(' ') };
    await this.persist();
    this.view.showText({ text: this.draftText, pristineText: this.pristineText, baseLabel: to.versionLabel, banner: this.currentBanner });
    this.view.showAnalysis(this.analyze());
    return { conflicts: result.conflicts, taken: result.taken };
  }

  /** Forgets the draft and starts again from the current version (or the last one known, when it cannot be fetched). */
  async discard(): Promise<void> {
    await this.store.forget();
    try {
      this.resetTo(await this.spec.load(), { severity: 'info', message: l10n.t('Draft discarded; showing the current version.') });
    } catch (error) {
      if (!this.loadedVersion) {
        throw error;
      }
      this.resetTo(this.loadedVersion, { severity: 'warning', message: l10n.t('Draft discarded; the current version could not be fetched ({0}), so this shows the last one known.', errorText(error)) });
    }
  }

  /** Fetches the current version: a clean editor shows it; a draft is rebased onto it. */
  async reload(): Promise<void> {
    if (this.loadedVersion && this.draftText !== this.pristineText) {
      this.latest = await this.spec.load();
      await this.rebase();
      return;
    }
    const fresh = await this.spec.load();
    if (!this.loadedVersion && this.draftText !== PLACEHOLDER_TEXT && this.draftText !== format(fresh.initial)) {
      // The first load had failed and the editor held what was typed meanwhile: keep it, based on this version.
      this.base(fresh, { ...initialFields(this.spec, fresh), ...this.fieldValues });
      this.currentBanner = { severity: 'info', message: l10n.t('Loaded the current version ({0}); your draft is kept: check it against the current values before applying.', fresh.versionLabel) };
      await this.persist();
      this.showAll(fresh.versionLabel);
      return;
    }
    this.resetTo(fresh, null);
  }

  /** After a successful submit: the new version becomes the base; edits typed meanwhile stay as the draft on it. */
  private async applied(latestFromSubmit: LoadedDocument | undefined, editedMeanwhile: boolean): Promise<void> {
    let latest = latestFromSubmit;
    if (!latest) {
      try {
        latest = await this.spec.load();
      } catch (error) {
        this.view.warn(`${this.spec.title}: reloading after the change failed: ${errorText(error)}`);
      }
    }
    if (!editedMeanwhile) {
      await this.store.forget();
      if (latest) {
        this.resetTo(latest, null);
      }
      return;
    }
    // The server now has what was sent, and the current text was edited on top of that: it stays the draft, based on
    // the new version.
    if (latest) {
      this.base(latest, this.fieldValues);
    }
    this.currentBanner = { severity: 'info', message: l10n.t('Applied what was sent; the edits you made while it was being sent are kept as a draft on the new version.') };
    await this.persist();
    this.showAll(this.loadedVersion?.versionLabel ?? '');
  }

  /** Bases the draft on `loaded` (its pristine text and fields); a newer version seen before is forgotten. */
  private base(loaded: LoadedDocument, fields: FieldValues): void {
    this.loadedVersion = loaded;
    this.latest = undefined;
    this.pristineText = format(loaded.initial);
    this.fieldValues = fields;
  }

  private resetTo(loaded: LoadedDocument, banner: PreviewNotice | null): void {
    this.base(loaded, initialFields(this.spec, loaded));
    this.view.resultObsolete();
    this.draftText = this.pristineText;
    this.currentBanner = banner ?? undefined;
    this.view.showText({ text: this.draftText, fields: this.fieldValues, pristineText: this.pristineText, baseLabel: loaded.versionLabel, banner });
    this.view.showAnalysis(this.analyze());
  }

  private showAll(baseLabel: string): void {
    this.view.showText({ text: this.draftText, fields: this.fieldValues, pristineText: this.pristineText, baseLabel, banner: this.currentBanner });
    this.view.showAnalysis(this.analyze());
  }

  /** Keeps the draft when it differs from a fresh one; forgets it when it does not. */
  private async persist(): Promise<void> {
    const loaded = this.loadedVersion;
    if (!loaded) {
      return;
    }
    if (this.draftText === this.pristineText && jsonEqual(this.fieldValues, initialFields(this.spec, loaded))) {
      await this.store.forget();
      return;
    }
    await this.store.write({ text: this.draftText, fields: this.fieldValues, based: loaded, savedAt: Date.now() });
  }
}
