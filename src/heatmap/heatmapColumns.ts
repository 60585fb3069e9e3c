/**
 * A heatmap snapshot as columns: what the host sends and the page keeps. A handful of arrays of strings and small
 * numbers are copied (postMessage), checked and stored far faster than 50,000 objects, and take less memory. Pure.
 */
import type { HeatmapCell, StateCounts } from './heatmapModel';

export interface CellColumns {
  ids: string[];
  /** The distinct states of the snapshot; `states[i]` indexes into it. */
  stateNames: string[];
  states: number[];
  dedicated: boolean[];
  /** ISO time each node entered its state; '' = not known. */
  since: string[];
  /** '' = not known. */
  ips: string[];
  /** The errors of the cells that have some, by index (as a string key). */
  errors: Record<string, string[]>;
}

export function emptyColumns(): CellColumns {
  return { ids: [], stateNames: [], states: [], dedicated: [], since: [], ips: [], errors: {} };
}

function stateCode(columns: CellColumns, state: string): number {
  let code = columns.stateNames.indexOf(state);
  if (code < 0) {
    code = columns.stateNames.push(state) - 1;
  }
  return code;
}

export function toColumns(cells: readonly HeatmapCell[]): CellColumns {
  const columns = emptyColumns();
  const codes = new Map<string, number>();
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    let code = codes.get(cell.state);
    if (code === undefined) {
      code = stateCode(columns, cell.state);
      codes.set(cell.state, code);
    }
    columns.ids.push(cell.id);
    columns.states.push(code);
    columns.dedicated.push(cell.dedicated);
    columns.since.push(cell.since ?? '');
    columns.ips.push(cell.ip ?? '');
    if (cell.errors.length > 0) {
      columns.errors[i] = cell.errors;
    }
  }
  return columns;
}

/** Cell `index` of the columns (undefined when out of range). */
export function cellOf(columns: CellColumns, index: number): HeatmapCell | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= columns.ids.length) {
    return undefined;
  }
  const cell: HeatmapCell = {
    id: columns.ids[index]!,
    state: columns.stateNames[columns.states[index]!] ?? 'unknown',
    dedicated: columns.dedicated[index]!,
    errors: columns.errors[index] ?? [],
  };
  if (columns.since[index]) {
    cell.since = columns.since[index];
  }
  if (columns.ips[index]) {
    cell.ip = columns.ips[index];
  }
  return cell;
}

/**
 * Applies changed cells (by index) in place; false, and nothing applied, when an index is out of range or holds
 * another node.
 */
export function applyColumnChanges(columns: CellColumns, changes: readonly { index: number; cell: HeatmapCell }[]): boolean {
  if (!changes.every(({ index, cell }) => Number.isInteger(index) && index >= 0 && index < columns.ids.length && columns.ids[index] === cell.id)) {
    return false;
  }
  for (const { index, cell } of changes) {
    columns.states[index] = stateCode(columns, cell.state);
    columns.dedicated[index] = cell.dedicated;
    columns.since[index] = cell.since ?? '';
    columns.ips[index] = cell.ip ?? '';
    if (cell.errors.length > 0) {
      columns.errors[index] = cell.errors;
    } else {
      delete columns.errors[index];
    }
  }
  return true;
}

export function countColumns(columns: CellColumns): StateCounts {
  const perCode = new Array<number>(columns.stateNames.length).fill(0);
  for (const code of columns.states) {
    perCode[code]! += 1;
  }
  const counts: StateCounts = {};
  columns.stateNames.forEach((state, code) => {
    if (perCode[code]! > 0) {
      counts[state] = (counts[state] ?? 0) + perCode[code]!;
    }
  });
  return counts;
}

const MAX_FIELD = 4096;

function strings(v: unknown, length: number, nonEmpty: boolean): boolean {
  if (!Array.isArray(v) || v.length !== length) {
    return false;
  }
  for (const s of v) {
    if (typeof s !== 'string' || s.length > MAX_FIELD || (nonEmpty && s === '')) {
      return false;
    }
  }
  return true;
}

/** A well-formed snapshot: columns of one length, state codes in range, errors on existing indexes. */
export function isCellColumns(v: unknown, maxCells: number): v is CellColumns {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const c = v as Record<string, unknown>;
  const ids = c.ids;
  if (!Array.isArray(ids) || ids.length > maxCells) {
    return false;
  }
  const n = ids.length;
  if (!strings(ids, n, true) || !strings(c.since, n, false) || !strings(c.ips, n, false) || !Array.isArray(c.stateNames) || c.stateNames.length > 255) {
    return false;
  }
  if (!strings(c.stateNames, c.stateNames.length, true) || c.stateNames.some((s) => s.length > 64)) {
    return false;
  }
  const names = c.stateNames.length;
  const states = c.states;
  const dedicated = c.dedicated;
  if (!Array.isArray(states) || states.length !== n || !Array.isArray(dedicated) || dedicated.length !== n) {
    return false;
  }
  for (let i = 0; i < n; i++) {
    const s = states[i];
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s >= names || typeof dedicated[i] !== 'boolean') {
      return false;
    }
  }
  const errors = c.errors;
  if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) {
    return false;
  }
  return Object.entries(errors).every(([key, list]) => /^\d+$/.test(key) && Number(key) < n && Array.isArray(list) && list.length <= 64 && strings(list, list.length, false));
}
