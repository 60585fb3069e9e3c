import { nodeCrypto } from '../../lazy/lazyModules';

/**
 * Azure Batch Shared Key signature, as documented in
 * https://learn.microsoft.com/rest/api/batchservice/authenticate-requests-to-the-azure-batch-service
 *
 * StringToSign = VERB\n Content-Encoding\n Content-Language\n Content-Length\n Content-MD5\n
 *   Content-Type\n Date\n If-Modified-Since\n If-Match\n If-None-Match\n If-Unmodified-Since\n Range\n
 *   CanonicalizedHeaders CanonicalizedResource
 * Content-Length is empty when the body is empty. Date is empty because ocp-date is sent.
 * CanonicalizedHeaders: every `ocp-*` header, name lower-cased, sorted, "name:value\n".
 * CanonicalizedResource: "/" + account + URL path, then "\nname:value" per query parameter
 * (names lower-cased and sorted, values decoded; repeated names joined with ",").
 */
export interface SignableRequest {
  method: string;
  url: URL;
  /** Header names lower-case. */
  headers: Record<string, string>;
  /** Byte length of the body (0 or undefined when there is none). */
  contentLength?: number;
}

const STANDARD_HEADERS = [
  'content-encoding',
  'content-language',
  'content-length',
  'content-md5',
  'content-type',
  'date',
  'if-modified-since',
  'if-match',
  'if-none-match',
  'if-unmodified-since',
  'range',
] as const;

function canonicalizedHeaders(headers: Record<string, string>): string {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name.startsWith('ocp-'))
    .sort()
    .map((name) => `${name}:${(headers[name] ?? '').replace(/\s*\r?\n\s*/g, ' ').trim()}\n`)
    .join('');
}

function canonicalizedResource(accountName: string, url: URL): string {
  let resource = `/${accountName}${url.pathname || '/'}`;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) {
    const key = name.toLowerCase();
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  for (const name of [...grouped.keys()].sort()) {
    resource += `\n${name}:${grouped.get(name)!.sort().join(',')}`;
  }
  return resource;
}

export function buildSharedKeyStringToSign(accountName: string, request: SignableRequest): string {
  const standard = STANDARD_HEADERS.map((name) => {
    if (name === 'content-length') {
      return request.contentLength ? String(request.contentLength) : '';
    }
    return request.headers[name] ?? '';
  });
  return (
    `${request.method.toUpperCase()}\n` +
    standard.map((value) => `${value}\n`).join('') +
    canonicalizedHeaders(request.headers) +
    canonicalizedResource(accountName, request.url)
  );
}

/** base64(HMAC-SHA256(base64-decoded key, UTF-8 string to sign)). */
export function computeSharedKeySignature(base64Key: string, stringToSign: string): string {
  return nodeCrypto().createHmac('sha256', Buffer.from(base64Key, 'base64')).update(stringToSign, 'utf8').digest('base64');
}

/** The Authorization header value: "SharedKey account:signature". */
export function sharedKeyAuthorizationHeader(accountName: string, base64Key: string, request: SignableRequest): string {
  const signature = computeSharedKeySignature(base64Key, buildSharedKeyStringToSign(accountName, request));
  return `SharedKey ${accountName}:${signature}`;
}
