/**
 * The messages between the heatmap panel (extension host, src/webviews/heatmap/heatmapPanel.ts) and its page
 * (src/webviews/heatmap/ui/heatmapMain.ts). Shared types and runtime checks used on BOTH sides: a message that does
 * not match is dropped and logged, never acted on. Pure: no `vscode`, no DOM. Snapshots travel as columns
 * (heatmapColumns.ts) and cells are checked by hand-written functions, not the generic shapes: a snapshot of 50,000
 * nodes is copied and checked in milliseconds.
 */
import { isCellColumns, type CellColumns } from './heatmapColumns';
import type { HeatmapCell, StateCounts } from './heatmapModel';

/** How the tree shows a state: its theme colour id ("charts.blue"; none = the foreground) and whether it is transient. */
export interface StateLook {
  state: string;
  color?: string;
  busy: boolean;
}

/** User-visible texts, localized by the host; the page has no l10n of its own. */
export type HeatmapStrings = Record<string, string>;

export interface CellChange {
  index: number;
  cell: HeatmapCell;
}

// ---- host → page ----

export interface HeatmapInitMessage {
  type: 'init';
  poolId: string;
  /** The Batch account's key (BatchAccountInfo.key): the node commands find the pool's account by it. */
  accountKey?: string;
  /** "Heatmap: {poolId}". */
  title: string;
  strings: HeatmapStrings;
  /** Every state's look, in legend order. */
  states: StateLook[];
}

/** A full snapshot: the cells are laid out again. `generation` names it; changes refer to it. */
export interface HeatmapSnapshotMessage {
  type: 'snapshot';
  generation: number;
  columns: CellColumns;
  /** The pool's own node counts per state (GET /nodecounts), when known. */
  poolCounts?: StateCounts;
  /** ISO time of the read. */
  fetchedAt: string;
}

/** Cells of the current snapshot that changed (same nodes, same places). */
export interface HeatmapChangesMessage {
  type: 'changes';
  generation: number;
  changes: CellChange[];
  poolCounts?: StateCounts;
  fetchedAt: string;
}

export type StatusSeverity = 'info' | 'warning' | 'error';

/** The status line: last refresh, next refresh, or what failed, why and what happens next. */
export interface HeatmapStatusMessage {
  type: 'status';
  text: string;
  severity: StatusSeverity;
  loading: boolean;
}

/** Nodes this extension is acting on (node id → operation, e.g. "reimage", "reboot"), shown on their cells. */
export interface HeatmapOperationsMessage {
  type: 'operations';
  pending: Record<string, string>;
}

/** Highlights the nodes in these states (e.g. the tree's node filter); [] = none. */
export interface HeatmapHighlightMessage {
  type: 'highlight';
  states: string[];
}

export type HeatmapHostMessage =
  | HeatmapInitMessage | HeatmapSnapshotMessage | HeatmapChangesMessage | HeatmapStatusMessage | HeatmapOperationsMessage | HeatmapHighlightMessage;

// ---- page → host ----

export interface HeatmapReadyMessage { type: 'ready' }
/** A snapshot or changes were drawn: how many cells, and the ms from the message's arrival to the drawn canvas. */
export interface HeatmapRenderedMessage { type: 'rendered'; kind: 'snapshot' | 'changes'; generation: number; cells: number; ms: number }
/** The selection changed (ids in cell order). */
export interface HeatmapSelectionMessage { type: 'selection'; nodeIds: string[] }
/** A cell was clicked: select the node in the tree and reveal it. */
export interface HeatmapRevealMessage { type: 'reveal'; nodeId: string }
/** "Filter Nodes…" in the tree with the highlighted states. */
export interface HeatmapFilterTreeMessage { type: 'filterTree'; states: string[] }
export interface HeatmapRefreshMessage { type: 'refresh' }
export interface HeatmapCspViolationMessage { type: 'cspViolation'; directive: string; blocked: string }

export type HeatmapWebviewMessage =
  | HeatmapReadyMessage | HeatmapRenderedMessage | HeatmapSelectionMessage | HeatmapRevealMessage | HeatmapFilterTreeMessage
  | HeatmapRefreshMessage | HeatmapCspViolationMessage;

/** Payload of `data-vscode-context` on the heatmap's canvas (VS Code's `webview/context` menu gets it as argument). */
export interface HeatmapMenuContext {
  webviewSection: 'heatmapNode' | 'heatmap';
  preventDefaultContextMenuItems: true;
  accountKey?: string;
  poolId: string;
  /** The nodes the menu acts on, in cell order. */
  nodeIds: string[];
  nodeCount: number;
}

