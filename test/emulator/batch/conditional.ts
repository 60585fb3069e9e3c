/**
 * HTTP conditional headers on Batch resources (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since).
 * Reads answer 304 when the condition fails on If-None-Match / If-Modified-Since; writes answer 412 ConditionNotMet.
 */
import type { Ctx } from '../http';

export type ConditionResult = 'ok' | 'notModified' | 'preconditionFailed';

function normalizeTag(tag: string): string {
  return tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

function tagMatches(header: string, eTag: string): boolean {
  return header.split(',').some((t) => t.trim() === '*' || normalizeTag(t) === eTag);
}

/** Seconds precision, like the Last-Modified header the client saw. */
function modifiedAfter(lastModifiedMs: number, header: string): boolean | undefined {
  const since = Date.parse(header);
  if (Number.isNaN(since)) { return undefined; }
  return Math.floor(lastModifiedMs / 1000) * 1000 > since;
}

export function evaluateConditions(ctx: Ctx, eTag: string, lastModifiedMs: number, kind: 'read' | 'write'): ConditionResult {
  const h = ctx.headers;
  if (h['if-match'] !== undefined && !tagMatches(h['if-match'], eTag)) { return 'preconditionFailed'; }
  if (h['if-unmodified-since'] !== undefined && modifiedAfter(lastModifiedMs, h['if-unmodified-since']) === true) { return 'preconditionFailed'; }
  if (h['if-none-match'] !== undefined && tagMatches(h['if-none-match'], eTag)) { return kind === 'read' ? 'notModified' : 'preconditionFailed'; }
  if (h['if-modified-since'] !== undefined && modifiedAfter(lastModifiedMs, h['if-modified-since']) === false) {
    return kind === 'read' ? 'notModified' : 'preconditionFailed';
  }
  return 'ok';
}
