import { linkCancellation } from '../core/cancellation';
import { delay } from '../core/delay';
import { silentLogger, type AzureLogger } from '../core/logger';
import { AzureRequestError } from '../errors/azureRequestError';
import { errorFromResponse } from '../errors/errorFactory';
import { OutcomeUnknownError, RequestDeadlineError, ResponseTooLargeError } from '../errors/outcomeErrors';
import { InsecureTransportError, RequestCancelledError, UntrustedHostError } from '../errors/specificErrors';
import type { PreparedRequest } from '../auth/requestAuthorizer';
import { isLoopbackHost } from './loopback';
import { classifyNetworkError, describeNetworkError, networkErrorCode } from './networkErrors';
import type { AzureRequest, AzureResponse, ThrottleInfo } from './requestTypes';
import { startDeadline } from './requestDeadline';
import { buildRequestUrl } from './requestUrl';
import { exchangeOnce, parseJsonBody } from './attempt';
import { serviceRequestIdOf } from './responseHeaders';
import { retryAfterMsFrom } from './retryAfter';
import {
  DEFAULT_RETRY_OPTIONS,
  RETRYABLE_STATUSES,
  backoffDelayMs,
  isIdempotent,
  serverRetryWaitMs,
  shouldRetryNetworkError,
  shouldRetryStatus,
  writeMayHaveTakenEffect,
  type RetryOptions,
} from './retryPolicy';
import { getSharedTransport, type HttpTransport, type TransportOptions } from './sharedTransport';
import { sanitizeUrl } from './urlSanitizer';
import { nodeCrypto } from '../../lazy/lazyModules';

export const BATCH_JSON_CONTENT_TYPE = 'application/json; odata=minimalmetadata';
/** Default of azureBatch.http.maxResponseMegabytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Default of azureBatch.http.requestTimeoutSeconds: one request, every attempt and wait included. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

export interface AzureHttpClientOptions {
  /** e.g. "azure-batch-operator/0.1.0 VSCode/1.101.0 (linux; node 22)"; see buildUserAgent. */
  userAgent: string;
  logger?: AzureLogger;
  /** Timeouts, proxy and extra CAs (shared transport, recreated only when these change). */
  transport?: TransportOptions;
  retry?: RetryOptions;
  /** Called on every 429 the client sees (any request). */
  onThrottled?: (info: ThrottleInfo) => void;
  /** Largest response body read (azureBatch.http.maxResponseMegabytes); a larger one fails with ResponseTooLargeError. */
  maxResponseBytes?: number;
  /** Overall limit of one request, all attempts, waits and body reads included (azureBatch.http.requestTimeoutSeconds). */
  requestTimeoutMs?: number;
  /** Tests: a specific transport instead of the shared one. */
  httpTransport?: HttpTransport;
  /** Tests: jitter source. */
  random?: () => number;
}

type RequestContext = { method: string; url: URL; operation?: string; clientRequestId: string };

const isWriteMethod = (method: string): boolean => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
const is2xx = (status: number | undefined): boolean => status !== undefined && status >= 200 && status < 300;

/**
 * The one HTTP client for ARM and the Batch data plane: headers every request carries,
 * per-attempt signing, retries with Retry-After / backoff, cancellation, an overall deadline, a cap on response
 * bodies, typed errors, logging.
 *
 * `client-request-id` is generated once per logical request and reused by its retries, so the
 * service-side trace of one operation shares one id (the attempt number is in the log line).
 *
 * Writes are never reported as failed when they may have taken effect: a write whose answer was lost after it was
 * sent (reset, timeout, cancellation, deadline, a 2xx with an unreadable body) throws OutcomeUnknownError, and a final
 * error that may answer an earlier, uncertain attempt carries `earlierAttemptUncertain`.
 */
