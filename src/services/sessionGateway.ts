import type * as vscode from 'vscode';
import { parseResourceId } from '../azure/arm/armResource';
import type { AttachedAccounts } from './attachedAccounts';
import type { ArmResourceKind, AzureGateway, BatchAccountApi, BatchAccountInfo, GalleryImagesApi, GalleryInfo, SubscriptionInfo } from './azureGateway';
import type { AzureSession } from './azureSession';
import { batchAccountApi } from './batchAccountApi';
import { galleryImagesApi } from './galleryImagesApi';

/** The gateway to Azure on the shared client (src/azure), the session's credential and the attached accounts. */
export class SessionGateway implements AzureGateway {
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

  listImageDefinitions(gallery: GalleryInfo, token?: vscode.CancellationToken) {
    return this.galleryImages(gallery).list(token);
  }

  async listAttachedAccounts(): Promise<BatchAccountInfo[]> {
    return this.attached.list();
  }

  async getArmResource(id: string, kind: ArmResourceKind, token?: vscode.CancellationToken): Promise<unknown> {
    const { arm, apiVersions } = await this.session.clients();
    const apiVersion = kind === 'batchAccount' ? apiVersions.batchManagement : apiVersions.compute;
    return (await arm.getResourceById(id, apiVersion, { cancellationToken: token })).resource;
  }

  batch(account: BatchAccountInfo): BatchAccountApi {
    return batchAccountApi(() => this.session.batchClient(account));
  }

  galleryImages(gallery: GalleryInfo): GalleryImagesApi {
    return galleryImagesApi(gallery, () => this.session.clients());
  }
}
