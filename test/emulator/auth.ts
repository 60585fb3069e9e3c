/** Bearer-token checks shared by the ARM and Batch routes (presence, own HS256 signature, expiry, audience). */
import { TEST_IDENTITY, type TokenService } from './tokens';

export type BearerResult =
  | { ok: true; aud: string }
  | { ok: false; kind: 'missing' | 'scheme' | 'invalid' | 'expired' | 'audience'; message: string };

export function audienceVariants(aud: string): string[] {
  return aud.endsWith('/') ? [aud, aud.slice(0, -1)] : [aud, `${aud}/`];
}

/**
 * @param allowed audiences accepted exactly as written (list both forms when the service accepts both)
 * @param describeAllowed how the allowed audiences appear in the error message
 */
export function checkBearer(tokens: TokenService, authorization: string | undefined, allowed: string[], audienceMessage: (aud: string) => string): BearerResult {
  if (authorization === undefined || authorization.trim() === '') { return { ok: false, kind: 'missing', message: "The 'Authorization' header is missing." }; }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) { return { ok: false, kind: 'scheme', message: "The 'Authorization' header is provided in an invalid format." }; }
  const result = tokens.verify(m[1]!);
  if (!result.ok) {
    if (result.reason === 'expired' && result.claims) {
      return {
        ok: false,
        kind: 'expired',
        message: `The access token expiry UTC time '${new Date(result.claims.exp * 1000).toUTCString()}' is earlier than current UTC time '${new Date().toUTCString()}'.`,
      };
    }
    return { ok: false, kind: 'invalid', message: result.reason === 'signature' ? 'The access token signature is invalid (it was not issued by this emulator).' : 'The access token is invalid (not a well-formed JWT).' };
  }
  const aud = String(result.claims.aud);
  if (!allowed.includes(aud)) { return { ok: false, kind: 'audience', message: audienceMessage(aud) }; }
  return { ok: true, aud };
}

export function wwwAuthenticate(baseUrl: string, description: string): string {
  return `Bearer authorization_uri="${baseUrl}${TEST_IDENTITY.tenantId}", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`;
}
