/** ARM CloudError replies: {"error": {"code", "message", "target"?, "details"?}}. */
import type { Reply } from '../http';
import { jsonReply } from '../http';

export interface CloudErrorBody {
  code: string;
  message: string;
  target?: string;
  details?: CloudErrorBody[];
}

export function cloudError(status: number, code: string, message: string, extra: { target?: string; details?: CloudErrorBody[]; headers?: Record<string, string> } = {}): Reply {
  const error: CloudErrorBody = { code, message };
  if (extra.target !== undefined) { error.target = extra.target; }
  if (extra.details && extra.details.length > 0) { error.details = extra.details; }
  return jsonReply(status, { error }, extra.headers ?? {});
}

export function invalidParameter(message: string, target: string, details?: CloudErrorBody[]): Reply {
  return cloudError(400, 'InvalidParameter', message, { target, ...(details ? { details } : {}) });
}

export function resourceNotFound(type: string, name: string, resourceGroup: string): Reply {
  return cloudError(404, 'ResourceNotFound', `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
}

/** The error body for a status fault on an ARM route. */
export function armFaultError(status: number, headers: Record<string, string>): Reply {
  if (status === 429) {
    return cloudError(429, 'TooManyRequests', 'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00.', { headers });
  }
  if (status === 503) { return cloudError(503, 'ServiceUnavailable', 'The service is currently unavailable. Please retry the request later.', { headers }); }
  if (status >= 500) { return cloudError(status, 'InternalServerError', 'Encountered internal server error. Diagnostic information: timestamp, subscription id, correlation id.', { headers }); }
  const known: Record<number, [string, string]> = {
    401: ['ExpiredAuthenticationToken', 'The access token expiry UTC time is earlier than current UTC time.'],
    403: ['AuthorizationFailed', 'The client does not have authorization to perform this action over this scope or the scope is invalid.'],
    404: ['ResourceNotFound', 'The Resource was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix'],
    409: ['Conflict', 'The operation could not be completed because of a conflict with the current state of the resource.'],
    412: ['PreconditionFailed', 'The condition specified in the If-Match or If-None-Match header was not met.'],
  };
  const [code, message] = known[status] ?? ['BadRequest', 'The request is not valid.'];
  return cloudError(status, code, message, { headers });
}
