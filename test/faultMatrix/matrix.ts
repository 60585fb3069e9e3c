/**
 * The fault matrix of issue 12: which faults (rows) every operation (columns) must survive. A cell is one test that
 * asserts what the user (or, at client level, the caller) sees, that nothing was lost, and what the service received;
 * a cell that cannot apply says why.
 */
export const FAULT_ROWS = [
  { id: 'throttled429', label: '429 with Retry-After' },
  { id: 'serverError5xx', label: '500/503' },
  { id: 'resetBeforeAnswer', label: 'connection reset before the answer' },
  { id: 'resetAfterSent', label: 'reset after the request was sent' },
  { id: 'cutBody', label: 'cut body' },
  { id: 'headersTimeout', label: 'headers timeout' },
  { id: 'malformedJson', label: 'malformed 2xx JSON' },
  { id: 'expiredToken401', label: '401 with an expired token' },
  { id: 'forbidden403', label: '403' },
  { id: 'notFound404', label: '404' },
  { id: 'conflict409', label: '409' },
  { id: 'precondition412', label: '412' },
  { id: 'precondition412AfterRetry', label: '412 after a retry' },
  { id: 'offline', label: 'offline (connection refused)' },
  { id: 'cancellation', label: 'cancellation' },
  { id: 'crossOriginLink', label: 'cross-origin next link / operation URL' },
] as const;

export type FaultRowId = (typeof FAULT_ROWS)[number]['id'];

/**
 * Columns: an operation at a level. `client` cells run on Node against the in-process emulator (the Azure client's
 * error, result and requests); `ui` cells run in VS Code (message, tree row, summary, draft). Add a column here when
 * an operation (e.g. a new node action) joins the matrix.
 */
export const FAULT_COLUMNS = [
  { id: 'listNodes', label: 'list nodes', level: 'client' },
  { id: 'poolPatch', label: 'pool patch', level: 'client' },
  { id: 'readNodeFile', label: 'read node file', level: 'client' },
  { id: 'reboot', label: 'reboot', level: 'client' },
  { id: 'removeNodes', label: 'remove nodes', level: 'client' },
  // Issue 12, columns of the reimage and image-definition workflows (test/unit/azure/faultMatrix/reimage*.test.ts, image*.test.ts).
  { id: 'reimageOne', label: 'reimage (one)', level: 'client' },
  { id: 'reimageBulk', label: 'reimage (bulk)', level: 'client' },
  { id: 'imageCreate', label: 'image create', level: 'client' },
  { id: 'imageUpdate', label: 'image update', level: 'client' },
  // node and pool actions
  { id: 'disableScheduling', label: 'disable scheduling', level: 'client' },
  { id: 'enableScheduling', label: 'enable scheduling', level: 'client' },
  { id: 'deallocateNode', label: 'deallocate node', level: 'client' },
  { id: 'startNode', label: 'start node', level: 'client' },
  { id: 'resizePool', label: 'resize pool', level: 'client' },
  { id: 'stopResize', label: 'stop resize', level: 'client' },
  { id: 'remoteLoginSettings', label: 'remote login settings', level: 'client' },
  { id: 'addUser', label: 'add user', level: 'client' },
  { id: 'uploadLogs', label: 'upload logs', level: 'client' },
  { id: 'heatmap', label: 'heatmap', level: 'client' },
] as const;

export type FaultColumnId = (typeof FAULT_COLUMNS)[number]['id'];

export const rowLabel = (id: FaultRowId): string => FAULT_ROWS.find((r) => r.id === id)!.label;
export const columnLabel = (id: FaultColumnId): string => FAULT_COLUMNS.find((c) => c.id === id)!.label;

/** How a cell ended in one run. */
export type CellState = 'passed' | 'failed' | 'notApplicable' | 'notRun';

export interface CellResult {
  row: FaultRowId;
  column: FaultColumnId;
  state: CellState;
  /** Why the cell cannot apply (notApplicable), or the failure's first line. */
  note?: string;
  /** The three things the cell asserted (descriptions), when it ran. */
  sees?: string[];
  kept?: string[];
  received?: string[];
}
