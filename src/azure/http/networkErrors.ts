/**
 * Classifies transport failures (no HTTP response) for the retry policy.
 *
 * - "not sent": the connection was never established (DNS failure, refused, unreachable,
 *   connect timeout), so the server cannot have seen the request: safe to retry any method.
 * - "transient": the connection broke or timed out after the request may have been sent
 *   (reset, socket closed, header/body timeout): retried only for idempotent requests.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'HPE_INVALID_CONSTANT',
]);

export type NetworkFailureClass = 'notSent' | 'transient' | 'fatal';

/** The most specific error code of a (possibly nested or aggregated) transport error. */
export function networkErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (Array.isArray(e.errors) && e.errors.length > 0) {
      const inner = networkErrorCode(e.errors[0]);
      if (inner) {
        return inner;
      }
    }
    if (typeof e.code === 'string' && e.code !== 'UND_ERR') {
      // undici wraps connect errors; prefer the cause's OS code when there is one.
      const causeCode = e.cause ? networkErrorCode(e.cause) : undefined;
      return causeCode ?? e.code;
    }
    current = e.cause;
  }
  return undefined;
}

export function classifyNetworkError(error: unknown): NetworkFailureClass {
  const code = networkErrorCode(error);
  if (code && NOT_SENT_CODES.has(code)) {
    return 'notSent';
  }
  if (code && TRANSIENT_CODES.has(code)) {
    return 'transient';
  }
  return 'fatal';
}

/** A short description of a transport failure, without any request data. */
export function describeNetworkError(error: unknown): string {
  const code = networkErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'The connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The host name could not be resolved';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'Connecting timed out';
    case 'UND_ERR_HEADERS_TIMEOUT':
      return 'The service did not answer in time (headers timeout)';
    case 'UND_ERR_BODY_TIMEOUT':
      return 'The response body stalled (body timeout)';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'The connection was closed unexpectedly';
    default:
      return message || 'Network error';
  }
}
