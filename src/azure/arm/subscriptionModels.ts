/** Microsoft.Resources subscription (API 2022-12-01, GET /subscriptions). */
export interface Subscription {
  /** "/subscriptions/{id}" */
  id?: string;
  subscriptionId: string;
  displayName?: string;
  tenantId?: string;
  state?: 'Enabled' | 'Warned' | 'PastDue' | 'Disabled' | 'Deleted';
  authorizationSource?: string;
  managedByTenants?: Array<{ tenantId?: string }>;
  tags?: Record<string, string>;
}
