import type { ApiVersions } from '../apiVersions';
import type { RequestAuthorizer } from '../auth/requestAuthorizer';
import type { AzureHttpClient } from '../http/azureHttpClient';
import * as l10n from '../../utils/l10n';
import { encodePathSegment, InvalidIdentifierError } from '../core/identifiers';
import { parseResourceId } from './armResource';
import { ArmContext, type ArmCallOptions } from './armContext';
import { BatchAccountOperations } from './batchAccountOperations';
import { GalleryOperations } from './galleryOperations';
import { SubscriptionOperations } from './subscriptionOperations';

export interface ArmClientOptions {
  /** Resource manager endpoint of the cloud, e.g. "https://management.azure.com/". */
  endpoint: string;
  apiVersions: ApiVersions;
  /** Bearer authorizer for the ARM scope in a tenant (undefined = the configured/default tenant). */
  authorizerForTenant: (tenantId: string | undefined) => RequestAuthorizer;
}

/** Typed Azure Resource Manager operations: subscriptions, Batch accounts, galleries and image definitions. */
export class ArmClient {
  readonly subscriptions: SubscriptionOperations;
  readonly batchAccounts: BatchAccountOperations;
  readonly galleries: GalleryOperations;
  private readonly ctx: ArmContext;

  constructor(http: AzureHttpClient, options: ArmClientOptions) {
    this.ctx = new ArmContext(http, options.endpoint, options.apiVersions, options.authorizerForTenant);
    this.subscriptions = new SubscriptionOperations(this.ctx);
    this.batchAccounts = new BatchAccountOperations(this.ctx);
    this.galleries = new GalleryOperations(this.ctx);
  }

  /** Tells the client which tenant a subscription belongs to (when known from elsewhere). */
  rememberSubscriptionTenant(subscriptionId: string, tenantId: string): void {
    this.ctx.rememberTenant(subscriptionId, tenantId);
  }

  tenantOfSubscription(subscriptionId: string): string | undefined {
    return this.ctx.tenantOf(subscriptionId);
  }

  /**
   * GET any ARM resource by id (e.g. "View Properties"), with the given API version
   * (use `apiVersions.batchManagement` for Batch accounts, `apiVersions.compute` for galleries/images).
   */
  async getResourceById<T = unknown>(resourceId: string, apiVersion: string, options: ArmCallOptions = {}): Promise<{ resource: T; etag?: string }> {
    const { subscriptionId, name } = parseResourceId(resourceId);
    const response = await this.ctx.http.send<T>(
      this.ctx.request({
        method: 'GET',
        path: resourceIdPath(resourceId),
        apiVersion,
        operation: `Get ${name}`,
        subscriptionId,
        options,
      }),
    );
    return { resource: response.body, etag: response.etag };
  }

  get apiVersions(): ApiVersions {
    return this.ctx.apiVersions;
  }
}

/** The request path of a resource id: every segment decoded once, checked (no "." / ".." / "/" smuggled in), re-encoded. */
function resourceIdPath(resourceId: string): string {
  const what = l10n.t('Resource id');
  return resourceId
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((part) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(part);
      } catch {
        throw new InvalidIdentifierError(what, l10n.t('it contains a malformed percent-encoding'), resourceId);
      }
      return encodePathSegment(decoded, what);
    })
    .join('/');
}
