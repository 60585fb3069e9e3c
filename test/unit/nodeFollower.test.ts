import * as assert from 'node:assert/strict';
import type { BatchNode } from '../../src/azure/batch/batchModels.generated';
import { NodeFollower, type FollowRow } from '../../src/reimage/nodeFollower';

const FAST = { first: 2, later: 5, switchAfterMs: 50, gapMs: 1 };
const SENT = Date.parse('2030-01-01T00:00:00Z');
const before = new Date(SENT - 60_000).toISOString();

/** A row that records what the follower did to it. */
function row(key: string) {
  const calls: string[] = [];
  const shown: BatchNode[] = [];
  const value: FollowRow = {
    key,
    begin: () => calls.push('begin'),
    update: (node) => {
      calls.push(`update:${node.state}`);
      shown.push(node);
    },
    end: () => calls.push('end'),
  };
  return { row: value, calls, shown };
}

/** Reads the node through these states, one per poll, then stays on the last. */
function states(...sequence: BatchNode[]) {
  let polls = 0;
  return {
    read: async () => sequence[Math.min(polls++, sequence.length - 1)],
    polls: () => polls,
  };
}

describe('reimage node follower', () => {
  it('follows a node through reimaging and starting to idle, and shows it', async () => {
    const warnings: string[] = [];
    const follower = new NodeFollower((m) => warnings.push(m), FAST);
    const r = row('pool/nodes/n1');
    const node = states({ id: 'n1', state: 'idle', stateTransitionTime: before }, { id: 'n1', state: 'reimaging' }, { id: 'n1', state: 'starting' }, { id: 'n1', state: 'idle' });
    const result = await follower.follow(r.row, node.read, SENT, 10_000);
    assert.equal(result.kind, 'idle');
    assert.equal(node.polls(), 4, 'the stale idle before the reimage began does not count');
    assert.deepEqual(r.calls, ['begin', 'update:idle', 'end']);
    assert.deepEqual(warnings, []);
    assert.equal(await follower.resultOf('pool/nodes/n1'), result);
  });

  it('ends failed when the node lands in unusable or starttaskfailed, with its errors', async () => {
    const follower = new NodeFollower(() => undefined, FAST);
    const r = row('n2');
    const errors = [{ code: 'DiskFull', message: 'The OS disk is full.' }];
    const result = await follower.follow(r.row, states({ state: 'reimaging' }, { state: 'unusable', errors }).read, SENT, 10_000);
    assert.equal(result.kind, 'failed');
    assert.deepEqual(result.kind === 'failed' && result.node.errors, errors);
    assert.deepEqual(r.shown.map((n) => n.state), ['unusable']);
  });

  it('counts a state changed since the send as the reimage having happened', async () => {
    const follower = new NodeFollower(() => undefined, FAST);
    const result = await follower.follow(row('n3').row, states({ state: 'idle', stateTransitionTime: new Date(SENT + 5_000).toISOString() }).read, SENT, 10_000);
    assert.equal(result.kind, 'idle');
  });

  it('gives up after the timeout with the last state it saw', async () => {
    const follower = new NodeFollower(() => undefined, FAST);
    const r = row('n4');
    const result = await follower.follow(r.row, states({ state: 'idle', stateTransitionTime: before }).read, SENT, 30);
    assert.deepEqual(result, { kind: 'timeout', state: 'idle' });
    assert.deepEqual(r.calls, ['begin', 'end'], 'the row is not updated from a node that never went through the reimage');
  });

  it('keeps following through failed reads and says so in the log', async () => {
    const warnings: string[] = [];
    const follower = new NodeFollower((m) => warnings.push(m), FAST);
    let polls = 0;
    const read = async (): Promise<BatchNode> => {
      polls += 1;
      if (polls === 1) {
        throw new Error('connection reset');
      }
      return { state: polls === 2 ? 'reimaging' : 'idle' };
    };
    assert.equal((await follower.follow(row('n5').row, read, SENT, 10_000)).kind, 'idle');
    assert.deepEqual(warnings, ['Following n5: read failed 1 time(s) in a row, next try in 0 s: connection reset']);
  });

  it('stopAll ends every follow as stopped at once, and later follows run normally', async () => {
    const follower = new NodeFollower(() => undefined, { ...FAST, first: 60_000, later: 60_000 });
    const a = row('a');
    const b = row('b');
    const reimaging = states({ state: 'reimaging' });
    const followA = follower.follow(a.row, reimaging.read, SENT, 600_000);
    const followB = follower.follow(b.row, reimaging.read, SENT, 600_000);
    assert.equal(follower.active, 2);
    const started = Date.now();
    await follower.stopAll();
    assert.ok(Date.now() - started < 1_000, 'no poll wait is sat out');
    assert.deepEqual([await followA, await followB], [{ kind: 'stopped' }, { kind: 'stopped' }]);
    assert.equal(follower.active, 0);
    assert.deepEqual(a.calls, ['begin', 'end']);

    const fast = new NodeFollower(() => undefined, FAST);
    await fast.stopAll();
    assert.equal((await fast.follow(row('c').row, states({ state: 'reimaging' }, { state: 'idle' }).read, SENT, 10_000)).kind, 'idle');
  });

  it('keeps the latest follow of each node, and none for a node never followed', async () => {
    const follower = new NodeFollower(() => undefined, FAST);
    await follower.follow(row('n6').row, states({ state: 'reimaging' }, { state: 'idle' }).read, SENT, 10_000);
    const second = await follower.follow(row('n6').row, states({ state: 'reimaging' }, { state: 'unusable' }).read, SENT, 10_000);
    assert.equal(await follower.resultOf('n6'), second);
    assert.equal(follower.resultOf('never'), undefined);
  });

  it('follows nothing once disposed', async () => {
    const follower = new NodeFollower(() => undefined, FAST);
    follower.dispose();
    const r = row('n7');
    assert.deepEqual(await follower.follow(r.row, states({ state: 'idle' }).read, SENT, 10_000), { kind: 'stopped' });
    assert.deepEqual(r.calls, []);
  });
});
