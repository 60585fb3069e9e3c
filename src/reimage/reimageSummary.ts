/**
 * The one summary line of a Reimage run ("Reimage (requeue): 18 accepted, 2 failed, 1 unknown (…). <why>"), and how
 * it is shown (error when any failed, warning when any was skipped, not sent or unknown, information otherwise). Pure:
 * the command shows it; the fault matrix asserts it.
 */
import { formatNumber } from '../utils/format';
import * as l10n from '../utils/l10n';
import { notificationText } from '../utils/notificationText';
import { explainReimageError } from './explainReimageError';
import type { ReimageOutcome, ReimageStatus } from './reimageRunner';

export interface ReimageSummary {
  /** The notification text (service text escaped: no link can form). */
  text: string;
  severity: 'error' | 'warning' | 'information';
  counts: Record<ReimageStatus, number>;
}

/** "node (state)" for the first few nodes whose answer was lost, then "…". */
function unknownNodes(unknown: readonly ReimageOutcome[]): string {
  const named = unknown.slice(0, 5).map((o) => `${o.target.nodeId} (${o.stateAfter ?? l10n.t('state not read')})`);
  return unknown.length > named.length ? `${named.join(', ')}, …` : named.join(', ');
}

export function reimageSummary(outcomes: readonly ReimageOutcome[], option: string, language: string): ReimageSummary {
  const counts: Record<ReimageStatus, number> = { succeeded: 0, skipped: 0, failed: 0, canceled: 0, unknown: 0 };
  for (const o of outcomes) {
    counts[o.status] += 1;
  }
  const n = (value: number) => formatNumber(value, language);
  const parts = [l10n.t('{0} accepted', n(counts.succeeded))];
  if (counts.skipped) {
    parts.push(l10n.t('{0} skipped (no longer idle or running)', n(counts.skipped)));
  }
  if (counts.failed) {
    parts.push(l10n.t('{0} failed', n(counts.failed)));
  }
  if (counts.canceled) {
    parts.push(l10n.t('{0} not sent (canceled)', n(counts.canceled)));
  }
  const unknown = outcomes.filter((o) => o.status === 'unknown');
  if (unknown.length) {
    parts.push(l10n.t('{0} unknown (the answer was lost: {1}; reimaging nodes are followed, refresh the pool for the others)', n(unknown.length), unknownNodes(unknown)));
  }
  const firstFailure = outcomes.find((o) => o.status === 'failed');
  const why = firstFailure ? ` ${explainReimageError((firstFailure.error ?? {}) as Parameters<typeof explainReimageError>[0])}` : '';
  const text = notificationText(l10n.t('Reimage ({0}): {1}.', option, parts.join(', ')) + why);
  const severity = counts.failed ? 'error' : counts.skipped || counts.canceled || counts.unknown ? 'warning' : 'information';
  return { text, severity, counts };
}
