import type { TokenCredential } from '@azure/core-auth';
import { resolveApiVersions, type ApiVersions } from './apiVersions';
import { ArmClient } from './arm/armClient';
import type { AuthenticationMethod } from './auth/authenticationMethods';
import { BatchHostPolicy, HostCheckedAuthorizer, type ConfirmBatchHost } from './auth/batchHostGuard';
import { BearerTokenAuthorizer } from './auth/bearerTokenAuthorizer';
import { armScope, batchScope, resolveCloud, type AzureCloud, type AzureCloudName, type CustomCloudSettings } from './auth/clouds';
import type { RequestAuthorizer } from './auth/requestAuthorizer';
import { SharedKeyAuthorizer, type SharedKeyProvider } from './auth/sharedKeyAuthorizer';
import { BatchAccountClient } from './batch/batchAccountClient';
import type { AzureLogger } from './core/logger';
import { AzureHttpClient } from './http/azureHttpClient';
import type { ThrottleInfo } from './http/requestTypes';
import type { RetryOptions } from './http/retryPolicy';
import type { ProxyOptions, TransportOptions } from './http/sharedTransport';
import { clampHttpSettings, type HttpSettings } from './httpSettings';

/** The extension's settings that shape the Azure clients (VS Code-free; azureClients.ts reads them). */
export interface AzureSettings {
  cloud: AzureCloudName;
  customCloud?: CustomCloudSettings;
  authentication: {
    method: AuthenticationMethod;
    /** azureBatch.authentication.tenant */
    tenantId?: string;
    managedIdentityClientId?: string;
  };
  /** azureBatch.http.*; clamped to their documented ranges where the clients read them (clampHttpSettings). */
  http: HttpSettings;
  apiVersions?: Partial<ApiVersions>;
  proxy?: ProxyOptions;
  /** Extra trusted CA (PEM), e.g. the emulator's certificate. */
  ca?: string;
}

export function transportOptionsFrom(settings: AzureSettings): TransportOptions {
  const http = clampHttpSettings(settings.http).settings;
  return {
    connectTimeoutMs: Math.round(http.connectTimeoutSeconds * 1000),
    headersTimeoutMs: Math.round(http.headersTimeoutSeconds * 1000),
    bodyTimeoutMs: Math.round(http.bodyTimeoutSeconds * 1000),
    proxy: settings.proxy,
    ca: settings.ca,
  };
}

export function retryOptionsFrom(settings: AzureSettings): RetryOptions {
  const http = clampHttpSettings(settings.http).settings;
  return { maxRetries: http.maxRetries, maxRetryDelayMs: Math.round(http.maxRetryDelaySeconds * 1000) };
}

/** The response-size cap and the overall per-request limit, from azureBatch.http.* (clamped). */
export function requestLimitsFrom(settings: AzureSettings): { maxResponseBytes: number; requestTimeoutMs: number } {
  const http = clampHttpSettings(settings.http).settings;
  return { maxResponseBytes: http.maxResponseMegabytes * 1024 * 1024, requestTimeoutMs: Math.round(http.requestTimeoutSeconds * 1000) };
}

export interface AzureClientsOptions {
  settings: AzureSettings;
  credential: TokenCredential;
  userAgent: string;
  logger?: AzureLogger;
  onThrottled?: (info: ThrottleInfo) => void;
  /** Tests: override the retry backoff base etc. */
  retry?: RetryOptions;
  /**
   * Asked before an Entra ID token for Batch goes to a host outside the cloud's Batch domains and loopback (see
   * BatchHostPolicy). Without it such requests are refused with UntrustedHostError.
   */
  confirmBatchHost?: ConfirmBatchHost;
  /** Tests: the clock cached tokens' expiry is checked against (default Date.now), e.g. a fake clock. */
  now?: () => number;
}

/** An attached Batch account used with Entra ID. */
export interface BatchAccountEndpoint {
  /** Account URL ("https://" + accountEndpoint). */
  url: string;
  /** Tenant of the account's subscription, when known. */
  tenantId?: string;
}

