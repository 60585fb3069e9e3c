import * as assert from 'node:assert/strict';
import { AzureHttpClient } from '../../../src/azure/http/azureHttpClient';
import { RequestCancelledError, InsecureTransportError } from '../../../src/azure/errors/specificErrors';
import { BearerTokenAuthorizer } from '../../../src/azure/auth/bearerTokenAuthorizer';
import { SharedKeyAuthorizer } from '../../../src/azure/auth/sharedKeyAuthorizer';
import { closeSharedTransport, getSharedTransport, type HttpTransport } from '../../../src/azure/http/sharedTransport';
import { shouldBypassProxy, parseNoProxy } from '../../../src/azure/http/proxyBypass';
import type { CancellationTokenLike } from '../../../src/azure/core/cancellation';
import { startRawServer, sendJson, type RawServer } from './helpers/rawServer';
import { StaticCredential } from './helpers/staticCredential';
import { startConnectProxy } from './helpers/connectProxy';
import { RecordingLogger } from './helpers/recordingLogger';

/** Polls until `done()` holds; gives up (fails) after 10 s, a bound for a broken run, not a speed target. */
async function waitUntil(done: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !done(); ) {
    if (Date.now() > deadline) {
      assert.fail(`gave up waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A minimal vscode.CancellationToken look-alike. */
function cancellationSource(): { token: CancellationTokenLike; cancel(): void } {
  const listeners = new Set<() => void>();
  let cancelled = false;
  return {
    token: {
      get isCancellationRequested() {
        return cancelled;
      },
      onCancellationRequested(listener) {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    },
    cancel() {
      cancelled = true;
      for (const l of listeners) {
        l();
      }
    },
  };
}

describe('azure/http cancellation, transport security and proxy', () => {
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  after(() => closeSharedTransport());

  it('a cancellation token aborts a request whose body is still arriving: RequestCancelledError, the connection closed, no retry', async () => {
    // The body never ends by itself: only a working cancellation lets this test finish.
    let bodyChunks = 0;
    let closedByClient = false;
    server = await startRawServer((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"value":[');
      const timer = setInterval(() => {
        bodyChunks++;
        res.write('{"id":"n"},');
      }, 20);
      res.on('close', () => {
        clearInterval(timer);
        closedByClient = !res.writableEnded;
      });
    });
    const source = cancellationSource();
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: { maxRetries: 3, baseDelayMs: 10 } });
    const sent = client
      .send({ method: 'GET', url: `${server.url}/pools/p/nodes`, dialect: 'batch', cancellationToken: source.token, operation: 'List nodes of pool p' })
      .catch((e: unknown) => e);
    await waitUntil(() => bodyChunks >= 3, 'the body to be arriving');
    source.cancel();
    const error = await sent;
    assert.ok(error instanceof RequestCancelledError, String(error));
    await waitUntil(() => closedByClient, 'the client to close the connection mid-body');
    assert.equal(server.requests.length, 1, 'no retry after cancellation');
    assert.equal(error.toString(), 'List nodes of pool p was cancelled.');
  });

  it('an AbortSignal cancels a retry wait', async () => {
    // Retry-After of an hour, within the allowed delay and within the request's deadline (by default 5 minutes, which
    // would rightly refuse to wait an hour): only a working cancellation of the wait ends this test.
    server = await startRawServer((_q, res) => sendJson(res, 503, {}, { 'retry-after': '3600' }));
    const controller = new AbortController();
    const logger = new RecordingLogger();
    const warn = logger.warn.bind(logger);
    logger.warn = (line: string) => {
      warn(line);
      if (/retrying in 3600000 ms/.test(line)) {
        controller.abort();
      }
    };
    const client = new AzureHttpClient({ userAgent: 'test/1.0', logger, retry: { maxRetries: 3, maxRetryDelayMs: 7_200_000 }, requestTimeoutMs: 7_200_000 });
    await assert.rejects(client.send({ method: 'GET', url: `${server.url}/x`, dialect: 'arm', abortSignal: controller.signal }), RequestCancelledError);
    assert.ok(logger.lines.some((l) => /-> 503 .* retrying in 3600000 ms/.test(l)), 'it was waiting to retry when cancelled');
    assert.equal(server.requests.length, 1);
  });

  it('an already-cancelled token sends nothing', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 200, {}));
    const source = cancellationSource();
    source.cancel();
    const client = new AzureHttpClient({ userAgent: 'test/1.0' });
    await assert.rejects(client.send({ method: 'GET', url: `${server.url}/x`, dialect: 'arm', cancellationToken: source.token }), RequestCancelledError);
    assert.equal(server.requests.length, 0);
  });

  it('refuses to send a credential over http: to a non-loopback host, before any connection', async () => {
    const used: string[] = [];
    const spy: HttpTransport = {
      key: 'spy',
      usesProxy: () => false,
      dispatcherFor: (url) => {
        used.push(url.href);
        throw new Error('must not connect');
      },
      close: async () => undefined,
    };
    const client = new AzureHttpClient({ userAgent: 'test/1.0', httpTransport: spy });
    const bearer = new BearerTokenAuthorizer(new StaticCredential(), 'https://management.azure.com/.default');
    const sharedKey = new SharedKeyAuthorizer('acct', () => 'a2V5');
    for (const [url, authorizer] of [
      ['http://management.example.com/subscriptions', bearer],
      ['http://acct.westeurope.batch.azure.com/pools', sharedKey],
      ['http://10.0.0.5:8080/pools', sharedKey],
    ] as const) {
      const error = await client.send({ method: 'GET', url, dialect: 'batch', authorizer }).catch((e: unknown) => e);
      assert.ok(error instanceof InsecureTransportError, `${url}: ${String(error)}`);
      assert.match(error.toString(), /only sent over https/);
    }
    assert.deepEqual(used, []);
  });

  it('allows http: with a credential for a loopback host', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 200, { ok: 1 }));
    const client = new AzureHttpClient({ userAgent: 'test/1.0' });
    const authorizer = new BearerTokenAuthorizer(new StaticCredential(), 'scope');
    const response = await client.send({ method: 'GET', url: `${server.url}/x`, dialect: 'arm', authorizer });
    assert.equal(response.status, 200);
    assert.equal(server.requests.at(-1)!.headers['authorization'], 'Bearer fake-token-value-0123456789');
  });

  it('sends the standard headers: client-request-id, return-client-request-id, ocp-date (Batch), api-version, User-Agent, OData content type', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 200, {}));
    const client = new AzureHttpClient({ userAgent: 'azure-batch-operator/0.1.0' });
    await client.send({ method: 'POST', url: `${server.url}/pools/p/nodes/n/reimage`, apiVersion: '2025-06-01.21.0', dialect: 'batch', body: { nodeReimageOption: 'requeue' } });
    await client.send({ method: 'GET', url: `${server.url}/subscriptions`, apiVersion: '2022-12-01', dialect: 'arm' });
    const [batch, arm] = server.requests as [(typeof server.requests)[0], (typeof server.requests)[0]];
    assert.match(String(batch.headers['client-request-id']), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(batch.headers['return-client-request-id'], 'true');
    assert.ok(!Number.isNaN(Date.parse(String(batch.headers['ocp-date']))));
    assert.match(String(batch.headers['ocp-date']), /GMT$/);
    assert.equal(batch.headers['content-type'], 'application/json; odata=minimalmetadata');
    assert.equal(batch.headers['user-agent'], 'azure-batch-operator/0.1.0');
    assert.equal(batch.url, '/pools/p/nodes/n/reimage?api-version=2025-06-01.21.0');
    assert.equal(batch.body, '{"nodeReimageOption":"requeue"}');
    assert.equal(arm.headers['ocp-date'], undefined);
    assert.equal(arm.url, '/subscriptions?api-version=2022-12-01');
  });

  it('goes through a CONNECT proxy when one is configured (loopback explicitly proxied for the test)', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 200, { via: 'proxy' }));
    const proxy = await startConnectProxy();
    try {
      const client = new AzureHttpClient({
        userAgent: 'test/1.0',
        transport: { proxy: { url: proxy.url, proxyLoopback: true, useEnvironment: false } },
      });
      const response = await client.send<{ via: string }>({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch' });
      assert.equal(response.body.via, 'proxy');
      assert.deepEqual(proxy.connects, [`127.0.0.1:${server.port}`]);

      // By default loopback bypasses the proxy, and NO_PROXY-style entries bypass it too.
      const direct = new AzureHttpClient({ userAgent: 'test/1.0', transport: { proxy: { url: proxy.url, useEnvironment: false } } });
      await direct.send({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch' });
      const bypassed = new AzureHttpClient({
        userAgent: 'test/1.0',
        transport: { proxy: { url: proxy.url, proxyLoopback: true, noProxy: ['127.0.0.1'], useEnvironment: false } },
      });
      await bypassed.send({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch' });
      assert.equal(proxy.connects.length, 1, 'no further CONNECT');
      assert.equal(server.requests.length, 3);
    } finally {
      await closeSharedTransport();
      await proxy.close();
    }
  });

  it('reads HTTPS_PROXY / NO_PROXY from the environment', () => {
    const saved = { ...process.env };
    try {
      process.env.HTTPS_PROXY = 'http://proxy.corp:3128';
      process.env.NO_PROXY = '.internal.corp,10.0.0.0/8';
      delete process.env.https_proxy;
      delete process.env.no_proxy;
      const transport = getSharedTransport({});
      assert.equal(transport.usesProxy(new URL('https://management.azure.com/')), true);
      assert.equal(transport.usesProxy(new URL('https://batch.internal.corp/')), false);
      assert.equal(transport.usesProxy(new URL('https://10.1.2.3/')), false);
      assert.equal(transport.usesProxy(new URL('https://127.0.0.1:8443/')), false, 'loopback bypasses by default');
      assert.equal(transport.usesProxy(new URL('https://[::1]:8443/')), false);
    } finally {
      process.env = saved;
    }
  });

  it('matches NO_PROXY entries like curl', () => {
    const entries = parseNoProxy('example.com, .corp.net,*.svc, host:8443 ,192.168.0.0/16,[::2]');
    const bypass = (u: string): boolean => shouldBypassProxy(new URL(u), entries, true);
    assert.equal(bypass('https://example.com/'), true);
    assert.equal(bypass('https://a.example.com/'), true);
    assert.equal(bypass('https://notexample.com/'), false);
    assert.equal(bypass('https://x.corp.net/'), true);
    assert.equal(bypass('https://a.svc/'), true);
    assert.equal(bypass('https://host:8443/'), true);
    assert.equal(bypass('https://host/'), false);
    assert.equal(bypass('https://192.168.4.4/'), true);
    assert.equal(bypass('https://192.169.4.4/'), false);
    assert.equal(bypass('https://[::2]/'), true);
    assert.equal(bypass('https://127.9.9.9/'), true);
    assert.equal(shouldBypassProxy(new URL('https://127.0.0.1/'), [], false), false);
    assert.equal(shouldBypassProxy(new URL('https://anything/'), ['*'], false), true);
  });
});
