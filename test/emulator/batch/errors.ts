/**
 * Batch data-plane error replies (BatchError JSON as the service sends it):
 *   {"odata.metadata": "{account}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element",
 *    "code": "...", "message": {"lang": "en-US", "value": "...\nRequestId:...\nTime:..."}, "values": [{key, value}]}
 * Codes and HTTP statuses follow https://learn.microsoft.com/rest/api/batchservice/batch-status-and-error-codes.
 */
import type { Ctx, Reply } from '../http';
import { isoTime, jsonReply } from '../http';

export const BATCH_JSON = 'application/json;odata=minimalmetadata';

export interface BatchErrorValue {
  key: string;
  value: string;
}

export function batchError(ctx: Ctx, accountUrl: string, status: number, code: string, message: string, values?: BatchErrorValue[], headers: Record<string, string> = {}): Reply {
  return jsonReply(
    status,
    {
      'odata.metadata': `${accountUrl}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element`,
      code,
      message: { lang: 'en-US', value: `${message}\nRequestId:${ctx.requestId}\nTime:${isoTime(ctx.now)}` },
      ...(values && values.length > 0 ? { values } : {}),
    },
    headers,
    BATCH_JSON,
  );
}

export function queryParameterError(ctx: Ctx, accountUrl: string, name: string, value: string, reason: string): Reply {
  return batchError(ctx, accountUrl, 400, 'InvalidQueryParameterValue', 'Value for one of the query parameters specified in the request URI is invalid.', [
    { key: 'QueryParameterName', value: name },
    { key: 'QueryParameterValue', value },
    { key: 'Reason', value: reason },
  ]);
}

export function propertyError(ctx: Ctx, accountUrl: string, propertyName: string, reason: string, code = 'InvalidPropertyValue'): Reply {
  const message =
    code === 'MissingRequiredProperty'
      ? 'A required property was not specified in the request body.'
      : 'The value provided for one of the properties in the request body is invalid.';
  return batchError(ctx, accountUrl, 400, code, message, [
    { key: 'PropertyName', value: propertyName },
    { key: 'Reason', value: reason },
  ]);
}

/** The error body for a status fault on a Batch route. */
export function batchFaultError(ctx: Ctx, accountUrl: string, status: number, headers: Record<string, string>): Reply {
  if (status === 429) { return batchError(ctx, accountUrl, 429, 'TooManyRequests', 'The request was throttled. Retry after the time given in the Retry-After header.', undefined, headers); }
  if (status === 503) { return batchError(ctx, accountUrl, 503, 'ServerBusy', 'The server is currently unable to receive requests. Please retry your request.', undefined, headers); }
  if (status >= 500) { return batchError(ctx, accountUrl, status, 'InternalError', 'The server encountered an internal error. Please retry the request.', undefined, headers); }
  // Codes and texts of https://learn.microsoft.com/rest/api/batchservice/batch-status-and-error-codes
  const known: Record<number, [string, string]> = {
    401: ['AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly.'],
    403: ['AuthorizationFailure', 'This request is not authorized to perform this operation.'],
    404: ['ResourceNotFound', 'The specified resource does not exist.'],
    409: ['OperationInvalidForCurrentState', 'The specified operation is not valid for the current state of the resource.'],
    412: ['ConditionNotMet', 'The condition specified using HTTP conditional header(s) is not met.'],
  };
  const [code, message] = known[status] ?? ['InvalidInput', 'One of the request inputs is not valid.'];
  return batchError(ctx, accountUrl, status, code, message, undefined, headers);
}
