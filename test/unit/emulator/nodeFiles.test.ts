/** Emulator: node files (list, paging, HEAD properties, content with ocp-range) and their state rules. */
import * as assert from 'node:assert/strict';
import type { NodeRecord, PoolRecord } from '../../emulator/state';
import { useEmulator } from './fixture';
import { nodeIn, poolOf, V, type BatchErrorBody } from './batchTestParts';

interface FileList {
  value: { name: string; url: string; isDirectory: boolean; properties: Record<string, string> }[];
  'odata.nextLink'?: string;
}

const MIB = 1024 * 1024;

describe('emulator: node files', function () {
  this.timeout(20_000);
  const f = useEmulator({ data: 'small' });
  let prod: string;
  let research: string;
  before(() => {
    [prod, research] = ['contosoprod', 'fabrikamresearch'].map(f.url);
  });

  const pool = (account: string, id: string): PoolRecord => poolOf(f.emulator, account, id);
  const get = (url: string, headers: Record<string, string> = {}) => f.http.send('GET', url, { headers: { ...f.auth, ...headers } });
  const files = (base: string, poolId: string, node: NodeRecord, query = '') => `${base}/pools/${poolId}/nodes/${node.id}/files?${V}${query}`;
  const file = (base: string, poolId: string, node: NodeRecord, path: string) => `${base}/pools/${poolId}/nodes/${node.id}/files/${encodeURIComponent(path)}?${V}`;
  const names = (res: { json: unknown }) => (res.json as FileList).value.map((e) => e.name);

  it('lists the top level with recursive=false and a folder through $filter=startswith(name, folder/), in the BatchNodeFile shape', async () => {
    const node = nodeIn(pool('contosoprod', 'linux-small'), 'starttaskfailed');
    const top = await get(files(prod, 'linux-small', node, '&recursive=false'));
    assert.equal(top.status, 200, top.text);
    assert.deepEqual(names(top), ['applications', 'fsmounts', 'shared', 'startup', 'workitems']);
    const startup = await get(files(prod, 'linux-small', node, `&recursive=false&$filter=${encodeURIComponent("startswith(name,'startup/')")}`));
    assert.deepEqual(names(startup), ['startup/stderr.txt', 'startup/stdout.txt', 'startup/wd']);
    const stderr = (startup.json as FileList).value[0]!;
    assert.deepEqual(Object.keys(stderr).sort(), ['isDirectory', 'name', 'properties', 'url']);
    assert.equal(stderr.isDirectory, false);
    assert.equal(stderr.url, `${prod}/pools/linux-small/nodes/${node.id}/files/startup/stderr.txt`);
    assert.deepEqual(Object.keys(stderr.properties).sort(), ['contentLength', 'contentType', 'fileMode', 'lastModified'], 'Linux: file mode, no creation time');
    assert.match(stderr.properties['contentLength']!, /^[1-9]\d*$/);
    assert.equal(stderr.properties['fileMode'], '0o100644');
  });

  it('pages a recursive listing with maxresults and absolute next links until every entry was seen once', async () => {
    const node = nodeIn(pool('contosoprod', 'linux-small'), 'running');
    const all = names(await get(files(prod, 'linux-small', node, '&recursive=true')));
    assert.ok(all.some((n) => /^workitems\/linux-small-job\/job-1\/task-\d+\/stdout\.txt$/.test(n)), all.join(', '));
    const seen: string[] = [];
    let url: string | undefined = files(prod, 'linux-small', node, '&recursive=true&maxresults=3');
    let pages = 0;
    while (url) {
      const res = await get(url);
      assert.equal(res.status, 200, res.text);
      seen.push(...names(res));
      url = (res.json as FileList)['odata.nextLink'];
      pages++;
    }
    assert.deepEqual(seen, all);
    assert.equal(pages, Math.ceil(all.length / 3));
  });

  it('explains the failed start task in startup/stderr.txt and gives file properties in HEAD headers', async () => {
    const node = nodeIn(pool('contosoprod', 'linux-small'), 'starttaskfailed');
    const stderr = await get(file(prod, 'linux-small', node, 'startup/stderr.txt'));
    assert.equal(stderr.status, 200);
    assert.match(stderr.text, /Could not get lock \/var\/lib\/dpkg\/lock-frontend/);
    assert.equal(stderr.headers['content-type'], 'application/octet-stream');
    const head = await f.http.send('HEAD', file(prod, 'linux-small', node, 'startup/stderr.txt'), { headers: f.auth });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(stderr.text)));
    assert.equal(head.headers['ocp-batch-file-isdirectory'], 'false');
    assert.equal(head.headers['ocp-batch-file-mode'], '0o100644');
    assert.ok(!Number.isNaN(Date.parse(head.headers['last-modified']!)));
    assert.equal(decodeURIComponent(head.headers['ocp-batch-file-url']!), `${prod}/pools/linux-small/nodes/${node.id}/files/startup/stderr.txt`);
    const folder = await f.http.send('HEAD', file(prod, 'linux-small', node, 'startup'), { headers: f.auth });
    assert.equal(folder.headers['ocp-batch-file-isdirectory'], 'true');

    const ml = nodeIn(pool('fabrikamresearch', 'ml-train'), 'starttaskfailed');
    assert.match((await get(file(research, 'ml-train', ml, 'startup/stderr.txt'))).text, /No matching distribution found for torch/);
    const windows = nodeIn(pool('fabrikamresearch', 'legacy-cs'), 'idle');
    const winHead = await f.http.send('HEAD', `${research}/pools/legacy-cs/nodes/${windows.id}/files/${encodeURIComponent('shared')}?${V}`, { headers: f.auth });
    assert.equal(winHead.status, 200);
    assert.ok(winHead.headers['ocp-creation-time'], 'Windows: creation time');
    assert.equal(winHead.headers['ocp-batch-file-mode'], undefined);
  });

  it('serves a byte range with ocp-range (200, the spec defines no 206) and refuses ranges it cannot serve', async () => {
    const node = nodeIn(pool('contosoprod', 'linux-small'), 'running');
    const log = names(await get(files(prod, 'linux-small', node, '&recursive=true'))).find((n) => n.endsWith('/stdout.txt') && n.startsWith('workitems/'))!;
    const whole = await f.http.send('GET', file(prod, 'linux-small', node, log), { headers: f.auth });
    const size = Buffer.byteLength(whole.text);
    assert.ok(size > MIB, `the demo's large log is over 1 MiB (${size})`);
    const tail = await get(file(prod, 'linux-small', node, log), { 'ocp-range': `bytes=${size - MIB}-${size - 1}` });
    assert.equal(tail.status, 200);
    assert.equal(tail.headers['content-length'], String(MIB));
    assert.equal(tail.text, Buffer.from(whole.text).subarray(size - MIB).toString('utf8'));
    const open = await get(file(prod, 'linux-small', node, log), { 'ocp-range': `bytes=${size - 10}-` });
    assert.equal(open.headers['content-length'], '10');
    const beyond = await get(file(prod, 'linux-small', node, log), { 'ocp-range': `bytes=${size}-${size + 10}` });
    assert.equal(beyond.status, 416);
    assert.equal((beyond.json as BatchErrorBody).code, 'InvalidRange');
    const malformed = await get(file(prod, 'linux-small', node, log), { 'ocp-range': 'last 100' });
    assert.equal(malformed.status, 400);
    assert.equal((malformed.json as BatchErrorBody).code, 'InvalidHeaderValue');
  });

  it('accepts "\\" in a path, answers 404 FileNotFound, 400 for a folder, and 409 while the node is rebooting', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const node = nodeIn(linux, 'idle');
    const backslash = await get(file(prod, 'linux-small', node, 'startup\\stdout.txt'));
    assert.equal(backslash.status, 200);
    assert.match(backslash.text, /Setting up build-essential/);
    const missing = await get(file(prod, 'linux-small', node, 'startup/nope.txt'));
    assert.equal(missing.status, 404);
    assert.equal((missing.json as BatchErrorBody).code, 'FileNotFound');
    const folder = await get(file(prod, 'linux-small', node, 'startup'));
    assert.equal(folder.status, 400);
    f.emulator.setNodeState('contosoprod', 'linux-small', node.id, 'rebooting');
    const busy = await get(files(prod, 'linux-small', node));
    assert.equal(busy.status, 409);
    assert.equal((busy.json as BatchErrorBody).code, 'NodeBeingRebooted');
  });
});
