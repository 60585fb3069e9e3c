/**
 * What a restored pool editor trusts of the state its webview saved: the account's key and the pool id, nothing else.
 * The account itself (URL, authentication, source) is looked up again among the known accounts, so a webview cannot
 * point the editor — and the token or shared key it sends — at another host. Pure.
 */
import { requireIdentifier } from '../../azure/core/identifiers';
import { isJsonObject } from '../../jsonEditing/jsonValue';

export interface PoolPatchRevival {
  /** BatchAccountInfo.key: the ARM resource id, the attached account's URL, or "env:" + URL. */
  accountKey: string;
  poolId: string;
}

/** The longest account key accepted back (an ARM resource id is far shorter). */
const MAX_ACCOUNT_KEY_LENGTH = 1024;

/** What the webview keeps with setState. */
export function poolPatchRevival(accountKey: string, poolId: string): PoolPatchRevival {
  return { accountKey, poolId };
}

/**
 * The account key and pool id the saved state names, when both are usable (the pool id passes requireIdentifier);
 * undefined otherwise. Also reads the older form `{ account: { key }, poolId }`, keeping only the key.
 */
export function poolPatchRevivalOf(value: unknown): PoolPatchRevival | undefined {
  if (!isJsonObject(value)) {
    return undefined;
  }
  const account = value['account'];
  const accountKey = typeof value['accountKey'] === 'string' ? value['accountKey'] : isJsonObject(account) ? account['key'] : undefined;
  if (typeof accountKey !== 'string' || accountKey === '' || accountKey.length > MAX_ACCOUNT_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(accountKey)) {
    return undefined;
  }
  try {
    return { accountKey, poolId: requireIdentifier(value['poolId'], 'pool id') };
  } catch {
    return undefined;
  }
}
