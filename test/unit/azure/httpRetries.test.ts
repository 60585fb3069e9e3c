import * as assert from 'node:assert/strict';
import { AzureHttpClient } from '../../../src/azure/http/azureHttpClient';
import type { ThrottleInfo } from '../../../src/azure/http/requestTypes';
import { AzureRequestError } from '../../../src/azure/errors/azureRequestError';
import { OutcomeUnknownError } from '../../../src/azure/errors/outcomeErrors';
import { retryAfterMsFrom } from '../../../src/azure/http/retryAfter';
import { backoffDelayMs, isIdempotent, shouldRetryStatus } from '../../../src/azure/http/retryPolicy';
import { startRawServer, sendJson, type RawServer } from './helpers/rawServer';
import { RecordingLogger } from './helpers/recordingLogger';

const fastRetry = { maxRetries: 3, baseDelayMs: 10, maxRetryDelayMs: 5_000 };

describe('azure/http retries', () => {
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('parses Retry-After (seconds, HTTP date) and the millisecond headers, ms headers first', () => {
    assert.equal(retryAfterMsFrom({ 'retry-after': '2' }), 2000);
    assert.equal(retryAfterMsFrom({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 5000);
    assert.equal(retryAfterMsFrom({ 'x-ms-retry-after-ms': '250', 'retry-after': '9' }), 250);
    assert.equal(retryAfterMsFrom({ 'retry-after-ms': '40' }), 40);
    assert.equal(retryAfterMsFrom({ 'retry-after': 'soon' }), undefined);
    assert.equal(retryAfterMsFrom({}), undefined);
  });

  it('decides idempotency and retryable statuses as documented', () => {
    assert.equal(isIdempotent('GET', {}), true);
    assert.equal(isIdempotent('PUT', {}), true);
    assert.equal(isIdempotent('PATCH', {}), false);
    assert.equal(isIdempotent('PATCH', { 'if-match': '0x1' }), true);
    assert.equal(isIdempotent('POST', {}), false);
    assert.equal(isIdempotent('POST', {}, true), true);
    for (const s of [408, 500, 502, 503, 504]) {
      assert.equal(shouldRetryStatus(s, true), true, String(s));
    }
    assert.equal(shouldRetryStatus(503, false), false);
    assert.equal(shouldRetryStatus(429, true), true);
    assert.equal(shouldRetryStatus(429, false), false, 'a POST that got an answer reached the server: not repeated');
    assert.equal(shouldRetryStatus(501, true), false);
    assert.equal(shouldRetryStatus(404, true), false);
  });

  it('backs off exponentially with full jitter under the cap', () => {
    const options = { maxRetries: 5, baseDelayMs: 100, maxRetryDelayMs: 1000 };
    assert.equal(backoffDelayMs(0, options, () => 0.999), 99);
    assert.equal(backoffDelayMs(3, options, () => 0.999), 799);
    assert.equal(backoffDelayMs(8, options, () => 0.999), 999);
    assert.equal(backoffDelayMs(8, options, () => 0), 0);
  });

  it('honours Retry-After: 1 (second attempt >= ~1 s later) and reuses the client-request-id', async () => {
    server = await startRawServer((_q, res, _s, i) =>
      i === 0 ? sendJson(res, 503, { code: 'ServerBusy', message: { value: 'busy' } }, { 'retry-after': '1' }) : sendJson(res, 200, { ok: true }),
    );
    const logger = new RecordingLogger();
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fastRetry, logger });
    const response = await client.send<{ ok: boolean }>({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch', apiVersion: '2025-06-01.21.0' });
    assert.equal(response.body.ok, true);
    assert.equal(response.attempts, 2);
    const [a, b] = server.requests as [(typeof server.requests)[0], (typeof server.requests)[0]];
    assert.ok(b.time - a.time >= 950, `waited ${b.time - a.time} ms`);
    assert.equal(a.headers['client-request-id'], b.headers['client-request-id']);
    assert.equal(response.clientRequestId, a.headers['client-request-id']);
    assert.match(logger.text, /retrying in 1000 ms/);
  });

  it('honours x-ms-retry-after-ms on 429 and reports every throttle to onThrottled (client and request)', async () => {
    server = await startRawServer((_q, res, _s, i) =>
      i < 2 ? sendJson(res, 429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'x-ms-retry-after-ms': '300' }) : sendJson(res, 200, {}),
    );
    const clientSeen: ThrottleInfo[] = [];
    const requestSeen: ThrottleInfo[] = [];
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fastRetry, onThrottled: (i) => clientSeen.push(i) });
    await client.send({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch', onThrottled: (i) => requestSeen.push(i) });
    assert.equal(server.requests.length, 3);
    const gaps = server.requests.slice(1).map((r, i) => r.time - server!.requests[i]!.time);
    for (const gap of gaps) {
      assert.ok(gap >= 280, `gap ${gap}`);
    }
    assert.equal(clientSeen.length, 2);
    assert.deepEqual(requestSeen.map((t) => [t.attempt, t.retryAfterMs, t.willRetry]), [[1, 300, true], [2, 300, true]]);
  });

  it('does not hold the caller when Retry-After exceeds the configured cap; the error carries the wait', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 429, { code: 'TooManyRequests', message: { value: 'wait' } }, { 'retry-after': '120' }));
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: { ...fastRetry, maxRetryDelayMs: 2000 } });
    const error = await client.send({ method: 'GET', url: `${server.url}/x`, dialect: 'arm' }).catch((e: unknown) => e);
    assert.ok(error instanceof AzureRequestError);
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 120_000);
    assert.equal(server.requests.length, 1);
    assert.match(error.toString(), /wait a moment \(the service asked for 120 s\)/);
  });

  it('never retries a POST answered 500 (it may have been applied)', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 500, { code: 'InternalError', message: { value: 'oops' } }));
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fastRetry });
    await assert.rejects(client.send({ method: 'POST', url: `${server.url}/x`, dialect: 'batch', body: {} }), AzureRequestError);
    assert.equal(server.requests.length, 1);
  });

  it('retries PATCH only when it carries If-Match', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 503, { code: 'ServerBusy', message: { value: 'busy' } }));
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: { ...fastRetry, maxRetries: 2 } });
    await assert.rejects(client.send({ method: 'PATCH', url: `${server.url}/p`, dialect: 'batch', body: {} }));
    assert.equal(server.requests.length, 1);
    await assert.rejects(client.send({ method: 'PATCH', url: `${server.url}/p`, dialect: 'batch', body: {}, headers: { 'If-Match': '0x1' } }));
    assert.equal(server.requests.length, 4);
  });

  it('retries a GET after a connection reset, but not a POST, whose outcome is then unknown', async () => {
    server = await startRawServer((req, res, seen) => {
      if (seen.method === 'POST' || server!.requests.filter((r) => r.method === 'GET').length === 1) {
        req.socket.destroy();
        return;
      }
      sendJson(res, 200, { value: [] });
    });
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: fastRetry });
    const ok = await client.send({ method: 'GET', url: `${server.url}/pools`, dialect: 'batch' });
    assert.equal(ok.attempts, 2);
    const error = await client.send({ method: 'POST', url: `${server.url}/reimage`, dialect: 'batch', body: {} }).catch((e: unknown) => e);
    assert.ok(error instanceof OutcomeUnknownError, String(error));
    assert.equal(error.kind, 'network');
    assert.equal(error.underlying.kind, 'network');
    assert.ok(error.cause === error.underlying);
    assert.equal(server.requests.filter((r) => r.method === 'POST').length, 1);
    assert.match(error.toString(), /POST \/reimage: the request was sent, but its answer was lost \(.*\), so it is not known whether it took effect/);
  });

  it('retries a POST when the connection was refused (it never reached the server)', async () => {
    const probe = await startRawServer(() => undefined);
    const port = probe.port;
    await probe.close();
    const logger = new RecordingLogger();
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: { ...fastRetry, maxRetries: 2 }, logger });
    const error = await client.send({ method: 'POST', url: `http://127.0.0.1:${port}/reimage`, dialect: 'batch', body: {} }).catch((e: unknown) => e);
    assert.ok(error instanceof AzureRequestError);
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.attempts, 3);
    assert.equal((logger.text.match(/ECONNREFUSED/g) ?? []).length, 3);
  });
});
