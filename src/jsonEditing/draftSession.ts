/**
 * The draft of one JSON editor and the version it is based on: the state machine behind the panel. Restores a kept
 * draft on open (rebased when the resource changed meanwhile), keeps what was typed while a load failed, rebases on a
 * newer version, reloads, discards, applies (keeping edits typed while the request ran), and turns a 412 into the
 * conflict view. Every change of the draft is kept in the draft store, also one typed while no load had succeeded (no
 * base: rebased onto the first version that loads); a draft another window changed is not overwritten (the user
 * chooses: "Use Theirs" / "Keep Mine"). What the page must show goes to the view.
 * Pure: no `vscode` (unit-tested on Node, driven by the panel).
 */
import * as l10n from '../utils/l10n';
import { conflictModel } from './conflictModel';
import { formatJson as format, rebaseBanner, rebaseText } from './draftRestore';
import { DraftSessionBase, PLACEHOLDER_TEXT } from './draftSessionBase';
import type { FieldValues, LoadedDocument, PreviewNotice, SubmitOutcome, SubmitResult } from './editorModel';
import type { RebaseResult } from './editorSpec';
import { jsonEqual } from './jsonValue';
import { errorText } from './writeFailure';

export { PLACEHOLDER_TEXT, REBASE_ACTION, RELOAD_ACTION, type DraftView, type TextUpdate } from './draftSessionBase';
export { KEEP_MINE_ACTION, USE_THEIRS_ACTION } from './draftRestore';

/** What a submit sends: the parsed draft, the version it is based on (its ETag is the If-Match), the fields, the text. */
export interface SubmitSend {
  kind: 'send';
  draft: unknown;
  loaded: LoadedDocument;
  fields: FieldValues;
  text: string;
}

export type SubmitStart = SubmitSend | { kind: 'done'; result: SubmitResult };


export class DraftSession extends DraftSessionBase {
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
    const result = rebaseText(this.spec, this.draftText, from, to);
    if (!result) {
      this.showProblem({ severity: 'error', message: l10n.t('Fix the JSON syntax first: a draft that does not parse cannot be rebased.') });
      return { conflicts: [], taken: [] };
    }
    this.base(to, this.fieldValues);
    this.view.resultObsolete();
    this.draftText = format(result.draft);
    this.currentBanner = rebaseBanner(to, result);
    await this.persist();
    this.view.showText({ text: this.draftText, pristineText: this.pristineText, baseLabel: to.versionLabel, banner: this.currentBanner });
    this.view.showAnalysis(this.analyze());
    return { conflicts: result.conflicts, taken: result.taken };
  }

  /** Forgets the draft and starts again from the current version (or the last one known, when it cannot be fetched). */
  async discard(): Promise<void> {
    this.otherWindow = undefined;
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
      // The first load had failed and the editor holds a draft: keep it, on top of this version.
      const pending = this.pendingBase;
      await (pending
        ? this.restore({ text: this.draftText, fields: this.fieldValues, based: pending, savedAt: Date.now() }, fresh, undefined)
        : this.rebaseFromNothing(this.draftText, this.fieldValues, fresh));
      this.showAll((this.loaded ?? fresh).versionLabel);
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
}
