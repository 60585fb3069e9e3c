import * as assert from 'node:assert/strict';
import { runReimage, type ReimageApi, type ReimageTarget } from '../../../src/reimage/reimageRunner';

const targets = (n: number): ReimageTarget[] => Array.from({ length: n }, (_, i) => ({ poolId: 'p', nodeId: `n${i}` }));

describe('faults item 11: 429s seen elsewhere (the session\'s onDidThrottle) slow a running bulk reimage', () => {
  it('halves the concurrency on each 429 reported from outside, and unsubscribes at the end', async () => {
    const listeners = new Set<(info: { retryAfterMs?: number }) => void>();
    let subscribed = 0;
    const onThrottled = (listener: (info: { retryAfterMs?: number }) => void) => {
      subscribed += 1;
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    };
    const limits: number[] = [];
    let calls = 0;
    const api: ReimageApi = {
      nodeState: async () => 'idle',
      reimage: async () => {
        calls += 1;
        if (calls === 8) {
          // The follower (or the tree) saw a 429 with Retry-After: 30 ms.
          for (const listener of listeners) {
            listener({ retryAfterMs: 30 });
          }
        }
        await new Promise((r) => setTimeout(r, 5));
      },
    };
    const outcomes = await runReimage(targets(30), 'requeue', api, { concurrency: 8, onThrottled, onLimitChange: (l) => limits.push(l) });
    assert.equal(subscribed, 1);
    assert.equal(listeners.size, 0, 'the subscription ends with the run');
    assert.equal(limits[0], 4, `the limit halved on the outside 429: ${limits.join(',')}`);
    assert.ok(outcomes.every((o) => o.status === 'succeeded'), 'nothing failed: every node was sent once');
    assert.equal(calls, 30);
  });
});
