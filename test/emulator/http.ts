/** Request context and reply values shared by every route of the emulator. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Surface = 'arm' | 'batch' | 'token' | 'control';

export interface Ctx {
  req: IncomingMessage;
  method: string;
  /** Path without the query, as sent (still percent-encoded). */
  path: string;
  /** Raw query string without the leading "?". */
  rawQuery: string;
  /** Decoded query parameters; the last value wins when a name repeats. */
  query: Record<string, string>;
  /** Decoded query parameters in order, repeats kept. */
  queryList: [string, string][];
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** The request id this emulator assigns (request-id / x-ms-request-id). */
  requestId: string;
  /** Arrival time (ms since epoch). */
  now: number;
  /** "https://127.0.0.1:PORT/" */
  baseUrl: string;
  surface: Surface;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Body as sent (text is sent as UTF-8; node file content as bytes); undefined = no body. */
  body?: string | Buffer;
}

/** Marks a reply to a request the emulator has no route for (an operation it does not implement), for tests. */
export const NOT_IMPLEMENTED_HEADERS: Readonly<Record<string, string>> = { 'x-azb-emulator': 'not-implemented' };

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}, contentType = 'application/json; charset=utf-8'): Reply {
  return { status, headers: { 'content-type': contentType, ...headers }, body: JSON.stringify(value) };
}

export function emptyReply(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers };
}

export function newRequestId(): string {
  return randomUUID();
}

export function parseQuery(rawQuery: string): { query: Record<string, string>; queryList: [string, string][] } {
  const queryList: [string, string][] = [];
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    queryList.push([name, value]);
    query[name] = value;
  }
  return { query, queryList };
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) { continue; }
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Builds a query string the way the services write links: names kept literal ("$skiptoken"), values percent-encoded. */
export function buildQuery(params: [string, string | undefined][]): string {
  return params
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value).replace(/%2C/gi, ',')}`)
    .join('&');
}

/** RFC 7231 date, e.g. "Tue, 15 Nov 1994 08:12:31 GMT". */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** ISO 8601 with 7 fractional digits like the Batch service writes ("2016-11-22T19:37:31.4285526Z"). */
export function isoTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2016-11-22T19:37:31.428Z
  return `${iso.slice(0, 23)}0000Z`;
}

export function decodePathSegments(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
