import * as assert from 'node:assert/strict';
import { AzureClients } from '../../../src/azure/azureClientFactory';
import { batchScope, resolveCloud } from '../../../src/azure/auth/clouds';
import { createIdentityCredential } from '../../../src/azure/auth/identityCredentials';
import { batchAccountUrl } from '../../../src/azure/arm/batchAccountModels';
import type { GalleryImage } from '../../../src/azure/arm/galleryModels.generated';
import type { BatchAccountClient } from '../../../src/azure/batch/batchAccountClient';
import { AzureRequestError } from '../../../src/azure/errors/azureRequestError';
import { OperationFailedError, PreconditionFailedError, RequestCancelledError } from '../../../src/azure/errors/specificErrors';
import type { OperationProgress } from '../../../src/azure/http/longRunningOperation';
import { closeSharedTransport } from '../../../src/azure/http/sharedTransport';
import { describeViolation } from '../../harness/conformanceCheck';
import { startEmulatorFixture, type EmulatorFixture } from './helpers/emulatorFixture';
import { cancelAfter, waitForRecord } from './helpers/waiting';
import { startConnectProxy } from './helpers/connectProxy';
import { RecordingLogger } from './helpers/recordingLogger';

describe('azure clients against the emulator', function () {
  this.timeout(20_000);
  let f: EmulatorFixture;
  let logger: RecordingLogger;
  let prod: BatchAccountClient; // contosoprod: linux-small, win-render, gpu-empty
  let hpc: BatchAccountClient; // contosohpc: hpc-10k, ml-train, legacy-cs, ...
  const account = (name: string) => f.emulator.info.batchAccounts.find((a) => a.name === name)!;

  before(async () => {
    logger = new RecordingLogger();
    f = await startEmulatorFixture({ armPageSize: 1, lroDelayMs: 300, nodeTransitionMs: 200 }, logger);
    prod = f.clients.batchAccount({ url: account('contosoprod').url });
    hpc = f.clients.batchAccount({ url: account('contosohpc').url });
  });
  after(async () => {
    await f.stop();
  });
  // The product's traffic and the emulator's answers must both be what the official specs allow, in every test.
  let violationsBefore = 0;
  beforeEach(() => {
    violationsBefore = f.emulator.conformanceViolations().length;
  });
  afterEach(() => {
    f.emulator.clearFaults();
    f.emulator.clearRequests();
    assert.deepEqual(f.emulator.conformanceViolations().slice(violationsBefore).map(describeViolation), [], 'every exchange conforms to the specs');
  });

  it('lists subscriptions, Batch accounts (ARM nextLink paging) and galleries, with the Batch scope carrying its trailing slash', async () => {
    const subscriptions = await f.clients.arm.subscriptions.list();
    assert.deepEqual(subscriptions.map((s) => s.displayName).sort(), ['Contoso Production', 'Fabrikam Research']);
    const contoso = subscriptions.find((s) => s.displayName === 'Contoso Production')!;
    assert.equal(f.clients.arm.tenantOfSubscription(contoso.subscriptionId), f.emulator.info.tenantId);
    const accounts = await f.clients.arm.batchAccounts.list(contoso.subscriptionId);
    assert.deepEqual(accounts.map((a) => a.name).sort(), ['contosohpc', 'contosoprod']);
    assert.ok(f.emulator.requests({ path: /batchAccounts$/ }).length >= 2, 'followed nextLink (page size 1)');
    assert.equal(batchAccountUrl(accounts.find((a) => a.name === 'contosoprod')!), account('contosoprod').url);
    const galleries = await f.clients.arm.galleries.listGalleries(contoso.subscriptionId);
    assert.ok(galleries.length >= 1);
    const one = await f.clients.arm.batchAccounts.getById(accounts[0]!.id!);
    assert.equal(one.name, accounts[0]!.name);
    const generic = await f.clients.arm.getResourceById<{ name: string }>(galleries[0]!.id!, f.clients.apiVersions.compute);
    assert.equal(generic.resource.name, galleries[0]!.name);
    const keys = await f.clients.arm.batchAccounts.listKeys(contoso.subscriptionId, account('contosoprod').resourceGroup, 'contosoprod');
    assert.equal(keys.primary, account('contosoprod').primaryKey);
    await prod.listPools();
    assert.ok(f.credential.scopes.includes('https://batch.core.windows.net//.default'));
    assert.ok(f.credential.scopes.includes(`${f.emulator.info.armEndpoint.replace(/\/$/, '')}/.default`));
  });

  it('pages the 10,000 nodes of hpc-10k with maxresults 1000 (10 pages) and resumes from a stored next link', async () => {
    const first = await hpc.listNodesPage('hpc-10k', { maxResults: 5000, select: ['id', 'state'] });
    assert.equal(first.items.length, 1000, 'maxresults clamped to 1000');
    assert.ok(first.nextLink);
    assert.deepEqual(Object.keys(first.items[0]!).sort(), ['id', 'state']);
    // "Load more…": resume from the stored link.
    const second = await hpc.listNodesPage('hpc-10k', { nextLink: first.nextLink });
    assert.equal(second.items.length, 1000);
    assert.notEqual(second.items[0]!.id, first.items[0]!.id);
    let pages = 0;
    let nodes = 0;
    const ids = new Set<string>();
    for await (const page of hpc.iterateNodePages('hpc-10k', { maxResults: 1000, select: ['id'] })) {
      pages++;
      nodes += page.items.length;
      for (const n of page.items) {
        ids.add(n.id!);
      }
    }
    assert.equal(pages, 10);
    assert.equal(nodes, 10_000);
    assert.equal(ids.size, 10_000);
    const recorded = f.emulator.requests({ path: /\/pools\/hpc-10k\/nodes$/ });
    assert.ok(recorded.length >= 11, `every page request was recorded (${recorded.length})`);
    assert.ok(recorded.every((r) => r.query['api-version'] === '2025-06-01.21.0'));
  });

  it('filters nodes with $filter and counts nodes per pool', async () => {
    const research = f.clients.batchAccount({ url: account('fabrikamresearch').url });
    const idle = await research.listNodesPage('ml-train', { filter: "state eq 'idle'" });
    assert.ok(idle.items.length > 0);
    assert.ok(idle.items.every((n) => n.state === 'idle'));
    const counts = await hpc.listPoolNodeCounts();
    assert.deepEqual(counts.map((c) => c.poolId), ['hpc-10k']);
    const tenK = counts.find((c) => c.poolId === 'hpc-10k')!;
    assert.equal(tenK.dedicated!.total + tenK.lowPriority!.total, 10_000);
    const node = await research.getNode('ml-train', idle.items[0]!.id!, { select: ['id', 'state'] });
    assert.equal(node.id, idle.items[0]!.id);
  });

  it('honours Retry-After: 1 from a 503 (>= ~1 s between the recorded attempts) and x-ms-retry-after-ms from a 429', async () => {
    f.emulator.addFault({ route: '/pools/linux-small$', method: 'GET', kind: 'status', status: 503, retryAfterSeconds: 1, count: 1 });
    const pool = await prod.getPool('linux-small');
    assert.equal(pool.value.id, 'linux-small');
    const attempts = f.emulator.requests({ path: /\/pools\/linux-small$/ });
    assert.equal(attempts.length, 2);
    assert.equal(attempts[0]!.status, 503);
    assert.ok(attempts[1]!.time - attempts[0]!.time >= 950, `gap ${attempts[1]!.time - attempts[0]!.time} ms`);
    assert.equal(attempts[0]!.headers['client-request-id'], attempts[1]!.headers['client-request-id']);

    f.emulator.clearRequests();
    f.throttles.length = 0;
    f.emulator.addFault({ route: '/pools/linux-small/nodes$', kind: 'status', status: 429, retryAfterMs: 250, count: 2 });
    const nodes = await prod.listNodesPage('linux-small');
    assert.equal(nodes.items.length, 3);
    const lists = f.emulator.requests({ path: /\/pools\/linux-small\/nodes$/ });
    assert.equal(lists.length, 3);
    assert.ok(lists[1]!.time - lists[0]!.time >= 240 && lists[2]!.time - lists[1]!.time >= 240);
    assert.equal(f.throttles.length, 2);
    assert.equal(f.throttles[0]!.retryAfterMs, 250);

    // A POST that got an answer reached the server: the client does not repeat it, not even on 429 (the bulk
    // reimage resends throttled requests itself, at its own pace).
    f.emulator.clearRequests();
    f.emulator.addFault({ route: '/reimage$', kind: 'status', status: 429, retryAfterMs: 250, count: 1 });
    await assert.rejects(prod.reimageNode('linux-small', nodes.items[0]!.id!, 'requeue'), (e: { status?: number; retryAfterMs?: number }) => e.status === 429 && e.retryAfterMs === 250);
    assert.equal(f.emulator.requests({ path: /\/reimage$/ }).length, 1);
  });

  it('gets a pool with its ETag, patches it with If-Match (new ETag back) and turns a lost race into PreconditionFailedError', async () => {
    const before = await prod.getPool('win-render');
    assert.ok(before.etag);
    assert.ok(before.lastModified);
    const receipt = await prod.patchPool('win-render', { metadata: [{ name: 'owner', value: 'tests' }] }, { ifMatch: before.etag });
    assert.ok(receipt.etag);
    assert.notEqual(receipt.etag, before.etag);
    const patched = f.emulator.requests({ path: /\/pools\/win-render$/, method: 'PATCH' })[0]!;
    assert.equal(patched.headers['if-match'], before.etag);
    assert.equal(patched.headers['content-type'], 'application/json; odata=minimalmetadata');

    f.emulator.touchPool('contosoprod', 'win-render');
    const error = await prod.patchPool('win-render', { metadata: [] }, { ifMatch: receipt.etag }).catch((e: unknown) => e);
    assert.ok(error instanceof PreconditionFailedError, String(error));
    assert.equal(error.status, 412);
    assert.match(error.toString(), /^Update pool win-render failed: .*\(HTTP 412\)\. The resource was changed by someone else/);
    const metadata = (f.emulator.getPool('contosoprod', 'win-render') as { metadata?: unknown[] }).metadata;
    assert.notDeepEqual(metadata, [], 'the stale patch was not applied');
  });

  it('reimages a node with an explicit option; the emulator sees {"nodeReimageOption": ...}', async () => {
    const nodes = await prod.listNodesPage('win-render', { filter: "state eq 'idle'", maxResults: 2 });
    const nodeId = nodes.items[0]!.id!;
    await prod.reimageNode('win-render', nodeId, 'taskcompletion');
    const post = f.emulator.requests({ path: /\/reimage$/ })[0]!;
    assert.deepEqual(JSON.parse(post.body), { nodeReimageOption: 'taskcompletion' });
    assert.equal((await prod.getNode('win-render', nodeId)).state, 'reimaging');
  });

  it('reports both error shapes: Batch (PoolNotFound) and ARM (404 of an image definition)', async () => {
    const batchError = await prod.getPool('no-such-pool').catch((e: unknown) => e);
    assert.ok(batchError instanceof AzureRequestError);
    assert.equal(batchError.kind, 'batch');
    assert.equal(batchError.code, 'PoolNotFound');
    assert.ok(batchError.serviceRequestId);
    assert.match(batchError.toString(), /^Get pool no-such-pool failed: PoolNotFound: .* \(HTTP 404\)\. It may have been deleted or renamed: refresh the tree\.$/);
    const gallery = (await f.clients.arm.galleries.listGalleries(account('contosoprod').subscriptionId))[0]!;
    const rg = gallery.id!.split('/')[4]!;
    const armError = await f.clients.arm.galleries.getImage(account('contosoprod').subscriptionId, rg, gallery.name!, 'missing-image').catch((e: unknown) => e);
    assert.ok(armError instanceof AzureRequestError);
    assert.equal(armError.kind, 'arm');
    assert.equal(armError.status, 404);
    assert.ok(armError.serviceRequestId);
    assert.match(armError.toLogString(), /x?-?> 404 .*service-request-id=/);
  });

  it('creates an image definition (LRO Succeeded, progress reported, final resource returned) and surfaces a Failed LRO', async () => {
    const subscriptionId = account('contosoprod').subscriptionId;
    const gallery = (await f.clients.arm.galleries.listGalleries(subscriptionId))[0]!;
    const rg = gallery.id!.split('/')[4]!;
    const body: GalleryImage = {
      location: gallery.location,
      properties: {
        osType: 'Linux',
        osState: 'Generalized',
        hyperVGeneration: 'V2',
        identifier: { publisher: 'unit', offer: 'tests', sku: `sku-${Date.now()}` },
        description: 'created by the unit tests',
      },
    };
    const progress: OperationProgress[] = [];
    const created = await f.clients.arm.galleries.createOrUpdateImage(subscriptionId, rg, gallery.name!, 'unit-image', body, {
      onProgress: (p) => progress.push(p),
      pollIntervalMs: 100,
    });
    assert.equal(created.image.properties?.provisioningState, 'Succeeded');
    assert.equal(created.image.name, 'unit-image');
    assert.equal(progress[0]!.status, 'Creating');
    assert.equal(progress.at(-1)!.status, 'Succeeded');
    assert.ok(f.emulator.getImage(subscriptionId, rg, gallery.name!, 'unit-image'));

    f.emulator.failNextImagePut('GalleryImageQuotaExceeded', 'The gallery reached its image definition quota.');
    const failed = await f.clients.arm.galleries
      .createOrUpdateImage(subscriptionId, rg, gallery.name!, 'unit-image-2', { ...body, properties: { ...body.properties!, identifier: { publisher: 'unit', offer: 'tests', sku: `other-${Date.now()}` } } }, { pollIntervalMs: 100 })
      .catch((e: unknown) => e);
    assert.ok(failed instanceof OperationFailedError, String(failed));
    assert.equal(failed.operationStatus, 'Failed');
    assert.equal(failed.operationError.code, 'GalleryImageQuotaExceeded');
    assert.match(failed.toString(), /^Create or update image definition unit-image-2 failed: GalleryImageQuotaExceeded: The gallery reached its image definition quota/);

    // "Create only" (If-None-Match: *) over a definition that exists meanwhile: a typed conflict, nothing replaced.
    const race = await f.clients.arm.galleries
      .createOrUpdateImage(subscriptionId, rg, gallery.name!, 'unit-image', { ...body, properties: { ...body.properties!, description: 'replaced?' } }, { ifNoneMatch: '*', pollIntervalMs: 100 })
      .catch((e: unknown) => e);
    assert.ok(race instanceof PreconditionFailedError, String(race));
    assert.equal((f.emulator.getImage(subscriptionId, rg, gallery.name!, 'unit-image') as { properties?: { description?: string } }).properties?.description, 'created by the unit tests');
  });

  it('sends bodies that conform to the official schemas (pool patch, reimage, image PUT): zero violations', async () => {
    assert.equal(f.emulator.info.conformance, true, f.emulator.info.conformanceReason);
    const pool = await prod.getPool('linux-small');
    await prod.patchPool(
      'linux-small',
      {
        metadata: [{ name: 'a', value: 'b' }],
        startTask: { commandLine: "/bin/bash -c 'echo hi'", waitForSuccess: true, maxTaskRetryCount: 1 },
        targetNodeCommunicationMode: 'simplified',
      },
      { ifMatch: pool.etag },
    );
    const nodes = await prod.listNodesPage('linux-small');
    for (const option of ['requeue', 'terminate', 'retaineddata'] as const) {
      const node = nodes.items.find((n) => n.state === 'idle' || n.state === 'running');
      if (node) {
        await prod.reimageNode('linux-small', node.id!, option).catch(() => undefined);
      }
    }
    const subscriptionId = account('contosoprod').subscriptionId;
    const gallery = (await f.clients.arm.galleries.listGalleries(subscriptionId))[0]!;
    await f.clients.arm.galleries.createOrUpdateImage(
      subscriptionId,
      gallery.id!.split('/')[4]!,
      gallery.name!,
      'conformance-image',
      { location: gallery.location, properties: { osType: 'Windows', osState: 'Specialized', identifier: { publisher: 'c', offer: 'o', sku: `s${Date.now()}` }, features: [{ name: 'SecurityType', value: 'TrustedLaunch' }] } },
      { pollIntervalMs: 100 },
    );
    assert.ok(f.emulator.requests({ method: 'PATCH' }).length >= 1);
    assert.ok(f.emulator.requests({ path: /\/reimage$/ }).length >= 1);
    assert.ok(f.emulator.requests({ method: 'PUT' }).length >= 1);
    assert.deepEqual(f.emulator.conformanceViolations(), []);
  });

  it('cancels mid-request (slow body) with RequestCancelledError, the body cut short, and does not retry', async () => {
    f.emulator.addFault({ route: '/pools/hpc-10k/nodes$', kind: 'slowBody', delayMs: 5000 });
    const logStart = logger.lines.length;
    const error = await hpc.listNodesPage('hpc-10k', { cancellationToken: cancelAfter(300) }).catch((e: unknown) => e);
    assert.ok(error instanceof RequestCancelledError, String(error));
    assert.equal(error.attempts, 1);
    const attemptLines = logger.lines.slice(logStart).filter((l) => l.includes('/pools/hpc-10k/nodes') && l.includes('(attempt'));
    assert.equal(attemptLines.length, 1, attemptLines.join('\n'));
    assert.match(attemptLines[0]!, /cancelled \(attempt 1\)/);
    // The emulator records the request once its (slow) reply stops: when it noticed the client had gone.
    const nodesPath = /\/pools\/hpc-10k\/nodes$/;
    const [cut] = await waitForRecord(() => f.emulator.requests({ path: nodesPath }));
    f.emulator.clearFaults();
    await hpc.listNodesPage('hpc-10k');
    const whole = f.emulator.requests({ path: nodesPath })[1]!;
    assert.ok(cut!.responseBytes > 0 && cut!.responseBytes < whole.responseBytes, `the body was cut short: ${cut!.responseBytes} of ${whole.responseBytes} bytes`);

    f.emulator.clearFaults();
    f.emulator.addFault({ route: '/pools$', kind: 'latency', delayMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(prod.listPoolsPage({ abortSignal: controller.signal }), RequestCancelledError);
  });

  it('retries a GET after a reset and a malformed body, but not a POST after a reset', async () => {
    f.emulator.addFault({ route: '/pools/gpu-empty$', method: 'GET', kind: 'reset', count: 1 });
    f.emulator.addFault({ route: '/nodecounts$', kind: 'malformedJson', count: 1 });
    assert.equal((await prod.getPool('gpu-empty')).value.id, 'gpu-empty');
    assert.ok((await prod.listPoolNodeCounts()).length >= 3);
    f.emulator.addFault({ route: '/reimage$', kind: 'reset', count: 1 });
    const nodes = await prod.listNodesPage('linux-small');
    const error = await prod.reimageNode('linux-small', nodes.items[0]!.id!).catch((e: unknown) => e);
    assert.ok(error instanceof AzureRequestError);
    assert.equal(error.kind, 'network');
    assert.equal(f.emulator.requests({ path: /\/reimage$/ }).length, 1);
  });

  it('authenticates with the shared key of an attached account (and explains a wrong key)', async () => {
    const acct = account('fabrikamresearch');
    const attached = f.clients.batchAccountWithSharedKey({ name: acct.name, url: acct.url }, () => acct.primaryKey);
    assert.ok((await attached.listPools()).length >= 1);
    const recorded = f.emulator.requests({ path: /\/batch\/fabrikamresearch\/pools$/ })[0]!;
    assert.match(recorded.headers['authorization'] ?? '', /^SharedKey fabrikamresearch:/);
    const wrong = f.clients.batchAccountWithSharedKey({ name: acct.name, url: acct.url }, () => Buffer.from('wrong key').toString('base64'));
    const error = await wrong.listPools().catch((e: unknown) => e);
    assert.ok(error instanceof AzureRequestError);
    assert.match(error.toString(), /check its shared key/);
    assert.doesNotMatch(logger.text, new RegExp(acct.primaryKey.replace(/[+/=]/g, '.')));
    assert.doesNotMatch(logger.text, /SharedKey |Bearer /);
  });

  it('gets tokens from the emulator token endpoint with the "environment" method (client secret, AZURE_AUTHORITY_HOST, no instance discovery)', async () => {
    const info = f.emulator.info;
    const cloud = resolveCloud('custom', f.settings.customCloud);
    const credential = await createIdentityCredential('environment', {
      cloud,
      env: { AZURE_TENANT_ID: info.tenantId, AZURE_CLIENT_ID: info.clientId, AZURE_CLIENT_SECRET: info.clientSecret, AZURE_AUTHORITY_HOST: info.authorityHost },
      transport: { ca: f.settings.ca },
    });
    const token = await credential.getToken(batchScope(cloud));
    assert.ok(token && token.token.split('.').length === 3);
    const aud = JSON.parse(Buffer.from(token.token.split('.')[1]!, 'base64url').toString('utf8')).aud;
    assert.equal(aud, 'https://batch.core.windows.net/');
    const clients = new AzureClients({ settings: f.settings, credential, userAgent: 'tests/0' });
    assert.ok((await clients.batchAccount({ url: account('contosoprod').url }).listPools()).length >= 3);
    assert.ok((await clients.arm.subscriptions.list()).length >= 2);
  });

  it('reaches the emulator through a CONNECT proxy (TLS inside the tunnel)', async () => {
    const proxy = await startConnectProxy();
    try {
      const clients = new AzureClients({
        settings: { ...f.settings, proxy: { url: proxy.url, proxyLoopback: true, useEnvironment: false } },
        credential: f.credential,
        userAgent: 'tests/0',
      });
      const pools = await clients.batchAccount({ url: account('contosoprod').url }).listPools();
      assert.ok(pools.length >= 3);
      const port = new URL(f.emulator.info.baseUrl).port;
      assert.deepEqual([...new Set(proxy.connects)], [`127.0.0.1:${port}`]);
    } finally {
      await closeSharedTransport();
      await proxy.close();
    }
  });
});
