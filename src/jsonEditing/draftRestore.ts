/**
 * The pure steps of restoring and rebasing a draft, used by the draft session: the placeholders of a kept draft filled
 * from the version just loaded, a rebase of the draft's text from one version onto another (also from nothing: a draft
 * typed while no load had succeeded), and the banners these steps show. Pure: no `vscode`.
 */
import * as l10n from '../utils/l10n';
import { REDACTED_VALUE, hasRedactions, resolveRedacted } from './draftRedaction';
import type { StoredDraft } from './draftStore';
import type { LoadedDocument, PreviewNotice } from './editorModel';
import type { JsonEditorSpec, RebaseResult } from './editorSpec';
import { threeWayMerge } from './jsonMerge';

/** Banner buttons of a draft another window changed. */
export const USE_THEIRS_ACTION = '__useTheirs';
export const KEEP_MINE_ACTION = '__keepMine';

/** The "version" a draft typed while no load had succeeded is based on: nothing (everything in it was typed). */
export const NOTHING_LOADED: LoadedDocument = { current: {}, initial: {}, versionLabel: '' };

export const formatJson = (value: unknown): string => JSON.stringify(value, null, 2);

/** Rebases the draft `text` from `from` onto `to` (the spec's rebase, or a three-way merge); undefined if it does not parse. */
export function rebaseText(spec: Pick<JsonEditorSpec, 'rebase'>, text: string, from: LoadedDocument, to: LoadedDocument): RebaseResult | undefined {
  let draft: unknown;
  try {
    draft = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (spec.rebase) {
    return spec.rebase(draft, from, to);
  }
  const merged = threeWayMerge(from.initial, to.initial, draft);
  return { draft: merged.merged, conflicts: merged.conflicts, taken: merged.taken };
}

/** A kept draft with the service's values put back from `fresh` where the store kept a placeholder. */
export function resolveStored(stored: StoredDraft, fresh: LoadedDocument): { text: string; based: LoadedDocument | undefined } {
  let text = stored.text;
  if (stored.text.includes(REDACTED_VALUE)) {
    try {
      text = formatJson(resolveRedacted(JSON.parse(stored.text), fresh.initial).value);
    } catch {
      // Kept as it is: a text that does not parse has no placeholders of the store.
    }
  }
  const based = stored.based && hasRedactions(stored.based)
    ? {
      ...stored.based,
      current: resolveRedacted(stored.based.current, fresh.current).value as LoadedDocument['current'],
      initial: resolveRedacted(stored.based.initial, fresh.initial).value,
      context: resolveRedacted(stored.based.context, fresh.context).value,
    }
    : stored.based;
  return { text, based };
}

/** The banner after a rebase onto `to`: what was taken from the server, where both sides changed. */
export function rebaseBanner(to: LoadedDocument, result: Pick<RebaseResult, 'conflicts' | 'taken'>, fromNothing = false): PreviewNotice {
  const parts = [fromNothing
    ? l10n.t('Loaded the current version ({0}) and put the draft you typed while it could not be loaded on top of it.', to.versionLabel)
    : l10n.t('Rebased your draft on {0}.', to.versionLabel)];
  if (result.taken.length && !fromNothing) {
    parts.push(l10n.t('Taken from the server: {0}.', result.taken.join(', ')));
  }
  if (result.conflicts.length) {
    parts.push(l10n.t('Changed on both sides, your value kept: {0}. Check them before applying.', result.conflicts.join(', ')));
  }
  return { severity: result.conflicts.length ? 'warning' : 'info', message: parts.join(' ') };
}

/** The banner of a draft another window wrote since this one saw it. */
export function otherWindowBanner(theirs: StoredDraft): PreviewNotice {
  return {
    severity: 'warning',
    message: l10n.t('This draft was changed in another window.') + ' ' + l10n.t('Saved there {0}. Your edits here are not saved until you choose.', new Date(theirs.savedAt).toLocaleString()),
    action: { id: USE_THEIRS_ACTION, label: l10n.t('Use Theirs') },
    more: [{ id: KEEP_MINE_ACTION, label: l10n.t('Keep Mine') }],
  };
}