export class AzureHttpClient {
  private readonly logger: AzureLogger;
  private readonly retry: Required<RetryOptions>;
  private readonly maxResponseBytes: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: AzureHttpClientOptions) {
    this.logger = options.logger ?? silentLogger;
    this.retry = { ...DEFAULT_RETRY_OPTIONS, ...definedOnly(options.retry ?? {}) };
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  get log(): AzureLogger {
    return this.logger;
  }

  async send<T = unknown>(request: AzureRequest): Promise<AzureResponse<T>> {
    const method = request.method.toUpperCase();
    const url = buildRequestUrl(request.url, request.query, request.apiVersion);
    const safeUrl = sanitizeUrl(url);
    const clientRequestId = nodeCrypto().randomUUID();
    const context: RequestContext = { method, url, operation: request.operation, clientRequestId };

    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new AzureRequestError({ ...context, code: 'UnsupportedScheme', message: `Unsupported URL scheme ${url.protocol}`, kind: 'client' });
    }
    if (url.protocol === 'http:' && request.authorizer && !isLoopbackHost(url.hostname)) {
      throw new InsecureTransportError(context);
    }

    const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body), 'utf8');
    const baseHeaders = this.baseHeaders(request, clientRequestId, body !== undefined);
    const idempotent = isIdempotent(method, baseHeaders, request.idempotent);
    const write = isWriteMethod(method);
    const maxRetries = request.maxRetries ?? this.retry.maxRetries;
    const cancellation = linkCancellation(request);
    const deadline = startDeadline(this.requestTimeoutMs, cancellation.signal);
    const signal = deadline.signal;
    let refreshedCredentials = false;
    // A write attempt may have taken effect although its answer was lost (or was a gateway error).
    let uncertain = false;
    const stopped = (attempts: number, inFlight: boolean): AzureRequestError => {
      const error = deadline.expired
        ? new RequestDeadlineError({ ...context, attempts, limitMs: deadline.limitMs, earlierAttemptUncertain: uncertain })
        : new RequestCancelledError({ ...context, attempts, earlierAttemptUncertain: uncertain });
      return write && (inFlight || uncertain) ? new OutcomeUnknownError(error) : error;
    };

    try {
      for (let attempt = 1; ; attempt++) {
        if (signal.aborted) {
          throw stopped(attempt - 1, false);
        }
        const headers = { ...baseHeaders };
        if (request.dialect === 'batch') {
          headers['ocp-date'] = new Date().toUTCString();
        }
        const prepared: PreparedRequest = { method, url, headers, body };
        if (request.authorizer) {
          try {
            await request.authorizer.authorize(prepared, signal);
          } catch (error) {
            if (signal.aborted) {
              throw stopped(attempt - 1, false);
            }
            const name = error instanceof Error ? error.name : 'Error';
            this.logger.warn(`${method} ${safeUrl} not sent: no credentials (${name}) client-request-id=${clientRequestId}`);
            // The authorizer knows the host, not the operation: name what was attempted.
            throw error instanceof UntrustedHostError ? new UntrustedHostError({ ...context, host: error.host, trusted: error.trusted }) : error;
          }
        }

        const started = Date.now();
        const transport = this.options.httpTransport ?? getSharedTransport(this.options.transport);
        const answer = await exchangeOnce(transport, { url, method, headers, body, signal }, this.maxResponseBytes);
        const elapsed = Date.now() - started;
        if (!answer.ok) {
          const serviceRequestId = answer.headers ? serviceRequestIdOf(answer.headers) : undefined;
          if (answer.tooLarge) {
            const error = new ResponseTooLargeError({ ...context, status: answer.status, serviceRequestId, attempts: attempt, limitBytes: this.maxResponseBytes });
            this.logger.warn(`${method} ${safeUrl} -> ${answer.status} with a body over ${this.maxResponseBytes} bytes: not read (attempt ${attempt}) client-request-id=${clientRequestId}`);
            throw write && is2xx(answer.status) ? new OutcomeUnknownError(error) : error;
          }
          if (signal.aborted) {
            this.logger.info(`${method} ${safeUrl} ${deadline.expired ? 'passed its deadline' : 'cancelled'} (attempt ${attempt}) client-request-id=${clientRequestId}`);
            throw stopped(attempt, true);
          }
          const mayHaveTakenEffect =
            answer.status === undefined ? classifyNetworkError(answer.error) !== 'notSent' : is2xx(answer.status) || writeMayHaveTakenEffect(answer.status);
          const failure = this.networkFailure(answer.error, context, attempt, idempotent, maxRetries, answer.status, serviceRequestId, uncertain);
          // A write whose 2xx arrived took effect: never repeated, even when its body was then cut.
          const retry = failure.retry && deadline.allows(failure.waitMs) && !(write && is2xx(answer.status));
          this.logger.warn(
            `${method} ${safeUrl} -> ${failure.error.code} after ${elapsed} ms (attempt ${attempt})` +
              `${retry ? `, retrying in ${failure.waitMs} ms` : ''} client-request-id=${clientRequestId}`,
          );
          if (!retry) {
            throw write && (mayHaveTakenEffect || uncertain) ? new OutcomeUnknownError(failure.error, { status: answer.status }) : failure.error;
          }
          uncertain ||= write && mayHaveTakenEffect;
          if (!(await delay(failure.waitMs, signal))) {
            throw stopped(attempt, false);
          }
          continue;
        }

        const { status, headers: responseHeaders, bodyText, bodyBytes } = answer;
        const serviceRequestId = serviceRequestIdOf(responseHeaders);
        const ids = `client-request-id=${clientRequestId} request-id=${serviceRequestId ?? '-'}`;
        const ok = request.expectedStatuses ? request.expectedStatuses.includes(status) : is2xx(status);
        if (ok) {
          // responseType 'bytes' (node files): the raw body, never parsed.
          const parsed = request.responseType === 'bytes' ? { ok: true as const, value: new Uint8Array(bodyBytes) } : parseJsonBody(bodyText);
          if (parsed.ok) {
            this.logger.debug(`${method} ${safeUrl} -> ${status} in ${elapsed} ms (attempt ${attempt}) ${ids}`);
            return {
              status,
              headers: responseHeaders,
              body: parsed.value as T,
              etag: responseHeaders['etag'],
              lastModified: responseHeaders['last-modified'],
              clientRequestId,
              serviceRequestId,
              url: safeUrl,
              attempts: attempt,
            };
          }
          const error = new AzureRequestError({
            ...context,
            code: 'MalformedResponse',
            message: 'The response body is not valid JSON',
            kind: 'http',
            status,
            serviceRequestId,
            attempts: attempt,
            earlierAttemptUncertain: uncertain,
          });
          const waitMs = backoffDelayMs(attempt - 1, this.retry, this.options.random);
          // A write that got a 2xx took effect: it is not repeated, and its outcome is unknown, not failed.
          const retry = !write && idempotent && attempt <= maxRetries && deadline.allows(waitMs);
          this.logger.warn(`${method} ${safeUrl} -> ${status} with a malformed body (attempt ${attempt})${retry ? `, retrying in ${waitMs} ms` : ''} ${ids}`);
          if (!retry) {
            throw write ? new OutcomeUnknownError(error) : error;
          }
          if (!(await delay(waitMs, signal))) {
            throw stopped(attempt, false);
          }
          continue;
        }

        const retryAfterMs = retryAfterMsFrom(responseHeaders);
        const error = errorFromResponse({
          status,
          bodyText,
          method,
          url,
          operation: request.operation,
          clientRequestId,
          serviceRequestId,
          retryAfterMs,
          attempts: attempt,
          earlierAttemptUncertain: uncertain,
        });

        if (status === 401 && request.authorizer?.invalidate && !refreshedCredentials && request.authorizer.invalidate()) {
          refreshedCredentials = true;
          this.logger.info(`${method} ${safeUrl} -> 401, retrying once with fresh credentials ${ids}`);
          continue;
        }

        let retry = attempt <= maxRetries && shouldRetryStatus(status, idempotent);
        let waitMs = 0;
        if (retry) {
          if (retryAfterMs !== undefined) {
            waitMs = serverRetryWaitMs(retryAfterMs);
            // A wait longer than the configured cap is not worth holding the caller for: surface it.
            retry = retryAfterMs <= this.retry.maxRetryDelayMs;
          } else {
            waitMs = backoffDelayMs(attempt - 1, this.retry, this.options.random);
          }
          if (retry && !deadline.allows(waitMs)) {
            retry = false;
            this.logger.info(`${method} ${safeUrl}: not retried, the wait would pass the request's deadline ${ids}`);
          }
        }
        if (status === 429) {
          this.notifyThrottled(request, { method, url: safeUrl, operation: request.operation, retryAfterMs, attempt, willRetry: retry });
        }

        if (!retry) {
          this.logger.warn(`${method} ${safeUrl} -> ${status} ${error.code} in ${elapsed} ms (attempt ${attempt}) ${ids}`);
          // After an uncertain write attempt, a throttling or server error says nothing about whether it took effect.
          throw write && uncertain && RETRYABLE_STATUSES.has(status) ? new OutcomeUnknownError(error) : error;
        }
        uncertain ||= write && writeMayHaveTakenEffect(status);
        this.logger.warn(
          `${method} ${safeUrl} -> ${status} ${error.code} in ${elapsed} ms (attempt ${attempt}), retrying in ${waitMs} ms ${ids}`,
        );
        if (!(await delay(waitMs, signal))) {
          throw stopped(attempt, false);
        }
      }
    } finally {
      deadline.dispose();
      cancellation.dispose();
    }
  }

  private baseHeaders(request: AzureRequest, clientRequestId: string, hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent,
      'client-request-id': clientRequestId,
      'return-client-request-id': 'true',
    };
    if (hasBody) {
      headers['content-type'] = request.dialect === 'batch' ? BATCH_JSON_CONTENT_TYPE : 'application/json';
    }
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (value !== undefined) {
        headers[name.toLowerCase()] = value;
      }
    }
    return headers;
  }

  private networkFailure(
    error: unknown,
    context: RequestContext,
    attempt: number,
    idempotent: boolean,
    maxRetries: number,
    status: number | undefined,
    serviceRequestId: string | undefined,
    earlierAttemptUncertain: boolean,
  ): { retry: boolean; waitMs: number; error: AzureRequestError } {
    const code = networkErrorCode(error) ?? 'NetworkError';
    const retry = attempt <= maxRetries && shouldRetryNetworkError(error, idempotent);
    return {
      retry,
      waitMs: retry ? backoffDelayMs(attempt - 1, this.retry, this.options.random) : 0,
      error: new AzureRequestError({
        ...context,
        code,
        message: describeNetworkError(error),
        kind: 'network',
        status,
        serviceRequestId,
        attempts: attempt,
        earlierAttemptUncertain,
        cause: error,
      }),
    };
  }

  private notifyThrottled(request: AzureRequest, info: ThrottleInfo): void {
    for (const listener of [this.options.onThrottled, request.onThrottled]) {
      try {
        listener?.(info);
      } catch (error) {
        this.logger.warn(`onThrottled listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
