import { isLoopbackHost } from '../http/loopback';
/**
 * Azure clouds (setting azureBatch.cloud) and the token scopes derived from them.
 *
 * Scope forms:
 * - ARM: `<resource manager endpoint without trailing slash>/.default`, e.g.
 *   "https://management.azure.com/.default" (accepted by Entra ID for every cloud).
 * - Batch: `<batch resource id>/.default` with the resource id's trailing slash kept, i.e.
 *   "https://batch.core.windows.net//.default" (the form the Batch OpenAPI spec's OAuth2 scope and
 *   the Azure SDKs use). Entra ID strips only the final "/.default", so the requested resource is
 *   "https://batch.core.windows.net/" and the token's `aud` is exactly that. The Batch service
 *   compares `aud` literally "including forward slash": tokens asked for with the single-slash
 *   scope "https://batch.core.windows.net/.default" can come back with aud
 *   "https://batch.core.windows.net" and are then rejected with 401 AuthenticationFailed
 *   ("The access token has been obtained from wrong audience or resource").
 *   Azure CLI / managed identity convert scopes to a resource the same way (strip "/.default"),
 *   so the double-slash form yields the right resource there too.
 */
export type AzureCloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment' | 'custom';

export interface AzureCloud {
  name: AzureCloudName;
  /** With trailing slash, e.g. "https://management.azure.com/". */
  resourceManagerEndpoint: string;
  /** Entra ID authority host with trailing slash, e.g. "https://login.microsoftonline.com/". */
  activeDirectoryEndpoint: string;
  /** Batch audience, trailing slash kept, e.g. "https://batch.core.windows.net/". */
  batchResourceId: string;
  /**
   * DNS suffix of the cloud's Batch account endpoints ("batch.azure.com" for ACCOUNT.REGION.batch.azure.com): an
   * Entra ID token for Batch goes only to hosts under it (and to loopback) unless the user approves another host.
   * Undefined for a custom cloud without azureBatch.customCloud.batchEndpointSuffix.
   */
  batchEndpointSuffix?: string;
  /** Value of VS Code's `microsoft-sovereign-cloud.environment` matching this cloud, if any. */
  vscodeSovereignEnvironment?: 'ChinaCloud' | 'USGovernment' | 'custom';
}

export const AZURE_CLOUDS: Readonly<Record<Exclude<AzureCloudName, 'custom'>, AzureCloud>> = {
  AzureCloud: {
    name: 'AzureCloud',
    resourceManagerEndpoint: 'https://management.azure.com/',
    activeDirectoryEndpoint: 'https://login.microsoftonline.com/',
    batchResourceId: 'https://batch.core.windows.net/',
    batchEndpointSuffix: 'batch.azure.com',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    resourceManagerEndpoint: 'https://management.chinacloudapi.cn/',
    activeDirectoryEndpoint: 'https://login.chinacloudapi.cn/',
    batchResourceId: 'https://batch.chinacloudapi.cn/',
    batchEndpointSuffix: 'batch.chinacloudapi.cn',
    vscodeSovereignEnvironment: 'ChinaCloud',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    resourceManagerEndpoint: 'https://management.usgovcloudapi.net/',
    activeDirectoryEndpoint: 'https://login.microsoftonline.us/',
    batchResourceId: 'https://batch.core.usgovcloudapi.net/',
    batchEndpointSuffix: 'batch.usgovcloudapi.net',
    vscodeSovereignEnvironment: 'USGovernment',
  },
};

/** Authority hosts of the public clouds: MSAL instance discovery works only for these. */
export const KNOWN_AUTHORITY_HOSTS: ReadonlySet<string> = new Set([
  'login.microsoftonline.com',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.microsoftonline.de',
]);

export interface CustomCloudSettings {
  resourceManagerEndpoint?: string;
  activeDirectoryEndpoint?: string;
  batchResourceId?: string;
  /** azureBatch.customCloud.batchEndpointSuffix, e.g. "batch.contoso.example" (a leading "*." or "." is ignored). */
  batchEndpointSuffix?: string;
}

/** Thrown when azureBatch.cloud is "custom" and an endpoint setting is missing or not a URL. */
export class CloudConfigurationError extends Error {
  override readonly name = 'CloudConfigurationError';
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function requireUrl(value: string | undefined, setting: string): string {
  const text = value?.trim();
  if (!text) {
    throw new CloudConfigurationError(`azureBatch.cloud is "custom" but ${setting} is empty: set it to the cloud's URL.`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CloudConfigurationError(`${setting} is not a valid URL: "${text}". Use an https:// URL.`);
  }
  // Endpoints receive secrets (the authority gets a service principal's secret): https only, except on loopback.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new CloudConfigurationError(`${setting} must be an https:// URL (http:// only for loopback): "${text}".`);
  }
  return text;
}

/** A DNS suffix setting: lower-case, without a leading "*." or "."; undefined when empty. */
function endpointSuffix(value: string | undefined, setting: string): string | undefined {
  const text = value?.trim().toLowerCase().replace(/^\*?\.+/, '').replace(/\.+$/, '');
  if (!text) {
    return undefined;
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(text)) {
    throw new CloudConfigurationError(`${setting} must be a DNS suffix such as "batch.contoso.example": "${value}".`);
  }
  return text;
}

export function resolveCloud(name: string | undefined, custom: CustomCloudSettings = {}): AzureCloud {
  if (name === 'custom') {
    return {
      name: 'custom',
      resourceManagerEndpoint: withTrailingSlash(
        requireUrl(custom.resourceManagerEndpoint, 'azureBatch.customCloud.resourceManagerEndpoint'),
      ),
      activeDirectoryEndpoint: withTrailingSlash(
        requireUrl(custom.activeDirectoryEndpoint, 'azureBatch.customCloud.activeDirectoryEndpoint'),
      ),
      // Kept exactly as configured: it is the audience the Batch service compares literally.
      batchResourceId: requireUrl(custom.batchResourceId, 'azureBatch.customCloud.batchResourceId'),
      batchEndpointSuffix: endpointSuffix(custom.batchEndpointSuffix, 'azureBatch.customCloud.batchEndpointSuffix'),
      vscodeSovereignEnvironment: 'custom',
    };
  }
  return AZURE_CLOUDS[(name as keyof typeof AZURE_CLOUDS) ?? 'AzureCloud'] ?? AZURE_CLOUDS.AzureCloud;
}

/** "https://management.azure.com/.default" */
export function armScope(cloud: AzureCloud): string {
  return `${cloud.resourceManagerEndpoint.replace(/\/+$/, '')}/.default`;
}

/** "https://batch.core.windows.net//.default" (resource id with its trailing slash + "/.default"). */
export function batchScope(cloud: AzureCloud): string {
  return `${cloud.batchResourceId}/.default`;
}

/** True when `authorityHost` is a public-cloud Entra ID host (MSAL instance discovery applies). */
export function isKnownAuthorityHost(authorityHost: string): boolean {
  try {
    return KNOWN_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
  } catch {
    return false;
  }
}
