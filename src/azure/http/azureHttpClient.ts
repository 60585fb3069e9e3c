import { randomUUID } from 'node:crypto';
import { request as undiciRequest } from 'undici';
import { linkCancellation } from '../core/cancellation';
import { delay } from '../core/delay';
import { silentLogger, type AzureLogger } from '../core/logger';
import { AzureRequestError } from '../errors/azureRequestError';
import { errorFromResponse } from '../errors/errorFactory';
import { InsecureTransportError, RequestCancelledError } from '../errors/specificErrors';
import type { PreparedRequest } from '../auth/requestAuthorizer';
import { isLoopbackHost } from './loopback';
import { describeNetworkError, networkErrorCode } from './networkErrors';
import type { AzureRequest, AzureResponse, ThrottleInfo } from './requestTypes';
import { buildRequestUrl } from './requestUrl';
import { normalizeHeaders, serviceRequestIdOf } from './responseHeaders';
import { retryAfterMsFrom } from './retryAfter';
import {
  DEFAULT_RETRY_OPTIONS,
  backoffDelayMs,
  isIdempotent,
  shouldRetryNetworkError,
  shouldRetryStatus,
  type RetryOptions,
} from './retryPolicy';
import { getSharedTransport, type HttpTransport, type TransportOptions } from './sharedTransport';
import { sanitizeUrl } from './urlSanitizer';

export const BATCH_JSON_CONTENT_TYPE = 'application/json; odata=minimalmetadata';

export interface AzureHttpClientOptions {
  /** e.g. "azure-batch-operator/0.1.0 VSCode/1.101.0 (linux; node 22)"; see buildUserAgent. */
  userAgent: string;
  logger?: AzureLogger;
  /** Timeouts, proxy and extra CAs (shared transport, recreated only when these change). */
  transport?: TransportOptions;
  retry?: RetryOptions;
  /** Called on every 429 the client sees (any request). */
  onThrottled?: (info: ThrottleInfo) => void;
  /** Tests: a specific transport instead of the shared one. */
  httpTransport?: HttpTransport;
  /** Tests: jitter source. */
  random?: () => number;
}

interface AttemptFailure {
  retry: boolean;
  waitMs: number;
  error: AzureRequestError;
}

/**
 * The one HTTP client for ARM and the Batch data plane: headers every request carries,
 * per-attempt signing, retries with Retry-After / backoff, cancellation, typed errors, logging.
 *
 * `client-request-id` is generated once per logical request and reused by its retries, so the
 * service-side trace of one operation shares one id (the attempt number is in the log line).
 */
export class AzureHttpClient {
  private readonly logger: AzureLogger;
  private readonly retry: Required<RetryOptions>;

  constructor(private readonly options: AzureHttpClientOptions) {
    this.logger = options.logger ?? silentLogger;
    this.retry = { ...DEFAULT_RETRY_OPTIONS, ...definedOnly(options.retry ?? {}) };
  }

  get log(): AzureLogger {
    return this.logger;
  }

  async send<T = unknown>(request: AzureRequest): Promise<AzureResponse<T>> {
    const method = request.method.toUpperCase();
    const url = buildRequestUrl(request.url, request.query, request.apiVersion);
    const safeUrl = sanitizeUrl(url);
    const clientRequestId = randomUUID();
    const context = { method, url, operation: request.operation, clientRequestId };

    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new AzureRequestError({ ...context, code: 'UnsupportedScheme', message: `Unsupported URL scheme ${url.protocol}`, kind: 'client' });
    }
    if (url.protocol === 'http:' && request.authorizer && !isLoopbackHost(url.hostname)) {
      throw new InsecureTransportError(context);
    }

