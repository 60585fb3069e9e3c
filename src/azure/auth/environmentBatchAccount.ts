import { checkedAccountUrl } from '../http/accountUrl';

/**
 * The Batch account the Azure CLI would use from the environment: when AZURE_BATCH_ENDPOINT,
 * AZURE_BATCH_ACCOUNT and AZURE_BATCH_ACCESS_KEY are all set, the tree shows it as an attached
 * account with shared-key authentication. An endpoint without scheme gets https://.
 */
export interface EnvironmentBatchAccount {
  name: string;
  /** Account URL without trailing slash, e.g. "https://acct.westeurope.batch.azure.com". */
  url: string;
  /** Base64 shared key. Keep it out of logs. */
  key: string;
}

/**
 * An account URL as typed ("Attach Batch Account…"), checked and normalized: https:// added when there is no scheme,
 * no trailing slash. Throws InvalidAccountUrlError for user info ("user:pw@"), plain http to another computer, a
 * query or fragment, or "." / ".." segments.
 */
export function normalizeBatchAccountUrl(endpoint: string): string {
  return checkedAccountUrl(endpoint);
}

/** Like normalizeBatchAccountUrl without the checks: the client refuses a bad URL later, with the same message. */
function plainAccountUrl(endpoint: string): string {
  const trimmed = endpoint.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return withScheme.replace(/\/+$/, '');
}

export function environmentBatchAccount(env: NodeJS.ProcessEnv = process.env): EnvironmentBatchAccount | undefined {
  const endpoint = env.AZURE_BATCH_ENDPOINT?.trim();
  const name = env.AZURE_BATCH_ACCOUNT?.trim();
  const key = env.AZURE_BATCH_ACCESS_KEY?.trim();
  if (!endpoint || !name || !key) {
    return undefined;
  }
  let url: string;
  try {
    url = checkedAccountUrl(endpoint);
  } catch {
    // Still listed, so the tree shows the account and, on use, why its URL is refused.
    url = plainAccountUrl(endpoint);
  }
  return { name, url, key };
}
