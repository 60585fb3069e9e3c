/**
 * Where the heatmap's cells go: the largest square cell that lets every cell fit the panel (rows of `columns` cells,
 * left to right, top to bottom), and the hit test from a point to a cell. When even the smallest cell does not fit,
 * the grid keeps the smallest cell and grows taller than the panel (the page scrolls). Pure; CSS pixels.
 */

export interface GridLayout {
  count: number;
  columns: number;
  rows: number;
  /** Side of one cell. */
  cell: number;
  /** Space between cells. */
  gap: number;
  /** Width and height of the whole grid. */
  width: number;
  height: number;
}

export const MIN_CELL = 3;
export const MAX_CELL = 40;

function gapFor(cell: number): number {
  return cell >= 12 ? 2 : 1;
}

function fits(count: number, width: number, height: number, cell: number): { columns: number; rows: number } | undefined {
  const gap = gapFor(cell);
  const columns = Math.max(1, Math.floor((width + gap) / (cell + gap)));
  const rows = Math.ceil(count / columns);
  return rows * (cell + gap) - gap <= height ? { columns, rows } : undefined;
}

/** The layout of `count` cells in a `width` × `height` area. */
export function layoutGrid(count: number, width: number, height: number): GridLayout {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  let cell = MIN_CELL;
  for (let size = MAX_CELL; size >= MIN_CELL; size--) {
    if (size <= w && fits(count, w, h, size)) {
      cell = size;
      break;
    }
  }
  const gap = gapFor(cell);
  const columns = Math.max(1, Math.floor((w + gap) / (cell + gap)));
  const rows = count === 0 ? 0 : Math.ceil(count / columns);
  return {
    count,
    columns,
    rows,
    cell,
    gap,
    width: Math.min(count, columns) * (cell + gap) - (count > 0 ? gap : 0),
    height: rows > 0 ? rows * (cell + gap) - gap : 0,
  };
}

/** Top-left corner of cell `index`. */
export function cellOrigin(layout: GridLayout, index: number): { x: number; y: number } {
  const pitch = layout.cell + layout.gap;
  return { x: (index % layout.columns) * pitch, y: Math.floor(index / layout.columns) * pitch };
}

/** The cell under a point, or -1 (outside the grid, or in the gap between cells when `strict`). */
export function cellAt(layout: GridLayout, x: number, y: number, strict = false): number {
  if (x < 0 || y < 0) {
    return -1;
  }
  const pitch = layout.cell + layout.gap;
  const column = Math.floor(x / pitch);
  const row = Math.floor(y / pitch);
  if (column >= layout.columns || row >= layout.rows) {
    return -1;
  }
  if (strict && (x - column * pitch >= layout.cell || y - row * pitch >= layout.cell)) {
    return -1;
  }
  const index = row * layout.columns + column;
  return index < layout.count ? index : -1;
}

/** The nearest cell to a point (clamped into the grid): for drags that leave the grid. */
export function nearestCell(layout: GridLayout, x: number, y: number): number {
  if (layout.count === 0) {
    return -1;
  }
  const pitch = layout.cell + layout.gap;
  const column = Math.min(layout.columns - 1, Math.max(0, Math.floor(x / pitch)));
  const row = Math.min(layout.rows - 1, Math.max(0, Math.floor(y / pitch)));
  return Math.min(layout.count - 1, row * layout.columns + column);
}