    const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body), 'utf8');
    const baseHeaders = this.baseHeaders(request, clientRequestId, body !== undefined);
    const idempotent = isIdempotent(method, baseHeaders, request.idempotent);
    const maxRetries = request.maxRetries ?? this.retry.maxRetries;
    const cancellation = linkCancellation(request);
    const signal = cancellation.signal;
    let refreshedCredentials = false;

    try {
      for (let attempt = 1; ; attempt++) {
        if (signal.aborted) {
          throw new RequestCancelledError({ ...context, attempts: attempt - 1 });
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
              throw new RequestCancelledError({ ...context, attempts: attempt - 1 });
            }
            const name = error instanceof Error ? error.name : 'Error';
            this.logger.warn(`${method} ${safeUrl} not sent: no credentials (${name}) client-request-id=${clientRequestId}`);
            throw error;
          }
        }

        const started = Date.now();
        let status: number;
        let responseHeaders: Record<string, string>;
        let bodyText: string;
        let bodyBytes: Uint8Array | undefined;
        try {
          const transport = this.options.httpTransport ?? getSharedTransport(this.options.transport);
          const response = await undiciRequest(url, {
            dispatcher: transport.dispatcherFor(url),
            method,
            headers,
            body,
            signal,
          });
          status = response.statusCode;
          responseHeaders = normalizeHeaders(response.headers);
          if (request.responseType === 'bytes') {
            bodyBytes = new Uint8Array(await response.body.arrayBuffer());
            bodyText = ''; // decoded below only if it is an error body
          } else {
            bodyText = await response.body.text();
          }
        } catch (error) {
          if (signal.aborted) {
            this.logger.info(`${method} ${safeUrl} cancelled (attempt ${attempt}) client-request-id=${clientRequestId}`);
            throw new RequestCancelledError({ ...context, attempts: attempt, cause: undefined });
          }
          const failure = this.networkFailure(error, context, attempt, idempotent, maxRetries);
          this.logger.warn(
            `${method} ${safeUrl} -> ${failure.error.code} after ${Date.now() - started} ms (attempt ${attempt})` +
              `${failure.retry ? `, retrying in ${failure.waitMs} ms` : ''} client-request-id=${clientRequestId}`,
          );
          if (!failure.retry) {
            throw failure.error;
          }
          if (!(await delay(failure.waitMs, signal))) {
            throw new RequestCancelledError({ ...context, attempts: attempt });
          }
          continue;
        }

        const elapsed = Date.now() - started;
        const serviceRequestId = serviceRequestIdOf(responseHeaders);
        const ids = `client-request-id=${clientRequestId} request-id=${serviceRequestId ?? '-'}`;
        const ok = request.expectedStatuses ? request.expectedStatuses.includes(status) : status >= 200 && status < 300;
        if (ok) {
          const parsed: { ok: true; value: unknown } | { ok: false } = bodyBytes ? { ok: true, value: bodyBytes } : parseJsonBody(bodyText);
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
          });
          const retry = idempotent && attempt <= maxRetries;
          this.logger.warn(`${method} ${safeUrl} -> ${status} with a malformed body (attempt ${attempt}) ${ids}`);
          if (!retry) {
            throw error;
          }
          if (!(await delay(backoffDelayMs(attempt - 1, this.retry, this.options.random), signal))) {
            throw new RequestCancelledError({ ...context, attempts: attempt });
          }
          continue;
        }

        const retryAfterMs = retryAfterMsFrom(responseHeaders);
        const error = errorFromResponse({
          status,
          bodyText: bodyBytes ? Buffer.from(bodyBytes).toString('utf8') : bodyText,
          method,
          url,
          operation: request.operation,
          clientRequestId,
          serviceRequestId,
          retryAfterMs,
          attempts: attempt,
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
            waitMs = retryAfterMs;
            // A wait longer than the configured cap is not worth holding the caller for: surface it.
            if (retryAfterMs > this.retry.maxRetryDelayMs) {
              retry = false;
            }
          } else {
            waitMs = backoffDelayMs(attempt - 1, this.retry, this.options.random);
          }
        }
        if (status === 429) {
          this.notifyThrottled(request, { method, url: safeUrl, operation: request.operation, retryAfterMs, attempt, willRetry: retry });
        }

        if (!retry) {
          this.logger.warn(`${method} ${safeUrl} -> ${status} ${error.code} in ${elapsed} ms (attempt ${attempt}) ${ids}`);
          throw error;
        }
        this.logger.warn(
          `${method} ${safeUrl} -> ${status} ${error.code} in ${elapsed} ms (attempt ${attempt}), retrying in ${waitMs} ms ${ids}`,
        );
        if (!(await delay(waitMs, signal))) {
          throw new RequestCancelledError({ ...context, attempts: attempt });
        }
      }
    } finally {
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
    context: { method: string; url: URL; operation?: string; clientRequestId: string },
    attempt: number,
    idempotent: boolean,
    maxRetries: number,
  ): AttemptFailure {
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
        attempts: attempt,
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

function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') {
    return { ok: true, value: undefined };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
