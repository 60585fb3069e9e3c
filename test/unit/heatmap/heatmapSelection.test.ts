import * as assert from 'node:assert/strict';
import {
  clickCell, contextTargets, dragSelect, extendTo, focusCell, moveFocus, noSelection, reconcileSelection, rectangleIndexes, selectedIds, toggleCell,
} from '../../../src/heatmap/heatmapSelection';

const ids = Array.from({ length: 23 }, (_, i) => `n${i}`);
const sorted = (state: { selected: ReadonlySet<string> }) => selectedIds(state as never, ids);

describe('heatmap selection and focus', () => {
  it('click selects one node; Shift-click selects the range from the anchor in reading order; Ctrl-click toggles', () => {
    let s = clickCell(noSelection(), 3, ids);
    assert.deepEqual(sorted(s), ['n3']);
    assert.equal(s.anchor, 3);
    s = clickCell(s, 7, ids, { range: true });
    assert.deepEqual(sorted(s), ['n3', 'n4', 'n5', 'n6', 'n7']);
    assert.equal(s.anchor, 3, 'the anchor stays');
    s = clickCell(s, 1, ids, { range: true });
    assert.deepEqual(sorted(s), ['n1', 'n2', 'n3'], 'a new range replaces the old one');
    s = clickCell(s, 10, ids, { toggle: true });
    assert.deepEqual(sorted(s), ['n1', 'n2', 'n3', 'n10']);
    s = clickCell(s, 2, ids, { toggle: true });
    assert.deepEqual(sorted(s), ['n1', 'n3', 'n10']);
    s = clickCell(s, 12, ids, { range: true, toggle: true });
    assert.deepEqual(sorted(s), ids.slice(1, 13), 'Ctrl+Shift adds the range from the anchor (n2, the last toggled) to n12');
    assert.equal(clickCell(s, 99, ids), s, 'outside the grid: nothing changes');
  });

  it('Space toggles the focus cell', () => {
    let s = toggleCell(noSelection(), 4, ids);
    assert.deepEqual(sorted(s), ['n4']);
    s = toggleCell(s, 5, ids);
    assert.deepEqual(sorted(s), ['n4', 'n5']);
    s = toggleCell(s, 4, ids);
    assert.deepEqual(sorted(s), ['n5']);
    assert.equal(s.focus, 4);
  });

  it('a drag selects the grid rectangle between two cells, replacing or (Ctrl) adding to the selection', () => {
    // 23 cells in 5 columns: rows 0..4, the last row has 3 cells.
    assert.deepEqual(rectangleIndexes(1, 13, 5, 23), [1, 2, 3, 6, 7, 8, 11, 12, 13]);
    assert.deepEqual(rectangleIndexes(13, 1, 5, 23), [1, 2, 3, 6, 7, 8, 11, 12, 13], 'dragging up-left');
    assert.deepEqual(rectangleIndexes(18, 24, 5, 23), [], 'an end outside the grid');
    assert.deepEqual(rectangleIndexes(19, 21, 5, 23), [16, 17, 18, 19, 21, 22]);
    assert.deepEqual(rectangleIndexes(20, 22, 5, 23), [20, 21, 22]);
    assert.deepEqual(rectangleIndexes(3, 21, 5, 23), [1, 2, 3, 6, 7, 8, 11, 12, 13, 16, 17, 18, 21, 22], 'the short last row has no index 23');
    const base = clickCell(noSelection(), 0, ids);
    assert.deepEqual(sorted(dragSelect(base, 6, 12, 5, ids, false)), ['n6', 'n7', 'n11', 'n12']);
    assert.deepEqual(sorted(dragSelect(base, 6, 12, 5, ids, true)), ['n0', 'n6', 'n7', 'n11', 'n12']);
  });

  it('arrow keys move the focus on a grid of given columns; Home/End, First/Last, PageUp/PageDown', () => {
    const cols = 5;
    const n = 23;
    assert.equal(moveFocus(-1, 'ArrowDown', cols, n), 0, 'no focus yet: the first cell');
    assert.equal(moveFocus(6, 'ArrowRight', cols, n), 7);
    assert.equal(moveFocus(9, 'ArrowRight', cols, n), 10, 'wraps to the next row');
    assert.equal(moveFocus(22, 'ArrowRight', cols, n), 22, 'stops at the last cell');
    assert.equal(moveFocus(0, 'ArrowLeft', cols, n), 0);
    assert.equal(moveFocus(7, 'ArrowUp', cols, n), 2);
    assert.equal(moveFocus(2, 'ArrowUp', cols, n), 2, 'first row stays');
    assert.equal(moveFocus(17, 'ArrowDown', cols, n), 22);
    assert.equal(moveFocus(18, 'ArrowDown', cols, n), 18, 'no cell below: stays');
    assert.equal(moveFocus(8, 'Home', cols, n), 5);
    assert.equal(moveFocus(8, 'End', cols, n), 9);
    assert.equal(moveFocus(21, 'End', cols, n), 22, 'the short last row');
    assert.equal(moveFocus(12, 'First', cols, n), 0);
    assert.equal(moveFocus(12, 'Last', cols, n), 22);
    assert.equal(moveFocus(2, 'PageDown', cols, n, 2), 12);
    assert.equal(moveFocus(14, 'PageDown', cols, n, 2), 19, 'clamped into the last row, same column');
    assert.equal(moveFocus(13, 'PageDown', cols, n, 10), 18);
    assert.equal(moveFocus(13, 'PageUp', cols, n, 2), 3);
    assert.equal(moveFocus(13, 'PageUp', cols, n, 10), 3, 'clamped into the first row');
    assert.equal(moveFocus(3, 'ArrowDown', cols, 0), -1, 'empty grid');
  });

  it('plain arrows keep the selection; Shift+arrows extend it from the anchor', () => {
    let s = clickCell(noSelection(), 5, ids);
    s = focusCell(s, 6);
    assert.deepEqual(sorted(s), ['n5']);
    s = extendTo(s, 8, ids);
    assert.deepEqual(sorted(s), ['n5', 'n6', 'n7', 'n8']);
    s = extendTo(s, 4, ids);
    assert.deepEqual(sorted(s), ['n4', 'n5']);
    assert.deepEqual(sorted(extendTo(focusCell(noSelection(), 2), 3, ids)), ['n2', 'n3'], 'no anchor: from the focus');
  });

  it('after a refresh, nodes that left leave the selection and the focus stays inside the grid', () => {
    const s = clickCell(clickCell(noSelection(), 20, ids), 22, ids, { toggle: true });
    const next = reconcileSelection(s, ids.slice(0, 21));
    assert.deepEqual([...next.selected], ['n20']);
    assert.equal(next.focus, 20);
    assert.equal(reconcileSelection(s, []).focus, -1);
  });

  it('a context menu on a selected cell acts on the selection, on another cell on that cell alone (which gets selected)', () => {
    const s = clickCell(clickCell(noSelection(), 2, ids), 4, ids, { range: true });
    const onSelected = contextTargets(s, 3, ids);
    assert.deepEqual(onSelected.targets, ['n2', 'n3', 'n4']);
    assert.equal(onSelected.state.focus, 3);
    const onOther = contextTargets(s, 9, ids);
    assert.deepEqual(onOther.targets, ['n9']);
    assert.deepEqual(sorted(onOther.state), ['n9']);
    assert.deepEqual(contextTargets(s, -1, ids).targets, ['n2', 'n3', 'n4'], 'outside the cells: the selection');
  });
});