/**
 * Everything the tree and commands need, built from settings and a credential:
 * the shared HTTP client, the ARM client, and Batch account clients (Entra ID or shared key).
 */
export class AzureClients {
  readonly cloud: AzureCloud;
  readonly apiVersions: ApiVersions;
  readonly http: AzureHttpClient;
  readonly arm: ArmClient;
  private readonly authorizers = new Map<string, RequestAuthorizer>();
  private readonly batchHosts: BatchHostPolicy;

  constructor(private readonly options: AzureClientsOptions) {
    const { settings } = options;
    this.cloud = resolveCloud(settings.cloud, settings.customCloud);
    this.apiVersions = resolveApiVersions(settings.apiVersions);
    for (const adjusted of clampHttpSettings(settings.http).adjustments) {
      options.logger?.warn(`${adjusted.setting} = ${String(adjusted.given)} is outside its documented range; using ${adjusted.used}`);
    }
    this.http = new AzureHttpClient({
      userAgent: options.userAgent,
      logger: options.logger,
      transport: transportOptionsFrom(settings),
      retry: { ...retryOptionsFrom(settings), ...options.retry },
      ...requestLimitsFrom(settings),
      onThrottled: options.onThrottled,
    });
    this.batchHosts = new BatchHostPolicy(this.cloud, options.confirmBatchHost);
    this.arm = new ArmClient(this.http, {
      endpoint: this.cloud.resourceManagerEndpoint,
      apiVersions: this.apiVersions,
      authorizerForTenant: (tenantId) => this.bearer(armScope(this.cloud), tenantId),
    });
  }

  get credential(): TokenCredential {
    return this.options.credential;
  }

  /**
   * A Batch account authenticated with Entra ID (Batch scope, subscription tenant when known). The token goes only to
   * the cloud's Batch domains and loopback, or to a host the user approved (confirmBatchHost). Throws
   * InvalidAccountUrlError for a URL with user info, plain http to another computer, a query or dot segments.
   */
  batchAccount(account: BatchAccountEndpoint): BatchAccountClient {
    return new BatchAccountClient(this.http, {
      url: account.url,
      authorizer: new HostCheckedAuthorizer(this.bearer(batchScope(this.cloud), account.tenantId), this.batchHosts),
      apiVersion: this.apiVersions.batch,
    });
  }

  /** A Batch account authenticated with its shared key (attached accounts, AZURE_BATCH_* environment); same URL checks. */
  batchAccountWithSharedKey(account: { name: string; url: string }, keyProvider: SharedKeyProvider): BatchAccountClient {
    return new BatchAccountClient(this.http, {
      url: account.url,
      authorizer: new SharedKeyAuthorizer(account.name, keyProvider),
      apiVersion: this.apiVersions.batch,
    });
  }

  private bearer(scope: string, tenantId: string | undefined): RequestAuthorizer {
    const tenant = tenantId || this.options.settings.authentication.tenantId || undefined;
    const key = `${scope}|${tenant ?? ''}`;
    let authorizer = this.authorizers.get(key);
    if (!authorizer) {
      authorizer = new BearerTokenAuthorizer(this.options.credential, scope, { tenantId: tenant, now: this.options.now });
      this.authorizers.set(key, authorizer);
    }
    return authorizer;
  }

  /**
   * Whether the configured credential yields an ARM token now, without prompting
   * (false when a VS Code sign-in is needed or the method is unavailable).
   */
  async isSignedIn(tenantId?: string): Promise<boolean> {
    try {
      const token = await this.options.credential.getToken(armScope(this.cloud), {
        tenantId: tenantId || this.options.settings.authentication.tenantId || undefined,
      });
      return !!token;
    } catch (error) {
      this.options.logger?.info(`Not signed in: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** Drops cached tokens (after sign-in/out or an account change). */
  clearTokenCache(): void {
    this.authorizers.clear();
  }
}
