import { undici } from '../../lazy/lazyModules';
import { BodyLimitExceeded, readLimitedBody } from './responseBody';
import { normalizeHeaders } from './responseHeaders';
import type { HttpTransport } from './sharedTransport';

/** What one attempt brought back: a whole answer, or the failure that prevented it (with the status if one came). */
export type Exchange =
  | { ok: true; status: number; headers: Record<string, string>; bodyBytes: Buffer; bodyText: string }
  | { ok: false; tooLarge: boolean; error: unknown; status?: number; headers?: Record<string, string> };

export interface WireRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  signal: AbortSignal;
}

/** One attempt on the wire: the status, headers and body (read up to `maxResponseBytes`), or what went wrong. */
export async function exchangeOnce(transport: HttpTransport, request: WireRequest, maxResponseBytes: number): Promise<Exchange> {
  let status: number | undefined;
  let headers: Record<string, string> | undefined;
  try {
    const response = await undici().request(request.url, {
      dispatcher: transport.dispatcherFor(request.url),
      method: request.method as 'GET',
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    status = response.statusCode;
    headers = normalizeHeaders(response.headers);
    const bodyBytes = await readLimitedBody(response.body, maxResponseBytes, headers['content-length']);
    return { ok: true, status, headers, bodyBytes, bodyText: bodyBytes.toString('utf8') };
  } catch (error) {
    return { ok: false, tooLarge: error instanceof BodyLimitExceeded, error, status, headers };
  }
}

/** A JSON body, or undefined for an empty one (write answers without a body need no JSON). */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') {
    return { ok: true, value: undefined };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
