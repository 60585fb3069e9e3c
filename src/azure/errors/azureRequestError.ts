import * as l10n from '../../utils/l10n';
import { sanitizeUrl } from '../http/urlSanitizer';
import { redactSecrets } from '../http/secretRedaction';
import { adviceFor } from './errorAdvice';
import type { AzureErrorDetail, BatchErrorValue, ErrorShape } from './errorBodyParser';

/** Where the error came from: a service error body, a network failure, or the client itself. */
export type AzureErrorKind = ErrorShape | 'network' | 'client';

export interface AzureRequestErrorInit {
  code: string;
  /** The service's message (may be multi-line; Batch appends RequestId/Time lines). */
  message: string;
  kind: AzureErrorKind;
  method: string;
  url: string | URL;
  status?: number;
  /** Human name of what was attempted, e.g. "Reimage node tvmps_1 of pool p1". */
  operation?: string;
  clientRequestId?: string;
  serviceRequestId?: string;
  target?: string;
  details?: AzureErrorDetail[];
  values?: BatchErrorValue[];
  innerError?: unknown;
  retryAfterMs?: number;
  attempts?: number;
  /**
   * A write was repeated after an attempt that may have taken effect (its answer was lost, or it failed with a
   * gateway error): this final answer (e.g. 412 or 409) may be caused by that earlier attempt.
   */
  earlierAttemptUncertain?: boolean;
  cause?: unknown;
}

/** Batch messages end with "\nRequestId:...\nTime:..."; people need only the first part. */
export function firstMeaningfulText(message: string): string {
  return message
    .split(/\r?\n/)
    .filter((line) => !/^\s*(RequestId|Time)\s*:/i.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function pathOf(sanitizedUrl: string): string {
  try {
    return new URL(sanitizedUrl).pathname;
  } catch {
    return sanitizedUrl;
  }
}

/**
 * The one error type of the Azure layer: service errors of both shapes (Batch `BatchError`,
 * ARM `CloudError`), non-JSON error bodies, network failures and client-side refusals.
 * Never carries Authorization headers, tokens, keys, signatures or SAS query values.
 */
export class AzureRequestError extends Error {
  override readonly name: string = 'AzureRequestError';
  readonly code: string;
  readonly kind: AzureErrorKind;
  readonly status: number | undefined;
  readonly method: string;
  /** The request URL with secrets removed (query values other than api-version etc. redacted). */
  readonly url: string;
  readonly operation: string | undefined;
  readonly clientRequestId: string | undefined;
  /** Batch `request-id` or ARM `x-ms-request-id` of the failing response. */
  readonly serviceRequestId: string | undefined;
  /** The service's full message (secrets redacted). */
  readonly serviceMessage: string;
  readonly target: string | undefined;
  readonly details: readonly AzureErrorDetail[];
  readonly values: readonly BatchErrorValue[];
  readonly innerError: unknown;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number | undefined;
  /** See AzureRequestErrorInit.earlierAttemptUncertain. */
  readonly earlierAttemptUncertain: boolean;
  /**
   * The service accepted the long-running operation this error belongs to (201/202, or a retried write that may
   * have been applied), and following it failed afterwards: the change may be in effect. Set by markAfterAccepted.
   */
  private accepted = false;

  constructor(init: AzureRequestErrorInit) {
    super('', init.cause !== undefined ? { cause: init.cause } : undefined);
    this.code = init.code;
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method.toUpperCase();
    this.url = sanitizeUrl(init.url);
    this.operation = init.operation;
    this.clientRequestId = init.clientRequestId;
    this.serviceRequestId = init.serviceRequestId;
    this.serviceMessage = redactSecrets(init.message);
    this.target = init.target;
    this.details = init.details ?? [];
    this.values = init.values ?? [];
    this.innerError = init.innerError;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts;
    this.earlierAttemptUncertain = init.earlierAttemptUncertain === true;
    this.message = this.toString();
  }

  /** True when the operation was accepted and only following it failed (see markAfterAccepted). */
  get afterAccepted(): boolean {
    return this.accepted;
  }

  /**
   * Marks the error as happening after the service accepted the operation: it is then not "nothing was changed"
   * but "accepted; following it failed — refresh to see the result". Returns the error, for `throw markAfterAccepted(e)`.
   */
  markAfterAccepted(): this {
    this.accepted = true;
    this.message = this.toString();
    return this;
  }

  /** What to do about it, when known (sign in again, role assignment, refresh, wait...). */
  get advice(): string | undefined {
    return adviceFor({
      code: this.code,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      network: this.kind === 'network',
    });
  }

  /** What was attempted, for the start of the one-line text. */
  get what(): string {
    return this.operation ?? `${this.method} ${pathOf(this.url)}`;
  }

  /** One line a person can act on: what failed, why (code: message, status), what to do. */
  override toString(): string {
    const text = firstMeaningfulText(this.serviceMessage);
    const detail = this.details.find((d) => d.message)?.message;
    const why = [this.code, (text || detail || '').replace(/[.\s]+$/, '')].filter(Boolean).join(': ');
    const status = this.status !== undefined ? ` (HTTP ${this.status})` : '';
    if (this.accepted) {
      return l10n.t('{0} was accepted by Azure, but following it failed: {1}{2}. Refresh to see the result before trying again.', this.what, why, status);
    }
    const advice = this.advice ? ` ${this.advice}` : '';
    return `${this.what} failed: ${why}${status}.${advice}`;
  }

  /** The line for the log: method, sanitized URL, status, ids, target, details and Batch values. */
  toLogString(): string {
    const parts = [
      `${this.method} ${this.url}`,
      `-> ${this.status ?? 'no response'}`,
      `${this.code}: ${this.serviceMessage.replace(/\s*\r?\n\s*/g, ' | ')}`,
    ];
    if (this.target) {
      parts.push(`target=${this.target}`);
    }
    if (this.details.length) {
      parts.push(`details=[${this.details.map((d) => `${d.code ?? ''}: ${d.message ?? ''}`).join('; ')}]`);
    }
    if (this.values.length) {
      parts.push(`values=[${this.values.map((v) => `${v.key}=${v.value}`).join('; ')}]`);
    }
    if (this.attempts !== undefined) {
      parts.push(`attempts=${this.attempts}`);
    }
    if (this.earlierAttemptUncertain) {
      parts.push('earlier-attempt-uncertain');
    }
    if (this.accepted) {
      parts.push('after-accepted');
    }
    parts.push(`client-request-id=${this.clientRequestId ?? '-'}`);
    parts.push(`service-request-id=${this.serviceRequestId ?? '-'}`);
    return redactSecrets(parts.join(' '));
  }
}
