/** The node, node-file and pool-resize operations of the Batch client against the in-process emulator. */
import * as assert from 'node:assert/strict';
import type { BatchAccountClient } from '../../../src/azure/batch/batchAccountClient';
import { folderFilter, rangeHeader } from '../../../src/azure/batch/nodeFileOperations';
import { AzureRequestError } from '../../../src/azure/errors/azureRequestError';
import { PreconditionFailedError, RequestCancelledError } from '../../../src/azure/errors/specificErrors';
import type { NodeRecord, PoolRecord } from '../../emulator/state';
import { startEmulatorFixture, type EmulatorFixture } from './helpers/emulatorFixture';
import { RecordingLogger } from './helpers/recordingLogger';

const MIB = 1024 * 1024;
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk3c3VwZXJzZWNyZXRrZXlmb3J0ZXN0c29ubHk= ops@laptop';

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) { throw new Error('condition not met in time'); }
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Batch client: node actions, node files, pool resize (emulator)', function () {
  this.timeout(40_000);
  let f: EmulatorFixture;
  let logger: RecordingLogger;
  let prod: BatchAccountClient;
  let research: BatchAccountClient;
  const account = (name: string) => f.emulator.info.batchAccounts.find((a) => a.name === name)!;
  const pool = (acct: string, id: string): PoolRecord => f.emulator.state.accounts.get(acct)!.pools.get(id)!;
  const nodeIn = (p: PoolRecord, state: string): NodeRecord => p.nodes.find((n) => n.state === state)!;

  before(async () => {
    logger = new RecordingLogger();
    // Transitions long enough that a state read right after a POST still sees it on a loaded machine (with 300 ms a
    // rebooting node was sometimes already starting when the test looked).
    f = await startEmulatorFixture({ data: 'small', nodeTransitionMs: 1_500 }, logger);
    prod = f.clients.batchAccount({ url: account('contosoprod').url });
    research = f.clients.batchAccount({ url: account('fabrikamresearch').url });
  });
  after(async () => {
    await f.stop();
  });
  afterEach(() => {
    f.emulator.reset();
    logger.lines.length = 0;
  });

  it('reboots with the chosen option, returns the ids, and reports a refusal as a typed 409 without repeating the POST', async () => {
    const node = nodeIn(pool('contosoprod', 'linux-small'), 'idle');
    const receipt = await prod.nodes.rebootNode('linux-small', node.id, 'taskcompletion');
    assert.ok(receipt.serviceRequestId);
    assert.ok(receipt.clientRequestId);
    const sent = f.emulator.requests({ path: /\/reboot$/ })[0]!;
    assert.deepEqual(JSON.parse(sent.body), { nodeRebootOption: 'taskcompletion' });
    assert.equal(sent.headers['content-type'], 'application/json; odata=minimalmetadata');
    assert.equal(node.state, 'rebooting');

    const error = await prod.nodes.rebootNode('linux-small', node.id).catch((e: unknown) => e);
    assert.ok(error instanceof AzureRequestError, String(error));
    assert.equal(error.status, 409);
    assert.equal(error.code, 'NodeBeingRebooted');
    assert.equal(error.values.find((v) => v.key === 'NodeState')?.value, 'rebooting');
    assert.match(error.toString(), new RegExp(`^Reboot node ${node.id} of pool linux-small failed: NodeBeingRebooted`));

    f.emulator.clearRequests();
    f.emulator.addFault({ route: '/reboot$', kind: 'status', status: 503, count: 1 });
    const other = nodeIn(pool('contosoprod', 'linux-small'), 'running');
    await assert.rejects(prod.nodes.rebootNode('linux-small', other.id), (e: { status?: number }) => e.status === 503);
    assert.equal(f.emulator.requests({ path: /\/reboot$/ }).length, 1, 'a POST that was answered is not repeated');
  });

  it('disables and enables scheduling, deallocates and starts a node (no-body POSTs signed with the shared key too)', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const node = nodeIn(linux, 'idle');
    await prod.nodes.disableNodeScheduling('linux-small', node.id, 'taskcompletion');
    assert.deepEqual(JSON.parse(f.emulator.requests({ path: /\/disablescheduling$/ })[0]!.body), { nodeDisableSchedulingOption: 'taskcompletion' });
    assert.equal((await prod.getNode('linux-small', node.id)).schedulingState, 'disabled');
    const twice = await prod.nodes.disableNodeScheduling('linux-small', node.id).catch((e: AzureRequestError) => e);
    assert.equal((twice as AzureRequestError).code, 'NodeAlreadyInTargetSchedulingState');

    const acct = account('contosoprod');
    const keyed = f.clients.batchAccountWithSharedKey({ name: acct.name, url: acct.url }, () => acct.primaryKey);
    await keyed.nodes.enableNodeScheduling('linux-small', node.id);
    assert.equal(f.emulator.requests({ path: /\/enablescheduling$/ })[0]!.body, '');
    assert.equal(node.state, 'idle');

    await prod.nodes.deallocateNode('linux-small', node.id, 'terminate');
    await until(() => node.state === 'deallocated');
    await keyed.nodes.startNode('linux-small', node.id);
    await until(() => node.state === 'idle');
  });

  it('gets remote login settings and adds a user; the password goes to the service only, never to the log', async () => {
    const node = nodeIn(pool('contosoprod', 'linux-small'), 'starttaskfailed');
    const settings = await prod.nodes.getRemoteLoginSettings('linux-small', node.id);
    assert.match(settings.remoteLoginIPAddress, /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(typeof settings.remoteLoginPort, 'number');
    await prod.nodes.createNodeUser('linux-small', node.id, { name: 'ops', isAdmin: true, sshPublicKey: SSH_KEY, password: 'Hunter2-Secret!' });
    const sent = JSON.parse(f.emulator.requests({ path: /\/users$/ })[0]!.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(sent).sort(), ['isAdmin', 'name', 'password', 'sshPublicKey']);
    const duplicate = await prod.nodes.createNodeUser('linux-small', node.id, { name: 'ops', password: 'Hunter2-Secret!' }).catch((e: AzureRequestError) => e);
    assert.equal((duplicate as AzureRequestError).code, 'NodeUserExists');
    assert.ok(!logger.text.includes('Hunter2'), 'no password in the log');
    assert.ok(!(duplicate as AzureRequestError).toLogString().includes('Hunter2'));
  });

  it('uploads service logs: the result comes back, the SAS stays out of URLs, logs and error text', async () => {
    const node = nodeIn(pool('contosoprod', 'linux-small'), 'idle');
    const sas = 'sv=2022-11-02&sp=cw&se=2099-01-01T00:00:00Z&sr=c&sig=VGhpc0lzVGhlU2lnbmF0dXJl';
    const result = await prod.nodes.uploadBatchServiceLogs('linux-small', node.id, {
      containerUrl: `https://contosologs.blob.core.windows.net/batch-logs?${sas}`,
      startTime: new Date(Date.now() - 24 * 3600_000).toISOString(),
    });
    assert.ok(result.virtualDirectoryName.startsWith(`linux-small/${node.id}/`));
    assert.ok(result.numberOfFilesUploaded > 2);
    const recorded = f.emulator.requests({ path: /\/uploadbatchservicelogs$/ })[0]!;
    assert.deepEqual(Object.keys(recorded.query), ['api-version'], 'nothing but api-version in the URL');
    const refused = await prod.nodes
      .uploadBatchServiceLogs('linux-small', node.id, { containerUrl: `https://contosologs.blob.core.windows.net/batch-logs?${sas.replace('2099', '2001')}`, startTime: new Date().toISOString() })
      .catch((e: AzureRequestError) => e);
    assert.ok(refused instanceof AzureRequestError);
    assert.equal(refused.status, 400);
    for (const text of [logger.text, refused.message, refused.toLogString()]) {
      assert.ok(!text.includes('VGhpc0lzVGhlU2lnbmF0dXJl'), text);
    }
  });

  it('lists a node folder and the whole tree (paged), reads properties and content, and the last 1 MiB of a large log', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const failed = nodeIn(linux, 'starttaskfailed');
    const startup = await prod.nodeFiles.listNodeFilesPage('linux-small', failed.id, { folder: 'startup', recursive: false });
    assert.deepEqual(startup.items.map((e) => e.name), ['startup/stderr.txt', 'startup/stdout.txt', 'startup/wd']);
    const listed = f.emulator.requests({ path: /\/files$/ })[0]!;
    assert.equal(listed.query['$filter'], "startswith(name,'startup/')");
    assert.equal(listed.query['recursive'], 'false');
    const stderrProps = await prod.nodeFiles.getNodeFileProperties('linux-small', failed.id, 'startup/stderr.txt');
    assert.equal(stderrProps.isDirectory, false);
    assert.equal(stderrProps.contentLength, Number(startup.items[0]!.properties!.contentLength));
    assert.equal(stderrProps.fileMode, '0o100644');
    assert.ok(stderrProps.lastModified);
    assert.equal(stderrProps.url, `${account('contosoprod').url}/pools/linux-small/nodes/${failed.id}/files/startup/stderr.txt`);
    const stderr = await prod.nodeFiles.getNodeFile('linux-small', failed.id, 'startup/stderr.txt');
    assert.match(Buffer.from(stderr.bytes).toString('utf8'), /Could not get lock/);
    assert.equal(stderr.bytes.length, stderrProps.contentLength);

    const running = nodeIn(linux, 'running');
    const all = await prod.nodeFiles.listNodeFiles('linux-small', running.id, { recursive: true, maxResults: 4 });
    assert.ok(f.emulator.requests({ path: /\/files$/ }).length > 2, 'followed next links');
    const log = all.find((e) => e.name!.startsWith('workitems/') && e.name!.endsWith('/stdout.txt'))!;
    const size = Number(log.properties!.contentLength);
    assert.ok(size > MIB);
    const tail = await prod.nodeFiles.getNodeFile('linux-small', running.id, log.name!, { range: { start: size - MIB, end: size - 1 } });
    assert.equal(tail.bytes.length, MIB);
    assert.equal(tail.properties.contentLength, MIB);
    assert.deepEqual(tail.range, { start: size - MIB, end: size - 1 });
    assert.equal(f.emulator.requests({ path: /\/stdout\.txt$/ }).at(-1)!.headers['ocp-range'], `bytes=${size - MIB}-${size - 1}`);
    const whole = await prod.nodeFiles.getNodeFile('linux-small', running.id, log.name!);
    assert.equal(whole.bytes.length, size);
    assert.deepEqual(Buffer.from(tail.bytes), Buffer.from(whole.bytes).subarray(size - MIB));

    const acct = account('contosoprod');
    const keyed = f.clients.batchAccountWithSharedKey({ name: acct.name, url: acct.url }, () => acct.primaryKey);
    const signed = await keyed.nodeFiles.getNodeFile('linux-small', running.id, log.name!, { range: { start: 0, end: 99 } });
    assert.equal(signed.bytes.length, 100, 'ocp-range is part of the SharedKey signature');

    const missing = await prod.nodeFiles.getNodeFile('linux-small', failed.id, 'startup/none.txt').catch((e: AzureRequestError) => e);
    assert.equal((missing as AzureRequestError).code, 'FileNotFound');
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(prod.nodeFiles.getNodeFile('linux-small', failed.id, 'startup/stdout.txt', { abortSignal: aborted.signal }), RequestCancelledError);
  });

  it('builds folder filters and byte ranges the service understands', () => {
    assert.equal(folderFilter('startup'), "startswith(name,'startup/')");
    assert.equal(folderFilter('workitems/job/'), "startswith(name,'workitems/job/')");
    assert.equal(folderFilter("it's"), "startswith(name,'it''s/')");
    assert.equal(folderFilter('workitems\\job'), "startswith(name,'workitems\\job\\')");
    assert.equal(rangeHeader({ start: 10, end: 19 }), 'bytes=10-19');
    assert.equal(rangeHeader({ start: 5 }), 'bytes=5-');
    assert.throws(() => rangeHeader({ start: 10, end: 9 }), RangeError);
    assert.throws(() => rangeHeader({ start: -1 }), RangeError);
  });

  it('resizes with If-Match, stops a resize, refuses a stale ETag, and removes at most 100 nodes per request', async () => {
    const got = await prod.getPool('gpu-empty');
    await prod.poolResize.resizePool('gpu-empty', { targetDedicatedNodes: 30, targetLowPriorityNodes: 0, resizeTimeout: 'PT10M', nodeDeallocationOption: 'requeue' }, { ifMatch: got.etag });
    const sent = f.emulator.requests({ path: /\/resize$/ })[0]!;
    assert.equal(sent.headers['if-match'], got.etag);
    assert.deepEqual(JSON.parse(sent.body), { targetDedicatedNodes: 30, targetLowPriorityNodes: 0, resizeTimeout: 'PT10M', nodeDeallocationOption: 'requeue' });
    assert.equal((await prod.getPool('gpu-empty')).value.allocationState, 'resizing');
    await prod.poolResize.stopPoolResize('gpu-empty');
    await until(() => pool('contosoprod', 'gpu-empty').allocationState === 'steady');

    const stale = await prod.poolResize.resizePool('linux-small', { targetDedicatedNodes: 5, targetLowPriorityNodes: 0 }, { ifMatch: '0x8D0000000000000' }).catch((e: unknown) => e);
    assert.ok(stale instanceof PreconditionFailedError, String(stale));

    f.emulator.clearRequests();
    const ids = Array.from({ length: 101 }, (_, i) => `tvm-${i}`);
    await assert.rejects(research.poolResize.removeNodes('ml-train', { nodeList: ids }), RangeError);
    assert.equal(f.emulator.requests({ path: /removenodes$/ }).length, 0, 'nothing sent');
    const ml = pool('fabrikamresearch', 'ml-train');
    const unusable = nodeIn(ml, 'unusable');
    await research.poolResize.removeNodes('ml-train', { nodeList: [unusable.id, unusable.id], nodeDeallocationOption: 'requeue' });
    assert.deepEqual(JSON.parse(f.emulator.requests({ path: /removenodes$/ })[0]!.body), { nodeList: [unusable.id], nodeDeallocationOption: 'requeue' });
    const busy = await research.poolResize.removeNodes('ml-train', { nodeList: [ml.nodes[0]!.id] }).catch((e: AzureRequestError) => e);
    assert.equal((busy as AzureRequestError).code, 'PoolBeingResized');
    await until(() => ml.allocationState === 'steady');
    assert.equal(ml.nodeById.has(unusable.id), false);
    assert.deepEqual(f.emulator.conformanceViolations(), []);
  });
});
