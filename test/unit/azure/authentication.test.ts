import * as assert from 'node:assert/strict';
import Module from 'node:module';
import { createIdentityCredential } from '../../../src/azure/auth/identityCredentials';
import { AuthenticationUnavailableError, SignInRequiredError } from '../../../src/azure/auth/authenticationErrors';
import { resolveCloud } from '../../../src/azure/auth/clouds';
import { BearerTokenAuthorizer } from '../../../src/azure/auth/bearerTokenAuthorizer';
import type { PreparedRequest } from '../../../src/azure/auth/requestAuthorizer';
import { StaticCredential } from './helpers/staticCredential';
import { AzureClients } from '../../../src/azure/azureClientFactory';

/** A stand-in for the `vscode` module: records getSession calls. */
function installFakeVscode(state: { sovereign?: string; session?: { accessToken: string } }): { calls: unknown[][]; restore(): void } {
  const calls: unknown[][] = [];
  const fake = {
    workspace: {
      getConfiguration: (section: string) => ({
        get: (key: string) => (section === 'microsoft-sovereign-cloud' && key === 'environment' ? state.sovereign : undefined),
      }),
    },
    authentication: {
      getSession: async (...args: unknown[]) => {
        calls.push(args);
        const options = args[2] as { createIfNone?: boolean };
        if (options.createIfNone) {
          return { accessToken: 'interactive', account: { label: 'user@contoso.com' } };
        }
        return state.session ? { ...state.session, account: { label: 'user@contoso.com' } } : undefined;
      },
    },
  };
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') {
      return fake;
    }
    return original.call(this, request, ...rest);
  };
  return { calls, restore: () => void (loader._load = original) };
}

