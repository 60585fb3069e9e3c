import type { TrackedResource } from './armResource';

/**
 * Microsoft.Batch account (management API 2025-06-01). The BatchManagement OpenAPI file is not in
 * the copied specs; these fields follow its examples (BatchAccountGet/List/GetKeys.json).
 */
export interface BatchAccountProperties {
  /** Data-plane endpoint without scheme, e.g. "sampleacct.japaneast.batch.azure.com". */
  accountEndpoint?: string;
  provisioningState?: 'Invalid' | 'Creating' | 'Deleting' | 'Succeeded' | 'Failed' | 'Cancelled';
  poolAllocationMode?: 'BatchService' | 'UserSubscription';
  publicNetworkAccess?: 'Enabled' | 'Disabled' | 'SecuredByPerimeter';
  autoStorage?: { storageAccountId?: string; lastKeySync?: string; authenticationMode?: string };
  dedicatedCoreQuota?: number;
  lowPriorityCoreQuota?: number;
  poolQuota?: number;
  activeJobAndJobScheduleQuota?: number;
  /** e.g. ["SharedKey", "AAD", "TaskAuthenticationToken"] */
  allowedAuthenticationModes?: string[];
}

export interface BatchAccount extends TrackedResource {
  identity?: { type?: string; principalId?: string; tenantId?: string };
  properties?: BatchAccountProperties;
}

export interface BatchAccountKeys {
  accountName?: string;
  /** Base64 key. Secret: never log it. */
  primary?: string;
  /** Base64 key. Secret: never log it. */
  secondary?: string;
}

/** "https://" + accountEndpoint, or undefined while the account has none. */
export function batchAccountUrl(account: BatchAccount): string | undefined {
  const endpoint = account.properties?.accountEndpoint;
  if (!endpoint) {
    return undefined;
  }
  return (/^https?:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).replace(/\/+$/, '');
}
