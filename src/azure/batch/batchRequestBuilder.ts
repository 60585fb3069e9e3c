/**
 * Builds the AzureRequests of one Batch account (URL, api-version, dialect, authorizer, operation name) for the
 * operation groups the account client exposes (nodes, node files, pool resize).
 */
import * as l10n from '../../utils/l10n';
import { assertNoDotSegments, encodePathSegment } from '../core/identifiers';
import { checkedAccountUrl } from '../http/accountUrl';
import { originOf } from '../http/loopback';
import type { AzureRequest, HttpMethod, QueryValue } from '../http/requestTypes';
import type { BatchAccountConnection, BatchCallOptions, BatchConditions, WriteReceipt } from './batchCallTypes';
import { toHttpDate } from './batchListOptions';

/**
 * One path segment, percent-encoded (ids may hold characters such as spaces); refused (InvalidIdentifierError naming
 * `what`) when "." / ".." in any spelling or holding "/", "?", "#", "%".
 */
export const seg = (value: string, what: string = l10n.t('Id')): string => encodePathSegment(value, what);

export const poolSeg = (poolId: string): string => seg(poolId, l10n.t('Pool id'));
export const nodeSeg = (nodeId: string): string => seg(nodeId, l10n.t('Node id'));

export class BatchRequestBuilder {
  readonly baseUrl: string;
  readonly origin: string;

  constructor(readonly connection: BatchAccountConnection) {
    // Throws InvalidAccountUrlError for a URL the client will not use (user info, plain http, query, dot segments).
    this.baseUrl = checkedAccountUrl(connection.url);
    this.origin = originOf(this.baseUrl);
  }

  /** `path` is relative to the account URL and already encoded ("pools/p1/nodes/n1/reboot"). */
  request(method: HttpMethod, path: string, operation: string, extra: Partial<AzureRequest> & { query?: Record<string, QueryValue> } = {}): AzureRequest {
    assertNoDotSegments(path, l10n.t('Request path'));
    return {
      method,
      url: `${this.baseUrl}/${path}`,
      apiVersion: this.connection.apiVersion,
      dialect: 'batch',
      authorizer: this.connection.authorizer,
      operation,
      ...extra,
    };
  }
}

/** Cancellation, throttle listener and retry count of one call. */
export function callOptions(options: BatchCallOptions): Partial<AzureRequest> {
  return {
    cancellationToken: options.cancellationToken,
    abortSignal: options.abortSignal,
    onThrottled: options.onThrottled,
    maxRetries: options.maxRetries,
  };
}

/** If-Match / If-None-Match / If-(Un)Modified-Since headers (undefined ones are not sent). */
export function conditionHeaders(conditions: BatchConditions): Record<string, string | undefined> {
  return {
    'if-match': conditions.ifMatch,
    'if-none-match': conditions.ifNoneMatch,
    'if-modified-since': toHttpDate(conditions.ifModifiedSince),
    'if-unmodified-since': toHttpDate(conditions.ifUnmodifiedSince),
  };
}

export function receipt(response: { etag?: string; lastModified?: string; clientRequestId: string; serviceRequestId?: string }): WriteReceipt {
  return {
    etag: response.etag,
    lastModified: response.lastModified,
    clientRequestId: response.clientRequestId,
    serviceRequestId: response.serviceRequestId,
  };
}
