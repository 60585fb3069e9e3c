/**
 * What a failed write of an editor (the pool PATCH, the image-definition PUT) means for the draft, in one place for
 * both editors:
 * - 412 (If-Match / If-None-Match refused): the resource changed since the draft's version; or, when the client had
 *   retried the request, its first attempt may have been applied (changing the ETag) so that the retry's condition no
 *   longer held. The resource as it is now tells which;
 * - the service answered with an error of its own: nothing was changed, and its code and message go next to the draft;
 * - anything else (network, client): the request may or may not have reached the service.
 * Pure: no `vscode`.
 */
import { AzureRequestError } from '../azure/errors/azureRequestError';
import * as l10n from '../utils/l10n';
import type { EditorIssue, SubmitOutcome } from './editorModel';

/** The one line of an error for a person (an AzureRequestError's message is its actionable line: what, why, what to do). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isPreconditionFailed(error: unknown): error is AzureRequestError {
  return error instanceof AzureRequestError && error.status === 412;
}

/** A 412 after the client had retried the write: its first attempt may have been applied. */
export function isPreconditionFailedAfterRetry(error: unknown): error is AzureRequestError {
  return isPreconditionFailed(error) && (error.attempts ?? 1) > 1;
}

export type PreconditionSettlement<T> =
  /** The write had been retried and the resource now has what was sent: the first attempt was applied. */
  | { kind: 'appliedByFirstAttempt'; now: T }
  /** Someone else changed the resource since the draft's version. */
  | { kind: 'changedMeanwhile'; now: T };

export interface PreconditionCheck<T> {
  /** The resource as it is now; undefined when it cannot be read. */
  reread(): Promise<T | undefined>;
  /** Whether the resource as it is now has exactly what was sent. */
  hasWhatWasSent(now: T): boolean;
  /** Told when the first attempt turns out to have been applied (for the log). */
  onAppliedByFirstAttempt?(attempts: number): void;
}

/** After a 412: what the resource is now says whether the write was applied after all. Undefined when it cannot be read. */
export async function settlePreconditionFailure<T>(error: AzureRequestError, check: PreconditionCheck<T>): Promise<PreconditionSettlement<T> | undefined> {
  const now = await check.reread();
  if (now === undefined) {
    return undefined;
  }
  if (isPreconditionFailedAfterRetry(error) && check.hasWhatWasSent(now)) {
    check.onAppliedByFirstAttempt?.(error.attempts ?? 2);
    return { kind: 'appliedByFirstAttempt', now };
  }
  return { kind: 'changedMeanwhile', now };
}

/** The service's own answer (an error body), as opposed to a request that may never have reached it. */
export function isServiceRefusal(error: unknown): error is AzureRequestError {
  return error instanceof AzureRequestError && error.kind !== 'network' && error.kind !== 'client';
}

export interface FailureWording {
  /** The service's error in the editor's words (code, message, status; no final period) and its issues in the draft. */
  refusal(error: AzureRequestError): { text: string; issues: EditorIssue[] };
  /** What to do to find out whether a request that may not have reached the service was applied. */
  checkHint: string;
}

/**
 * A failure that does not mean "nothing was changed": the service had accepted the write (201/202) and only following
 * it failed, or a retried write got an answer (409, 412…) that an earlier attempt may have caused. Undefined otherwise.
 */
export function uncertainWrite(error: unknown, checkHint: string): Extract<SubmitOutcome, { kind: 'failed' }> | undefined {
  if (!(error instanceof AzureRequestError)) {
    return undefined;
  }
  if (error.afterAccepted) {
    return { kind: 'failed', message: l10n.t('Accepted; following it failed — refresh to see the result. {0} Your draft is kept.', errorText(error)), issues: [] };
  }
  if (error.earlierAttemptUncertain) {
    return {
      kind: 'failed',
      message: l10n.t('The request was sent again after an attempt whose answer was lost, and that attempt may have been applied: {0} Refresh to see the result: {1} Your draft is kept.', errorText(error), checkHint),
      issues: [],
    };
  }
  return undefined;
}

/** The outcome of a write that failed (not a 412 settled above): what happened, why, and that the draft is kept. */
export function failedWrite(error: unknown, wording: FailureWording): Extract<SubmitOutcome, { kind: 'failed' }> {
  const uncertain = uncertainWrite(error, wording.checkHint);
  if (uncertain) {
    return uncertain;
  }
  if (isServiceRefusal(error)) {
    const { text, issues } = wording.refusal(error);
    return { kind: 'failed', message: l10n.t('Nothing was changed: the service refused the request: {0}. Your draft is kept.', text), issues };
  }
  return {
    kind: 'failed',
    message: l10n.t('The request failed: {0} The service may or may not have received it: {1} Your draft is kept.', errorText(error), wording.checkHint),
    issues: [],
  };
}
