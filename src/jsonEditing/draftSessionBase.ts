/**
 * The state of a draft session and how a draft is restored, kept and based: open (a kept draft, placeholders filled
 * from the fresh version; a draft typed while nothing loaded, rebased from nothing), the two-window choice ("Use
 * Theirs" / "Keep Mine"), and `persist`, which keeps every change in the draft store. The edits, submits, rebases and
 * reloads are in draftSession.ts. Pure: no `vscode`.
 */
import * as l10n from '../utils/l10n';
import { analyzeDraft, type DraftAnalysis } from './draftAnalysis';
import { hasRedactions } from './draftRedaction';
import { NOTHING_LOADED, formatJson as format, otherWindowBanner, rebaseBanner, rebaseText, resolveStored } from './draftRestore';
import type { DraftStore, StoredDraft } from './draftStore';
import type { FieldValues, LoadedDocument, PreviewNotice } from './editorModel';
import { initialFields, type JsonEditorSpec } from './editorSpec';
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

export abstract class DraftSessionBase {
  /** The version the draft is based on (undefined until a load succeeded). */
  protected loadedVersion: LoadedDocument | undefined;
  /** A newer version seen (412 or on open) and not yet rebased onto. */
  protected latest: LoadedDocument | undefined;
  protected draftText = '';
  protected fieldValues: FieldValues = {};
  protected pristineText = '';
  protected currentBanner: PreviewNotice | undefined;
  /** The kept base of a restored draft whose redacted values could not be read again yet (the load failed). */
  protected pendingBase: LoadedDocument | undefined;
  /** Another window changed the kept draft: nothing is written until the user chose (Use Theirs / Keep Mine). */
  protected otherWindow: StoredDraft | undefined;
  /** `open` ended: changes of the banner go to the page from now on. */
  protected opened = false;

  constructor(
    protected readonly spec: JsonEditorSpec,
    protected readonly store: DraftStore,
    protected readonly view: DraftView,
    protected readonly schemas: SchemaChecker,
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
    return this.store.peek() !== undefined;
  }

  /** Whether another window changed the kept draft and the user has not chosen yet. */
  get changedElsewhere(): boolean {
    return this.otherWindow !== undefined;
  }

  analyze(): DraftAnalysis {
    return analyzeDraft(this.schemas, this.spec, this.loadedVersion, this.draftText, this.fieldValues);
  }

  /** The kept draft (if any) and the resource's current version, or why it could not be loaded. */
  private async readKeptAndCurrent(): Promise<{ stored: StoredDraft | undefined; fresh: LoadedDocument | undefined; failure: unknown }> {
    const stored = await this.store.read();
    try {
      return { stored, fresh: await this.spec.load(), failure: undefined };
    } catch (error) {
      return { stored, fresh: undefined, failure: error };
    }
  }

  /** Opens: a kept draft (rebase offered when the resource changed since), else the current version, else an error banner. */
  async open(restored?: { text?: string; fields?: FieldValues }): Promise<void> {
    const { stored, fresh, failure } = await this.readKeptAndCurrent();
    if (stored) {
      await this.restore(stored, fresh, failure);
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
      this.fieldValues = restored?.fields ?? {};
      await this.persist();
    }
    this.opened = true;
  }

  /** Shows a kept draft: based on its version (placeholders filled from `fresh`), or rebased from nothing. */
  protected async restore(stored: StoredDraft, fresh: LoadedDocument | undefined, failure: unknown): Promise<void> {
    if (!fresh) {
      if (stored.based && !hasRedactions(stored.based)) {
        this.base(stored.based, { ...initialFields(this.spec, stored.based), ...stored.fields });
        this.pendingBase = undefined;
      } else {
        // No usable base (typed while nothing loaded, or its secret values must be read again): nothing can be sent.
        this.loadedVersion = undefined;
        this.pendingBase = stored.based;
        this.fieldValues = stored.fields;
      }
      this.draftText = stored.text;
      this.currentBanner = { severity: 'warning', message: l10n.t('Showing your saved draft; the current version could not be fetched: {0}', errorText(failure)), action: { id: RELOAD_ACTION, label: l10n.t('Try again') } };
      return;
    }
    const { text, based } = resolveStored(stored, fresh);
    this.pendingBase = undefined;
    if (!based) {
      await this.rebaseFromNothing(text, stored.fields, fresh);
      return;
    }
    this.base(based, { ...initialFields(this.spec, based), ...stored.fields });
    this.draftText = text;
    if (fresh.version !== based.version && !jsonEqual(fresh.current, based.current)) {
      this.latest = fresh;
      this.currentBanner = {
        severity: 'warning',
        message: l10n.t('Your saved draft is based on an older version of this resource ({0}); it has changed since ({1}). Applying would stop with a conflict: rebase the draft first.', based.versionLabel, fresh.versionLabel),
        action: { id: REBASE_ACTION, label: l10n.t('Rebase draft on the newer version') },
      };
      return;
    }
    if (fresh.version !== based.version) {
      // The editable values are as the draft knew them, but the version moved on (e.g. the node count changed):
      // base the draft on the fresh version, so that its ETag and context are current.
      this.base(fresh, { ...initialFields(this.spec, fresh), ...stored.fields });
      await this.persist();
    }
    this.currentBanner = { severity: 'info', message: l10n.t('Restored your unsaved draft from {0}.', new Date(stored.savedAt).toLocaleString()) };
  }

