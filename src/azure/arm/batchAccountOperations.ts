import * as l10n from '../../utils/l10n';
import { iterateItems } from '../http/paging';
import { parseResourceId } from './armResource';
import { seg, type ArmCallOptions, type ArmContext } from './armContext';
import type { BatchAccount, BatchAccountKeys } from './batchAccountModels';

/** Microsoft.Batch accounts (API azureBatch.apiVersion.batchManagement). */
export class BatchAccountOperations {
  constructor(private readonly ctx: ArmContext) {}

  private path(subscriptionId: string, resourceGroup: string, accountName: string): string {
    return `subscriptions/${seg(subscriptionId, l10n.t('Subscription id'))}/resourceGroups/${seg(resourceGroup, l10n.t('Resource group name'))}/providers/Microsoft.Batch/batchAccounts/${seg(accountName, l10n.t('Batch account name'))}`;
  }

  /** Every Batch account of the subscription (all pages). */
  async list(subscriptionId: string, options: ArmCallOptions = {}): Promise<BatchAccount[]> {
    const request = this.ctx.request({
      method: 'GET',
      path: `subscriptions/${seg(subscriptionId, l10n.t('Subscription id'))}/providers/Microsoft.Batch/batchAccounts`,
      apiVersion: this.ctx.apiVersions.batchManagement,
      operation: `List Batch accounts of subscription ${subscriptionId}`,
      subscriptionId,
      options,
    });
    const result: BatchAccount[] = [];
    for await (const account of iterateItems<BatchAccount>(this.ctx.http, request)) {
      result.push(account);
    }
    return result;
  }

  async get(subscriptionId: string, resourceGroup: string, accountName: string, options: ArmCallOptions = {}): Promise<BatchAccount> {
    const response = await this.ctx.http.send<BatchAccount>(
      this.ctx.request({
        method: 'GET',
        path: this.path(subscriptionId, resourceGroup, accountName),
        apiVersion: this.ctx.apiVersions.batchManagement,
        operation: `Get Batch account ${accountName}`,
        subscriptionId,
        options,
      }),
    );
    return response.body;
  }

  /** Same as get(), from a resource id. */
  async getById(resourceId: string, options: ArmCallOptions = {}): Promise<BatchAccount> {
    const { subscriptionId, resourceGroup, name } = parseResourceId(resourceId);
    return this.get(subscriptionId, resourceGroup, name, options);
  }

  /** The account's shared keys (POST listKeys; a read, so it is retried like a GET). Never log the result. */
  async listKeys(subscriptionId: string, resourceGroup: string, accountName: string, options: ArmCallOptions = {}): Promise<BatchAccountKeys> {
    const response = await this.ctx.http.send<BatchAccountKeys>(
      this.ctx.request({
        method: 'POST',
        path: `${this.path(subscriptionId, resourceGroup, accountName)}/listKeys`,
        apiVersion: this.ctx.apiVersions.batchManagement,
        operation: `Get the keys of Batch account ${accountName}`,
        subscriptionId,
        idempotent: true,
        options,
      }),
    );
    return response.body;
  }
}
