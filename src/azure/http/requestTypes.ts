import type { CancellationOptions } from '../core/cancellation';
import type { RequestAuthorizer } from '../auth/requestAuthorizer';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';

/** Which service conventions apply: Batch adds `ocp-date` and the OData JSON content type. */
export type ServiceDialect = 'arm' | 'batch';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Details of one throttled (429) response, for callers that adapt their pace (bulk reimage). */
export interface ThrottleInfo {
  method: string;
  /** Sanitized URL. */
  url: string;
  operation?: string;
  /** The delay the service asked for, if any. */
  retryAfterMs?: number;
  /** 1-based attempt that was throttled. */
  attempt: number;
  /** Whether the client will retry it. */
  willRetry: boolean;
}

export interface AzureRequest extends CancellationOptions {
  method: HttpMethod;
  /** Absolute URL; may already carry a query (e.g. a next link). */
  url: string;
  /** Added to the query; `undefined` values are skipped; arrays are joined with commas. */
  query?: Record<string, QueryValue>;
  /** Sets `api-version` unless the URL already has one. */
  apiVersion?: string;
  headers?: Record<string, string | undefined>;
  /** JSON-serialised into the body. */
  body?: unknown;
  dialect: ServiceDialect;
  /** Signs each attempt (bearer token or Batch shared key); none = anonymous. */
  authorizer?: RequestAuthorizer;
  /** Human name of the operation for messages ("List nodes of pool p1"). */
  operation?: string;
  /** Statuses treated as success (default: any 2xx). */
  expectedStatuses?: readonly number[];
  /** Overrides whether the request may be repeated after a reset or a 408/5xx. */
  idempotent?: boolean;
  /** Overrides the client's retry count for this request (0 = no retries). */
  maxRetries?: number;
  /** Called on every 429 of this request (in addition to the client's `onThrottled`). */
  onThrottled?: (info: ThrottleInfo) => void;
  /** 'bytes': a successful response's body is returned as is (a Uint8Array), not parsed as JSON (node files). */
  responseType?: 'json' | 'bytes';
}

export interface AzureResponse<T = unknown> {
  status: number;
  /** Response headers, names lower-cased (multiple values joined with ", "). */
  headers: Record<string, string>;
  /** Parsed JSON body; undefined for an empty body. With responseType 'bytes': the raw body (Uint8Array). */
  body: T;
  /** Response ETag header, verbatim (Batch ETags are unquoted, ARM ones quoted). */
  etag?: string;
  lastModified?: string;
  clientRequestId: string;
  /** Batch `request-id` / ARM `x-ms-request-id`. */
  serviceRequestId?: string;
  /** The URL requested, sanitized. */
  url: string;
  attempts: number;
}
