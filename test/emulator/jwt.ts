/** Minimal HS256 JWTs: what the emulator's token service issues and what its ARM and Batch routes accept. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  tid: string;
  oid: string;
  sub: string;
  appid: string;
  azp: string;
  idtyp: string;
  ver: string;
  [claim: string]: unknown;
}

export type VerifyResult =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'notYetValid'; claims?: AccessTokenClaims };

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function signJwt(claims: AccessTokenClaims, secret: Buffer, kid = 'emulator-hs256'): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export function verifyJwt(token: string, secret: Buffer, nowSeconds: number, clockSkewSeconds = 300): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) { return { ok: false, reason: 'malformed' }; }
  const [header, payload, signature] = parts as [string, string, string];
  let claims: AccessTokenClaims;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (head.alg !== 'HS256') { return { ok: false, reason: 'signature' }; }
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessTokenClaims;
    if (typeof claims !== 'object' || claims === null) { return { ok: false, reason: 'malformed' }; }
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) { return { ok: false, reason: 'signature', claims }; }
  if (typeof claims.exp !== 'number' || claims.exp + clockSkewSeconds < nowSeconds) { return { ok: false, reason: 'expired', claims }; }
  if (typeof claims.nbf === 'number' && claims.nbf - clockSkewSeconds > nowSeconds) { return { ok: false, reason: 'notYetValid', claims }; }
  return { ok: true, claims };
}
