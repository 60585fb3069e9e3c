import * as assert from 'node:assert/strict';
import { AzureHttpClient } from '../../../src/azure/http/azureHttpClient';
import { getPage, iterateItems, iteratePages } from '../../../src/azure/http/paging';
import { OperationTimeoutError, runLongRunningOperation, type OperationProgress } from '../../../src/azure/http/longRunningOperation';
import { CrossOriginLinkError, OperationFailedError, RequestCancelledError } from '../../../src/azure/errors/specificErrors';
import { startRawServer, sendJson, type RawServer } from './helpers/rawServer';

const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: { maxRetries: 1, baseDelayMs: 5 } });

describe('azure/http paging and long-running operations (raw server)', () => {
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('follows Batch odata.nextLink across pages and ARM nextLink, page by page or item by item', async () => {
    server = await startRawServer((_q, res, seen) => {
      const page = Number(new URL(seen.url, 'http://x').searchParams.get('page') ?? '1');
      const next = page < 3 ? `${server!.url}/pools/p/nodes?api-version=v&page=${page + 1}` : undefined;
      const arm = seen.url.startsWith('/arm');
      sendJson(res, 200, { value: [{ id: `n${page}` }], ...(next ? (arm ? { nextLink: next.replace('/pools/p/nodes', '/arm') } : { 'odata.nextLink': next }) : {}) });
    });
    const first = { method: 'GET' as const, url: `${server.url}/pools/p/nodes`, apiVersion: 'v', dialect: 'batch' as const };
    const pages = [];
    for await (const page of iteratePages<{ id: string }>(client, first)) {
      pages.push(page);
    }
    assert.deepEqual(pages.map((p) => p.items.map((i) => i.id)), [['n1'], ['n2'], ['n3']]);
    assert.equal(pages[2]!.nextLink, undefined);
    const items = [];
    for await (const item of iterateItems<{ id: string }>(client, { ...first, url: `${server.url}/arm`, dialect: 'arm' })) {
      items.push(item.id);
    }
    assert.deepEqual(items, ['n1', 'n2', 'n3']);
    // Resume from a stored next link.
    const resumed = await getPage<{ id: string }>(client, { ...first, url: pages[0]!.nextLink! });
    assert.deepEqual(resumed.items, [{ id: 'n2' }]);
    assert.equal(resumed.nextLink, pages[1]!.nextLink);
  });

  it('refuses a next link to another origin', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 200, { value: [1], 'odata.nextLink': 'https://evil.example.com/pools?page=2' }));
    const first = { method: 'GET' as const, url: `${server.url}/pools`, dialect: 'batch' as const };
    const seen: number[][] = [];
    const error = await (async () => {
      for await (const page of iteratePages<number>(client, first)) {
        seen.push(page.items);
      }
    })().catch((e: unknown) => e);
    assert.ok(error instanceof CrossOriginLinkError, String(error));
    assert.deepEqual(seen, []);
    assert.equal(server.requests.length, 1);
    await assert.rejects(getPage(client, { ...first, url: 'https://evil.example.com/pools' }, `http://127.0.0.1:${server.port}`), CrossOriginLinkError);
  });

  it('an LRO with Azure-AsyncOperation reports each status, honours Retry-After and returns the final GET', async () => {
    let polls = 0;
    server = await startRawServer((_q, res, seen) => {
      if (seen.method === 'PUT') {
        sendJson(res, 201, { name: 'img', properties: { provisioningState: 'Creating' } }, {
          'azure-asyncoperation': `${server!.url}/operations/op1?api-version=2024-03-03`,
          'retry-after': '0',
        });
      } else if (seen.url.startsWith('/operations/op1')) {
        polls++;
        sendJson(res, 200, { status: polls < 3 ? 'InProgress' : 'Succeeded' }, { 'retry-after': '0' });
      } else {
        sendJson(res, 200, { name: 'img', properties: { provisioningState: 'Succeeded' } }, { etag: '"e1"' });
      }
    });
    const progress: OperationProgress[] = [];
    const result = await runLongRunningOperation<{ properties: { provisioningState: string } }>(
      client,
      { method: 'PUT', url: `${server.url}/images/img`, apiVersion: '2024-03-03', dialect: 'arm', body: { location: 'x' } },
      { onProgress: (p) => progress.push(p), pollIntervalMs: 5000 },
    );
    assert.equal(result.body.properties.provisioningState, 'Succeeded');
    assert.equal(result.etag, '"e1"');
    assert.deepEqual(progress.map((p) => p.status), ['Creating', 'InProgress', 'InProgress', 'Succeeded']);
    assert.deepEqual(server.requests.map((r) => `${r.method} ${r.url}`), [
      'PUT /images/img?api-version=2024-03-03',
      'GET /operations/op1?api-version=2024-03-03',
      'GET /operations/op1?api-version=2024-03-03',
      'GET /operations/op1?api-version=2024-03-03',
      'GET /images/img?api-version=2024-03-03',
    ]);
  });

  it('an LRO ending Failed throws OperationFailedError with the operation error', async () => {
    server = await startRawServer((_q, res, seen) => {
      if (seen.method === 'PUT') {
        sendJson(res, 202, undefined, { location: `${server!.url}/operations/op2` });
      }
      else {
        sendJson(res, 200, { status: 'Failed', error: { code: 'GalleryImageQuotaExceeded', message: 'Too many images.', target: 'images' } });
      }
    });
    const error = await runLongRunningOperation(client, {
      method: 'PUT',
      url: `${server.url}/images/img`,
      dialect: 'arm',
      operation: 'Create or update image definition img',
      headers: {},
    }, { pollIntervalMs: 10 }).catch((e: unknown) => e);
    // 202 + Location whose body carries a status: treated as the final result of a Location poll.
    assert.ok(error instanceof OperationFailedError, String(error));
    assert.equal(error.operationStatus, 'Failed');
    assert.deepEqual(error.operationError, { code: 'GalleryImageQuotaExceeded', message: 'Too many images.', target: 'images', details: [] });
    assert.match(error.toString(), /^Create or update image definition img failed: GalleryImageQuotaExceeded: Too many images/);
  });

  it('polls a resource whose PUT answered 200 with a non-terminal provisioningState; cancellation stops the wait', async () => {
    // Retry-After of an hour, within the allowed interval: only a working cancellation of the wait ends this test.
    server = await startRawServer((_q, res) => sendJson(res, 200, { properties: { provisioningState: 'Updating' } }, { 'retry-after': '3600' }));
    const controller = new AbortController();
    const progress: OperationProgress[] = [];
    await assert.rejects(
      runLongRunningOperation(client, { method: 'PUT', url: `${server.url}/images/img`, dialect: 'arm', body: {} }, {
        abortSignal: controller.signal,
        maxPollIntervalMs: 7_200_000,
        onProgress: (p) => {
          progress.push(p);
          controller.abort(); // now it waits an hour before the first poll
        },
      }),
      RequestCancelledError,
    );
    assert.deepEqual(progress, [{ status: 'Updating', percentComplete: undefined, poll: 0 }]);
    assert.equal(server.requests.length, 1, 'no poll after the cancellation');
  });

  it('stops waiting at the client time limit: OperationTimeoutError, not a status of the operation', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 200, { properties: { provisioningState: 'Updating' } }));
    const error = await runLongRunningOperation(client, { method: 'PUT', url: `${server.url}/images/img`, dialect: 'arm', body: {}, operation: 'Create image img' }, {
      // Long enough for the PUT and a poll on a loaded machine (with 50 ms the PUT alone sometimes outlasted the limit).
      timeoutMs: 1_500,
      pollIntervalMs: 10,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof OperationTimeoutError, String(error));
    assert.equal(error.operationStatus, 'TimedOut');
    assert.equal(error.code, 'OperationTimedOut');
    assert.equal(error.kind, 'client', 'the client gave up; Azure did not say TimedOut');
    assert.ok(server.requests.length >= 2, `it polled before giving up (${server.requests.length} requests)`);
    assert.deepEqual([...new Set(server.requests.slice(1).map((r) => r.method))], ['GET']);
  });

  it('refuses to poll an operation URL on another origin', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 201, {}, { 'azure-asyncoperation': 'https://elsewhere.example.com/op' }));
    await assert.rejects(runLongRunningOperation(client, { method: 'PUT', url: `${server.url}/x`, dialect: 'arm', body: {} }), CrossOriginLinkError);
  });
});
