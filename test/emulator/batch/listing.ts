/** Shared pieces of the Batch list/get routes: $select and $filter checks against a type's property names. */
import type { Ctx, Reply } from '../http';
import { queryParameterError } from './errors';
import { compileFilter, FilterError, parseSelect, type CompiledFilter } from './odata';

export function readSelect(ctx: Ctx, accountUrl: string, allowed: readonly string[], typeName: string): string[] | Reply {
  const select = parseSelect(ctx.query['$select']);
  const unknown = select.filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    return queryParameterError(ctx, accountUrl, '$select', ctx.query['$select'] ?? '', `Could not find a property named '${unknown[0]}' on type '${typeName}'.`);
  }
  return select;
}

export function readFilter(ctx: Ctx, accountUrl: string, allowed: readonly string[], typeName: string): CompiledFilter | undefined | Reply {
  const text = ctx.query['$filter'];
  if (text === undefined || text.trim() === '') { return undefined; }
  try {
    const filter = compileFilter(text);
    const unknown = filter.fields.filter((f) => !allowed.includes(f));
    if (unknown.length > 0) { return queryParameterError(ctx, accountUrl, '$filter', text, `Could not find a property named '${unknown[0]}' on type '${typeName}'.`); }
    return filter;
  } catch (e) {
    if (e instanceof FilterError) { return queryParameterError(ctx, accountUrl, '$filter', text, `The $filter clause is not valid: ${e.message}.`); }
    throw e;
  }
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && 'headers' in value;
}
