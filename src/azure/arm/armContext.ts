import * as l10n from '../../utils/l10n';
import type { ApiVersions } from '../apiVersions';
import { assertNoDotSegments, encodePathSegment } from '../core/identifiers';
import type { RequestAuthorizer } from '../auth/requestAuthorizer';
import type { CancellationOptions } from '../core/cancellation';
import type { AzureHttpClient } from '../http/azureHttpClient';
import { originOf } from '../http/loopback';
import { iterateItems } from '../http/paging';
import type { AzureRequest, HttpMethod, QueryValue } from '../http/requestTypes';

/** Options every ARM operation takes. */
export interface ArmCallOptions extends CancellationOptions {
  /** Tenant to authenticate against; default: the subscription's tenant when known, else the configured one. */
  tenantId?: string;
}

/** What an ARM request is made of (see `ArmContext.request`). */
export interface ArmRequestInit {
  method: HttpMethod;
  path: string;
  apiVersion: string;
  operation: string;
  subscriptionId?: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string | undefined>;
  body?: unknown;
  idempotent?: boolean;
  options?: ArmCallOptions;
}

/** What the ARM operation groups share. */
export class ArmContext {
  /** Subscription id (lower-case) -> tenant id, learned from listing subscriptions. */
  private readonly subscriptionTenants = new Map<string, string>();
  /** Resource manager endpoint with trailing slash. */
  readonly endpoint: string;

  constructor(
    readonly http: AzureHttpClient,
    endpoint: string,
    readonly apiVersions: ApiVersions,
    private readonly authorizerForTenant: (tenantId: string | undefined) => RequestAuthorizer,
  ) {
    this.endpoint = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  }

  rememberTenant(subscriptionId: string, tenantId: string | undefined): void {
    if (tenantId) {
      this.subscriptionTenants.set(subscriptionId.toLowerCase(), tenantId);
    }
  }

  tenantOf(subscriptionId: string | undefined): string | undefined {
    return subscriptionId ? this.subscriptionTenants.get(subscriptionId.toLowerCase()) : undefined;
  }

  /** An ARM request for `path` (relative to the endpoint, segments already encoded). */
  request(init: ArmRequestInit): AzureRequest {
    const tenantId = init.options?.tenantId ?? this.tenantOf(init.subscriptionId);
    assertNoDotSegments(init.path, l10n.t('Request path'));
    return {
      method: init.method,
      url: new URL(init.path.replace(/^\/+/, ''), this.endpoint).href,
      apiVersion: init.apiVersion,
      query: init.query,
      headers: init.headers,
      body: init.body,
      dialect: 'arm',
      authorizer: this.authorizerForTenant(tenantId),
      operation: init.operation,
      idempotent: init.idempotent,
      cancellationToken: init.options?.cancellationToken,
      abortSignal: init.options?.abortSignal,
    };
  }

  /** The response body of one request (a GET, or a POST that only reads). */
  async body<T>(init: ArmRequestInit): Promise<T> {
    return (await this.http.send<T>(this.request(init))).body;
  }

  /** Every item of a list, following next links to the last page; `each` sees each item as it comes. */
  async listAll<T>(init: ArmRequestInit, each?: (item: T) => void): Promise<T[]> {
    const items: T[] = [];
    for await (const item of iterateItems<T>(this.http, this.request(init))) {
      each?.(item);
      items.push(item);
    }
    return items;
  }

  /** Every resource of one type in a subscription (all pages), e.g. 'Microsoft.Batch/batchAccounts'. */
  listInSubscription<T>(subscriptionId: string, resourceType: string, apiVersion: string, what: string, options: ArmCallOptions): Promise<T[]> {
    return this.listAll<T>({
      method: 'GET',
      path: `subscriptions/${seg(subscriptionId, l10n.t('Subscription id'))}/providers/${resourceType}`,
      apiVersion,
      operation: `List ${what} of subscription ${subscriptionId}`,
      subscriptionId,
      options,
    });
  }

  /** One resource by resource group, type and name, e.g. ('Microsoft.Compute/galleries', name, …, 'gallery'). */
  getResource<T>(subscriptionId: string, resourceGroup: string, resourceType: string, name: string, apiVersion: string, what: string, options: ArmCallOptions): Promise<T> {
    return this.body<T>({
      method: 'GET',
      path: resourcePath(subscriptionId, resourceGroup, resourceType, name),
      apiVersion,
      operation: `Get ${what} ${name}`,
      subscriptionId,
      options,
    });
  }

  /** The endpoint's origin, which every next link must keep. */
  get origin(): string {
    return originOf(this.endpoint);
  }
}

/**
 * Encodes one path segment (subscription, resource group, gallery or image names); refuses "." / ".." (in any
 * spelling) and characters Azure names never contain, with InvalidIdentifierError naming `what`.
 */
export const seg = (value: string, what: string = l10n.t('Name')): string => encodePathSegment(value, what);

/** The path of one resource, e.g. resourcePath(sub, rg, 'Microsoft.Compute/galleries', name, l10n.t('Gallery name')). */
export const resourcePath = (subscriptionId: string, resourceGroup: string, resourceType: string, name: string, what?: string): string =>
  `subscriptions/${seg(subscriptionId, l10n.t('Subscription id'))}/resourceGroups/${seg(resourceGroup, l10n.t('Resource group name'))}/providers/${resourceType}/${seg(name, what)}`;
