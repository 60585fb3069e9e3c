import * as l10n from '../utils/l10n';

/** The four `nodeReimageOption` values and what each does to running tasks. Pure. */
import type { BatchNodeReimageOption } from '../azure/batch/batchModels.generated';

/** Declared once: settings, telemetry, the option picker and the gateway all derive from this list. */
export const REIMAGE_OPTIONS = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'] as const;
export type ReimageOption = (typeof REIMAGE_OPTIONS)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The list is the service's whole enum (BatchNodeReimageOption, generated from the spec): a compile error otherwise. */
export const REIMAGE_OPTIONS_MATCH_THE_SERVICE: Same<ReimageOption, BatchNodeReimageOption> = true;

export function isReimageOption(value: unknown): value is ReimageOption {
  return typeof value === 'string' && (REIMAGE_OPTIONS as readonly string[]).includes(value);
}

/** What each option does to running tasks, for the option quick pick (localized). */
export function reimageOptionEffect(option: ReimageOption): string {
  switch (option) {
    case 'requeue': return l10n.t('Terminate running tasks and requeue them; they run again on another node.');
    case 'terminate': return l10n.t('Terminate running tasks; they complete with a failureInfo and never run again.');
    case 'taskcompletion': return l10n.t('Let running tasks finish, schedule no new ones, then reimage.');
    case 'retaineddata': return l10n.t('Let running tasks finish and wait until every task’s data retention expires, then reimage.');
  }
}
