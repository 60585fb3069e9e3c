import * as assert from 'node:assert/strict';
import { isLoopbackHost, originOf } from '../../../src/azure/http/loopback';
import { sanitizeUrl } from '../../../src/azure/http/urlSanitizer';
import { bodyExcerpt, redactSecrets } from '../../../src/azure/http/secretRedaction';
import { buildRequestUrl } from '../../../src/azure/http/requestUrl';
import { armScope, batchScope, isKnownAuthorityHost, resolveCloud, CloudConfigurationError } from '../../../src/azure/auth/clouds';
import { environmentBatchAccount, normalizeBatchAccountUrl } from '../../../src/azure/auth/environmentBatchAccount';
import { clampMaxResults, toHttpDate } from '../../../src/azure/batch/batchListOptions';
import { jwtExpiresOnTimestamp } from '../../../src/azure/auth/jwtExpiry';
import { resolveApiVersions, DEFAULT_API_VERSIONS } from '../../../src/azure/apiVersions';
import { parseResourceId } from '../../../src/azure/arm/armResource';
import { batchAccountUrl } from '../../../src/azure/arm/batchAccountModels';
import { buildUserAgent } from '../../../src/azure/http/userAgent';

describe('azure helpers', () => {
  it('recognises loopback hosts only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ['128.0.0.1', '10.0.0.1', 'a.localhost', 'localhost.example.com', '::2', 'example.com', '0.0.0.0']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
    assert.equal(originOf('https://A.example.com/x?y'), 'https://a.example.com:443');
    assert.equal(originOf('https://a.example.com:443/'), originOf('https://a.example.com/z'));
    assert.notEqual(originOf('https://a.example.com:8443/'), originOf('https://a.example.com/'));
  });

  it('sanitizes URLs: keeps api-version and OData options, redacts everything else, drops user info', () => {
    assert.equal(
      sanitizeUrl("https://user:pw@acct.batch.azure.com/pools/p1/nodes?api-version=2025-06-01.21.0&$filter=state eq 'idle'&maxresults=10&$skiptoken=abc&sig=xyz#frag"),
      "https://acct.batch.azure.com/pools/p1/nodes?api-version=2025-06-01.21.0&$filter=state%20eq%20'idle'&maxresults=10&$skiptoken=REDACTED&sig=REDACTED",
    );
    assert.equal(sanitizeUrl('not a url'), '<invalid url>');
  });

  it('redacts credential-shaped text', () => {
    assert.equal(redactSecrets('Authorization: Bearer abc.def.ghi'), 'Authorization: Bearer REDACTED');
    assert.equal(redactSecrets('SharedKey acct:c2lnbmF0dXJl'), 'SharedKey REDACTED');
    assert.equal(redactSecrets('url?a=1&sig=abc%3D&x=1'), 'url?a=1&sig=REDACTED&x=1');
    assert.equal(redactSecrets('{"primary":"AAAA==","x":1}'), '{"primary":"REDACTED","x":1}');
    assert.equal(bodyExcerpt('<p>a</p>\n\n<b>b</b>', 10), 'a b');
  });

  it('builds request URLs: api-version once, OData parameters encoded with %20', () => {
    const url = buildRequestUrl('https://h/pools/p/nodes', { $filter: "state eq 'idle'", $select: ['id', 'state'], maxresults: 5, skip: undefined }, '2025-06-01.21.0');
    assert.equal(url.searchParams.get('api-version'), '2025-06-01.21.0');
    assert.equal(url.searchParams.get('$filter'), "state eq 'idle'");
    assert.equal(url.searchParams.get('$select'), 'id,state');
    assert.ok(!url.href.includes('+'));
    const next = buildRequestUrl('https://h/pools?api-version=old&$skiptoken=t', { maxresults: 5 }, 'new');
    assert.equal(next.searchParams.getAll('api-version').join(), 'old');
  });

  it('derives clouds and scopes; the Batch scope keeps the resource id trailing slash', () => {
    const pub = resolveCloud('AzureCloud');
    assert.equal(armScope(pub), 'https://management.azure.com/.default');
    assert.equal(batchScope(pub), 'https://batch.core.windows.net//.default');
    assert.equal(batchScope(resolveCloud('AzureChinaCloud')), 'https://batch.chinacloudapi.cn//.default');
    assert.equal(armScope(resolveCloud('AzureUSGovernment')), 'https://management.usgovcloudapi.net/.default');
    const custom = resolveCloud('custom', {
      resourceManagerEndpoint: 'https://127.0.0.1:8443',
      activeDirectoryEndpoint: 'https://127.0.0.1:8443/',
      batchResourceId: 'https://batch.core.windows.net/',
    });
    assert.equal(custom.resourceManagerEndpoint, 'https://127.0.0.1:8443/');
    assert.equal(armScope(custom), 'https://127.0.0.1:8443/.default');
    assert.equal(batchScope(custom), 'https://batch.core.windows.net//.default');
    assert.throws(() => resolveCloud('custom', {}), CloudConfigurationError);
    assert.equal(resolveCloud(undefined).name, 'AzureCloud');
    assert.equal(isKnownAuthorityHost('https://login.microsoftonline.com/'), true);
    assert.equal(isKnownAuthorityHost('https://127.0.0.1:8443/'), false);
  });

  it('exposes the AZURE_BATCH_* account only when all three variables are set', () => {
    assert.equal(environmentBatchAccount({ AZURE_BATCH_ENDPOINT: 'x', AZURE_BATCH_ACCOUNT: 'a' }), undefined);
    assert.deepEqual(
      environmentBatchAccount({ AZURE_BATCH_ENDPOINT: 'acct.westeurope.batch.azure.com/', AZURE_BATCH_ACCOUNT: 'acct', AZURE_BATCH_ACCESS_KEY: 'a2V5' }),
      { name: 'acct', url: 'https://acct.westeurope.batch.azure.com', key: 'a2V5' },
    );
    assert.equal(normalizeBatchAccountUrl('https://127.0.0.1:8443/batch/acct/'), 'https://127.0.0.1:8443/batch/acct');
    assert.equal(batchAccountUrl({ location: 'x', properties: { accountEndpoint: 'acct.region.batch.azure.com' } }), 'https://acct.region.batch.azure.com');
  });

  it('clamps and validates maxresults; formats HTTP dates', () => {
    assert.equal(clampMaxResults(undefined), undefined);
    assert.equal(clampMaxResults(5000), 1000);
    assert.equal(clampMaxResults(0), 1);
    assert.equal(clampMaxResults(10.7), 10);
    assert.throws(() => clampMaxResults(Number.NaN), RangeError);
    assert.equal(toHttpDate('2017-02-17T00:00:00Z'), 'Fri, 17 Feb 2017 00:00:00 GMT');
    assert.throws(() => toHttpDate('nope'), RangeError);
  });

  it('reads JWT expiry, API version defaults, resource ids and the user agent', () => {
    const payload = Buffer.from(JSON.stringify({ exp: 2_000_000_000 })).toString('base64url');
    assert.equal(jwtExpiresOnTimestamp(`h.${payload}.s`), 2_000_000_000_000);
    assert.equal(jwtExpiresOnTimestamp('opaque'), undefined);
    assert.deepEqual(resolveApiVersions({ batch: ' ', compute: '2023-07-03' }), { ...DEFAULT_API_VERSIONS, compute: '2023-07-03' });
    assert.deepEqual(parseResourceId('/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/img'), {
      subscriptionId: 's1',
      resourceGroup: 'rg',
      name: 'img',
    });
    assert.match(buildUserAgent('azure-batch-operator', '0.1.0', '1.101.0'), /^azure-batch-operator\/0\.1\.0 VSCode\/1\.101\.0 \(node\//);
  });
});
