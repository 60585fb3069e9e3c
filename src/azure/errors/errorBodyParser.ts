import { nodeHttp } from '../../lazy/lazyModules';
import { bodyExcerpt } from '../http/secretRedaction';

/** One entry of an ARM error's `details` (also used for an LRO's error). */
export interface AzureErrorDetail {
  code?: string;
  message?: string;
  target?: string;
  details?: AzureErrorDetail[];
}

/** Batch `BatchErrorDetail`: extra key/value information. */
export interface BatchErrorValue {
  key?: string;
  value?: string;
}

export type ErrorShape = 'batch' | 'arm' | 'http';

export interface ParsedErrorBody {
  shape: ErrorShape;
  code: string;
  message: string;
  target?: string;
  details: AzureErrorDetail[];
  values: BatchErrorValue[];
  innerError?: unknown;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function batchMessage(message: unknown): string | undefined {
  if (typeof message === 'string') {
    return message;
  }
  if (message && typeof message === 'object') {
    return asString((message as { value?: unknown }).value);
  }
  return undefined;
}

function asDetails(value: unknown): AzureErrorDetail[] {
  return Array.isArray(value) ? value.filter((d): d is AzureErrorDetail => !!d && typeof d === 'object') : [];
}

/** Reads an ARM `{ error: {...} }` object (CloudError / ErrorResponse / LRO status error). */
export function parseArmError(error: unknown): Omit<ParsedErrorBody, 'shape' | 'values'> | undefined {
  if (!error || typeof error !== 'object') {
    return undefined;
  }
  const e = error as Record<string, unknown>;
  const code = asString(e.code);
  const message = asString(e.message);
  if (!code && !message) {
    return undefined;
  }
  return {
    code: code ?? 'UnknownError',
    message: message ?? '',
    target: asString(e.target),
    details: asDetails(e.details),
    innerError: e.innererror ?? e.innerError,
  };
}

/**
 * Turns an error response body into code/message/details, whichever shape it has:
 * Batch `BatchError` {code, message:{lang,value}, values}, the older `{"odata.error": ...}`,
 * ARM `CloudError` {error:{code,message,target,details,innererror}}, or anything else
 * (code `HttpError<status>`, message from the status text plus a short, redacted excerpt).
 */
export function parseErrorBody(status: number, bodyText: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = bodyText.trim() ? JSON.parse(bodyText) : undefined;
  } catch {
    json = undefined;
  }
  if (json && typeof json === 'object') {
    const obj = json as Record<string, unknown>;
    const arm = parseArmError(obj.error);
    if (arm) {
      return { shape: 'arm', values: [], ...arm };
    }
    const odata = obj['odata.error'];
    const batch = (odata && typeof odata === 'object' ? odata : obj) as Record<string, unknown>;
    const code = asString(batch.code);
    const message = batchMessage(batch.message);
    if (code || message) {
      const values = Array.isArray(batch.values) ? (batch.values as BatchErrorValue[]) : [];
      return { shape: 'batch', code: code ?? `HttpError${status}`, message: message ?? '', details: [], values };
    }
  }
  const statusText = nodeHttp().STATUS_CODES[status] ?? 'Unexpected status';
  const excerpt = bodyExcerpt(bodyText);
  return {
    shape: 'http',
    code: `HttpError${status}`,
    message: excerpt ? `${statusText}: ${excerpt}` : statusText,
    details: [],
    values: [],
  };
}
