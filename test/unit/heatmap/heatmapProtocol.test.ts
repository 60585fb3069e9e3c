import * as assert from 'node:assert/strict';
import { toColumns } from '../../../src/heatmap/heatmapColumns';
import { isHeatmapCell, parseHeatmapHostMessage, parseHeatmapWebviewMessage } from '../../../src/heatmap/heatmapProtocol';

const cell = { id: 'tvm-1_1', state: 'idle', dedicated: true, errors: [], since: '2025-03-10T08:15:02Z', ip: '10.0.0.4' };

describe('heatmap messages', () => {
  it('accepts well-formed host messages', () => {
    const messages = [
      { type: 'init', poolId: 'p', title: 'Heatmap: p', strings: { refresh: 'Refresh' }, states: [{ state: 'idle', color: 'testing.iconPassed', busy: false }, { state: 'reimaging', busy: true }] },
      { type: 'snapshot', generation: 0, columns: toColumns([cell, { ...cell, id: 'b', state: 'unusable', errors: ['DiskFull: full'] }]), poolCounts: { idle: 1 }, fetchedAt: '2025-03-10T08:15:02Z' },
      { type: 'snapshot', generation: 3, columns: toColumns([]), fetchedAt: 'now' },
      { type: 'changes', generation: 1, changes: [{ index: 0, cell: { ...cell, state: 'unusable', errors: ['DiskFull: full'] } }], fetchedAt: 'now' },
      { type: 'status', text: 'Updated 12:00', severity: 'info', loading: false },
      { type: 'operations', pending: { 'tvm-1_1': 'Reimage requested by this extension' } },
      { type: 'highlight', states: ['idle'] },
    ];
    for (const m of messages) {
      assert.deepEqual(parseHeatmapHostMessage(m), m, m.type);
    }
  });

  it('drops malformed host messages', () => {
    const bad: unknown[] = [
      null, 'snapshot', [], { type: 'nope' }, { type: 'toString' },
      { type: 'snapshot', generation: -1, columns: toColumns([]), fetchedAt: 'x' },
      { type: 'snapshot', generation: 1.5, columns: toColumns([]), fetchedAt: 'x' },
      { type: 'snapshot', generation: 0, columns: { ...toColumns([cell]), ids: [''] }, fetchedAt: 'x' },
      { type: 'snapshot', generation: 0, columns: { ...toColumns([cell]), ids: ['a', 'b'] }, fetchedAt: 'x' }, // columns of different lengths
      { type: 'snapshot', generation: 0, columns: { ...toColumns([cell]), states: [1] }, fetchedAt: 'x' }, // no state 1
      { type: 'snapshot', generation: 0, columns: { ...toColumns([cell]), dedicated: ['yes'] }, fetchedAt: 'x' },
      { type: 'snapshot', generation: 0, columns: { ...toColumns([cell]), since: [5] }, fetchedAt: 'x' },
      { type: 'snapshot', generation: 0, columns: { ...toColumns([cell]), errors: { 1: ['x'] } }, fetchedAt: 'x' }, // no cell 1
      { type: 'snapshot', generation: 0, columns: { ...toColumns([cell]), errors: { 0: [1] } }, fetchedAt: 'x' },
      { type: 'snapshot', generation: 0, columns: toColumns([cell]), poolCounts: { idle: -1 }, fetchedAt: 'x' },
      { type: 'changes', generation: 0, changes: [{ index: 0, cell: { ...cell, errors: 'x' } }], fetchedAt: 'x' },
      { type: 'changes', generation: 0, changes: [{ index: 0, cell: { ...cell, dedicated: 'yes' } }], fetchedAt: 'x' },
      { type: 'changes', generation: 0, changes: [{ index: -1, cell }], fetchedAt: 'x' },
      { type: 'changes', generation: 0, changes: [{ index: 0 }], fetchedAt: 'x' },
      { type: 'status', text: 'x', severity: 'fatal', loading: false },
      { type: 'operations', pending: { a: 1 } },
      { type: 'init', poolId: 'p', title: 't', strings: {}, states: [{ state: 'idle' }] },
    ];
    for (const m of bad) {
      assert.equal(parseHeatmapHostMessage(m), undefined, JSON.stringify(m));
    }
  });

  it('checks page messages both ways: well-formed accepted, malformed dropped', () => {
    const good = [
      { type: 'ready' },
      { type: 'rendered', kind: 'snapshot', generation: 0, cells: 10_000, ms: 12.5 },
      { type: 'selection', nodeIds: ['a', 'b'] },
      { type: 'reveal', nodeId: 'a' },
      { type: 'filterTree', states: ['idle', 'unusable'] },
      { type: 'refresh' },
      { type: 'cspViolation', directive: 'script-src', blocked: 'inline' },
    ];
    for (const m of good) {
      assert.deepEqual(parseHeatmapWebviewMessage(m), m, m.type);
    }
    const bad: unknown[] = [
      { type: 'rendered', kind: 'full', generation: 0, cells: 1, ms: 1 },
      { type: 'rendered', kind: 'snapshot', generation: 0, cells: 1, ms: Number.NaN },
      { type: 'selection', nodeIds: 'a' },
      { type: 'reveal', nodeId: '' },
      { type: 'filterTree', states: [1] },
      { type: 'init' }, // a host message is not a page message
      { type: '__proto__' },
    ];
    for (const m of bad) {
      assert.equal(parseHeatmapWebviewMessage(m), undefined, JSON.stringify(m));
    }
  });

  it('checks a 50,000-node snapshot to its last node', () => {
    const columns = toColumns(Array.from({ length: 50_000 }, (_, i) => ({ ...cell, id: `n${i}` })));
    assert.ok(parseHeatmapHostMessage({ type: 'snapshot', generation: 0, columns, fetchedAt: 'x' }));
    columns.ips[49_999] = 7 as unknown as string;
    assert.equal(parseHeatmapHostMessage({ type: 'snapshot', generation: 0, columns, fetchedAt: 'x' }), undefined);
    assert.equal(isHeatmapCell({ ...cell, errors: Array.from({ length: 65 }, () => 'e') }), false);
  });
});
