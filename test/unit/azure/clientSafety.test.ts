import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { AzureClients } from '../../../src/azure/azureClientFactory';
import { BatchHostPolicy, HostCheckedAuthorizer, isTrustedBatchHost } from '../../../src/azure/auth/batchHostGuard';
import { BearerTokenAuthorizer } from '../../../src/azure/auth/bearerTokenAuthorizer';
import { AZURE_CLOUDS, CloudConfigurationError, batchScope, resolveCloud } from '../../../src/azure/auth/clouds';
import { environmentBatchAccount, normalizeBatchAccountUrl } from '../../../src/azure/auth/environmentBatchAccount';
import { BatchAccountClient } from '../../../src/azure/batch/batchAccountClient';
import { identifierProblem, InvalidIdentifierError, requireIdentifier } from '../../../src/azure/core/identifiers';
import { UntrustedHostError } from '../../../src/azure/errors/specificErrors';
import { InvalidAccountUrlError, checkedAccountUrl } from '../../../src/azure/http/accountUrl';
import { AzureHttpClient } from '../../../src/azure/http/azureHttpClient';
import { isLinkLocalHost, isLoopbackHost } from '../../../src/azure/http/loopback';
import { shouldBypassProxy } from '../../../src/azure/http/proxyBypass';
import { getSharedTransport, type HttpTransport } from '../../../src/azure/http/sharedTransport';
import { clampHttpSettings, HTTP_SETTING_RANGES } from '../../../src/azure/httpSettings';
import { EmulatorCredential, startEmulatorFixture, type EmulatorFixture } from './helpers/emulatorFixture';
import { RecordingLogger } from './helpers/recordingLogger';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** A transport that resolves every host name to 127.0.0.1 (so a "foreign" host reaches the emulator) and trusts its certificate. */
function everyHostIsTheEmulator(ca: string): HttpTransport {
  const lookup: LookupFunction = (_host, options, callback) => {
    const done = callback as (...args: unknown[]) => void;
    if ((options as { all?: boolean }).all) {
      done(null, [{ address: '127.0.0.1', family: 4 }]);
    } else {
      done(null, '127.0.0.1', 4);
    }
  };
  const agent = new Agent({ connect: { lookup, ca, servername: 'localhost' } });
  return { key: 'test', dispatcherFor: () => agent, usesProxy: () => false, close: () => agent.close() };
}

