import * as assert from 'node:assert/strict';
import { BatchSharedKeyCredentials } from '@azure/batch';
import { WebResource } from '@azure/ms-rest-js';
import { SharedKeyAuthorizer } from '../../../src/azure/auth/sharedKeyAuthorizer';
import { buildSharedKeyStringToSign } from '../../../src/azure/auth/sharedKeySignature';
import type { PreparedRequest } from '../../../src/azure/auth/requestAuthorizer';
import { AzureHttpClient, BATCH_JSON_CONTENT_TYPE } from '../../../src/azure/http/azureHttpClient';
import { startRawServer, sendJson } from './helpers/rawServer';

const ACCOUNT = 'sampleacct';
// Test data, not a secret: 64 random bytes, base64.
const KEY = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef').toString('base64');

/** Signs with the independent oracle, @azure/batch@10's BatchSharedKeyCredentials. */
async function oracleAuthorization(method: string, url: string, headers: Record<string, string>, body?: string): Promise<string> {
  const resource = new WebResource(url, method as 'GET', body);
  for (const [name, value] of Object.entries(headers)) {
    resource.headers.set(name, value);
  }
  await new BatchSharedKeyCredentials(ACCOUNT, KEY).signRequest(resource);
  return resource.headers.get('authorization')!;
}

async function ourAuthorization(method: string, url: string, headers: Record<string, string>, body?: string): Promise<string> {
  const prepared: PreparedRequest = { method, url: new URL(url), headers: { ...headers }, body: body === undefined ? undefined : Buffer.from(body) };
  await new SharedKeyAuthorizer(ACCOUNT, () => KEY).authorize(prepared);
  return prepared.headers['authorization']!;
}

describe('azure/auth Batch shared key signature (oracle: @azure/batch BatchSharedKeyCredentials)', () => {
  const ocpDate = 'Fri, 17 Feb 2017 00:00:00 GMT';

  it('GET with query parameters ($filter with spaces and quotes, $select, maxresults)', async () => {
    const url =
      "https://sampleacct.japaneast.batch.azure.com/pools/pool%201/nodes?api-version=2025-06-01.21.0&%24filter=state%20eq%20'idle'&%24select=id,state&maxresults=1000";
    const headers = { 'ocp-date': ocpDate, 'client-request-id': '9c4d50ee-2d56-4cd3-8152-34347dc9f2b0', 'return-client-request-id': 'true' };
    const ours = await ourAuthorization('GET', url, headers);
    assert.match(ours, /^SharedKey sampleacct:[A-Za-z0-9+/]+=*$/);
    assert.equal(ours, await oracleAuthorization('GET', url, headers));
  });

  it('POST with a JSON body (reimage)', async () => {
    const url = 'https://sampleacct.japaneast.batch.azure.com/pools/p1/nodes/tvm-1/reimage?api-version=2025-06-01.21.0';
    const body = JSON.stringify({ nodeReimageOption: 'requeue' });
    const headers = { 'ocp-date': ocpDate, 'content-type': BATCH_JSON_CONTENT_TYPE, 'client-request-id': 'abc' };
    assert.equal(await ourAuthorization('POST', url, headers, body), await oracleAuthorization('POST', url, headers, body));
  });

  it('PATCH with If-Match and the other conditional headers', async () => {
    const url = 'https://sampleacct.japaneast.batch.azure.com/pools/p1?api-version=2025-06-01.21.0&timeout=30';
    const body = JSON.stringify({ metadata: [{ name: 'owner', value: 'zoë' }] });
    const headers = {
      'ocp-date': ocpDate,
      'content-type': BATCH_JSON_CONTENT_TYPE,
      'if-match': '0x8D4EDFEBFADF4AB',
      'if-unmodified-since': 'Thu, 16 Feb 2017 00:00:00 GMT',
    };
    assert.equal(await ourAuthorization('PATCH', url, headers, body), await oracleAuthorization('PATCH', url, headers, body));
  });

  it('follows the documented string-to-sign layout', () => {
    const sts = buildSharedKeyStringToSign(ACCOUNT, {
      method: 'get',
      url: new URL('https://a.b/pools?maxresults=10&api-version=2025-06-01.21.0'),
      headers: { 'ocp-date': ocpDate, 'ocp-extra': ' x ', 'if-match': 'e' },
      contentLength: 0,
    });
    assert.equal(
      sts,
      `GET\n\n\n\n\n\n\n\ne\n\n\n\nocp-date:${ocpDate}\nocp-extra:x\n/sampleacct/pools\napi-version:2025-06-01.21.0\nmaxresults:10`,
    );
  });

  it('the signature on the wire is recomputed per attempt and matches the oracle for the request as received', async () => {
    const server = await startRawServer((_req, res, _seen, index) => {
      if (index === 0) {
        sendJson(res, 503, { code: 'ServerBusy', message: { lang: 'en-US', value: 'busy' } }, { 'retry-after': '1' });
      }
      else {sendJson(res, 200, {});}
    });
    try {
      const client = new AzureHttpClient({ userAgent: 'test/1.0', retry: { maxRetries: 2 } });
      await client.send({
        method: 'PATCH',
        url: `${server.url}/pools/p1`,
        apiVersion: '2025-06-01.21.0',
        headers: { 'if-match': '0x1' },
        body: { metadata: [] },
        dialect: 'batch',
        authorizer: new SharedKeyAuthorizer(ACCOUNT, () => KEY),
      });
      assert.equal(server.requests.length, 2);
      const [first, second] = server.requests as [(typeof server.requests)[0], (typeof server.requests)[0]];
      assert.notEqual(first.headers['ocp-date'], second.headers['ocp-date'], 'ocp-date is fresh for each attempt');
      assert.notEqual(first.headers['authorization'], second.headers['authorization'], 'signature recomputed');
      for (const seen of server.requests) {
        const headers: Record<string, string> = {};
        for (const name of ['ocp-date', 'content-type', 'if-match', 'client-request-id', 'return-client-request-id']) {
          headers[name] = String(seen.headers[name]);
        }
        const expected = await oracleAuthorization(seen.method, `${server.url}${seen.url}`, headers, seen.body);
        assert.equal(seen.headers['authorization'], expected);
      }
    } finally {
      await server.close();
    }
  });
});
