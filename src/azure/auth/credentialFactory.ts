import type { TokenCredential } from '@azure/core-auth';
import type { TransportOptions } from '../http/sharedTransport';
import type { AuthenticationMethod } from './authenticationMethods';
import type { AzureCloud } from './clouds';
import { createIdentityCredential } from './identityCredentials';
import { VsCodeSessionCredential } from './vscodeSessionCredential';

export interface CredentialSettings {
  method: AuthenticationMethod;
  tenantId?: string;
  managedIdentityClientId?: string;
}

/**
 * The credential for azureBatch.authentication.method: VS Code's Microsoft sign-in by default,
 * otherwise an @azure/identity credential (loaded lazily on first use).
 */
export async function createCredential(
  settings: CredentialSettings,
  cloud: AzureCloud,
  transport?: TransportOptions,
): Promise<TokenCredential> {
  if (settings.method === 'vscode') {
    return new VsCodeSessionCredential({ tenantId: settings.tenantId || undefined });
  }
  return createIdentityCredential(settings.method, {
    cloud,
    tenantId: settings.tenantId,
    managedIdentityClientId: settings.managedIdentityClientId,
    transport,
  });
}
