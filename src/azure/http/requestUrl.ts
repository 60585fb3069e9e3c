import type { QueryValue } from './requestTypes';

/**
 * Percent-encodes like encodeURIComponent but keeps the characters OData clauses use
 * unescaped where that is safe ($ , ' : @ /); spaces become %20, never "+".
 */
function encodeQueryPart(value: string): string {
  return encodeURIComponent(value).replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%27/g, "'").replace(/%3A/gi, ':');
}

/** The request URL with extra query parameters and `api-version` (only when not already present). */
export function buildRequestUrl(base: string, query?: Record<string, QueryValue>, apiVersion?: string): URL {
  const url = new URL(base);
  const parts: string[] = [];
  const existing = new Set([...url.searchParams.keys()].map((k) => k.toLowerCase()));
  if (apiVersion && !existing.has('api-version')) {
    parts.push(`api-version=${encodeQueryPart(apiVersion)}`);
  }
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || existing.has(name.toLowerCase())) {
      continue;
    }
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${encodeQueryPart(name)}=${encodeQueryPart(text)}`);
  }
  if (parts.length) {
    const current = url.search.length > 1 ? `${url.search}&` : '?';
    url.search = current + parts.join('&');
  }
  return url;
}
