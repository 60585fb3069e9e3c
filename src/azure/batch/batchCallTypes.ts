/**
 * The option and result types every Batch data-plane operation shares (the account client and the node, node-file
 * and pool-resize operation groups). batchAccountClient.ts re-exports them.
 */
import type { RequestAuthorizer } from '../auth/requestAuthorizer';
import type { CancellationOptions } from '../core/cancellation';
import type { ThrottleInfo } from '../http/requestTypes';

/** One Batch account endpoint and how to authenticate to it. */
export interface BatchAccountConnection {
  /** Account URL, e.g. "https://acct.region.batch.azure.com" (a path prefix is allowed). */
  url: string;
  /** BearerTokenAuthorizer (Batch scope) or SharedKeyAuthorizer. */
  authorizer: RequestAuthorizer;
  /** Batch data-plane API version (azureBatch.apiVersion.batch). */
  apiVersion: string;
}

export interface BatchCallOptions extends CancellationOptions {
  /** Called on every 429 of this call (bulk operations slow down on it). */
  onThrottled?: (info: ThrottleInfo) => void;
  /** Retries for this call (default: the client's setting). */
  maxRetries?: number;
}

/** Conditions for writes; a failed condition throws PreconditionFailedError (HTTP 412). */
export interface BatchConditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: Date | string;
  ifUnmodifiedSince?: Date | string;
}

export interface WithETag<T> {
  value: T;
  /** Response ETag (Batch ETags are opaque, e.g. "0x8D4EDFEBFADF4AB"); pass it back as ifMatch. */
  etag?: string;
  lastModified?: string;
}

/** What a write returned: the new ETag and the ids to quote in a support request. */
export interface WriteReceipt {
  etag?: string;
  lastModified?: string;
  clientRequestId: string;
  serviceRequestId?: string;
}
