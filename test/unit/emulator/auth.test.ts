/** Emulator: token service, ARM bearer checks, Batch bearer audience rule and SharedKey (with @azure/batch as oracle). */
import * as assert from 'node:assert/strict';
import { BatchSharedKeyCredentials } from '@azure/batch';
import { ClientSecretCredential } from '@azure/identity';
import { WebResource } from '@azure/ms-rest-js';
import { startEmulator, type Emulator } from '../../emulator/server';
import { EmulatorHttp } from '../../emulator/testClient';
import { buildStringToSign, primaryStringToSign, signString } from '../../emulator/sharedKey';

const V = 'api-version=2025-06-01.21.0';

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('emulator: authentication', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let http: EmulatorHttp;

  before(async () => {
    emulator = await startEmulator({ quiet: true, data: 'small' });
    http = new EmulatorHttp(emulator.info);
  });
  after(async () => {
    await http.close();
    await emulator.stop();
  });

  describe('token service', () => {
    it('issues a token whose aud is the scope without "/.default" (Batch double-slash form)', async () => {
      const token = await http.token('https://batch.core.windows.net//.default');
      const c = claims(token);
      assert.equal(c['aud'], 'https://batch.core.windows.net/');
      assert.equal(c['tid'], emulator.info.tenantId);
      assert.equal(c['appid'], emulator.info.clientId);
      assert.ok(typeof c['exp'] === 'number' && (c['exp'] as number) > Date.now() / 1000);
      const single = claims(await http.token('https://batch.core.windows.net/.default'));
      assert.equal(single['aud'], 'https://batch.core.windows.net');
    });

    it('answers a wrong secret like Entra ID (401 invalid_client, AADSTS7000215)', async () => {
      const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.info.clientId, client_secret: 'nope', scope: 'https://management.azure.com//.default' }).toString();
      const res = await http.send('POST', `${emulator.info.tenantId}/oauth2/v2.0/token`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      assert.equal(res.status, 401);
      const json = res.json as { error: string; error_description: string; error_codes: number[] };
      assert.equal(json.error, 'invalid_client');
      assert.match(json.error_description, /^AADSTS7000215:/);
      assert.deepEqual(json.error_codes, [7000215]);
    });

    it('serves the OpenID configuration MSAL reads', async () => {
      const res = await http.send('GET', `${emulator.info.tenantId}/v2.0/.well-known/openid-configuration`);
      assert.equal(res.status, 200);
      const json = res.json as Record<string, string>;
      for (const key of ['authorization_endpoint', 'token_endpoint', 'issuer', 'jwks_uri']) { assert.ok(json[key], key); }
      assert.equal(json['token_endpoint'], `${emulator.info.authorityHost}${emulator.info.tenantId}/oauth2/v2.0/token`);
    });

    it('gives @azure/identity ClientSecretCredential (MSAL Node) a token', async () => {
      const ca = http.ca;
      const credential = new ClientSecretCredential(emulator.info.tenantId, emulator.info.clientId, emulator.info.clientSecret, {
        authorityHost: emulator.info.authorityHost,
        disableInstanceDiscovery: true,
        additionalPolicies: [{ position: 'perCall', policy: { name: 'emulatorCa', sendRequest: (req, next) => ((req.tlsSettings = { ca }), next(req)) } }],
      });
      const token = await credential.getToken('https://batch.core.windows.net//.default');
      assert.equal(claims(token.token)['aud'], 'https://batch.core.windows.net/');
    });
  });

  describe('ARM routes', () => {
    it('refuse a request without token (401 AuthenticationFailed + WWW-Authenticate)', async () => {
      const res = await http.send('GET', 'subscriptions?api-version=2022-12-01');
      assert.equal(res.status, 401);
      assert.equal((res.json as { error: { code: string } }).error.code, 'AuthenticationFailed');
      assert.match(res.headers['www-authenticate'] ?? '', /^Bearer authorization_uri=/);
      assert.ok(res.headers['x-ms-request-id']);
    });

    it('refuse a token for another audience (401 InvalidAuthenticationToken)', async () => {
      const token = await http.batchToken();
      const res = await http.send('GET', 'subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 401);
      assert.equal((res.json as { error: { code: string } }).error.code, 'InvalidAuthenticationToken');
    });

    it('refuse an expired token and accept a valid ARM token', async () => {
      const expired = emulator.issueToken('https://management.azure.com/', { issuedAt: Math.floor(Date.now() / 1000) - 7200, lifetimeSeconds: 600 });
      const res = await http.send('GET', 'subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${expired}` } });
      assert.equal(res.status, 401);
      const ok = await http.send('GET', 'subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${await http.armToken()}` } });
      assert.equal(ok.status, 200);
      assert.equal((ok.json as { value: unknown[] }).value.length, 2);
    });
  });

  describe('Batch routes', () => {
    const account = () => emulator.info.batchAccounts.find((a) => a.name === 'contosoprod')!;

    it('accept aud "https://batch.core.windows.net/" and refuse it without the trailing slash', async () => {
      const good = await http.send('GET', `${account().url}/pools?${V}`, { headers: { authorization: `Bearer ${await http.batchToken()}` } });
      assert.equal(good.status, 200);
      assert.ok(good.headers['request-id']);
      const noSlash = await http.token('https://batch.core.windows.net/.default');
      const bad = await http.send('GET', `${account().url}/pools?${V}`, { headers: { authorization: `Bearer ${noSlash}` } });
      assert.equal(bad.status, 401);
      const json = bad.json as { code: string; values: { key: string; value: string }[] };
      assert.equal(json.code, 'AuthenticationFailed');
      assert.match(json.values[0]!.value, /wrong audience or resource 'https:\/\/batch\.core\.windows\.net'/);
    });

    it('accept a SharedKey request signed by @azure/batch and refuse a tampered one (403 AuthenticationFailed)', async () => {
      const a = account();
      const url = `${a.url}/pools/linux-small/nodes?${V}&$filter=${encodeURIComponent("state eq 'idle'")}&maxresults=5`;
      const resource = new WebResource(url, 'GET');
      await new BatchSharedKeyCredentials(a.name, a.primaryKey).signRequest(resource);
      const headers: Record<string, string> = {};
      for (const h of resource.headers.headersArray()) { headers[h.name] = h.value; }
      const ok = await http.send('GET', url, { headers, });
      assert.equal(ok.status, 200, ok.text);
      assert.equal((ok.json as { value: unknown[] }).value.length, 1);

      const tampered = await http.send('GET', url.replace('maxresults=5', 'maxresults=6'), { headers });
      assert.equal(tampered.status, 403);
      const json = tampered.json as { 'odata.metadata': string; code: string; message: { lang: string; value: string }; values: { key: string; value: string }[] };
      assert.equal(json.code, 'AuthenticationFailed');
      assert.match(json['odata.metadata'], /\$metadata#Microsoft\.Azure\.Batch\.Protocol\.Entities\.Container\.errors\/@Element$/);
      assert.match(json.message.value, /^Server failed to authenticate the request\. Make sure the value of Authorization header is formed correctly including the signature\.\nRequestId:[0-9a-f-]+\nTime:/);
      assert.equal(json.values[0]!.key, 'AuthenticationErrorDetail');
      assert.match(json.values[0]!.value, /The MAC signature found in the HTTP request '.+' is not the same as any computed signature\. Server used following string to sign: 'GET\n/);
    });

    it('accept a SharedKey POST with a JSON body (oracle-signed) and match the documented StringToSign', async () => {
      const a = account();
      const url = `${a.url}/pools/linux-small/nodes/does-not-exist/reimage?${V}`;
      const body = JSON.stringify({ nodeReimageOption: 'requeue' });
      const resource = new WebResource(url, 'POST', body, undefined, { 'content-type': 'application/json; odata=minimalmetadata', 'content-length': String(Buffer.byteLength(body)) });
      await new BatchSharedKeyCredentials(a.name, a.primaryKey).signRequest(resource);
      const headers: Record<string, string> = {};
      for (const h of resource.headers.headersArray()) { headers[h.name] = h.value; }
      const res = await http.send('POST', url, { headers, body });
      assert.equal(res.status, 404, res.text); // authenticated, then NodeNotFound
      assert.equal((res.json as { code: string }).code, 'NodeNotFound');

      // Our documented StringToSign for the same request equals a hand-built one.
      const lower: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) { lower[k.toLowerCase()] = v; }
      const path = new URL(url).pathname;
      const request = { method: 'POST', headers: lower, path, queryList: [['api-version', '2025-06-01.21.0']] as [string, string][], bodyLength: Buffer.byteLength(body) };
      const expected = `POST\n\n\n${Buffer.byteLength(body)}\n\napplication/json; odata=minimalmetadata\n\n\n\n\n\n\nocp-date:${lower['ocp-date']}\n/${a.name}${path}\napi-version:2025-06-01.21.0`;
      assert.equal(primaryStringToSign(request, a.name), expected);
      assert.equal(signString(expected, a.primaryKey), lower['authorization']!.split(':')[1]);
      assert.equal(buildStringToSign(request, a.name, { resourcePath: path, contentLength: String(Buffer.byteLength(body)), date: '', lowercaseQueryNames: true }), expected);
    });

    it('refuse SharedKey signed with another key', async () => {
      const a = account();
      const url = `${a.url}/pools?${V}`;
      const resource = new WebResource(url, 'GET');
      await new BatchSharedKeyCredentials(a.name, Buffer.alloc(64, 7).toString('base64')).signRequest(resource);
      const headers: Record<string, string> = {};
      for (const h of resource.headers.headersArray()) { headers[h.name] = h.value; }
      const res = await http.send('GET', url, { headers });
      assert.equal(res.status, 403);
    });

    it('echo client-request-id when return-client-request-id is true', async () => {
      const id = '9C4D50EE-2D56-4CD3-8152-34347DC9F2B0';
      const res = await http.send('GET', `${account().url}/pools?${V}`, {
        headers: { authorization: `Bearer ${await http.batchToken()}`, 'client-request-id': id, 'return-client-request-id': 'true' },
      });
      assert.equal(res.headers['client-request-id'], id);
      assert.match(res.headers['request-id'] ?? '', /^[0-9a-f-]{36}$/);
    });
  });
});
