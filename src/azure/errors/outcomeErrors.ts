import * as l10n from '../../utils/l10n';
import { AzureRequestError, firstMeaningfulText, type AzureRequestErrorInit } from './azureRequestError';

type ContextInit = Omit<AzureRequestErrorInit, 'code' | 'message' | 'kind'>;

/**
 * A write reached (or may have reached) the service, but no readable answer came back: the connection broke or timed
 * out after the request was sent, the caller cancelled while it was on the wire, or a 2xx came with a body that could
 * not be read. Whether it took effect is not known: never report it as failed (nor as done); re-read the resource.
 * `underlying` (also `cause`) is the failure that hid the answer.
 */
export class OutcomeUnknownError extends AzureRequestError {
  override readonly name = 'OutcomeUnknownError';
  readonly underlying: AzureRequestError;

  constructor(underlying: AzureRequestError, answer?: { status?: number; serviceRequestId?: string }) {
    super({
      code: 'OutcomeUnknown',
      message: underlying.serviceMessage,
      kind: underlying.kind === 'network' ? 'network' : 'client',
      method: underlying.method,
      url: underlying.url,
      operation: underlying.operation,
      clientRequestId: underlying.clientRequestId,
      serviceRequestId: answer?.serviceRequestId ?? underlying.serviceRequestId,
      status: answer?.status ?? underlying.status,
      attempts: underlying.attempts,
      earlierAttemptUncertain: underlying.earlierAttemptUncertain,
      cause: underlying,
    });
    this.underlying = underlying;
    this.message = this.toString();
  }

  override toString(): string {
    if (this.afterAccepted) {
      return super.toString();
    }
    const text = firstMeaningfulText(this.underlying?.serviceMessage ?? this.serviceMessage).replace(/[.\s]+$/, '');
    const cause = this.underlying ? `${this.underlying.code}: ${text}` : text;
    return l10n.t(
      '{0}: the request was sent, but its answer was lost ({1}), so it is not known whether it took effect. Refresh to see the current state before trying again.',
      this.what,
      cause,
    );
  }
}

/** The request (all attempts and waits included) did not finish within the overall limit. */
export class RequestDeadlineError extends AzureRequestError {
  override readonly name = 'RequestDeadlineError';
  readonly limitSeconds: number;

  constructor(init: ContextInit & { limitMs: number }) {
    const seconds = Math.round(init.limitMs / 100) / 10;
    super({
      ...init,
      code: 'RequestDeadlineExceeded',
      message: l10n.t(
        'No complete answer within {0} s, retries included (setting azureBatch.http.requestTimeoutSeconds)',
        seconds,
      ),
      kind: 'network',
    });
    this.limitSeconds = seconds;
  }
}

/** The response body was larger than azureBatch.http.maxResponseMegabytes; it was not read. */
export class ResponseTooLargeError extends AzureRequestError {
  override readonly name = 'ResponseTooLargeError';
  readonly limitBytes: number;

  constructor(init: ContextInit & { limitBytes: number }) {
    super({
      ...init,
      code: 'ResponseTooLarge',
      message: l10n.t(
        'The response is larger than {0} MB, the limit set by azureBatch.http.maxResponseMegabytes, so it was not read. Narrow the request (a filter or a smaller page size) or raise the setting',
        formatMegabytes(init.limitBytes),
      ),
      kind: 'client',
    });
    this.limitBytes = init.limitBytes;
  }
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(2);
}
