import type { AzureGateway, BatchAccountInfo } from './azureGateway';

/** The subscription id of an ARM resource id ("/subscriptions/{id}/…"), when `key` is one. */
export function subscriptionOfResourceId(key: string): string | undefined {
  const match = /^\/subscriptions\/([0-9a-f-]{1,64})\//i.exec(key);
  return match?.[1];
}

/**
 * A known account by its key, as the explorer shows it: an attached or environment account (by key), or an ARM
 * account listed again in its subscription. Nothing about the account is taken from the caller except the key.
 */
export async function findKnownAccount(
  key: string,
  attached: { list(): BatchAccountInfo[] },
  gateway: Pick<AzureGateway, 'listBatchAccounts'>,
): Promise<BatchAccountInfo | undefined> {
  const local = attached.list().find((account) => account.key === key);
  if (local) {
    return local;
  }
  const subscriptionId = subscriptionOfResourceId(key);
  if (!subscriptionId) {
    return undefined;
  }
  const listed = await gateway.listBatchAccounts({ subscriptionId, displayName: subscriptionId });
  return listed.find((account) => account.key.toLowerCase() === key.toLowerCase());
}
