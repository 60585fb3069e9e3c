import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { TransportOptions } from '../http/sharedTransport';
import { AuthenticationUnavailableError } from './authenticationErrors';
import type { AuthenticationMethod } from './authenticationMethods';
import { isKnownAuthorityHost, type AzureCloud } from './clouds';
import { createIdentityHttpClient } from './identityHttpClient';
import { azureIdentity } from '../../lazy/lazyModules';

export interface IdentityCredentialOptions {
  cloud: AzureCloud;
  /** azureBatch.authentication.tenant (empty = the credential's default). */
  tenantId?: string;
  /** azureBatch.authentication.managedIdentityClientId (user-assigned identity). */
  managedIdentityClientId?: string;
  /** Token requests use the same proxy/timeouts/CA as the rest (omit to use @azure/identity's own HTTP). */
  transport?: TransportOptions;
  env?: NodeJS.ProcessEnv;
  /** Loads the optional @azure/identity-vscode package (default: require it); tests stand in for it. */
  loadVsCodePlugin?: () => unknown;
}

/** The optional plugin package, external to the bundle; its native part may not be installable. */
function requireVsCodePlugin(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@azure/identity-vscode');
}

type IdentityModule = typeof import('@azure/identity');

/** Loaded on first use only, so extension activation does not pay for @azure/identity and MSAL. */
async function loadIdentity(): Promise<IdentityModule> {
  // `require`, not `import()`: the lazy bundle is CommonJS, whose named exports an ESM import would not see.
  return azureIdentity();
}

/** Wraps a credential so that any failure reads as "this method is unavailable, try another". */
class ExplainedCredential implements TokenCredential {
  constructor(
    private readonly method: AuthenticationMethod,
    private readonly inner: TokenCredential,
    private readonly hint: string,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    try {
      const token = await this.inner.getToken(scopes, options);
      if (!token) {
        throw new Error('no token returned');
      }
      return token;
    } catch (error) {
      if (error instanceof AuthenticationUnavailableError) {
        throw error;
      }
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new AuthenticationUnavailableError(this.method, `${message}. ${this.hint}`, { cause: error });
    }
  }
}

/**
 * Credentials from @azure/identity for the non-default methods:
 * - azureCli: the account of `az login`;
 * - environment: AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET (or certificate / user
 *   and password), authority from AZURE_AUTHORITY_HOST or the cloud; instance discovery is
 *   disabled for authorities that are not public Entra ID hosts (private clouds, the emulator);
 * - managedIdentity: system-assigned, or user-assigned with a client id;
 * - visualStudioCode: the optional @azure/identity-vscode plugin.
 */
export async function createIdentityCredential(
  method: Exclude<AuthenticationMethod, 'vscode'>,
  options: IdentityCredentialOptions,
): Promise<TokenCredential> {
  const env = options.env ?? process.env;
  const tenantId = options.tenantId?.trim() || undefined;
  const httpClient = options.transport ? createIdentityHttpClient(options.transport) : undefined;
  const common = httpClient ? { httpClient: httpClient as never } : {};
  const identity = await loadIdentity();

  switch (method) {
    case 'azureCli':
      return new ExplainedCredential(
        method,
        new identity.AzureCliCredential({ tenantId }),
        'Install the Azure CLI and run "az login" (with --tenant if needed).',
      );
    case 'environment': {
      const authorityHost = env.AZURE_AUTHORITY_HOST?.trim() || options.cloud.activeDirectoryEndpoint;
      const hasIdentity = !!env.AZURE_TENANT_ID && !!env.AZURE_CLIENT_ID;
      const hasSecret =
        !!env.AZURE_CLIENT_SECRET || !!env.AZURE_CLIENT_CERTIFICATE_PATH || (!!env.AZURE_USERNAME && !!env.AZURE_PASSWORD);
      if (!hasIdentity || !hasSecret) {
        throw new AuthenticationUnavailableError(
          method,
          'set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) in the environment VS Code starts from.',
        );
      }
      const credentialOptions = {
        ...common,
        authorityHost,
        disableInstanceDiscovery: !isKnownAuthorityHost(authorityHost),
        additionallyAllowedTenants: ['*'],
      };
      const credential =
        env.AZURE_CLIENT_SECRET
          ? new identity.ClientSecretCredential(env.AZURE_TENANT_ID!, env.AZURE_CLIENT_ID!, env.AZURE_CLIENT_SECRET, credentialOptions)
          : new identity.EnvironmentCredential(credentialOptions);
      return new ExplainedCredential(method, credential, 'Check the AZURE_* environment variables and AZURE_AUTHORITY_HOST.');
    }
    case 'managedIdentity': {
      const clientId = options.managedIdentityClientId?.trim();
      const credential = clientId
        ? new identity.ManagedIdentityCredential({ ...common, clientId })
        : new identity.ManagedIdentityCredential({ ...common });
      return new ExplainedCredential(
        method,
        credential,
        'A managed identity exists only on Azure hosts (VM, Dev Box, Codespaces with identity); check azureBatch.authentication.managedIdentityClientId.',
      );
    }
    case 'visualStudioCode': {
      let plugin: { vsCodePlugin?: Parameters<IdentityModule['useIdentityPlugin']>[0] };
      try {
        plugin = (options.loadVsCodePlugin ?? requireVsCodePlugin)() as typeof plugin;
      } catch (error) {
        throw new AuthenticationUnavailableError(
          method,
          'the optional package @azure/identity-vscode is not installed (or failed to load) on this machine.',
          { cause: error },
        );
      }
      if (!plugin.vsCodePlugin) {
        throw new AuthenticationUnavailableError(method, '@azure/identity-vscode did not provide its plugin.');
      }
      identity.useIdentityPlugin(plugin.vsCodePlugin);
      return new ExplainedCredential(
        method,
        new identity.VisualStudioCodeCredential({ ...common, tenantId }),
        'Sign in with the Azure Resources extension, or use another method.',
      );
    }
  }
}
