import * as assert from 'node:assert/strict';
import { AzureHttpClient } from '../../../src/azure/http/azureHttpClient';
import { AzureRequestError } from '../../../src/azure/errors/azureRequestError';
import { parseErrorBody } from '../../../src/azure/errors/errorBodyParser';
import { PreconditionFailedError } from '../../../src/azure/errors/specificErrors';
import { BearerTokenAuthorizer } from '../../../src/azure/auth/bearerTokenAuthorizer';
import { startRawServer, sendJson, type RawServer } from './helpers/rawServer';
import { RecordingLogger } from './helpers/recordingLogger';
import { StaticCredential } from './helpers/staticCredential';

const noRetry = { maxRetries: 0 };

describe('azure/errors AzureRequestError', () => {
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function failWith(status: number, body: string, headers: Record<string, string> = {}, operation?: string): Promise<AzureRequestError> {
    server = await startRawServer((_q, res) => {
      res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
      res.end(body);
    });
    const credential = new StaticCredential('secret-token-must-not-leak');
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: noRetry });
    const error = await client
      .send({
        method: 'GET',
        url: `${server.url}/pools/p1?api-version=2025-06-01.21.0&sig=SASSIGNATURE&se=2030`,
        dialect: 'batch',
        operation,
        authorizer: new BearerTokenAuthorizer(credential, 'https://batch.core.windows.net//.default'),
      })
      .catch((e: unknown) => e);
    assert.ok(error instanceof AzureRequestError, String(error));
    return error;
  }

  it('reads the Batch error shape (code, message.value, values) and keeps the ids', async () => {
    const body = JSON.stringify({
      'odata.metadata': 'https://acct/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element',
      code: 'PoolNotFound',
      message: { lang: 'en-US', value: 'The specified pool does not exist.\nRequestId:abc-123\nTime:2025-01-01T00:00:00.000Z' },
      values: [{ key: 'PoolId', value: 'p1' }],
    });
    const error = await failWith(404, body, { 'content-type': 'application/json', 'request-id': 'batch-req-1', 'client-request-id': 'x' }, 'Get pool p1');
    assert.equal(error.kind, 'batch');
    assert.equal(error.code, 'PoolNotFound');
    assert.equal(error.status, 404);
    assert.equal(error.serviceRequestId, 'batch-req-1');
    assert.match(error.clientRequestId ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(error.values, [{ key: 'PoolId', value: 'p1' }]);
    assert.equal(
      error.toString(),
      'Get pool p1 failed: PoolNotFound: The specified pool does not exist (HTTP 404). It may have been deleted or renamed: refresh the tree.',
    );
    assert.equal(error.message, error.toString());
    const log = error.toLogString();
    assert.match(log, /GET http:\/\/127\.0\.0\.1:\d+\/pools\/p1\?api-version=2025-06-01\.21\.0&sig=REDACTED&se=REDACTED -> 404/);
    assert.match(log, /service-request-id=batch-req-1/);
    assert.match(log, /values=\[PoolId=p1\]/);
    assert.doesNotMatch(log + error.toString() + error.url, /SASSIGNATURE|secret-token/);
  });

  it('reads the ARM CloudError shape (code, message, target, details) and maps 403 to a role assignment', async () => {
    const body = JSON.stringify({
      error: {
        code: 'AuthorizationFailed',
        message: "The client 'x' does not have authorization to perform action 'Microsoft.Compute/galleries/images/write'.",
        target: 'images',
        details: [{ code: 'Inner', message: 'inner detail' }],
        innererror: { trace: 1 },
      },
    });
    const error = await failWith(403, body, { 'content-type': 'application/json', 'x-ms-request-id': 'arm-req-9' }, 'Create or update image definition img1');
    assert.equal(error.kind, 'arm');
    assert.equal(error.code, 'AuthorizationFailed');
    assert.equal(error.target, 'images');
    assert.equal(error.details.length, 1);
    assert.deepEqual(error.innerError, { trace: 1 });
    assert.equal(error.serviceRequestId, 'arm-req-9');
    assert.match(error.toString(), /^Create or update image definition img1 failed: AuthorizationFailed: The client 'x' does not have authorization .* \(HTTP 403\)\. Your identity lacks a role assignment/);
  });

  it('copes with a non-JSON body: HttpError<status>, status text and a short redacted excerpt', async () => {
    const html = `<html><body><h1>502 Bad Gateway</h1><p>upstream said Bearer eyJhbGciOi.eyJzdWIiOiIx.c2ln and ${'x'.repeat(500)}</p></body></html>`;
    const error = await failWith(502, html, { 'content-type': 'text/html' });
    assert.equal(error.kind, 'http');
    assert.equal(error.code, 'HttpError502');
    const text = error.toString();
    assert.match(text, /^GET \/pools\/p1 failed: HttpError502: Bad Gateway: 502 Bad Gateway upstream said Bearer REDACTED/);
    assert.match(text, /\(HTTP 502\)\. The service had a problem: try again later\.$/);
    assert.ok(text.length < 400, `one short line (${text.length})`);
    assert.doesNotMatch(text, /eyJ|\n/);
  });

  it('copes with an empty error body', async () => {
    const error = await failWith(503, '');
    assert.equal(error.code, 'HttpError503');
    assert.equal(error.toString(), 'GET /pools/p1 failed: HttpError503: Service Unavailable (HTTP 503). The service had a problem: try again later.');
  });

  it('maps authentication failures to "sign in again" and 409 to a state conflict', async () => {
    const auth = await failWith(401, JSON.stringify({ code: 'AuthenticationFailed', message: { value: 'Server failed to authenticate the request.' } }));
    assert.match(auth.toString(), /Sign in to Azure again/);
    await server?.close();
    const conflict = await failWith(409, JSON.stringify({ code: 'NodeNotInIdleOrRunningState', message: { value: 'no' } }));
    assert.match(conflict.toString(), /state that does not allow this right now/);
  });

  it('412 becomes PreconditionFailedError', async () => {
    const error = await failWith(412, JSON.stringify({ code: 'ConditionNotMet', message: { value: 'The condition specified using HTTP conditional header(s) is not met.' } }));
    assert.ok(error instanceof PreconditionFailedError);
    assert.match(error.toString(), /refresh it and apply your change again/);
  });

  it('parses the odata.error shape and ARM errors without details', () => {
    const parsed = parseErrorBody(400, JSON.stringify({ 'odata.error': { code: 'InvalidQuery', message: { lang: 'en', value: 'bad' } } }));
    assert.equal(parsed.code, 'InvalidQuery');
    assert.equal(parsed.message, 'bad');
    assert.equal(parseErrorBody(404, '{"error":{"code":"ResourceNotFound","message":"gone"}}').shape, 'arm');
  });

  it('never logs tokens, keys or SAS values', async () => {
    server = await startRawServer((_q, res) => sendJson(res, 500, { code: 'InternalError', message: { value: 'x' } }));
    const logger = new RecordingLogger();
    const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: { maxRetries: 1, baseDelayMs: 1 }, logger });
    await client
      .send({
        method: 'GET',
        url: `${server.url}/x?sv=2020&sig=SASSIGNATURE`,
        dialect: 'arm',
        authorizer: new BearerTokenAuthorizer(new StaticCredential('secret-token-must-not-leak'), 'scope'),
      })
      .catch(() => undefined);
    assert.ok(logger.lines.length >= 2);
    assert.doesNotMatch(logger.text, /SASSIGNATURE|secret-token|Bearer/);
    assert.match(logger.text, /sig=REDACTED/);
    assert.equal(server.requests[0]!.headers['authorization'], 'Bearer secret-token-must-not-leak');
  });
});
