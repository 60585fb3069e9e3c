/** Remove from Pool… in requests of at most 100, waiting for a steady pool in between; and the option lists. */
import * as assert from 'node:assert/strict';
import {
  deallocateOptionChoices,
  disableSchedulingOptionChoices,
  nodeDeallocationOptionChoices,
  rebootOptionChoices,
} from '../../../src/nodeActions/nodeActionOptions';
import { runRemoveNodes, splitRemoveRequests, type RemoveNodesApi } from '../../../src/nodeActions/removeNodeRequests';
import type { BatchAccountClient } from '../../../src/azure/batch/batchAccountClient';
import { startEmulatorFixture, type EmulatorFixture } from '../azure/helpers/emulatorFixture';

const ids = (n: number, prefix = 'n') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('node actions: option lists', () => {
  it('labels the options exactly with the service values, each with its own description', () => {
    assert.deepEqual(rebootOptionChoices().map((c) => c.label), ['requeue', 'terminate', 'taskcompletion', 'retaineddata']);
    assert.deepEqual(nodeDeallocationOptionChoices().map((c) => c.label), ['requeue', 'terminate', 'taskcompletion', 'retaineddata']);
    assert.deepEqual(deallocateOptionChoices().map((c) => c.label), ['requeue', 'terminate', 'taskcompletion', 'retaineddata']);
    assert.deepEqual(disableSchedulingOptionChoices().map((c) => c.label), ['requeue', 'terminate', 'taskcompletion']);
    const all = [...rebootOptionChoices(), ...nodeDeallocationOptionChoices(), ...deallocateOptionChoices(), ...disableSchedulingOptionChoices()];
    assert.equal(new Set(all.map((c) => c.description)).size, all.length);
    assert.match(rebootOptionChoices()[2]!.description, /finish.*then reboot/);
  });
});

describe('node actions: removing nodes in requests of at most 100', () => {
  it('splits a selection into distinct ids, 100 per request, in selection order', () => {
    const chunks = splitRemoveRequests([...ids(250), 'n3', 'n7']);
    assert.deepEqual(chunks.map((c) => c.length), [100, 100, 50]);
    assert.equal(chunks[0]![0], 'n0');
    assert.equal(chunks[2]![49], 'n249');
    assert.deepEqual(splitRemoveRequests([]), []);
    assert.throws(() => splitRemoveRequests(['a'], 0), RangeError);
  });

  function fakeApi(states: string[], failOn?: (call: number) => unknown): RemoveNodesApi & { calls: string[][]; reads: number } {
    const api = {
      calls: [] as string[][],
      reads: 0,
      async removeNodes(_pool: string, nodeIds: string[]) {
        const error = failOn?.(api.calls.length);
        api.calls.push(nodeIds);
        if (error) { throw error; }
      },
      async allocationState() {
        return states[Math.min(api.reads++, states.length - 1)];
      },
    };
    return api;
  }

  it('waits for the pool to be steady between requests', async () => {
    const api = fakeApi(['resizing', 'resizing', 'steady', 'steady']);
    const sleeps: number[] = [];
    const progress: number[] = [];
    const outcome = await runRemoveNodes(api, 'p', ids(150), 'taskcompletion', { pollMs: 7, sleep: async (ms) => { sleeps.push(ms); }, onProgress: (n) => progress.push(n) });
    assert.deepEqual(api.calls.map((c) => c.length), [100, 50]);
    assert.equal(api.reads, 3, 'read resizing, resizing, steady before the second request');
    assert.deepEqual(sleeps, [7, 7]);
    assert.deepEqual(progress, [100, 150]);
    assert.deepEqual(outcome, { accepted: ids(150), notSent: [] });
  });

  it('resends a throttled request after Retry-After, stops on another error and reports what was not sent', async () => {
    const throttled = Object.assign(new Error('throttled'), { status: 429, retryAfterMs: 250 });
    const api = fakeApi(['steady'], (call) => (call === 0 ? throttled : undefined));
    const sleeps: number[] = [];
    const ok = await runRemoveNodes(api, 'p', ids(120), 'requeue', { sleep: async (ms) => { sleeps.push(ms); } });
    assert.equal(ok.accepted.length, 120);
    assert.deepEqual(sleeps, [250]);
    assert.equal(api.calls.length, 3);

    const refused = Object.assign(new Error('refused'), { status: 409, code: 'PoolBeingResized' });
    const failing = fakeApi(['steady'], (call) => (call === 1 ? refused : undefined));
    const outcome = await runRemoveNodes(failing, 'p', ids(250), 'requeue', { sleep: async () => {} });
    assert.equal(outcome.stopped, 'failed');
    assert.equal(outcome.accepted.length, 100);
    assert.deepEqual(outcome.failed!.nodeIds, ids(250).slice(100, 200));
    assert.equal(outcome.failed!.error, refused);
    assert.deepEqual(outcome.notSent, ids(250).slice(200));
  });

  it('stops before the next request when cancelled or when the pool does not settle in time', async () => {
    const controller = new AbortController();
    const api = fakeApi(['resizing']);
    const outcome = await runRemoveNodes(api, 'p', ids(150), 'requeue', {
      signal: controller.signal,
      sleep: async () => { controller.abort(); },
    });
    assert.equal(outcome.stopped, 'canceled');
    assert.deepEqual(outcome.notSent, ids(150).slice(100));
    assert.equal(api.calls.length, 1);

    const stuck = await runRemoveNodes(fakeApi(['resizing']), 'p', ids(101), 'requeue', { steadyTimeoutMs: 0, sleep: async () => {} });
    assert.equal(stuck.stopped, 'notSteady');
    assert.equal(stuck.lastAllocationState, 'resizing');
    assert.deepEqual(stuck.notSent, ['n100']);
  });
});

