/**
 * Last line of defence for text that leaves the process in logs or error messages
 * (e.g. an excerpt of a non-JSON error body): masks anything shaped like a credential.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|SharedKey|Basic)\s+[A-Za-z0-9._~+/=:-]+/gi, '$1 REDACTED'],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, 'REDACTED_JWT'],
  [/([?&](?:sig|se|sv|sp|st|skoid|sktid|skt|ske|sks|skv|code|token|access_token|client_secret)=)[^&\s"']*/gi, '$1REDACTED'],
  [/("?(?:access_?token|refresh_?token|client_?secret|password|primary|secondary|key)"?\s*[:=]\s*"?)[^",\s}]+/gi, '$1REDACTED'],
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

/** A short single-line excerpt of a response body, safe to show: tags stripped, secrets masked. */
export function bodyExcerpt(body: string, maxLength = 200): string {
  const text = redactSecrets(body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
