/** Microsoft.Batch/batchAccounts: list (subscription / resource group), get, listKeys (shapes per the 2025-06-01 examples). */
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { jsonReply } from '../http';
import type { BatchAccountRecord } from '../state';
import { resourceNotFound } from './errors';
import { armPage } from './paging';

export function accountEndpoint(env: Env, account: BatchAccountRecord): string {
  return `${env.baseUrl.replace(/^https:\/\//, '')}batch/${account.name}`;
}

export function accountId(a: BatchAccountRecord): string {
  return `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.Batch/batchAccounts/${a.name}`;
}

function accountJson(env: Env, a: BatchAccountRecord): Record<string, unknown> {
  return {
    name: a.name,
    type: 'Microsoft.Batch/batchAccounts',
    id: accountId(a),
    identity: { type: 'None' },
    location: a.location,
    ...(a.tags ? { tags: a.tags } : {}),
    properties: {
      accountEndpoint: accountEndpoint(env, a),
      nodeManagementEndpoint: `${a.name}.nodemgmt.emulator.invalid`,
      activeJobAndJobScheduleQuota: a.activeJobAndJobScheduleQuota,
      autoStorage: {
        lastKeySync: '2025-03-01T09:12:44.1234567Z',
        storageAccountId: `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${a.name}stor`,
        authenticationMode: 'StorageKeys',
      },
      dedicatedCoreQuota: a.dedicatedCoreQuota,
      lowPriorityCoreQuota: a.lowPriorityCoreQuota,
      dedicatedCoreQuotaPerVMFamilyEnforced: false,
      poolAllocationMode: a.poolAllocationMode,
      poolQuota: a.poolQuota,
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Enabled',
      allowedAuthenticationModes: ['SharedKey', 'AAD', 'TaskAuthenticationToken'],
    },
  };
}

function accountsIn(env: Env, subscriptionId: string, resourceGroup?: string): BatchAccountRecord[] {
  return [...env.state.accounts.values()].filter(
    (a) => a.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() && (resourceGroup === undefined || a.resourceGroup.toLowerCase() === resourceGroup.toLowerCase()),
  );
}

export function findAccount(env: Env, subscriptionId: string, resourceGroup: string, name: string): BatchAccountRecord | undefined {
  return accountsIn(env, subscriptionId, resourceGroup).find((a) => a.name.toLowerCase() === name.toLowerCase());
}

export function listAccounts(ctx: Ctx, env: Env, subscriptionId: string, resourceGroup?: string): Reply {
  const page = armPage(ctx, accountsIn(env, subscriptionId, resourceGroup).map((a) => accountJson(env, a)), env.options.armPageSize);
  return 'status' in page ? page : jsonReply(200, page);
}

export function getAccount(env: Env, subscriptionId: string, resourceGroup: string, name: string): Reply {
  const a = findAccount(env, subscriptionId, resourceGroup, name);
  return a ? jsonReply(200, accountJson(env, a)) : resourceNotFound('Microsoft.Batch/batchAccounts', name, resourceGroup);
}

export function listKeys(env: Env, subscriptionId: string, resourceGroup: string, name: string): Reply {
  const a = findAccount(env, subscriptionId, resourceGroup, name);
  if (!a) { return resourceNotFound('Microsoft.Batch/batchAccounts', name, resourceGroup); }
  return jsonReply(200, { accountName: a.name, primary: a.primaryKey, secondary: a.secondaryKey });
}
