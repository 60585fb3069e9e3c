import * as assert from 'node:assert/strict';
import {
  countStates, countsSummary, diffCells, legendRows, poolCountsByState, toCells, type HeatmapCell,
} from '../../../src/heatmap/heatmapModel';

const cell = (id: string, state: string, extra: Partial<HeatmapCell> = {}): HeatmapCell => ({ id, state, dedicated: true, errors: [], ...extra });

describe('heatmap model', () => {
  it('turns listed nodes into cells: state lower-cased or "unknown", spot when isDedicated is false, errors as "Code: message"', () => {
    const cells = toCells([
      { id: 'n1', state: 'idle', isDedicated: true, ipAddress: '10.0.0.4', stateTransitionTime: '2025-03-10T08:15:02Z' },
      { id: 'n2', state: 'StartTaskFailed', isDedicated: false, errors: [{ code: 'StartTaskFailed', message: 'The start task failed' }, { message: 'no code' }, {}] },
      { id: 'n3' },
      { state: 'idle' }, // no id: cannot be acted on, left out
      { id: '', state: 'idle' },
    ]);
    assert.deepEqual(cells, [
      { id: 'n1', state: 'idle', dedicated: true, errors: [], since: '2025-03-10T08:15:02Z', ip: '10.0.0.4' },
      { id: 'n2', state: 'starttaskfailed', dedicated: false, errors: ['StartTaskFailed: The start task failed', 'no code'] },
      { id: 'n3', state: 'unknown', dedicated: true, errors: [] },
    ]);
  });

  it('diffs two snapshots of the same nodes by index, and reports a layout change when nodes join, leave or move', () => {
    const before = [cell('a', 'idle'), cell('b', 'running'), cell('c', 'idle')];
    assert.deepEqual(diffCells(before, before.map((c) => ({ ...c }))), { kind: 'cells', changed: [] });
    assert.deepEqual(diffCells(before, [cell('a', 'idle'), cell('b', 'unusable', { errors: ['DiskFull: full'] }), cell('c', 'idle', { since: 't2' })]), { kind: 'cells', changed: [1, 2] });
    assert.deepEqual(diffCells(before, [cell('a', 'idle'), cell('b', 'running'), cell('c', 'idle', { errors: ['X: y'] })]), { kind: 'cells', changed: [2] });
    assert.deepEqual(diffCells(before, [cell('a', 'idle'), cell('b', 'running')]), { kind: 'layout' });
    assert.deepEqual(diffCells(before, [cell('a', 'idle'), cell('c', 'idle'), cell('b', 'running')]), { kind: 'layout' });
    assert.deepEqual(diffCells([], before), { kind: 'layout' });
  });

  it('counts states, sums the pool counts of dedicated and spot nodes, and orders the legend like the tree', () => {
    const counts = countStates([cell('a', 'idle'), cell('b', 'running'), cell('c', 'idle'), cell('d', 'weird')]);
    assert.deepEqual(counts, { idle: 2, running: 1, weird: 1 });
    const pool = poolCountsByState({
      dedicated: { idle: 2, running: 0, startTaskFailed: 1, total: 3 },
      lowPriority: { idle: 0, running: 1, preempted: 0, total: 1 },
    });
    assert.deepEqual(pool, { idle: 2, running: 1, starttaskfailed: 1, preempted: 0 });
    const rows = legendRows(counts, pool, ['idle', 'running', 'starttaskfailed', 'preempted']);
    assert.deepEqual(rows, [
      { state: 'idle', count: 2, poolCount: 2 },
      { state: 'running', count: 1, poolCount: 1 },
      { state: 'starttaskfailed', count: 0, poolCount: 1 },
      { state: 'weird', count: 1, poolCount: 0 },
    ]);
    assert.deepEqual(legendRows({ idle: 1 }, undefined, ['running', 'idle']), [{ state: 'idle', count: 1 }]);
    assert.equal(countsSummary(rows, (n) => `#${n}`), '#2 idle, #1 running, #1 weird');
  });
});
