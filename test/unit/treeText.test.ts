import * as assert from 'node:assert/strict';
import { nodeContextValue, nodeStateLook, stateFilter } from '../../src/tree/nodeState';
import { addCounts, formatCounts, formatSizes } from '../../src/tree/poolSummary';
import { md } from '../../src/tree/markdown';

describe('tree text and tokens', () => {
  it('marks only idle and running nodes reimageable', () => {
    assert.match(nodeContextValue('idle'), /\breimageable\b/);
    assert.match(nodeContextValue('running'), /\breimageable\b/);
    for (const state of ['unusable', 'starttaskfailed', 'reimaging', 'rebooting', 'starting', 'offline', 'preempted', 'leavingpool', undefined]) {
      assert.doesNotMatch(nodeContextValue(state), /\breimageable\b/, String(state));
    }
    assert.doesNotMatch(nodeContextValue('idle', { transient: true }), /\breimageable\b/);
    assert.match(nodeContextValue('unusable'), /\bstate-unusable\b/);
  });

  it('gives busy states a spinner and failures an error colour', () => {
    assert.equal(nodeStateLook('starting').icon, 'loading~spin');
    assert.equal(nodeStateLook('reimaging').busy, true);
    assert.equal(nodeStateLook('unusable').color, 'errorForeground');
    assert.equal(nodeStateLook('no-such-state').icon, 'question');
  });

  it('builds the $filter for chosen states and ignores unknown ones', () => {
    assert.equal(stateFilter(['idle', 'running']), "state eq 'idle' or state eq 'running'");
    assert.equal(stateFilter(["idle' or 1 eq 1"]), undefined);
    assert.equal(stateFilter([]), undefined);
  });

  it('formats node counts like "12 idle · 3 running · 1 unusable"', () => {
    const counts = addCounts({ idle: 10, running: 3, unusable: 1, total: 14 }, { idle: 2, total: 2 });
    assert.equal(formatCounts(counts), '12 idle · 3 running · 1 unusable');
    assert.equal(formatCounts(addCounts({ startTaskFailed: 2, waitingForStartTask: 1 })), '1 waiting for start task · 2 start task failed');
    assert.equal(formatCounts({}), 'no nodes');
    assert.deepEqual(formatSizes({ currentDedicatedNodes: 3, targetDedicatedNodes: 5 }), { dedicated: '3/5', spot: '0/0' });
  });

  it('escapes service text for tooltips: no links, images or icons', () => {
    assert.equal(md('![x](https://tracker.example/p.png) $(alert) **bold**'), '\\!\\[x\\]\\(https://tracker\\.example/p\\.png\\) \\$\\(alert\\) \\*\\*bold\\*\\*');
    assert.equal(md(undefined), '');
  });
});
