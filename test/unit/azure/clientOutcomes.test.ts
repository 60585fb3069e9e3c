import * as assert from 'node:assert/strict';
import { AzureHttpClient } from '../../../src/azure/http/azureHttpClient';
import { runLongRunningOperation } from '../../../src/azure/http/longRunningOperation';
import { AzureRequestError } from '../../../src/azure/errors/azureRequestError';
import { OutcomeUnknownError, RequestDeadlineError, ResponseTooLargeError } from '../../../src/azure/errors/outcomeErrors';
import { OperationFailedError, PreconditionFailedError, RequestCancelledError } from '../../../src/azure/errors/specificErrors';
import { startRawServer, sendJson, type RawServer } from './helpers/rawServer';
import { RecordingLogger } from './helpers/recordingLogger';

const fast = { maxRetries: 2, baseDelayMs: 5, maxRetryDelayMs: 5_000 };
const fail = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => assert.fail('expected a rejection'), (e: unknown) => e);

describe('azure/http outcomes: unknown writes, accepted operations, body cap, deadline, Retry-After floor', function () {
  this.timeout(15_000);
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('a 2xx with an unreadable body: a GET is retried, a write is "outcome unknown" and not repeated; an empty write answer needs no JSON', async () => {
    server = await startRawServer((_q, res, seen, i) => {
      if (seen.url.startsWith('/empty')) {
        res.writeHead(202, { 'content-length': '0' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(i === 0 || seen.method === 'POST' ? '{"value": [' : '{"value": []}');
    });
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fast });
    const read = await client.send<{ value: unknown[] }>({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch' });
    assert.deepEqual(read.body.value, []);
    assert.equal(read.attempts, 2);

    const error = await fail(client.send({ method: 'POST', url: `${server.url}/reimage`, dialect: 'batch', body: {}, operation: 'Reimage node n1 of pool p1' }));
    assert.ok(error instanceof OutcomeUnknownError, String(error));
    assert.equal(error.status, 200);
    assert.equal(error.underlying.code, 'MalformedResponse');
    assert.equal(
      error.toString(),
      'Reimage node n1 of pool p1: the request was sent, but its answer was lost (MalformedResponse: The response body is not valid JSON), so it is not known whether it took effect. Refresh to see the current state before trying again.',
    );
    assert.equal(server.requests.filter((r) => r.method === 'POST').length, 1);

    const empty = await client.send({ method: 'POST', url: `${server.url}/empty`, dialect: 'batch', body: { nodeReimageOption: 'requeue' } });
    assert.equal(empty.status, 202);
    assert.equal(empty.body, undefined);
  });

  it('a write cancelled while on the wire is "outcome unknown"; a read is just cancelled', async () => {
    server = await startRawServer(() => undefined); // never answers
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fast });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const write = await fail(client.send({ method: 'PATCH', url: `${server.url}/pools/p1`, dialect: 'batch', body: { metadata: [] }, abortSignal: controller.signal }));
    assert.ok(write instanceof OutcomeUnknownError, String(write));
    assert.ok(write.underlying instanceof RequestCancelledError);
    const read = new AbortController();
    setTimeout(() => read.abort(), 100);
    const error = await fail(client.send({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch', abortSignal: read.signal }));
    assert.ok(error instanceof RequestCancelledError && !(error instanceof OutcomeUnknownError), String(error));
  });

  it('a PATCH with If-Match repeated after a lost answer that then gets 412 says the earlier attempt may have taken effect', async () => {
    server = await startRawServer((req, res, _s, i) => {
      if (i === 0) {
        req.socket.destroy();
        return;
      }
      sendJson(res, 412, { code: 'ConditionNotMet', message: { value: 'The condition specified using HTTP conditional header(s) is not met.' } });
    });
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fast });
    const error = await fail(client.send({ method: 'PATCH', url: `${server.url}/pools/p1`, dialect: 'batch', headers: { 'if-match': '0x1' }, body: {} }));
    assert.ok(error instanceof PreconditionFailedError, String(error));
    assert.equal(error.attempts, 2);
    assert.equal(error.earlierAttemptUncertain, true);
    assert.match(error.toLogString(), /earlier-attempt-uncertain/);
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[0]!.headers['client-request-id'], server.requests[1]!.headers['client-request-id']);
  });

  it('caps response bodies (announced or streamed), naming the limit and the setting; a write over the cap is "outcome unknown"', async () => {
    const big = JSON.stringify({ value: [{ id: 'x'.repeat(3 * 1024 * 1024) }] });
    server = await startRawServer((_q, res, seen) => {
      if (seen.url.startsWith('/chunked')) {
        res.writeHead(200, { 'content-type': 'application/json' }); // no Content-Length: chunked
        for (let i = 0; i < big.length; i += 64 * 1024) {
          res.write(big.slice(i, i + 64 * 1024));
        }
        res.end();
        return;
      }
      sendJson(res, 200, JSON.parse(big));
    });
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fast, maxResponseBytes: 1024 * 1024 });
    for (const url of [`${server.url}/pools`, `${server.url}/chunked`]) {
      const error = await fail(client.send({ method: 'GET', url, dialect: 'batch', operation: 'List pools' }));
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.equal(error.limitBytes, 1024 * 1024);
      assert.match(error.toString(), /^List pools failed: ResponseTooLarge: The response is larger than 1 MB, the limit set by azureBatch\.http\.maxResponseMegabytes, so it was not read/);
    }
    assert.equal(server.requests.length, 2, 'not retried');
    const write = await fail(client.send({ method: 'POST', url: `${server.url}/reimage`, dialect: 'batch', body: {} }));
    assert.ok(write instanceof OutcomeUnknownError && write.underlying instanceof ResponseTooLargeError, String(write));
    const small = new AzureHttpClient({ userAgent: 'test/1.0', maxResponseBytes: 4 * 1024 * 1024 });
    assert.equal(((await small.send<{ value: unknown[] }>({ method: 'GET', url: `${server.url}/chunked`, dialect: 'batch' })).body.value).length, 1);
  });

  it('gives up at the overall deadline (a silent server; a retry wait that would pass it); a write then is "outcome unknown"', async () => {
    server = await startRawServer((_q, res, seen) => {
      if (seen.url.startsWith('/busy')) {
        sendJson(res, 503, { code: 'ServerBusy', message: { value: 'busy' } }, { 'retry-after': '2' });
      }
      // anything else: never answers
    });
    const logger = new RecordingLogger();
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fast, requestTimeoutMs: 400, logger });
    const started = Date.now();
    const error = await fail(client.send({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch', operation: 'List pools' }));
    assert.ok(error instanceof RequestDeadlineError, String(error));
    assert.ok(Date.now() - started < 3_000);
    assert.match(error.toString(), /No complete answer within 0\.4 s, retries included \(setting azureBatch\.http\.requestTimeoutSeconds\)/);
    const write = await fail(client.send({ method: 'POST', url: `${server.url}/reimage`, dialect: 'batch', body: {} }));
    assert.ok(write instanceof OutcomeUnknownError && write.underlying instanceof RequestDeadlineError, String(write));

    const busy = await fail(client.send({ method: 'GET', url: `${server.url}/busy`, dialect: 'batch' }));
    assert.ok(busy instanceof AzureRequestError && busy.status === 503, String(busy));
    assert.equal(server.requests.filter((r) => r.url.startsWith('/busy')).length, 1, 'a 2 s Retry-After does not fit in 0.4 s: not waited for');
    assert.match(logger.text, /not retried, the wait would pass the request's deadline/);
  });

  it('"Retry-After: 0" waits at least 250 ms', async () => {
    server = await startRawServer((_q, res, _s, i) =>
      i === 0 ? sendJson(res, 429, { code: 'TooManyRequests', message: { value: 'slow down' } }, { 'retry-after': '0' }) : sendJson(res, 200, {}),
    );
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fast });
    await client.send({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch' });
    const [a, b] = server.requests;
    assert.ok(b!.time - a!.time >= 240, `waited ${b!.time - a!.time} ms`);
  });

  it('an accepted long-running PUT whose polling or final GET fails is marked "accepted; following it failed"', async () => {
    let phase = '';
    server = await startRawServer((_q, res, seen) => {
      if (seen.method === 'PUT') {
        sendJson(res, 201, { properties: { provisioningState: 'Creating' } }, { 'azure-asyncoperation': `${server!.url}/op?api-version=v` });
      } else if (seen.url.startsWith('/op')) {
        if (phase === 'poll-fails') {
          sendJson(res, 404, { error: { code: 'NotFound', message: 'The operation was not found.' } });
        } else if (phase === 'op-failed') {
          sendJson(res, 200, { status: 'Failed', error: { code: 'GalleryImageQuotaExceeded', message: 'Quota exceeded.' } });
        } else {
          sendJson(res, 200, { status: 'Succeeded' });
        }
      } else {
        sendJson(res, 500, { error: { code: 'InternalServerError', message: 'Encountered internal server error.' } });
      }
    });
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: { ...fast, maxRetries: 0 } });
    const put = { method: 'PUT' as const, url: `${server.url}/images/img1`, apiVersion: 'v', dialect: 'arm' as const, body: {}, operation: 'Create or update image definition img1' };
    const lro = { pollIntervalMs: 5 };

    phase = 'poll-fails';
    const pollError = await fail(runLongRunningOperation(client, put, lro));
    assert.ok(pollError instanceof AzureRequestError && pollError.afterAccepted, String(pollError));
    assert.match(pollError.toString(), /^Create or update image definition img1 \(status\) was accepted by Azure, but following it failed: NotFound: The operation was not found \(HTTP 404\)\. Refresh to see the result before trying again\.$/);

    phase = 'final-get-fails';
    const finalError = await fail(runLongRunningOperation(client, put, lro));
    assert.ok(finalError instanceof AzureRequestError && finalError.afterAccepted && finalError.status === 500, String(finalError));

    phase = 'op-failed';
    const failed = await fail(runLongRunningOperation(client, put, lro));
    assert.ok(failed instanceof OperationFailedError && !failed.afterAccepted, 'a Failed operation is its real outcome, not "following failed"');
    assert.equal(failed.code, 'GalleryImageQuotaExceeded');
  });

  it('a retried PUT that then gets 409 is marked accepted (its first attempt may be the one in progress)', async () => {
    server = await startRawServer((req, res, _s, i) => {
      if (i === 0) {
        req.socket.destroy();
        return;
      }
      sendJson(res, 409, { error: { code: 'OperationNotAllowed', message: 'Another operation is in progress on the resource.' } });
    });
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fast });
    const error = await fail(runLongRunningOperation(client, { method: 'PUT', url: `${server.url}/images/img1`, dialect: 'arm', body: {} }, { pollIntervalMs: 5 }));
    assert.ok(error instanceof AzureRequestError && error.status === 409 && error.afterAccepted, String(error));
    assert.equal(server.requests.length, 2);
  });
});
