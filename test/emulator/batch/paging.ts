/** Batch list paging: maxresults, opaque $skiptoken continuation, absolute odata.nextLink on the same origin. */
import type { Ctx, Reply } from '../http';
import { buildQuery } from '../http';
import { queryParameterError } from './errors';

export const MAX_RESULTS_LIMIT = 1000;

export interface PageRequest {
  maxResults: number;
  start: number;
}

/** Reads maxresults and $skiptoken; returns an error reply when either is invalid. */
export function readPaging(ctx: Ctx, accountUrl: string, defaultMax = MAX_RESULTS_LIMIT): PageRequest | Reply {
  let maxResults = defaultMax;
  const raw = ctx.query['maxresults'];
  if (raw !== undefined) {
    if (!/^\d+$/.test(raw.trim())) { return queryParameterError(ctx, accountUrl, 'maxresults', raw, 'The value must be an integer.'); }
    maxResults = Number(raw);
    if (maxResults < 1 || maxResults > MAX_RESULTS_LIMIT) {
      return queryParameterError(ctx, accountUrl, 'maxresults', raw, `The value must be between 1 and ${MAX_RESULTS_LIMIT}.`);
    }
  }
  let start = 0;
  const token = ctx.query['$skiptoken'];
  if (token !== undefined) {
    const decoded = decodeToken(token);
    if (decoded === undefined) { return queryParameterError(ctx, accountUrl, '$skiptoken', token, 'The continuation token is not valid.'); }
    start = decoded;
  }
  return { maxResults, start };
}

function decodeToken(token: string): number | undefined {
  try {
    const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

/**
 * Takes up to maxResults matching items starting at `start`; `next` is the position of the next match, if any.
 * Scans lazily so a page of a 10,000-item list costs only what it reads.
 */
export function takePage<T>(items: readonly T[], matches: (item: T) => boolean, page: PageRequest): { items: T[]; next?: number } {
  const out: T[] = [];
  let i = page.start;
  for (; i < items.length && out.length < page.maxResults; i++) {
    if (matches(items[i]!)) { out.push(items[i]!); }
  }
  for (; i < items.length; i++) {
    if (matches(items[i]!)) { return { items: out, next: i }; }
  }
  return { items: out };
}

/** Absolute next link: same origin and path, every query parameter kept except the old $skiptoken. */
export function nextLink(ctx: Ctx, next: number): string {
  const params: [string, string][] = ctx.queryList.filter(([name]) => name !== '$skiptoken');
  params.push(['$skiptoken', encodeToken(next)]);
  return `${ctx.baseUrl.replace(/\/$/, '')}${ctx.path}?${buildQuery(params)}`;
}
