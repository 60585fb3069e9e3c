/**
 * Batch SharedKey authentication, implemented from the documented scheme
 * (https://learn.microsoft.com/rest/api/batchservice/authenticate-requests-to-the-azure-batch-service):
 *
 *   Authorization: SharedKey {account}:{base64(HMAC-SHA256(base64decode(key), UTF8(StringToSign)))}
 *   StringToSign = VERB\n Content-Encoding\n Content-Language\n Content-Length\n Content-MD5\n Content-Type\n Date\n
 *                  If-Modified-Since\n If-Match\n If-None-Match\n If-Unmodified-Since\n Range\n
 *                  CanonicalizedHeaders CanonicalizedResource
 *
 * Tolerances (each is a variant a correct client may produce; anything else fails):
 *   - the resource path may be signed with or without the emulator's "/batch/{account}" prefix (on the real service
 *     the endpoint has no path, so both client styles are right there);
 *   - Content-Length of an empty body may be signed as "" (documented) or "0" (what @azure/batch signs for POST);
 *   - the Date line may be empty (documented when ocp-date is used) or carry the Date header;
 *   - query parameter names may be lower-cased (documented) or kept as sent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignableRequest {
  method: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** URL path as sent (percent-encoded), e.g. "/batch/acct/pools/p1". */
  path: string;
  /** Decoded query parameters in order. */
  queryList: [string, string][];
  bodyLength: number;
}

export interface StringToSignOptions {
  /** The path put into CanonicalizedResource (after "/{account}"). */
  resourcePath: string;
  contentLength: string;
  date: string;
  lowercaseQueryNames: boolean;
}

const STANDARD_HEADERS_AFTER_LENGTH = ['content-md5', 'content-type'];
const CONDITIONAL_HEADERS = ['if-modified-since', 'if-match', 'if-none-match', 'if-unmodified-since', 'range'];

export function canonicalizedHeaders(headers: Record<string, string>): string {
  return Object.keys(headers)
    .filter((name) => name.startsWith('ocp-') && headers[name] !== '')
    .sort()
    .map((name) => `${name}:${headers[name]}\n`)
    .join('');
}

export function canonicalizedResource(accountName: string, resourcePath: string, queryList: [string, string][], lowercaseNames: boolean): string {
  const byName = new Map<string, string[]>();
  for (const [rawName, value] of queryList) {
    const name = lowercaseNames ? rawName.toLowerCase() : rawName;
    const values = byName.get(name) ?? [];
    values.push(value);
    byName.set(name, values);
  }
  let out = `/${accountName}${resourcePath}`;
  for (const name of [...byName.keys()].sort()) {
    out += `\n${name}:${byName.get(name)!.sort().join(',')}`;
  }
  return out;
}

export function buildStringToSign(request: SignableRequest, accountName: string, options: StringToSignOptions): string {
  const h = request.headers;
  const lines = [
    request.method.toUpperCase(),
    h['content-encoding'] ?? '',
    h['content-language'] ?? '',
    options.contentLength,
    ...STANDARD_HEADERS_AFTER_LENGTH.map((n) => h[n] ?? ''),
    options.date,
    ...CONDITIONAL_HEADERS.map((n) => h[n] ?? ''),
  ];
  return `${lines.join('\n')}\n${canonicalizedHeaders(h)}${canonicalizedResource(accountName, options.resourcePath, request.queryList, options.lowercaseQueryNames)}`;
}

export function signString(stringToSign: string, keyBase64: string): string {
  return createHmac('sha256', Buffer.from(keyBase64, 'base64')).update(stringToSign, 'utf8').digest('base64');
}

/** The documented StringToSign for this request (what error details report). */
export function primaryStringToSign(request: SignableRequest, accountName: string): string {
  return buildStringToSign(request, accountName, {
    resourcePath: request.path,
    contentLength: request.bodyLength > 0 ? String(request.bodyLength) : '',
    date: request.headers['ocp-date'] !== undefined ? '' : (request.headers['date'] ?? ''),
    lowercaseQueryNames: true,
  });
}

function variants(request: SignableRequest, prefix: string): StringToSignOptions[] {
  const paths = [request.path];
  if (prefix && request.path.startsWith(prefix)) { paths.push(request.path.slice(prefix.length) || '/'); }
  const lengths = request.bodyLength > 0 ? [String(request.bodyLength)] : ['', '0'];
  const primaryDate = request.headers['ocp-date'] !== undefined ? '' : (request.headers['date'] ?? '');
  const dates = [primaryDate];
  if (request.headers['date'] !== undefined && request.headers['date'] !== primaryDate) { dates.push(request.headers['date']); }
  const lowercase = request.queryList.some(([n]) => n !== n.toLowerCase()) ? [true, false] : [true];
  const out: StringToSignOptions[] = [];
  for (const resourcePath of paths) {
    for (const contentLength of lengths) {
      for (const date of dates) {
        for (const lowercaseQueryNames of lowercase) {
          out.push({ resourcePath, contentLength, date, lowercaseQueryNames });
        }
      }
    }
  }
  return out;
}

export type SharedKeyResult =
  | { ok: true }
  | { ok: false; reason: 'malformed' | 'account' | 'signature'; signature?: string; stringToSign: string };

/**
 * Checks an "Authorization: SharedKey account:signature" header against the account's keys.
 * `pathPrefix` is the emulator's "/batch/{account}" prefix.
 */
export function verifySharedKey(authorization: string, request: SignableRequest, accountName: string, keys: string[], pathPrefix: string): SharedKeyResult {
  const primary = primaryStringToSign(request, accountName);
  const match = /^SharedKey\s+([^:\s]+):(\S+)$/.exec(authorization.trim());
  if (!match) { return { ok: false, reason: 'malformed', stringToSign: primary }; }
  const [, headerAccount, signature] = match as unknown as [string, string, string];
  if (headerAccount.toLowerCase() !== accountName.toLowerCase()) { return { ok: false, reason: 'account', signature, stringToSign: primary }; }
  const given = Buffer.from(signature, 'base64');
  for (const options of variants(request, pathPrefix)) {
    const sts = buildStringToSign(request, headerAccount, options);
    for (const key of keys) {
      const expected = Buffer.from(signString(sts, key), 'base64');
      if (expected.length === given.length && timingSafeEqual(expected, given)) { return { ok: true }; }
    }
  }
  return { ok: false, reason: 'signature', signature, stringToSign: primary };
}
