import { classifyNetworkError } from './networkErrors';

/** Settings azureBatch.http.maxRetries / maxRetryDelaySeconds, plus the backoff base (tests shorten it). */
export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Cap for one computed backoff, and the longest server-requested wait that is honoured (default 30 s). */
  maxRetryDelayMs?: number;
  /** Base of the exponential backoff (default 800 ms). */
  baseDelayMs?: number;
}

export const DEFAULT_RETRY_OPTIONS: Required<RetryOptions> = {
  maxRetries: 4,
  maxRetryDelayMs: 30_000,
  baseDelayMs: 800,
};

/** The shortest wait before a retry the service asked for: "Retry-After: 0" must not make the client spin. */
export const MIN_SERVER_RETRY_WAIT_MS = 250;

/** The wait before retrying after a response that asked for `retryAfterMs` (at least MIN_SERVER_RETRY_WAIT_MS). */
export function serverRetryWaitMs(retryAfterMs: number): number {
  return Math.max(MIN_SERVER_RETRY_WAIT_MS, retryAfterMs);
}

/**
 * Statuses after which a write may still have taken effect (a gateway or the service failed after accepting it):
 * a repeat that then answers 409/412 may be answering that first attempt. 429 and 503 mean it was not processed.
 */
const MAY_HAVE_TAKEN_EFFECT_STATUSES: ReadonlySet<number> = new Set([408, 500, 502, 504]);

export function writeMayHaveTakenEffect(status: number): boolean {
  return MAY_HAVE_TAKEN_EFFECT_STATUSES.has(status);
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Whether repeating the request cannot cause a second, different effect: GET/HEAD/PUT/DELETE,
 * and PATCH only with If-Match (a repeat after success fails with 412 instead of applying twice).
 * POST is never idempotent here unless the caller says so (e.g. ARM listKeys, a read).
 */
export function isIdempotent(method: string, headers: Record<string, string>, override?: boolean): boolean {
  if (override !== undefined) {
    return override;
  }
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
    case 'PUT':
    case 'DELETE':
    case 'OPTIONS':
      return true;
    case 'PATCH':
      return Object.keys(headers).some((h) => h.toLowerCase() === 'if-match');
    default:
      return false;
  }
}

/**
 * Status-based retry, for idempotent requests only. A POST that got any answer reached the server, so it is not
 * repeated here, not even on 429: callers that know a throttled POST is safe to resend (the bulk reimage) do it
 * themselves, at their own pace.
 */
export function shouldRetryStatus(status: number, idempotent: boolean): boolean {
  return idempotent && RETRYABLE_STATUSES.has(status);
}

/** Transport-failure retry: any method when the request provably never left, idempotent ones on resets/timeouts. */
export function shouldRetryNetworkError(error: unknown, idempotent: boolean): boolean {
  const kind = classifyNetworkError(error);
  return kind === 'notSent' || (kind === 'transient' && idempotent);
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^retryIndex)]. */
export function backoffDelayMs(retryIndex: number, options: Required<RetryOptions>, random = Math.random): number {
  const ceiling = Math.min(options.maxRetryDelayMs, options.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}
