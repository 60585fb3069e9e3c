/**
 * URLs as they may appear in logs and error messages: no user info, no fragment, and query
 * values kept only for parameters known to be harmless (api-version, paging and OData options).
 * Everything else (SAS `sig`/`se`/..., skip tokens, unknown parameters) becomes `REDACTED`.
 */
const SAFE_QUERY_PARAMETERS = new Set([
  'api-version',
  'maxresults',
  'timeout',
  '$select',
  '$filter',
  '$expand',
  '$top',
]);

/** Percent-encoding that keeps the characters OData clauses use readable. */
function readable(text: string): string {
  return encodeURIComponent(text).replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%27/g, "'").replace(/%3A/gi, ':');
}

export function sanitizeUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    return '<invalid url>';
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  const kept: string[] = [];
  for (const [name, value] of parsed.searchParams) {
    const safe = SAFE_QUERY_PARAMETERS.has(name.toLowerCase());
    kept.push(`${readable(name)}=${safe ? readable(value) : 'REDACTED'}`);
  }
  parsed.search = '';
  return parsed.href + (kept.length ? `?${kept.join('&')}` : '');
}
