/**
 * Batch request authentication: Microsoft Entra bearer tokens with aud exactly "https://batch.core.windows.net/"
 * (the service refuses "https://batch.core.windows.net" without the slash: "It should exactly match (including forward
 * slash) with one of the allowed audiences"), or SharedKey signatures with the account's keys.
 */
import { checkBearer, wwwAuthenticate } from '../auth';
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { verifySharedKey } from '../sharedKey';
import type { BatchAccountRecord } from '../state';
import { BATCH_RESOURCE_ID } from '../tokens';
import { batchError } from './errors';

const AUTH_FAILED = 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly';

export function authenticateBatch(ctx: Ctx, env: Env, account: BatchAccountRecord, url: string): Reply | undefined {
  const authorization = ctx.headers['authorization'];
  if (authorization !== undefined && /^SharedKey\s/i.test(authorization)) {
    const prefix = `/batch/${ctx.path.split('/')[2] ?? account.name}`;
    const result = verifySharedKey(authorization, { method: ctx.method, headers: ctx.headers, path: ctx.path, queryList: ctx.queryList, bodyLength: Buffer.byteLength(ctx.body) }, account.name, [account.primaryKey, account.secondaryKey], prefix);
    if (result.ok) { return undefined; }
    if (result.reason === 'malformed') {
      return batchError(ctx, url, 400, 'InvalidAuthenticationInfo', 'The authentication information was not provided in the correct format. Verify the value of Authorization header.', [
        { key: 'AuthenticationErrorDetail', value: "The Authorization header must have the form 'SharedKey {accountName}:{signature}'." },
      ]);
    }
    const detail =
      result.reason === 'account'
        ? `The account name in the Authorization header does not match the account '${account.name}' of the request URL.`
        : `The MAC signature found in the HTTP request '${result.signature}' is not the same as any computed signature. Server used following string to sign: '${result.stringToSign}'.`;
    return batchError(ctx, url, 403, 'AuthenticationFailed', `${AUTH_FAILED} including the signature.`, [{ key: 'AuthenticationErrorDetail', value: detail }]);
  }
  const bearer = checkBearer(
    env.tokens,
    authorization,
    [BATCH_RESOURCE_ID],
    (aud) => `The access token has been obtained from wrong audience or resource '${aud}'. It should exactly match (including forward slash) with one of the allowed audiences '${BATCH_RESOURCE_ID}'`,
  );
  if (bearer.ok) { return undefined; }
  if (bearer.kind === 'scheme') {
    return batchError(ctx, url, 400, 'InvalidAuthenticationInfo', 'The authentication information was not provided in the correct format. Verify the value of Authorization header.', [
      { key: 'AuthenticationErrorDetail', value: "Supported schemes are 'Bearer {token}' and 'SharedKey {accountName}:{signature}'." },
    ]);
  }
  return batchError(ctx, url, 401, 'AuthenticationFailed', `${AUTH_FAILED}.`, [{ key: 'AuthenticationErrorDetail', value: bearer.message }], {
    'www-authenticate': wwwAuthenticate(env.baseUrl, bearer.message),
  });
}