describe('node actions: removing 150 nodes from the emulator', function () {
  this.timeout(30_000);
  let f: EmulatorFixture;
  let prod: BatchAccountClient;
  before(async () => {
    f = await startEmulatorFixture({ data: 'small', nodeTransitionMs: 40 });
    prod = f.clients.batchAccount({ url: f.emulator.info.batchAccounts.find((a) => a.name === 'contosoprod')!.url });
  });
  after(async () => {
    await f.stop();
  });

  it('sends two requests (100 + 50), the second only after the pool is steady again, and all 150 nodes leave', async () => {
    const pool = f.emulator.state.accounts.get('contosoprod')!.pools.get('win-render')!;
    const chosen = pool.nodes.filter((n) => n.state !== 'leavingpool').slice(0, 150).map((n) => n.id);
    const before = pool.nodes.length;
    const outcome = await runRemoveNodes(
      {
        removeNodes: async (poolId, nodeIds, option) => { await prod.poolResize.removeNodes(poolId, { nodeList: nodeIds, nodeDeallocationOption: option }); },
        allocationState: async (poolId, signal) => (await prod.getPool(poolId, { select: ['allocationState'], abortSignal: signal })).value.allocationState,
      },
      'win-render',
      chosen,
      'requeue',
      { pollMs: 20 },
    );
    assert.deepEqual(outcome, { accepted: chosen, notSent: [] });
    const posts = f.emulator.requests({ path: /removenodes$/ });
    assert.deepEqual(posts.map((p) => (JSON.parse(p.body) as { nodeList: string[] }).nodeList.length), [100, 50]);
    assert.ok(posts.every((p) => p.status === 202));
    const reads = f.emulator.requests({ path: /\/pools\/win-render$/ });
    assert.ok(reads.some((r) => r.seq > posts[0]!.seq && r.seq < posts[1]!.seq), 'read the allocation state between the two requests');
    await new Promise<void>((resolve) => {
      const check = () => (pool.allocationState === 'steady' ? resolve() : setTimeout(check, 20));
      check();
    });
    assert.equal(pool.nodes.length, before - 150);
    assert.ok(chosen.every((id) => !pool.nodeById.has(id)));
  });
});
