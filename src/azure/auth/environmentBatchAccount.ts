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

export function normalizeBatchAccountUrl(endpoint: string): string {
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
  return { name, url: normalizeBatchAccountUrl(endpoint), key };
}
