import * as assert from 'node:assert/strict';
import { cellAt, cellOrigin, layoutGrid, MAX_CELL, MIN_CELL, nearestCell } from '../../../src/heatmap/gridLayout';

describe('heatmap grid layout', () => {
  it('picks the largest cell with which every cell fits the area', () => {
    const layout = layoutGrid(10_000, 1400, 800);
    assert.ok(layout.height <= 800 && layout.width <= 1400, JSON.stringify(layout));
    assert.equal(layout.rows, Math.ceil(10_000 / layout.columns));
    // One size larger would not fit.
    const bigger = layout.cell + 1;
    const gap = bigger >= 12 ? 2 : 1;
    const columns = Math.floor((1400 + gap) / (bigger + gap));
    assert.ok(Math.ceil(10_000 / columns) * (bigger + gap) - gap > 800, `cell ${bigger} would fit too`);
  });

  it('caps the cell size for small pools and grows taller than the area (scrolls) when even the smallest does not fit', () => {
    const small = layoutGrid(3, 1000, 800);
    assert.equal(small.cell, MAX_CELL);
    assert.equal(small.columns, Math.floor((1000 + 2) / (MAX_CELL + 2)));
    assert.equal(small.width, 3 * (MAX_CELL + 2) - 2);
    const huge = layoutGrid(50_000, 300, 200);
    assert.equal(huge.cell, MIN_CELL);
    assert.ok(huge.height > 200);
    assert.deepEqual(layoutGrid(0, 500, 500).rows, 0);
  });

  it('re-lays out on resize: a wider area gets more columns', () => {
    assert.ok(layoutGrid(10_000, 1600, 900).columns !== layoutGrid(10_000, 800, 900).columns);
  });

  it('maps points to cells and back, with the gaps hitting no cell in strict mode', () => {
    const layout = layoutGrid(103, 200, 400);
    for (const index of [0, 1, layout.columns - 1, layout.columns, 102]) {
      const { x, y } = cellOrigin(layout, index);
      assert.equal(cellAt(layout, x, y, true), index);
      assert.equal(cellAt(layout, x + layout.cell - 0.5, y + layout.cell - 0.5, true), index);
    }
    const { x, y } = cellOrigin(layout, 0);
    assert.equal(cellAt(layout, x + layout.cell + 0.2, y, true), -1, 'in the gap');
    assert.equal(cellAt(layout, x + layout.cell + 0.2, y, false), 0);
    assert.equal(cellAt(layout, -1, 5), -1);
    const last = cellOrigin(layout, 102);
    assert.equal(cellAt(layout, last.x + layout.cell + layout.gap + 1, last.y + 1), -1, 'after the last cell of the last row');
    assert.equal(nearestCell(layout, -50, -50), 0);
    assert.equal(nearestCell(layout, 10_000, 10_000), 102);
  });
});
