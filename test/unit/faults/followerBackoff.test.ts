import * as assert from 'node:assert/strict';
import type { BatchNode } from '../../../src/azure/batch/batchModels.generated';
import { followReadStop, readBackoffMs, shouldLogReadFailure } from '../../../src/reimage/followBackoff';
import { NodeFollower, type FollowRow } from '../../../src/reimage/nodeFollower';

const FAST = { first: 1, later: 1, switchAfterMs: 50, gapMs: 0, maxBackoffMs: 16 };
const SENT = Date.parse('2030-01-01T00:00:00Z');

function row(key: string) {
  const calls: string[] = [];
  const value: FollowRow = {
    key,
    begin: () => calls.push('begin'),
    update: (node) => calls.push(`update:${node.state}`),
    end: () => calls.push('end'),
    note: (note) => calls.push(`note:${note}`),
  };
  return { row: value, calls };
}
const httpError = (status: number, code: string) => Object.assign(new Error(`${code} (HTTP ${status})`), { status, code });

describe('faults item 6: the node follower backs off per node and stops on 404 and authentication errors', () => {
  it('doubles the wait per failure in a row, up to the cap; logs failures 1, 2, 4, 8… only', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 30].map((n) => readBackoffMs(1000, n, 60_000)), [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000]);
    assert.deepEqual([1, 2, 3, 4, 5, 8, 9, 16].map(shouldLogReadFailure), [true, true, false, true, false, true, false, true]);
    assert.equal(followReadStop(httpError(404, 'NodeNotFound')), 'gone');
    assert.equal(followReadStop(httpError(401, 'InvalidAuthenticationTokenAudience')), 'authentication');
    assert.equal(followReadStop(Object.assign(new Error('x'), { code: 'SignedOut' })), 'authentication');
    assert.equal(followReadStop(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })), undefined);
    assert.equal(followReadStop(httpError(503, 'ServerBusy')), undefined);
  });

  /** One stopping answer: the follower reads once, logs once and says why on the node. */
  async function stopsAtOnce(status: number, code: string, reason: string, pattern: RegExp): Promise<void> {
    const warnings: string[] = [];
    const follower = new NodeFollower((m) => warnings.push(m), FAST);
    const r = row('pool/nodes/n1');
    let reads = 0;
    const result = await follower.follow(r.row, async () => {
      reads += 1;
      throw httpError(status, code);
    }, SENT, 60_000);
    assert.equal(result.kind, 'gaveUp');
    assert.equal(result.kind === 'gaveUp' && result.reason, reason);
    assert.equal(reads, 1);
    assert.equal(warnings.length, 1);
    assert.equal(r.calls.length, 3);
    assert.equal(r.calls[0], 'begin');
    assert.match(r.calls[1], pattern);
    assert.equal(r.calls[2], 'end');
    assert.equal(follower.active, 0);
  }

  it('a 404 stops following at once and says so on the node (one read, one log line)', async () => {
    await stopsAtOnce(404, 'NodeNotFound', 'gone', /no longer in the pool \(404\)/);
  });

  it('a 401 stops following at once and says so on the node (one read, one log line)', async () => {
    await stopsAtOnce(401, 'AuthenticationFailed', 'authentication', /authentication failed \(AuthenticationFailed\)/);
  });

  it('offline: keeps following with growing waits and few log lines, then reaches idle when the service answers', async () => {
    const warnings: string[] = [];
    const follower = new NodeFollower((m) => warnings.push(m), FAST);
    let reads = 0;
    const read = async (): Promise<BatchNode> => {
      reads += 1;
      if (reads <= 20) {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' });
      }
      return { id: 'n2', state: reads === 21 ? 'reimaging' : 'idle' };
    };
    const result = await follower.follow(row('n2').row, read, SENT, 60_000);
    assert.equal(result.kind, 'idle');
    assert.equal(reads, 22);
    // Failures 1, 2, 4, 8, 16 of 20 are logged: 5 lines, not 20.
    assert.equal(warnings.length, 5);
    assert.match(warnings[4], /read failed 16 time\(s\) in a row, next try in 0 s: connect ECONNREFUSED/);
  });
});
