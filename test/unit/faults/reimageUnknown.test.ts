import * as assert from 'node:assert/strict';
import { runReimage, type ReimageApi, type ReimageTarget } from '../../../src/reimage/reimageRunner';

const targets = (n: number): ReimageTarget[] => Array.from({ length: n }, (_, i) => ({ poolId: 'p', nodeId: `n${i}` }));
const lost = () => Object.assign(new Error('The connection was reset after the request was sent'), { code: 'OutcomeUnknown' });

describe('faults item 3: a reimage whose answer was lost is unknown, re-read, and followed when reimaging', () => {
  it('re-reads the node: reimaging → unknown and followed; idle → unknown, not followed; unreadable → unknown', async () => {
    const reads: string[] = [];
    const sent: string[] = [];
    const followed: string[] = [];
    const states: Record<string, string[]> = { n0: ['idle', 'reimaging'], n1: ['running', 'running'], n2: ['idle'], n3: ['idle'] };
    const api: ReimageApi = {
      nodeState: async (t) => {
        reads.push(t.nodeId);
        const next = states[t.nodeId].shift();
        if (next === undefined) {
          throw Object.assign(new Error('offline'), { code: 'ECONNREFUSED' });
        }
        return next;
      },
      reimage: async (t) => {
        sent.push(t.nodeId);
        if (t.nodeId !== 'n3') {
          throw lost();
        }
      },
    };
    const outcomes = await runReimage(targets(4), 'requeue', api, { concurrency: 1, onAccepted: (t) => followed.push(t.nodeId) });
    assert.deepEqual(outcomes.map((o) => o.status), ['unknown', 'unknown', 'unknown', 'succeeded']);
    assert.deepEqual(outcomes.map((o) => o.stateAfter), ['reimaging', 'running', undefined, undefined]);
    assert.deepEqual(outcomes.map((o) => o.followed), [true, false, false, undefined]);
    assert.deepEqual(followed, ['n0', 'n3'], 'followed: the one reimaging after the lost answer, and the accepted one');
    assert.deepEqual(sent, ['n0', 'n1', 'n2', 'n3'], 'each POST sent once, never repeated after a lost answer');
    assert.deepEqual(reads, ['n0', 'n0', 'n1', 'n1', 'n2', 'n2', 'n3'], 'read before sending, and once more after a lost answer');
    assert.ok(outcomes.every((o) => o.status !== 'failed'), 'a lost answer is never counted failed');
  });
});
