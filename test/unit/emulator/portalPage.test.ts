/** Emulator: the stand-in page for the Azure portal (/portal) that the demo's Open in Portal opens. */
import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { batchAccountPortalUrl, poolPortalUrl } from '../../../src/portal/portalUrls';
import { portalEndpointOf, startPortalPageServer } from '../../emulator/portalPage';
import { startEmulator, type Emulator } from '../../emulator/server';
import { EmulatorHttp } from '../../emulator/testClient';

/** The page's nonce'd script, as served. */
function pageScript(html: string): { nonce: string; code: string } {
  const match = /<script nonce="([^"]+)">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match, 'the page has one nonce\'d script');
  assert.equal(html.match(/<script\b/g)?.length, 1, 'and no other script');
  return { nonce: match[1]!, code: match[2]! };
}

/**
 * Runs the page's script in a bare context with `location.hash` set: a fake DOM whose elements take only
 * `textContent` (setting innerHTML or anything else throws), so the test fails if the script ever writes markup.
 */
function runScript(code: string, hash: string): Record<string, string> {
  const shown: Record<string, string> = {};
  const element = (id: string) => new Proxy({}, {
    set(_target, prop, value) {
      if (prop !== 'textContent') { throw new Error(`the script set ${String(prop)} of #${id}`); }
      shown[id] = String(value);
      return true;
    },
  });
  const context = {
    location: { hash },
    document: { getElementById: (id: string) => element(id) },
    window: { addEventListener: () => undefined },
  };
  vm.runInNewContext(code, context);
  return shown;
}

describe('emulator: the Azure portal stand-in page', function () {
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
  afterEach(() => emulator.reset());

  it('answers the link the extension builds for an account: 200 HTML with a strict nonce CSP, saying it is a stand-in', async () => {
    const account = emulator.info.batchAccounts.find((a) => a.name === 'contosoprod')!;
    const armId = `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Batch/batchAccounts/contosoprod`;
    const endpoint = portalEndpointOf(emulator.info.baseUrl);
    assert.equal(endpoint, `${emulator.info.baseUrl}portal`);
    const link = batchAccountPortalUrl({ cloud: 'custom', customPortalEndpoint: endpoint, tenantId: emulator.info.tenantId }, { name: 'contosoprod', armId });
    assert.ok(link.ok);
    assert.equal(link.url, `${emulator.info.baseUrl}portal/#@${emulator.info.tenantId}/resource${armId}`);

    const res = await http.send('GET', link.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const { nonce, code } = pageScript(res.text);
    assert.equal(res.headers['content-security-policy'],
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
    assert.match(res.text, /<style nonce="[^"]+">/);
    assert.doesNotMatch(res.text, /\son[a-z]+=/i, 'no inline handlers');
    assert.match(res.text, /This is not the Azure portal\. The local Azure emulator of Azure Batch Operator serves this page/);
    assert.deepEqual(runScript(code, new URL(link.url).hash), { resource: armId, blade: '(overview)', tenant: emulator.info.tenantId });

    const pool = poolPortalUrl({ cloud: 'custom', customPortalEndpoint: endpoint }, { name: 'contosoprod', armId }, 'linux-small');
    assert.ok(pool.ok);
    assert.deepEqual(runScript(code, new URL(pool.url).hash), { resource: armId, blade: 'pools', tenant: '(the signed-in directory)' });
    assert.equal((await http.send('GET', 'portal')).status, 200, '/portal without the slash too');

    // Not an Azure API: neither recorded nor checked against the specs.
    assert.deepEqual(emulator.requests(), []);
    assert.deepEqual(emulator.conformanceViolations(), []);
    const second = pageScript((await http.send('GET', link.url)).text);
    assert.notEqual(second.nonce, nonce, 'a fresh nonce per answer');
  });

  it('shows a resource id with <script> in it as text: escaped in the path, textContent from the fragment', async () => {
    const evil = '/subscriptions/<script>alert(1)</script>/resourceGroups/rg"\'&/providers/Microsoft.Batch/batchAccounts/a<img src=x>';
    const res = await http.send('GET', `portal/resource${encodeURI(evil)}`);
    assert.equal(res.status, 200);
    assert.ok(res.text.includes('<code id="resource">/subscriptions/&lt;script&gt;alert(1)&lt;/script&gt;/resourceGroups/rg&quot;&#39;&amp;/providers/Microsoft.Batch/batchAccounts/a&lt;img src=x&gt;</code>'), res.text);
    assert.doesNotMatch(res.text, /<script>alert|<img/);

    const { code } = pageScript(res.text);
    const shown = runScript(code, `#@/resource${encodeURI(`${evil}/overview`)}`);
    assert.deepEqual(shown, { resource: evil, blade: 'overview', tenant: '(the signed-in directory)' });
    // A fragment that is no portal link changes nothing (the server's text stays).
    assert.deepEqual(runScript(code, '#home'), {});
    assert.deepEqual(runScript(code, ''), {});
  });

  it('answers HEAD like GET without a body and refuses other methods with 405', async () => {
    const head = await http.send('HEAD', 'portal/');
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.ok(Number(head.headers['content-length']) > 500, head.headers['content-length']);
    const post = await http.send('POST', 'portal/', { body: '{}' });
    assert.equal(post.status, 405);
    assert.equal(post.headers['allow'], 'GET, HEAD');
    // The page owns /portal and /portal/… only: a path that merely starts with the word is still ARM's (no token: 401).
    const other = await http.send('GET', 'portals');
    assert.equal(other.status, 401);
    assert.equal(other.headers['content-type'], 'application/json; charset=utf-8');
  });

  it('serves the page alone over plain HTTP on loopback for the demo (code-server forwards loopback links in HTTP)', async () => {
    const server = await startPortalPageServer();
    try {
      assert.match(server.endpoint, /^http:\/\/127\.0\.0\.1:\d+\/portal$/);
      const armId = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a';
      const link = batchAccountPortalUrl({ cloud: 'custom', customPortalEndpoint: server.endpoint }, { name: 'a', armId });
      assert.ok(link.ok, link.ok ? '' : link.reason);
      const res = await http.send('GET', link.url);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
      const { nonce, code } = pageScript(res.text);
      assert.match(res.headers['content-security-policy'] ?? '', new RegExp(`^default-src 'none'; script-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}';`));
      assert.equal(runScript(code, new URL(link.url).hash).resource, armId);
      const elsewhere = await http.send('GET', `${server.endpoint.replace(/\/portal$/, '')}/subscriptions?api-version=2022-12-01`);
      assert.equal(elsewhere.status, 404, 'no Azure API here');
    } finally {
      await server.stop();
    }
  });
});