  /** A draft typed while no load had succeeded, put on top of `fresh`: what was typed wins; both-sides changes listed. */
  protected async rebaseFromNothing(text: string, fields: FieldValues, fresh: LoadedDocument): Promise<void> {
    const result = rebaseText(this.spec, text, NOTHING_LOADED, fresh);
    this.base(fresh, { ...initialFields(this.spec, fresh), ...fields });
    this.view.resultObsolete();
    if (result) {
      this.draftText = format(result.draft);
      this.currentBanner = rebaseBanner(fresh, result, true);
    } else {
      this.draftText = text;
      this.currentBanner = { severity: 'info', message: l10n.t('Loaded the current version ({0}); your draft is kept: check it against the current values before applying.', fresh.versionLabel) };
    }
    await this.persist();
  }

  /** Bases the draft on `loaded` (its pristine text and fields); a newer version seen before is forgotten. */
  protected base(loaded: LoadedDocument, fields: FieldValues): void {
    this.loadedVersion = loaded;
    this.latest = undefined;
    this.pristineText = format(loaded.initial);
    this.fieldValues = fields;
  }

  protected resetTo(loaded: LoadedDocument, banner: PreviewNotice | null): void {
    this.base(loaded, initialFields(this.spec, loaded));
    this.view.resultObsolete();
    this.draftText = this.pristineText;
    this.currentBanner = banner ?? undefined;
    this.view.showText({ text: this.draftText, fields: this.fieldValues, pristineText: this.pristineText, baseLabel: loaded.versionLabel, banner });
    this.view.showAnalysis(this.analyze());
  }

  protected showAll(baseLabel: string): void {
    this.view.showText({ text: this.draftText, fields: this.fieldValues, pristineText: this.pristineText, baseLabel, banner: this.currentBanner });
    this.view.showAnalysis(this.analyze());
  }

  /** "Use Theirs": the draft the other window kept replaces this one (restored as on open). */
  async useTheirs(): Promise<void> {
    this.otherWindow = undefined;
    this.view.resultObsolete();
    const { stored, fresh, failure } = await this.readKeptAndCurrent();
    if (stored) {
      await this.restore(stored, fresh, failure);
      if (this.currentBanner?.severity === 'info') {
        this.currentBanner = { severity: 'info', message: l10n.t('Showing the draft from the other window.') };
      }
    } else if (fresh) {
      // The other window applied or discarded it meanwhile.
      this.base(fresh, initialFields(this.spec, fresh));
      this.draftText = this.pristineText;
      this.currentBanner = { severity: 'info', message: l10n.t('The other window no longer keeps a draft; showing the current version.') };
    } else {
      throw failure;
    }
    this.showAll(this.loadedVersion?.versionLabel ?? '');
  }

  /** "Keep Mine": this window's draft is written over the other window's. */
  async keepMine(): Promise<void> {
    this.otherWindow = undefined;
    this.currentBanner = undefined;
    await this.persist(true);
    this.view.showText({ text: this.draftText, banner: null });
  }

  /** Keeps the draft when it differs from a fresh one (or nothing loaded yet); forgets it when it does not. */
  protected async persist(force = false): Promise<void> {
    if (this.otherWindow && !force) {
      return;
    }
    const loaded = this.loadedVersion;
    const clean = loaded
      ? this.draftText === this.pristineText && jsonEqual(this.fieldValues, initialFields(this.spec, loaded))
      : !this.pendingBase && this.draftText === PLACEHOLDER_TEXT;
    if (clean) {
      await this.store.forget(force);
      return;
    }
    const written = await this.store.write({ text: this.draftText, fields: this.fieldValues, based: loaded ?? this.pendingBase, savedAt: Date.now() }, force);
    if (written.kind === 'changedElsewhere') {
      this.otherWindow = written.theirs;
      this.currentBanner = otherWindowBanner(written.theirs);
      if (this.opened) {
        this.view.showText({ text: this.draftText, banner: this.currentBanner });
      }
    }
  }
}
