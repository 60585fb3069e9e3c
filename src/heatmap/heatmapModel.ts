/**
 * The pool heatmap's data: one cell per compute node (from a node list read with HEATMAP_NODE_SELECT), the diff of
 * two snapshots (which cells changed, or that the layout changed), and the legend's counts per state beside the
 * pool's own node counts. Pure: no `vscode`, no DOM; used by the host panel and by the webview page.
 */

/**
 * The node fields the heatmap reads. The issue names `id,state,stateTransitionTime,errors,isDedicated`; the hover
 * also shows the IP address, so `ipAddress` is read too (about 25 bytes a node) instead of one GET per hover.
 */
export const HEATMAP_NODE_SELECT: readonly string[] = ['id', 'state', 'stateTransitionTime', 'errors', 'isDedicated', 'ipAddress'];

/** A node as the list returns it (a structural subset of the Batch `BatchNode`). */
export interface HeatmapSourceNode {
  id?: string;
  state?: string;
  stateTransitionTime?: string;
  errors?: readonly { code?: string; message?: string }[];
  isDedicated?: boolean;
  ipAddress?: string;
}

/** One cell: what the heatmap draws and what its hover shows. */
export interface HeatmapCell {
  id: string;
  /** The service's state name, lower case ("idle", "starttaskfailed"); "unknown" when absent. */
  state: string;
  dedicated: boolean;
  /** ISO time the node entered its state. */
  since?: string;
  ip?: string;
  /** "Code: message" per node error. */
  errors: string[];
}

/** Nodes → cells, in the list's order; nodes without an id are left out (they cannot be acted on). */
export function toCells(nodes: readonly HeatmapSourceNode[]): HeatmapCell[] {
  const cells: HeatmapCell[] = [];
  for (const node of nodes) {
    if (typeof node.id !== 'string' || node.id === '') {
      continue;
    }
    const cell: HeatmapCell = {
      id: node.id,
      state: typeof node.state === 'string' && node.state !== '' ? node.state.toLowerCase() : 'unknown',
      dedicated: node.isDedicated !== false,
      errors: (node.errors ?? []).map((e) => [e.code, e.message].filter((part) => typeof part === 'string' && part !== '').join(': ')).filter((e) => e !== ''),
    };
    if (node.stateTransitionTime) {
      cell.since = node.stateTransitionTime;
    }
    if (node.ipAddress) {
      cell.ip = node.ipAddress;
    }
    cells.push(cell);
  }
  return cells;
}

export function sameCell(a: HeatmapCell, b: HeatmapCell): boolean {
  return (
    a.id === b.id && a.state === b.state && a.dedicated === b.dedicated && a.since === b.since && a.ip === b.ip &&
    a.errors.length === b.errors.length && a.errors.every((e, i) => e === b.errors[i])
  );
}

/**
 * What a new snapshot changes. `layout`: the set or order of nodes differs (nodes joined or left), every cell moves,
 * redraw all; `cells`: the same nodes in the same places, only the listed indexes differ (possibly none).
 */
export type CellDiff = { kind: 'layout' } | { kind: 'cells'; changed: number[] };

export function diffCells(previous: readonly HeatmapCell[], next: readonly HeatmapCell[]): CellDiff {
  if (previous.length !== next.length) {
    return { kind: 'layout' };
  }
  const changed: number[] = [];
  for (let i = 0; i < next.length; i++) {
    const before = previous[i]!;
    const after = next[i]!;
    if (before.id !== after.id) {
      return { kind: 'layout' };
    }
    if (!sameCell(before, after)) {
      changed.push(i);
    }
  }
  return { kind: 'cells', changed };
}

/** Node counts per state (lower-case state names), as the Batch `BatchPoolNodeCounts` gives them. */
export type StateCounts = Record<string, number>;

/** Counts of the node list, per state. */
export function countStates(cells: readonly HeatmapCell[]): StateCounts {
  const counts: StateCounts = {};
  for (const cell of cells) {
    counts[cell.state] = (counts[cell.state] ?? 0) + 1;
  }
  return counts;
}

interface NodeCountsShape {
  dedicated?: Record<string, unknown>;
  lowPriority?: Record<string, unknown>;
}

/** The pool's node counts (dedicated + spot) per state, from a `BatchPoolNodeCounts` ("startTaskFailed" → "starttaskfailed"). */
export function poolCountsByState(counts: NodeCountsShape): StateCounts {
  const out: StateCounts = {};
  for (const part of [counts.dedicated, counts.lowPriority]) {
    for (const [key, value] of Object.entries(part ?? {})) {
      if (key !== 'total' && typeof value === 'number' && Number.isFinite(value)) {
        out[key.toLowerCase()] = (out[key.toLowerCase()] ?? 0) + value;
      }
    }
  }
  return out;
}

/** One legend row: a state, its count in the node list, and the pool's count (undefined when not known). */
export interface LegendRow {
  state: string;
  count: number;
  poolCount?: number;
}

/**
 * The legend: states in `order` first (the tree's filter order), then any other state seen, alphabetically; a state
 * appears when the list or the pool's counts have it.
 */
export function legendRows(listCounts: StateCounts, poolCounts: StateCounts | undefined, order: readonly string[]): LegendRow[] {
  const seen = new Set([...Object.keys(listCounts), ...Object.keys(poolCounts ?? {})].filter((s) => (listCounts[s] ?? 0) > 0 || (poolCounts?.[s] ?? 0) > 0));
  const states = [...order.filter((s) => seen.has(s)), ...[...seen].filter((s) => !order.includes(s)).sort()];
  return states.map((state) => ({ state, count: listCounts[state] ?? 0, ...(poolCounts ? { poolCount: poolCounts[state] ?? 0 } : {}) }));
}

/** "5,432 idle, 3,001 running, 12 unusable" (numbers formatted by `format`). */
export function countsSummary(rows: readonly LegendRow[], format: (n: number) => string = String): string {
  return rows.filter((r) => r.count > 0).map((r) => `${format(r.count)} ${r.state}`).join(', ');
}
