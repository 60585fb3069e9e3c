import type * as vscode from 'vscode';
import { parseResourceId } from '../azure/arm/armResource';
import type { AzureSession } from '../session/azureSession';
import type { AttachedAccounts } from '../session/attachedAccounts';
import type { BatchAccountApi, BatchAccountInfo, GalleryInfo, SubscriptionInfo, TreeBackend } from './backend';

const list = (select: string | undefined) => select?.split(',').map((s) => s.trim()).filter(Boolean);

/** The tree's view of Azure, on the shared client (src/azure) and the session's credential. */
export class AzureBackend implements TreeBackend {
  constructor(private readonly session: AzureSession, private readonly attached: AttachedAccounts) {}

  isSignedIn(): Promise<boolean> {
    return this.session.isSignedIn();
  }

  async listSubscriptions(token?: vscode.CancellationToken): Promise<SubscriptionInfo[]> {
    const { arm } = await this.session.clients();
    const subscriptions = await arm.subscriptions.list({ cancellationToken: token });
    return subscriptions
      .filter((s) => s.state === undefined || s.state === 'Enabled' || s.state === 'Warned' || s.state === 'PastDue')
      .map((s) => {
        if (s.tenantId) {
          arm.rememberSubscriptionTenant(s.subscriptionId, s.tenantId);
        }
        return { subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId, tenantId: s.tenantId };
      });
  }

  async listBatchAccounts(subscription: SubscriptionInfo, token?: vscode.CancellationToken): Promise<BatchAccountInfo[]> {
    const { arm } = await this.session.clients();
    const accounts = await arm.batchAccounts.list(subscription.subscriptionId, { cancellationToken: token });
    return accounts
      .filter((a) => a.properties?.accountEndpoint)
      .map((a) => ({
        key: a.id ?? `${subscription.subscriptionId}/${a.name}`,
        name: a.name ?? '?',
        // ARM gives the endpoint without a scheme; the data plane is HTTPS.
        url: `https://${a.properties!.accountEndpoint!.replace(/^https?:\/\//, '').replace(/\/+$/, '')}`,
        source: 'arm' as const,
        armId: a.id,
        subscriptionId: subscription.subscriptionId,
        location: a.location,
        auth: 'entraId' as const,
      }));
  }

  async listGalleries(subscription: SubscriptionInfo, token?: vscode.CancellationToken): Promise<GalleryInfo[]> {
    const { arm } = await this.session.clients();
    const galleries = await arm.galleries.listGalleries(subscription.subscriptionId, { cancellationToken: token });
    return galleries.map((g) => {
      const id = g.id ?? '';
      const parsed = parseResourceId(id);
      return {
        id,
        name: g.name ?? parsed.name,
        location: g.location ?? '',
        subscriptionId: subscription.subscriptionId,
        resourceGroup: parsed.resourceGroup ?? '',
        description: g.properties?.description,
      };
    });
  }

  async listImageDefinitions(gallery: GalleryInfo, token?: vscode.CancellationToken) {
    const { arm } = await this.session.clients();
    return arm.galleries.listImages(gallery.subscriptionId, gallery.resourceGroup, gallery.name, { cancellationToken: token });
  }

  async listAttachedAccounts(): Promise<BatchAccountInfo[]> {
    return this.attached.list();
  }

  batch(account: BatchAccountInfo): BatchAccountApi {
    const client = () => this.session.batchClient(account);
    return {
      listPools: async (token) => (await client()).listPools({ cancellationToken: token }),
      getPool: async (poolId, token) => {
        const result = await (await client()).getPool(poolId, { cancellationToken: token });
        return { pool: result.value, etag: result.etag };
      },
      listNodeCounts: async (token) => (await client()).listPoolNodeCounts({ cancellationToken: token }),
      listNodes: async (poolId, request, token) => {
        const page = await (await client()).listNodesPage(poolId, {
          filter: request.filter,
          select: list(request.select),
          maxResults: request.maxResults,
          nextLink: request.nextLink,
          cancellationToken: token,
        });
        return { nodes: page.items, nextLink: page.nextLink };
      },
      getNode: async (poolId, nodeId, select, token, signal) =>
        (await client()).getNode(poolId, nodeId, { select: list(select), cancellationToken: token, abortSignal: signal }),
      reimageNode: async (poolId, nodeId, option, signal) => {
        await (await client()).reimageNode(poolId, nodeId, option, { abortSignal: signal, maxRetries: 0 });
      },
      patchPool: async (poolId, update, conditions) => (await client()).patchPool(poolId, update, { ifMatch: conditions.ifMatch }),
    };
  }

  async getArmResource(id: string, kind: 'batchAccount' | 'gallery' | 'imageDefinition', token?: vscode.CancellationToken): Promise<unknown> {
    const { arm, apiVersions } = await this.session.clients();
    const apiVersion = kind === 'batchAccount' ? apiVersions.batchManagement : apiVersions.compute;
    return (await arm.getResourceById(id, apiVersion, { cancellationToken: token })).resource;
  }
}