describe('azure client safety: where tokens go, which URLs and names are used, limits of the settings', function () {
  this.timeout(20_000);

  describe('Entra ID tokens for Batch go only to the cloud\'s Batch domains and loopback', () => {
    let f: EmulatorFixture;
    let transport: HttpTransport;
    before(async () => {
      f = await startEmulatorFixture({ data: 'small' });
      transport = everyHostIsTheEmulator(readFileSync(f.emulator.info.certificatePath, 'utf8'));
    });
    after(async () => {
      await transport.close();
      await f.stop();
    });
    afterEach(() => f.emulator.clearRequests());

    const accountPath = () => new URL(f.emulator.info.batchAccounts[0]!.url).pathname;
    const port = () => new URL(f.emulator.info.baseUrl).port;
    function client(host: string, policy: BatchHostPolicy): BatchAccountClient {
      const http = new AzureHttpClient({ userAgent: 'test/1.0', httpTransport: transport, retry: { maxRetries: 0 } });
      const bearer = new BearerTokenAuthorizer(new EmulatorCredential(f.emulator), batchScope(resolveCloud('AzureCloud')));
      return new BatchAccountClient(http, {
        url: `https://${host}:${port()}${accountPath()}`,
        authorizer: new HostCheckedAuthorizer(bearer, policy),
        apiVersion: '2025-06-01.21.0',
      });
    }

    it('knows each cloud\'s Batch domain and accepts only hosts under it, or loopback', () => {
      assert.equal(AZURE_CLOUDS.AzureCloud.batchEndpointSuffix, 'batch.azure.com');
      assert.equal(AZURE_CLOUDS.AzureChinaCloud.batchEndpointSuffix, 'batch.chinacloudapi.cn');
      assert.equal(AZURE_CLOUDS.AzureUSGovernment.batchEndpointSuffix, 'batch.usgovcloudapi.net');
      for (const host of ['acct.westeurope.batch.azure.com', 'ACCT.WestEurope.Batch.Azure.Com.', '127.0.0.1', 'localhost', '[::1]']) {
        assert.equal(isTrustedBatchHost(host, 'batch.azure.com'), true, host);
      }
      for (const host of ['batch.azure.com', 'acct.batch.azure.com.evil.example', 'evilbatch.azure.com', 'acct.batch.chinacloudapi.cn', 'a.localhost']) {
        assert.equal(isTrustedBatchHost(host, 'batch.azure.com'), false, host);
      }
      const custom = resolveCloud('custom', {
        resourceManagerEndpoint: 'https://management.contoso.example/',
        activeDirectoryEndpoint: 'https://login.contoso.example/',
        batchResourceId: 'https://batch.contoso.example/',
        batchEndpointSuffix: '*.Batch.Contoso.Example',
      });
      assert.equal(custom.batchEndpointSuffix, 'batch.contoso.example');
      assert.throws(
        () => resolveCloud('custom', { ...custom, batchEndpointSuffix: 'https://batch.contoso.example/' }),
        (e: unknown) => e instanceof CloudConfigurationError && /batchEndpointSuffix must be a DNS suffix/.test(e.message),
      );
    });

    it('sends the token to a host under the suffix; refuses another host without sending anything', async () => {
      const policy = new BatchHostPolicy({ batchEndpointSuffix: 'batch.contoso.test' });
      const page = await client('acct.region.batch.contoso.test', policy).listPoolsPage();
      assert.ok(page.items.length > 0);
      const sent = f.emulator.requests();
      assert.equal(sent.length, 1);
      assert.match(sent[0]!.headers['authorization'] ?? '', /^Bearer ey/);

      f.emulator.clearRequests();
      const error = await client('attacker.example', policy).listPoolsPage().catch((e: unknown) => e);
      assert.ok(error instanceof UntrustedHostError, String(error));
      assert.equal(error.host, 'attacker.example');
      assert.match(error.message, /only sent to \*\.batch\.contoso\.test and to this computer; attacker\.example is neither/);
      assert.equal(f.emulator.requests().length, 0, 'nothing reached the host');
    });

    it('asks once per host (concurrent requests share the question) and honours the answer', async () => {
      const asked: string[] = [];
      const yes = new BatchHostPolicy({ batchEndpointSuffix: 'batch.azure.com' }, async (host) => {
        asked.push(host);
        await new Promise((r) => setTimeout(r, 50));
        return true;
      });
      const approved = client('batch-gateway.contoso.example', yes);
      await Promise.all([approved.listPoolsPage(), approved.listPoolsPage(), approved.listPoolsPage()]);
      await approved.listPoolsPage();
      assert.deepEqual(asked, ['batch-gateway.contoso.example']);
      assert.equal(f.emulator.requests().length, 4);
      assert.ok(f.emulator.requests().every((r) => /^Bearer /.test(r.headers['authorization'] ?? '')));

      f.emulator.clearRequests();
      const declined: string[] = [];
      const no = new BatchHostPolicy({ batchEndpointSuffix: 'batch.azure.com' }, async (host) => {
        declined.push(host);
        return false;
      });
      const refused = client('batch-gateway.contoso.example', no);
      await assert.rejects(refused.listPoolsPage(), UntrustedHostError);
      await assert.rejects(refused.listPoolsPage(), UntrustedHostError);
      assert.deepEqual(declined, ['batch-gateway.contoso.example'], 'asked once, the "no" is remembered');
      assert.equal(f.emulator.requests().length, 0);
    });

    it('AzureClients wires the guard into every Entra ID Batch client (shared-key clients sign instead)', async () => {
      const clients = new AzureClients({
        settings: { ...f.settings, cloud: 'AzureCloud', customCloud: undefined },
        credential: new EmulatorCredential(f.emulator),
        userAgent: 'test/1.0',
      });
      const error = await clients.batchAccount({ url: 'https://batch.evil.example/acct' }).listPoolsPage().catch((e: unknown) => e);
      assert.ok(error instanceof UntrustedHostError, String(error));
      assert.match(error.toString(), /List pools: An Entra ID token for Azure Batch is only sent to \*\.batch\.azure\.com/);
    });
  });

  describe('account URLs', () => {
    it('are normalized, and refused with a clear message when they carry user info, plain http, a query or dot segments', () => {
      assert.equal(checkedAccountUrl(' acct.westeurope.batch.azure.com/ '), 'https://acct.westeurope.batch.azure.com');
      assert.equal(checkedAccountUrl('https://127.0.0.1:8443/batch/acct/'), 'https://127.0.0.1:8443/batch/acct');
      assert.equal(checkedAccountUrl('http://localhost:8080/batch/acct'), 'http://localhost:8080/batch/acct');
      const refused: Array<[string, RegExp]> = [
        ['https://user:pw@acct.westeurope.batch.azure.com', /must not contain a user name or password \("user:password@"\).*Remove the part before "@" from acct\.westeurope\.batch\.azure\.com/],
        ['https://token@acct.batch.azure.com', /user name or password/],
        ['http://acct.westeurope.batch.azure.com', /must start with https:\/\//],
        ['ftp://acct.batch.azure.com', /must start with https:\/\//],
        ['https://acct.batch.azure.com/?x=1', /must not contain a query or fragment/],
        ['https://acct.batch.azure.com/#frag', /must not contain a query or fragment/],
        ['https://acct.batch.azure.com/a/../b', /"\." and "\.\."/],
        ['https://acct.batch.azure.com/%2e%2E/x', /"\." and "\.\."/],
        ['https://', /is not a Batch account URL/],
      ];
      for (const [url, message] of refused) {
        assert.throws(() => checkedAccountUrl(url), (e: unknown) => e instanceof Error && (e as InvalidAccountUrlError).code !== undefined && message.test(e.message), url);
      }
      assert.throws(() => normalizeBatchAccountUrl('https://u:p@acct.batch.azure.com'), InvalidAccountUrlError);
    });

    it('are checked where they enter the client; the AZURE_BATCH_* account is still listed so the tree can say why', () => {
      const http = new AzureHttpClient({ userAgent: 'test/1.0' });
      const authorizer = { scheme: 'sharedKey' as const, authorize: async () => undefined };
      assert.throws(() => new BatchAccountClient(http, { url: 'https://u:p@acct.batch.azure.com', authorizer, apiVersion: 'v' }), InvalidAccountUrlError);
      const env = environmentBatchAccount({ AZURE_BATCH_ENDPOINT: 'https://u:p@acct.batch.azure.com', AZURE_BATCH_ACCOUNT: 'acct', AZURE_BATCH_ACCESS_KEY: 'a2V5' });
      assert.ok(env);
      assert.throws(() => new BatchAccountClient(http, { url: env.url, authorizer, apiVersion: 'v' }), /user name or password/);
      const client = new BatchAccountClient(http, { url: 'https://acct.westeurope.batch.azure.com/', authorizer, apiVersion: '2025-06-01.21.0' });
      assert.equal(client.url, 'https://acct.westeurope.batch.azure.com');
      assert.equal(client.apiVersion, '2025-06-01.21.0');
    });
  });

  describe('names and ids that become path segments', () => {
    it('the one validator refuses dot segments in any spelling, separators, "%", control characters and non-text', () => {
      for (const ok of ['pool-1', 'tvmps_0123456789abcdef_d', 'my.gallery', '...', 'a..b', 'rg(1)']) {
        assert.equal(identifierProblem(ok), undefined, ok);
      }
      for (const bad of ['.', '..', '%2e', '%2E%2e', '.%2E', '%252e%252e', 'a/b', 'a\\b', 'a?b', 'a#b', '100%', 'a\u0000b', '', ' x', 'x '.padEnd(1025, 'y')]) {
        assert.notEqual(identifierProblem(bad), undefined, JSON.stringify(bad));
      }
      for (const bad of [undefined, null, 42, {}, ['a']]) {
        assert.throws(() => requireIdentifier(bad, 'Pool id'), InvalidIdentifierError);
      }
      assert.throws(
        () => requireIdentifier('..', 'Gallery name'),
        (e: unknown) => e instanceof InvalidIdentifierError && e.message === 'Gallery name ".." is not valid: "." and ".." (in any spelling, such as "%2e") would change the request path. Nothing was sent.',
      );
    });

    it('a gallery named ".." or a pool id "%2e%2e" is refused before any request (no folding to another resource)', async () => {
      const f = await startEmulatorFixture({ data: 'small' });
      try {
        const account = f.emulator.info.batchAccounts[0]!;
        const batch = f.clients.batchAccount({ url: account.url });
        const subscription = f.emulator.info.subscriptions[0]!.subscriptionId;
        await assert.rejects(f.clients.arm.galleries.getImage(subscription, 'rg', '..', 'x'), /Gallery name "\.\." is not valid/);
        await assert.rejects(f.clients.arm.galleries.listImagesPage(subscription, '.', 'g'), /Resource group name "\." is not valid/);
        await assert.rejects(batch.getPool('%2e%2e'), /Pool id "%2e%2e" is not valid/);
        await assert.rejects(batch.getNode('p1', '..'), /Node id "\.\." is not valid/);
        await assert.rejects(batch.listNodesPage('a/b'), /Pool id "a\/b" is not valid: it contains "\/"/);
        await assert.rejects(
          f.clients.arm.getResourceById(`/subscriptions/${subscription}/resourceGroups/rg/providers/Microsoft.Compute/galleries/%2E%2E/images/x`, '2024-03-03'),
          /Resource id .* is not valid: "\." and "\.\."/,
        );
        assert.equal(f.emulator.requests().length, 0);
      } finally {
        await f.stop();
      }
    });
  });

  describe('proxy and loopback', () => {
    it('never sends link-local addresses (managed identity) through a proxy, whatever NO_PROXY says', () => {
      for (const host of ['169.254.169.254', '169.254.0.1', 'fe80::1', 'FEBF::a', '::ffff:169.254.169.254']) {
        assert.equal(isLinkLocalHost(host), true, host);
      }
      for (const host of ['169.255.0.1', '10.0.0.1', 'fec0::1', 'example.com', '::1']) {
        assert.equal(isLinkLocalHost(host), false, host);
      }
      assert.equal(shouldBypassProxy(new URL('http://169.254.169.254/metadata/identity/oauth2/token'), [], false), true);
      assert.equal(shouldBypassProxy(new URL('http://[fe80::1]:8080/x'), [], false), true);
      assert.equal(shouldBypassProxy(new URL('http://[::ffff:169.254.169.254]/x'), [], false), true, 'the URL parser writes it ::ffff:a9fe:a9fe');
      assert.equal(shouldBypassProxy(new URL('https://management.azure.com/'), [], false), false);
      const transport = getSharedTransport({ proxy: { url: 'http://proxy.example:3128', useEnvironment: false } });
      assert.equal(transport.usesProxy(new URL('http://169.254.169.254/metadata/identity/oauth2/token')), false);
      assert.equal(transport.usesProxy(new URL('https://management.azure.com/')), true);
      assert.equal(isLoopbackHost(new URL('http://[::ffff:127.0.0.1]/').hostname), true, 'the URL parser writes it ::ffff:7f00:1');
    });
  });

  describe('HTTP settings', () => {
    it('are clamped to the ranges package.json documents, and the ranges match package.json', () => {
      const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
        contributes: { configuration: { properties: Record<string, { minimum?: number; maximum?: number; default?: number; type?: string }> } };
      };
      for (const [key, range] of Object.entries(HTTP_SETTING_RANGES)) {
        const declared = pkg.contributes.configuration.properties[`azureBatch.http.${key}`];
        assert.ok(declared, `package.json declares azureBatch.http.${key}`);
        assert.deepEqual(
          { minimum: declared.minimum, maximum: declared.maximum, default: declared.default, integer: declared.type === 'integer' },
          range,
          key,
        );
      }
      const { settings, adjustments } = clampHttpSettings({ maxRetries: 1e6, connectTimeoutSeconds: 0, headersTimeoutSeconds: Number.NaN, maxResponseMegabytes: 2.7, bodyTimeoutSeconds: 30 });
      assert.equal(settings.maxRetries, 10);
      assert.equal(settings.connectTimeoutSeconds, 1);
      assert.equal(settings.headersTimeoutSeconds, 60);
      assert.equal(settings.maxResponseMegabytes, 2);
      assert.equal(settings.bodyTimeoutSeconds, 30);
      assert.equal(settings.requestTimeoutSeconds, 300);
      assert.deepEqual(adjustments.map((a) => a.setting).sort(), [
        'azureBatch.http.connectTimeoutSeconds',
        'azureBatch.http.headersTimeoutSeconds',
        'azureBatch.http.maxResponseMegabytes',
        'azureBatch.http.maxRetries',
      ]);
    });

    it('a workspace "maxRetries: 1e6" makes at most 11 attempts, is logged, and the api-version shown is the one sent', async () => {
      const f = await startEmulatorFixture({ data: 'small' });
      try {
        const logger = new RecordingLogger();
        const clients = new AzureClients({
          settings: { ...f.settings, http: { ...f.settings.http, maxRetries: 1e6, maxRetryDelaySeconds: 1 }, apiVersions: { batch: '2024-07-01.20.0' } },
          credential: new EmulatorCredential(f.emulator),
          userAgent: 'test/1.0',
          logger,
          retry: { baseDelayMs: 1 },
        });
        assert.match(logger.text, /azureBatch\.http\.maxRetries = 1000000 is outside its documented range; using 10/);
        const batch = clients.batchAccount({ url: f.emulator.info.batchAccounts[0]!.url });
        assert.equal(batch.apiVersion, '2024-07-01.20.0');
        f.emulator.addFault({ kind: 'status', status: 503, route: '/pools$' });
        await assert.rejects(batch.listPoolsPage(), /ServerBusy/);
        const sent = f.emulator.requests({ path: /\/pools$/ });
        assert.equal(sent.length, 11);
        assert.ok(sent.every((r) => r.query['api-version'] === batch.apiVersion));
      } finally {
        await f.stop();
      }
    });
  });
});
