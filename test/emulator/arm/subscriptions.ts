/** Microsoft.Resources: GET /subscriptions, /subscriptions/{id}, /subscriptions/{id}/resourcegroups, /tenants. */
import type { Env } from '../env';
import type { Reply } from '../http';
import { jsonReply } from '../http';
import type { EmulatorState, SubscriptionRecord } from '../state';
import { TEST_IDENTITY } from '../tokens';
import { cloudError } from './errors';

function subscriptionJson(s: SubscriptionRecord, tenantId: string): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

export function findSubscription(env: Env, id: string): SubscriptionRecord | undefined {
  return env.state.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase());
}

export function subscriptionNotFound(id: string): Reply {
  return cloudError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
}

export function listSubscriptions(env: Env): Reply {
  const value = env.state.subscriptions.map((s) => subscriptionJson(s, env.state.tenantId));
  return jsonReply(200, { value, count: { type: 'Total', value: value.length } });
}

export function getSubscription(env: Env, id: string): Reply {
  const s = findSubscription(env, id);
  return s ? jsonReply(200, subscriptionJson(s, env.state.tenantId)) : subscriptionNotFound(id);
}

export function listResourceGroups(env: Env, id: string): Reply {
  const s = findSubscription(env, id);
  if (!s) { return subscriptionNotFound(id); }
  const location = (rg: string) =>
    [...env.state.accounts.values()].find((a) => a.subscriptionId === s.subscriptionId && a.resourceGroup === rg)?.location ??
    env.state.galleries.find((g) => g.subscriptionId === s.subscriptionId && g.resourceGroup === rg)?.location ??
    'westeurope';
  return jsonReply(200, {
    value: s.resourceGroups.map((rg) => ({
      id: `/subscriptions/${s.subscriptionId}/resourceGroups/${rg}`,
      name: rg,
      type: 'Microsoft.Resources/resourceGroups',
      location: location(rg),
      properties: { provisioningState: 'Succeeded' },
    })),
  });
}

export function listTenants(env: Env): Reply {
  return jsonReply(200, {
    value: [
      {
        id: `/tenants/${env.state.tenantId}`,
        tenantId: env.state.tenantId,
        countryCode: 'NL',
        displayName: 'Contoso (emulator)',
        domains: [TEST_IDENTITY.tenantDomain],
        tenantCategory: 'Home',
        defaultDomain: TEST_IDENTITY.tenantDomain,
        tenantType: 'AAD',
      },
    ],
  });
}

/** Adds `count` subscriptions without resource groups ("Extra Subscription 002", ...); returns all subscriptions. */
export function addEmptySubscriptions(state: EmulatorState, count: number): { subscriptionId: string; displayName: string }[] {
  const start = state.subscriptions.length;
  for (let n = start; n < start + count; n++) {
    state.subscriptions.push({
      subscriptionId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      displayName: `Extra Subscription ${String(n).padStart(3, '0')}`,
      state: 'Enabled',
      resourceGroups: [],
    });
  }
  return state.subscriptions.map((s) => ({ subscriptionId: s.subscriptionId, displayName: s.displayName }));
}