// ---- runtime checks ----

type Check = (value: unknown) => boolean;

/** Most cells one message may carry, and the longest text of a cell field. */
export const MAX_CELLS = 200_000;
const MAX_FIELD = 4096;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string' && v.length <= MAX_FIELD;
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const generation: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const bool: Check = (v) => typeof v === 'boolean';
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const arrayOf = (check: Check, max = MAX_CELLS): Check => (v) => Array.isArray(v) && v.length <= max && v.every(check);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const recordOf = (check: Check): Check => (v) => isObject(v) && Object.values(v).every(check);
const shape = (fields: Record<string, Check>): Check => (v) => isObject(v) && Object.entries(fields).every(([k, c]) => c(v[k]));
const count: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A well-formed cell (hand-written for speed). */
export function isHeatmapCell(v: unknown): v is HeatmapCell {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const c = v as Record<string, unknown>;
  if (typeof c.id !== 'string' || c.id === '' || c.id.length > MAX_FIELD || typeof c.state !== 'string' || c.state.length > 64 || typeof c.dedicated !== 'boolean') {
    return false;
  }
  if ((c.since !== undefined && typeof c.since !== 'string') || (c.ip !== undefined && typeof c.ip !== 'string')) {
    return false;
  }
  const errors = c.errors;
  if (!Array.isArray(errors) || errors.length > 64) {
    return false;
  }
  for (const e of errors) {
    if (typeof e !== 'string' || e.length > MAX_FIELD) {
      return false;
    }
  }
  return true;
}

const cellChange: Check = (v) => isObject(v) && count(v.index) && isHeatmapCell(v.cell);
const changes: Check = (v) => Array.isArray(v) && v.length <= MAX_CELLS && v.every(cellChange);
const stateLook = shape({ state: str, color: optional(str), busy: bool });
const counts = recordOf(count);

const hostChecks: Record<HeatmapHostMessage['type'], Check> = {
  init: shape({ poolId: str, accountKey: optional(str), title: str, strings: recordOf(str), states: arrayOf(stateLook, 64) }),
  snapshot: shape({ generation, columns: (v) => isCellColumns(v, MAX_CELLS), poolCounts: optional(counts), fetchedAt: str }),
  changes: shape({ generation, changes, poolCounts: optional(counts), fetchedAt: str }),
  status: shape({ text: str, severity: oneOf('info', 'warning', 'error'), loading: bool }),
  operations: shape({ pending: recordOf(str) }),
  highlight: shape({ states: arrayOf(str, 64) }),
};

const webviewChecks: Record<HeatmapWebviewMessage['type'], Check> = {
  ready: () => true,
  rendered: shape({ kind: oneOf('snapshot', 'changes'), generation, cells: count, ms: num }),
  selection: shape({ nodeIds: arrayOf(str) }),
  reveal: shape({ nodeId: (v) => str(v) && v !== '' }),
  filterTree: shape({ states: arrayOf(str, 64) }),
  refresh: () => true,
  cspViolation: shape({ directive: str, blocked: str }),
};

function parse<T extends { type: string }>(checks: Record<string, Check>, value: unknown): T | undefined {
  if (!isObject(value) || typeof value.type !== 'string' || !Object.hasOwn(checks, value.type)) {
    return undefined;
  }
  return checks[value.type]!(value) ? (value as unknown as T) : undefined;
}

/** The message when it is a well-formed host → page message, else undefined. */
export function parseHeatmapHostMessage(value: unknown): HeatmapHostMessage | undefined {
  return parse<HeatmapHostMessage>(hostChecks, value);
}

/** The message when it is a well-formed page → host message, else undefined. */
export function parseHeatmapWebviewMessage(value: unknown): HeatmapWebviewMessage | undefined {
  return parse<HeatmapWebviewMessage>(webviewChecks, value);
}

/** The context menu's argument to a node command: the nodes of one pool of one account (checked, it comes from a page). */
export type HeatmapNodeTarget = HeatmapMenuContext & { webviewSection: 'heatmapNode'; accountKey: string };

const nodeTarget = shape({
  webviewSection: oneOf('heatmapNode'), accountKey: (v) => str(v) && v !== '', poolId: (v) => str(v) && v !== '', nodeIds: arrayOf((v) => str(v) && v !== ''),
});

/** Whether a command's first argument is the heatmap's context-menu context on nodes. */
export function isHeatmapNodeTarget(value: unknown): value is HeatmapNodeTarget {
  return nodeTarget(value);
}
