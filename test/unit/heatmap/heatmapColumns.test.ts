import * as assert from 'node:assert/strict';
import { applyColumnChanges, cellOf, countColumns, toColumns } from '../../../src/heatmap/heatmapColumns';
import { countStates, type HeatmapCell } from '../../../src/heatmap/heatmapModel';

const cells: HeatmapCell[] = [
  { id: 'a', state: 'idle', dedicated: true, errors: [], since: '2025-03-10T08:15:02Z', ip: '10.0.0.4' },
  { id: 'b', state: 'unusable', dedicated: false, errors: ['DiskFull: There is not enough disk space on the node'] },
  { id: 'c', state: 'idle', dedicated: true, errors: [] },
];

describe('heatmap snapshot columns', () => {
  it('round-trips cells through columns, with each state named once', () => {
    const columns = toColumns(cells);
    assert.deepEqual(columns.stateNames, ['idle', 'unusable']);
    assert.deepEqual(columns.states, [0, 1, 0]);
    assert.deepEqual(columns.errors, { 1: ['DiskFull: There is not enough disk space on the node'] });
    assert.deepEqual(cells.map((_, i) => cellOf(columns, i)), cells);
    assert.equal(cellOf(columns, 3), undefined);
    assert.equal(cellOf(columns, -1), undefined);
  });

  it('counts like the cells do', () => {
    assert.deepEqual(countColumns(toColumns(cells)), countStates(cells));
  });

  it('applies changes by index (new states, errors set and cleared) only when the index holds the same node', () => {
    const columns = toColumns(cells);
    assert.equal(applyColumnChanges(columns, [
      { index: 0, cell: { id: 'a', state: 'rebooting', dedicated: true, errors: [], since: 't2' } },
      { index: 1, cell: { id: 'b', state: 'idle', dedicated: false, errors: [] } },
    ]), true);
    assert.deepEqual(cellOf(columns, 0), { id: 'a', state: 'rebooting', dedicated: true, errors: [], since: 't2' });
    assert.deepEqual(cellOf(columns, 1), { id: 'b', state: 'idle', dedicated: false, errors: [] });
    assert.deepEqual(columns.errors, {});
    assert.deepEqual(countColumns(columns), { idle: 2, rebooting: 1 });
    assert.equal(applyColumnChanges(columns, [{ index: 2, cell: { id: 'x', state: 'idle', dedicated: true, errors: [] } }]), false);
    assert.equal(applyColumnChanges(columns, [{ index: 0, cell: { id: 'a', state: 'offline', dedicated: true, errors: [] } }, { index: 3, cell: cells[0]! }]), false);
    assert.equal(cellOf(columns, 0)!.state, 'rebooting', 'nothing applied when one change is wrong');
  });
});
