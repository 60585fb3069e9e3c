import * as l10n from '../../utils/l10n';
import { parseResourceId } from './armResource';
import { resourcePath, type ArmCallOptions, type ArmContext } from './armContext';
import type { BatchAccount, BatchAccountKeys } from './batchAccountModels';

const BATCH_ACCOUNTS = 'Microsoft.Batch/batchAccounts';

/** Microsoft.Batch accounts (API azureBatch.apiVersion.batchManagement). */
export class BatchAccountOperations {
  constructor(private readonly ctx: ArmContext) {}

  private path(subscriptionId: string, resourceGroup: string, accountName: string): string {
    return resourcePath(subscriptionId, resourceGroup, BATCH_ACCOUNTS, accountName, l10n.t('Batch account name'));
  }

  /** Every Batch account of the subscription (all pages). */
  async list(subscriptionId: string, options: ArmCallOptions = {}): Promise<BatchAccount[]> {
    return this.ctx.listInSubscription<BatchAccount>(subscriptionId, BATCH_ACCOUNTS, this.ctx.apiVersions.batchManagement, 'Batch accounts', options);
  }

  async get(subscriptionId: string, resourceGroup: string, accountName: string, options: ArmCallOptions = {}): Promise<BatchAccount> {
    return this.ctx.getResource<BatchAccount>(subscriptionId, resourceGroup, BATCH_ACCOUNTS, accountName, this.ctx.apiVersions.batchManagement, 'Batch account', options);
  }

  /** Same as get(), from a resource id. */
  async getById(resourceId: string, options: ArmCallOptions = {}): Promise<BatchAccount> {
    const { subscriptionId, resourceGroup, name } = parseResourceId(resourceId);
    return this.get(subscriptionId, resourceGroup, name, options);
  }

  /** The account's shared keys (POST listKeys; a read, so it is retried like a GET). Never log the result. */
  async listKeys(subscriptionId: string, resourceGroup: string, accountName: string, options: ArmCallOptions = {}): Promise<BatchAccountKeys> {
    return this.ctx.body<BatchAccountKeys>({
      method: 'POST',
      path: `${this.path(subscriptionId, resourceGroup, accountName)}/listKeys`,
      apiVersion: this.ctx.apiVersions.batchManagement,
      operation: `Get the keys of Batch account ${accountName}`,
      subscriptionId,
      idempotent: true,
      options,
    });
  }
}
