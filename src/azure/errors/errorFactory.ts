import { AzureRequestError, type AzureRequestErrorInit } from './azureRequestError';
import { parseErrorBody } from './errorBodyParser';
import { PreconditionFailedError } from './specificErrors';

export interface ErrorResponseContext {
  status: number;
  bodyText: string;
  method: string;
  url: string | URL;
  operation?: string;
  clientRequestId?: string;
  serviceRequestId?: string;
  retryAfterMs?: number;
  attempts?: number;
  earlierAttemptUncertain?: boolean;
}

/** The typed error for a failed HTTP response (412 becomes PreconditionFailedError). */
export function errorFromResponse(context: ErrorResponseContext): AzureRequestError {
  const parsed = parseErrorBody(context.status, context.bodyText);
  const init: AzureRequestErrorInit = {
    code: parsed.code,
    message: parsed.message,
    kind: parsed.shape,
    status: context.status,
    method: context.method,
    url: context.url,
    operation: context.operation,
    clientRequestId: context.clientRequestId,
    serviceRequestId: context.serviceRequestId,
    target: parsed.target,
    details: parsed.details,
    values: parsed.values,
    innerError: parsed.innerError,
    retryAfterMs: context.retryAfterMs,
    attempts: context.attempts,
    earlierAttemptUncertain: context.earlierAttemptUncertain,
  };
  return context.status === 412 ? new PreconditionFailedError(init) : new AzureRequestError(init);
}
