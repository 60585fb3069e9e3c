/**
 * Selection and keyboard focus on the heatmap's grid, as pure functions of an immutable state: click, Shift-click
 * (range from the anchor, in reading order), Ctrl/Cmd-click and Space (toggle one), drag (rectangle on the grid),
 * arrow keys (focus movement) and Shift+arrows (extend). Nodes are selected by id, so that a selection survives a
 * refresh in which nodes move; indexes are positions in the current cell order.
 */

export interface SelectionState {
  readonly selected: ReadonlySet<string>;
  /** Where a Shift-click range starts; -1 = none. */
  readonly anchor: number;
  /** The keyboard focus cell; -1 = none. */
  readonly focus: number;
}

export function noSelection(): SelectionState {
  return { selected: new Set<string>(), anchor: -1, focus: -1 };
}

export interface ClickModifiers {
  /** Shift: select the range from the anchor. */
  range?: boolean;
  /** Ctrl or Cmd: add to / remove from the selection. */
  toggle?: boolean;
}

function inRange(index: number, ids: readonly string[]): boolean {
  return Number.isInteger(index) && index >= 0 && index < ids.length;
}

function rangeIds(from: number, to: number, ids: readonly string[]): string[] {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return ids.slice(lo, hi + 1);
}

/** A click (or Shift/Ctrl-click) on cell `index`. */
export function clickCell(state: SelectionState, index: number, ids: readonly string[], modifiers: ClickModifiers = {}): SelectionState {
  if (!inRange(index, ids)) {
    return state;
  }
  if (modifiers.range && inRange(state.anchor, ids)) {
    const selected = new Set(modifiers.toggle ? state.selected : []);
    for (const id of rangeIds(state.anchor, index, ids)) {
      selected.add(id);
    }
    return { selected, anchor: state.anchor, focus: index };
  }
  if (modifiers.toggle) {
    return toggleCell(state, index, ids);
  }
  return { selected: new Set([ids[index]!]), anchor: index, focus: index };
}

/** Space or Ctrl-click: the cell joins or leaves the selection; it becomes the anchor and the focus. */
export function toggleCell(state: SelectionState, index: number, ids: readonly string[]): SelectionState {
  if (!inRange(index, ids)) {
    return state;
  }
  const selected = new Set(state.selected);
  const id = ids[index]!;
  if (selected.has(id)) {
    selected.delete(id);
  } else {
    selected.add(id);
  }
  return { selected, anchor: index, focus: index };
}

/** The indexes of the grid rectangle spanned by two cells. */
export function rectangleIndexes(from: number, to: number, columns: number, count: number): number[] {
  if (columns < 1 || !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0 || from >= count || to >= count) {
    return [];
  }
  const [r0, r1] = [Math.floor(from / columns), Math.floor(to / columns)].sort((a, b) => a - b) as [number, number];
  const [c0, c1] = [from % columns, to % columns].sort((a, b) => a - b) as [number, number];
  const out: number[] = [];
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const index = r * columns + c;
      if (index < count) {
        out.push(index);
      }
    }
  }
  return out;
}

/**
 * A drag from cell `from` to cell `to`: the rectangle's nodes, added to `base` (the selection when the drag began,
 * with Ctrl/Cmd held) or replacing it.
 */
export function dragSelect(base: SelectionState, from: number, to: number, columns: number, ids: readonly string[], additive: boolean): SelectionState {
  const indexes = rectangleIndexes(from, to, columns, ids.length);
  if (indexes.length === 0) {
    return base;
  }
  const selected = new Set(additive ? base.selected : []);
  for (const index of indexes) {
    selected.add(ids[index]!);
  }
  return { selected, anchor: from, focus: to };
}

export type FocusKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown' | 'First' | 'Last';

export function isFocusKey(key: string): key is FocusKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(key);
}

/**
 * The focus after a key, on a grid of `columns` and `count` cells: Left/Right step through the cells in reading
 * order, Up/Down move a row (staying put at the first/last row), Home/End go to the row's ends, First/Last (Ctrl+Home,
 * Ctrl+End) to the grid's, PageUp/PageDown move `pageRows` rows (at most to the first/last row with that column).
 * No focus yet: any key starts at the first cell.
 */
export function moveFocus(focus: number, key: FocusKey, columns: number, count: number, pageRows = 10): number {
  if (count <= 0) {
    return -1;
  }
  if (focus < 0 || focus >= count) {
    return 0;
  }
  const cols = Math.max(1, columns);
  const rowStart = focus - (focus % cols);
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowLeft':
      return clamp(focus - 1);
    case 'ArrowRight':
      return clamp(focus + 1);
    case 'ArrowUp':
      return focus - cols >= 0 ? focus - cols : focus;
    case 'ArrowDown':
      return focus + cols < count ? focus + cols : focus;
    case 'Home':
      return rowStart;
    case 'End':
      return clamp(rowStart + cols - 1);
    case 'First':
      return 0;
    case 'Last':
      return count - 1;
    case 'PageUp': {
      const target = focus - cols * Math.max(1, pageRows);
      return target >= 0 ? target : focus % cols;
    }
    case 'PageDown': {
      const target = focus + cols * Math.max(1, pageRows);
      if (target < count) {
        return target;
      }
      // The lowest row that has this column (the last row may be short).
      const lastRowStart = (count - 1) - ((count - 1) % cols);
      const sameColumn = lastRowStart + (focus % cols);
      return sameColumn < count ? sameColumn : sameColumn - cols;
    }
  }
}

/** Focus moved without changing the selection (plain arrows). */
export function focusCell(state: SelectionState, index: number): SelectionState {
  return index === state.focus ? state : { ...state, focus: index };
}

/** Shift+arrow: the focus moves to `index` and the selection becomes the range from the anchor (or the old focus). */
export function extendTo(state: SelectionState, index: number, ids: readonly string[]): SelectionState {
  if (!inRange(index, ids)) {
    return state;
  }
  const anchor = inRange(state.anchor, ids) ? state.anchor : inRange(state.focus, ids) ? state.focus : index;
  return { selected: new Set(rangeIds(anchor, index, ids)), anchor, focus: index };
}

/** After a refresh: nodes that left the pool leave the selection; anchor and focus stay inside the grid. */
export function reconcileSelection(state: SelectionState, ids: readonly string[]): SelectionState {
  let selected = new Set<string>();
  if (state.selected.size > 0) {
    const present = new Set(ids);
    selected = new Set([...state.selected].filter((id) => present.has(id)));
  }
  const clamp = (i: number) => (i < 0 || ids.length === 0 ? -1 : Math.min(i, ids.length - 1));
  return { selected, anchor: clamp(state.anchor), focus: clamp(state.focus) };
}

/** The selected ids in cell order. */
export function selectedIds(state: SelectionState, ids: readonly string[]): string[] {
  return state.selected.size === 0 ? [] : ids.filter((id) => state.selected.has(id));
}

/** The ids a context menu on cell `index` acts on: the selection when the cell is in it, else that cell alone. */
export function contextTargets(state: SelectionState, index: number, ids: readonly string[]): { state: SelectionState; targets: string[] } {
  if (!inRange(index, ids)) {
    return { state, targets: selectedIds(state, ids) };
  }
  if (state.selected.has(ids[index]!)) {
    return { state: focusCell(state, index), targets: selectedIds(state, ids) };
  }
  const next = clickCell(state, index, ids);
  return { state: next, targets: [ids[index]!] };
}
