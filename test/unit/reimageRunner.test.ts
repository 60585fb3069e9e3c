import * as assert from 'node:assert/strict';
import { explainReimageError } from '../../src/reimage/explainReimageError';
import { runReimage, type ReimageApi, type ReimageTarget } from '../../src/reimage/reimageRunner';

const targets = (n: number): ReimageTarget[] => Array.from({ length: n }, (_, i) => ({ poolId: 'p', nodeId: `n${i}` }));
const throttled = (retryAfterMs: number) => Object.assign(new Error('throttled'), { status: 429, retryAfterMs });

describe('bulk reimage runner', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const api: ReimageApi = {
      nodeState: async () => 'idle',
      reimage: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight -= 1;
      },
    };
    const outcomes = await runReimage(targets(40), 'requeue', api, { concurrency: 8 });
    assert.equal(peak, 8);
    assert.equal(outcomes.length, 40);
    assert.ok(outcomes.every((o) => o.status === 'succeeded'));
  });

  it('slows down on 429 and ends with every node reimaged, none failed', async () => {
    let calls = 0;
    const limits: number[] = [];
    const sent = new Set<string>();
    const api: ReimageApi = {
      nodeState: async () => 'running',
      reimage: async (t) => {
        calls += 1;
        if (calls % 3 === 0) {
          throw throttled(20);
        }
        sent.add(t.nodeId);
      },
    };
    const outcomes = await runReimage(targets(50), 'terminate', api, { concurrency: 8, onLimitChange: (l) => limits.push(l) });
    assert.equal(outcomes.filter((o) => o.status === 'succeeded').length, 50);
    assert.equal(sent.size, 50);
    assert.ok(limits.some((l) => l < 8), `the limit dropped below 8: ${limits.join(',')}`);
  });

  it('skips nodes that are no longer idle or running, without sending', async () => {
    const sent: string[] = [];
    const api: ReimageApi = {
      nodeState: async (t) => (t.nodeId === 'n1' ? 'unusable' : 'idle'),
      reimage: async (t) => {
        sent.push(t.nodeId);
      },
    };
    const outcomes = await runReimage(targets(3), 'requeue', api, { concurrency: 2 });
    assert.deepEqual(sent.sort(), ['n0', 'n2']);
    assert.equal(outcomes[1].status, 'skipped');
    assert.match(outcomes[1].reason ?? '', /unusable/);
  });

  it('stops sending when cancelled and reports the rest as canceled', async () => {
    const controller = new AbortController();
    let sent = 0;
    const api: ReimageApi = {
      nodeState: async () => 'idle',
      reimage: async () => {
        sent += 1;
        if (sent === 5) {
          controller.abort();
        }
        await new Promise((r) => setTimeout(r, 2));
      },
    };
    const outcomes = await runReimage(targets(30), 'requeue', api, { concurrency: 2, signal: controller.signal });
    assert.ok(sent <= 6, `at most the in-flight ones were sent after cancel (sent ${sent})`);
    assert.ok(outcomes.filter((o) => o.status === 'canceled').length >= 24);
    assert.equal(outcomes.filter((o) => o.status === 'succeeded').length, sent, 'a request in flight runs to its answer');
  });

  it('explains service refusals in plain words, keeping code and message', () => {
    const text = explainReimageError({
      code: 'NodeStateUnusable', status: 409, serviceMessage: 'The state of the specified node is unusable.\nRequestId:abc',
      values: [{ key: 'NodeState', value: 'unusable' }],
    });
    assert.match(text, /not idle or running \(it is unusable\)/);
    assert.match(text, /NodeStateUnusable: The state of the specified node is unusable/);
    assert.doesNotMatch(text, /RequestId/);
    assert.match(explainReimageError({ code: 'OperationNotValidOnPool', status: 409, serviceMessage: 'x' }), /configuration does not allow/);
  });
});
