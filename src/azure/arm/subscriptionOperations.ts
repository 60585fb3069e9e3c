import type { ArmCallOptions, ArmContext } from './armContext';
import type { Subscription } from './subscriptionModels';

/** Microsoft.Resources subscriptions (API azureBatch.apiVersion.resources). */
export class SubscriptionOperations {
  constructor(private readonly ctx: ArmContext) {}

  /** All subscriptions the identity can see in the tenant; remembers each one's tenant for later calls. */
  async list(options: ArmCallOptions = {}): Promise<Subscription[]> {
    return this.ctx.listAll<Subscription>(
      { method: 'GET', path: 'subscriptions', apiVersion: this.ctx.apiVersions.resources, operation: 'List subscriptions', options },
      (subscription) => this.ctx.rememberTenant(subscription.subscriptionId, subscription.tenantId),
    );
  }
}
