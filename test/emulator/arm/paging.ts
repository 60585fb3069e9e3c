/** ARM list paging: a page of `pageSize` items and a nextLink carrying $skiptoken (same origin, same api-version). */
import type { Ctx } from '../http';
import { buildQuery } from '../http';
import { cloudError } from './errors';
import type { Reply } from '../http';

export function armPage(ctx: Ctx, items: unknown[], pageSize: number): Reply | { value: unknown[]; nextLink?: string } {
  let start = 0;
  const token = ctx.query['$skiptoken'];
  if (token !== undefined) {
    const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) { return cloudError(400, 'InvalidSkipToken', `The provided skip token '${token}' is not valid.`); }
    start = Number(m[1]);
  }
  const value = items.slice(start, start + pageSize);
  const next = start + pageSize;
  if (next >= items.length) { return { value }; }
  const params: [string, string][] = ctx.queryList.filter(([n]) => n !== '$skiptoken');
  params.push(['$skiptoken', Buffer.from(`o:${next}`, 'utf8').toString('base64url')]);
  return { value, nextLink: `${ctx.baseUrl.replace(/\/$/, '')}${ctx.path}?${buildQuery(params)}` };
}
