import * as l10n from '../../utils/l10n';
import { AzureRequestError, type AzureRequestErrorInit } from './azureRequestError';
import type { AzureErrorDetail } from './errorBodyParser';

/** HTTP 412: an If-Match / If-None-Match / If-(Un)Modified-Since condition failed (typed conflict). */
export class PreconditionFailedError extends AzureRequestError {
  override readonly name = 'PreconditionFailedError';
}

/** A long-running operation ended Failed or Canceled; `operationError` is the operation's error. */
export class OperationFailedError extends AzureRequestError {
  override readonly name = 'OperationFailedError';
  /** Terminal status reported by the service ("Failed" or "Canceled"). */
  readonly operationStatus: string;
  readonly operationError: AzureErrorDetail;

  constructor(init: AzureRequestErrorInit & { operationStatus: string; operationError: AzureErrorDetail }) {
    super(init);
    this.operationStatus = init.operationStatus;
    this.operationError = init.operationError;
  }
}

/** The caller cancelled (token or AbortSignal) while the request, a retry wait or an LRO poll was pending. */
export class RequestCancelledError extends AzureRequestError {
  override readonly name = 'RequestCancelledError';
  constructor(init: Omit<AzureRequestErrorInit, 'code' | 'message' | 'kind'>) {
    super({ ...init, code: 'Cancelled', message: 'The request was cancelled', kind: 'client' });
  }
  override toString(): string {
    return `${this.what} was cancelled.`;
  }
}

/** Refused before connecting: a credential would have been sent over plain http to a non-loopback host. */
export class InsecureTransportError extends AzureRequestError {
  override readonly name = 'InsecureTransportError';
  constructor(init: Omit<AzureRequestErrorInit, 'code' | 'message' | 'kind'>) {
    super({
      ...init,
      code: 'InsecureTransport',
      message: 'Credentials are only sent over https (plain http is allowed for loopback hosts only); use an https:// endpoint',
      kind: 'client',
    });
  }
}

/** A next link or LRO polling URL points at another origin than the original request (credentials are not forwarded). */
export class CrossOriginLinkError extends AzureRequestError {
  override readonly name = 'CrossOriginLinkError';
  constructor(init: Omit<AzureRequestErrorInit, 'code' | 'message' | 'kind'> & { expectedOrigin: string }) {
    super({
      ...init,
      code: 'CrossOriginLink',
      message: `The service returned a link to another origin than ${init.expectedOrigin}; it was not followed`,
      kind: 'client',
    });
  }
}

/**
 * Refused before sending: an Entra ID token for Azure Batch would have gone to a host that is not a Batch endpoint
 * of the selected cloud (nor loopback), and sending it there was not approved.
 */
export class UntrustedHostError extends AzureRequestError {
  override readonly name = 'UntrustedHostError';
  readonly host: string;
  /** What tokens go to without asking, e.g. "*.batch.azure.com". */
  readonly trusted: string;

  constructor(init: Omit<AzureRequestErrorInit, 'code' | 'message' | 'kind'> & { host: string; trusted: string }) {
    super({
      ...init,
      code: 'UntrustedBatchHost',
      message: l10n.t(
        'An Entra ID token for Azure Batch is only sent to {0} and to this computer; {1} is neither, and sending it there was not approved. Check the account URL, or for a custom cloud set azureBatch.customCloud.batchEndpointSuffix.',
        init.trusted,
        init.host,
      ),
      kind: 'client',
    });
    this.host = init.host;
    this.trusted = init.trusted;
    this.message = this.toString();
  }

  override toString(): string {
    return `${this.what}: ${this.serviceMessage}`;
  }
}
