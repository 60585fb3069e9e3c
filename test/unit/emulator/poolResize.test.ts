/** Emulator: resize, stop resize and remove nodes, with allocationState moving resizing/stopping -> steady. */
import * as assert from 'node:assert/strict';
import type { PoolRecord } from '../../emulator/state';
import { useEmulator } from './fixture';
import { errorValue, poolOf, postJson, V, waitFor, type BatchErrorBody } from './batchTestParts';

const TRANSITION_MS = 300;

describe('emulator: pool resize and remove nodes', function () {
  this.timeout(20_000);
  const f = useEmulator({ data: 'small', nodeTransitionMs: TRANSITION_MS });
  let prod: string;
  let research: string;
  before(() => {
    [prod, research] = ['contosoprod', 'fabrikamresearch'].map(f.url);
  });

  const pool = (account: string, id: string): PoolRecord => poolOf(f.emulator, account, id);
  const post = (url: string, body?: unknown) => postJson(f, url, body);
  const steady = (p: PoolRecord) => waitFor(() => p.allocationState, (s) => s === 'steady', 6000);

  it('grows a pool: resizing until the new nodes are in, steady after; new nodes join creating -> starting -> idle', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const etag = linux.eTag;
    const before = new Set(linux.nodes.map((n) => n.id));
    const res = await post(`${prod}/pools/linux-small/resize?${V}`, { targetDedicatedNodes: 6, targetLowPriorityNodes: 0, resizeTimeout: 'PT10M' });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.headers['dataserviceid'], `${prod}/pools/linux-small/resize`);
    assert.equal(linux.allocationState, 'resizing');
    assert.notEqual(linux.eTag, etag, 'the targets are pool-level data: new ETag');
    const second = await post(`${prod}/pools/linux-small/resize?${V}`, { targetDedicatedNodes: 2 });
    assert.equal(second.status, 409);
    assert.equal((second.json as BatchErrorBody).code, 'PoolBeingResized');
    await steady(linux);
    assert.equal(linux.nodes.length, 6);
    const added = linux.nodes.filter((n) => !before.has(n.id));
    assert.equal(added.length, 3);
    assert.ok(added.every((n) => /^tvm-\d+_\d+-\d{8}t\d{6}z$/.test(n.id) && n.dedicated));
    await waitFor(() => added.every((n) => n.state === 'idle'), (ok) => ok);
    assert.deepEqual(added[0]!.lastAction!.transitions.map((t) => t.state), ['starting', 'idle']);
    assert.equal(new Set(linux.nodes.map((n) => n.index)).size, 6, 'distinct indexes (distinct IPs)');
    const json = (await f.http.send('GET', `${prod}/pools/linux-small?${V}`, { headers: f.auth })).json as Record<string, unknown>;
    assert.equal(json['allocationState'], 'steady');
    assert.equal(json['currentDedicatedNodes'], 6);
    assert.equal(json['resizeTimeout'], 'PT10M');
  });

  it('shrinks a pool, giving up broken and idle nodes before running ones', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const running = linux.nodes.find((n) => n.state === 'running')!;
    assert.equal((await post(`${prod}/pools/linux-small/resize?${V}`, { targetDedicatedNodes: 1, nodeDeallocationOption: 'taskcompletion' })).status, 202);
    await steady(linux);
    assert.deepEqual(linux.nodes.map((n) => n.id), [running.id]);
  });

  it('stops a resize: stopping, then steady at the nodes it has, with a ResizeStopped error; no resize to stop is a 409', async () => {
    const gpu = pool('contosoprod', 'gpu-empty');
    assert.equal((await post(`${prod}/pools/gpu-empty/resize?${V}`, { targetDedicatedNodes: 40 })).status, 202);
    await waitFor(() => gpu.nodes.length, (n) => n > 0);
    const stop = await post(`${prod}/pools/gpu-empty/stopresize?${V}`);
    assert.equal(stop.status, 202, stop.text);
    assert.equal(gpu.allocationState, 'stopping');
    await steady(gpu);
    const count = gpu.nodes.length;
    assert.ok(count > 0 && count < 40, String(count));
    assert.equal(gpu.spec['targetDedicatedNodes'], count);
    assert.equal((gpu.spec['resizeErrors'] as { code: string }[])[0]!.code, 'ResizeStopped');
    const none = await post(`${prod}/pools/gpu-empty/stopresize?${V}`);
    assert.equal(none.status, 409);
    assert.equal((none.json as BatchErrorBody).code, 'OperationInvalidForCurrentState');
  });

  it('refuses resize inputs the service refuses: a timeout under 5 minutes, a negative target, autoscale pools', async () => {
    const short = await post(`${prod}/pools/linux-small/resize?${V}`, { targetDedicatedNodes: 4, resizeTimeout: 'PT1M' });
    assert.equal(short.status, 400);
    assert.equal(errorValue(short.json, 'PropertyName'), 'resizeTimeout');
    const negative = await post(`${prod}/pools/linux-small/resize?${V}`, { targetDedicatedNodes: -1 });
    assert.equal(negative.status, 400);
    f.emulator.touchPool('contosoprod', 'linux-small', { enableAutoScale: true });
    const auto = await post(`${prod}/pools/linux-small/resize?${V}`, { targetDedicatedNodes: 4 });
    assert.equal(auto.status, 409);
    assert.equal((auto.json as BatchErrorBody).code, 'OperationNotValidOnPool');
    assert.equal(pool('contosoprod', 'linux-small').allocationState, 'steady');
  });

  it('removes chosen nodes (leavingpool, then gone; targets drop), only while steady and at most 100 per request', async () => {
    const ml = pool('fabrikamresearch', 'ml-train');
    const unusable = ml.nodes.find((n) => n.state === 'unusable')!;
    const spot = ml.nodes.find((n) => n.state === 'preempted')!;
    const targets = [ml.spec['targetDedicatedNodes'], ml.spec['targetLowPriorityNodes']] as number[];
    const tooMany = await post(`${research}/pools/ml-train/removenodes?${V}`, { nodeList: Array.from({ length: 101 }, (_, i) => `tvm-${i}`) });
    assert.equal(tooMany.status, 400);
    assert.match(errorValue(tooMany.json, 'Reason')!, /maximum of 100/);
    const unknown = await post(`${research}/pools/ml-train/removenodes?${V}`, { nodeList: ['tvm-missing'] });
    assert.equal(unknown.status, 404);
    assert.equal((unknown.json as BatchErrorBody).code, 'NodeNotFound');

    const res = await post(`${research}/pools/ml-train/removenodes?${V}`, { nodeList: [unusable.id, spot.id], nodeDeallocationOption: 'terminate' });
    assert.equal(res.status, 202, res.text);
    assert.equal(ml.allocationState, 'resizing');
    assert.equal(unusable.state, 'leavingpool');
    assert.deepEqual([ml.spec['targetDedicatedNodes'], ml.spec['targetLowPriorityNodes']], [targets[0]! - 1, targets[1]! - 1]);
    const whileResizing = await post(`${research}/pools/ml-train/removenodes?${V}`, { nodeList: [ml.nodes[0]!.id] });
    assert.equal(whileResizing.status, 409);
    assert.equal((whileResizing.json as BatchErrorBody).code, 'PoolBeingResized');
    assert.equal(errorValue(whileResizing.json, 'AllocationState'), 'resizing');
    await steady(ml);
    assert.equal(ml.nodeById.has(unusable.id), false);
    assert.equal(ml.nodeById.has(spot.id), false);
    assert.equal(ml.nodes.length, 8);
    assert.deepEqual(f.emulator.conformanceViolations(), []);
  });
});