describe('azure/auth credentials', () => {
  const cloud = resolveCloud('AzureCloud');

  it('visualStudioCode without @azure/identity-vscode: a typed error naming the alternatives', async () => {
    const absent = () => {
      throw Object.assign(new Error("Cannot find module '@azure/identity-vscode'"), { code: 'MODULE_NOT_FOUND' });
    };
    const error = await createIdentityCredential('visualStudioCode', { cloud, loadVsCodePlugin: absent }).catch((e: unknown) => e);
    assert.ok(error instanceof AuthenticationUnavailableError, String(error));
    assert.equal(error.method, 'visualStudioCode');
    assert.deepEqual([...error.alternatives], ['vscode', 'azureCli', 'environment', 'managedIdentity']);
    assert.match(error.message, /@azure\/identity-vscode is not installed/);
    assert.match(error.message, /"vscode", "azureCli", "environment", "managedIdentity"/);
    assert.match(String((error.cause as Error).message), /Cannot find module/);
  });

  it('visualStudioCode with @azure/identity-vscode: the plugin is registered and the credential explains its failures', async () => {
    const contexts: unknown[] = [];
    const vsCodePlugin = (context: unknown) => void contexts.push(context);
    const credential = await createIdentityCredential('visualStudioCode', { cloud, tenantId: 'home-tenant', loadVsCodePlugin: () => ({ vsCodePlugin }) });
    assert.equal(contexts.length, 1, '@azure/identity handed its plugin context to the package');
    assert.ok((contexts[0] as { vsCodeCredentialControl?: unknown }).vsCodeCredentialControl, 'the VS Code credential control');
    // The plugin registered nothing (no VS Code sign-in here): getToken says so, as an unavailable method.
    const error = await credential.getToken('https://management.azure.com/.default').catch((e: unknown) => e);
    assert.ok(error instanceof AuthenticationUnavailableError, String(error));
    assert.equal(error.method, 'visualStudioCode');
    assert.match(error.message, /Visual Studio Code Authentication is not available.*Sign in with the Azure Resources extension, or use another method/);
  });

  it('visualStudioCode with a package that has no plugin: says so', async () => {
    const error = await createIdentityCredential('visualStudioCode', { cloud, loadVsCodePlugin: () => ({}) }).catch((e: unknown) => e);
    assert.ok(error instanceof AuthenticationUnavailableError, String(error));
    assert.match(error.message, /@azure\/identity-vscode did not provide its plugin/);
  });

  it('environment: missing variables are explained without contacting anything', async () => {
    const error = await createIdentityCredential('environment', { cloud, env: { AZURE_TENANT_ID: 't' } }).catch((e: unknown) => e);
    assert.ok(error instanceof AuthenticationUnavailableError);
    assert.match(error.message, /AZURE_CLIENT_ID and AZURE_CLIENT_SECRET/);
  });

  it('azureCli and managedIdentity build credentials lazily (no network at construction)', async () => {
    const cli = await createIdentityCredential('azureCli', { cloud, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' });
    assert.equal(typeof cli.getToken, 'function');
    const mi = await createIdentityCredential('managedIdentity', { cloud, managedIdentityClientId: '00000000-0000-0000-0000-000000000001' });
    assert.equal(typeof mi.getToken, 'function');
  });

  it('AzureClients.isSignedIn is false when the credential needs an interactive sign-in', async () => {
    const settings = { cloud: 'AzureCloud' as const, authentication: { method: 'vscode' as const }, http: {} };
    const needsSignIn = { getToken: async () => Promise.reject(new SignInRequiredError('microsoft')) };
    assert.equal(await new AzureClients({ settings, credential: needsSignIn, userAgent: 't' }).isSignedIn(), false);
    assert.equal(await new AzureClients({ settings, credential: new StaticCredential(), userAgent: 't' }).isSignedIn(), true);
  });

  it('the bearer authorizer caches the token, passes the tenant and refreshes after invalidate()', async () => {
    const credential = new StaticCredential('tok');
    const authorizer = new BearerTokenAuthorizer(credential, 'https://batch.core.windows.net//.default', { tenantId: 'tenant-1' });
    const request = (): PreparedRequest => ({ method: 'GET', url: new URL('https://x'), headers: {}, body: undefined });
    const first = request();
    await Promise.all([authorizer.authorize(first), authorizer.authorize(request())]);
    assert.equal(first.headers['authorization'], 'Bearer tok');
    assert.equal(credential.calls.length, 1, 'one token request shared');
    assert.deepEqual(credential.calls[0], { scopes: ['https://batch.core.windows.net//.default'], tenantId: 'tenant-1' });
    assert.equal(authorizer.invalidate(), true);
    await authorizer.authorize(request());
    assert.equal(credential.calls.length, 2);
  });

  it('VS Code session credential: silent lookup with VSCODE_TENANT, sovereign provider, SignInRequiredError, explicit sign-in', async () => {
    const state: { sovereign?: string; session?: { accessToken: string } } = {};
    const fake = installFakeVscode(state);
    try {
      // Loaded after the fake `vscode` is in place (require: works both bundled and transpiled file by file).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { VsCodeSessionCredential } = require('../../../src/azure/auth/vscodeSessionCredential') as typeof import('../../../src/azure/auth/vscodeSessionCredential');
      const credential = new VsCodeSessionCredential({ tenantId: 'home-tenant' });
      const error = await credential.getToken('https://management.azure.com/.default').catch((e: unknown) => e);
      assert.ok(error instanceof SignInRequiredError);
      assert.deepEqual(fake.calls[0], ['microsoft', ['https://management.azure.com/.default', 'VSCODE_TENANT:home-tenant'], { silent: true }]);

      const exp = Math.floor(Date.now() / 1000) + 3600;
      state.session = { accessToken: `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s` };
      state.sovereign = 'ChinaCloud';
      const token = await credential.getToken(['https://batch.chinacloudapi.cn//.default'], { tenantId: 'sub-tenant' });
      assert.equal(token.expiresOnTimestamp, exp * 1000);
      assert.deepEqual(fake.calls[1], ['microsoft-sovereign-cloud', ['https://batch.chinacloudapi.cn//.default', 'VSCODE_TENANT:sub-tenant'], { silent: true }]);

      assert.equal(await credential.signIn('https://management.azure.com/.default'), 'user@contoso.com');
      assert.deepEqual(fake.calls[2]![2], { createIfNone: true });
    } finally {
      fake.restore();
    }
  });
});
