/**
 * The heatmap's user-visible texts, localized on the host (the page has no l10n of its own): the page's strings, the
 * state looks (from the tree's table, so both show a state the same way), the status line, and the labels of nodes
 * this extension acts on.
 */
import * as vscode from 'vscode';
import type { HeatmapStrings, StateLook, StatusSeverity } from '../../heatmap/heatmapProtocol';
import type { RefreshStatus } from '../../heatmap/refreshScheduler';
import { NODE_STATES, nodeStateLook } from '../../tree/nodeState';
import { errorMessage } from '../../utils/errors';

export function heatmapStrings(): HeatmapStrings {
  return {
    gridRole: vscode.l10n.t('node heatmap'),
    gridLabel: vscode.l10n.t('Nodes of pool {0}'),
    refresh: vscode.l10n.t('Refresh'),
    refreshTitle: vscode.l10n.t('Read the nodes again now'),
    legendLabel: vscode.l10n.t('Node states: press one to highlight its nodes'),
    filterTree: vscode.l10n.t('Filter Nodes…'),
    filterTreeTitle: vscode.l10n.t('Show only the highlighted states in the explorer'),
    clearHighlight: vscode.l10n.t('Clear Highlight'),
    poolCount: vscode.l10n.t('pool {0}'),
    legendItem: vscode.l10n.t('{0}: {1} nodes'),
    legendItemWithPool: vscode.l10n.t("{0}: {1} nodes listed, {2} in the pool's node counts"),
    total: vscode.l10n.t('{0} nodes'),
    totalWithPool: vscode.l10n.t("{0} nodes listed, {1} in the pool's node counts"),
    state: vscode.l10n.t('State'),
    since: vscode.l10n.t('since {0}'),
    dedicated: vscode.l10n.t('dedicated'),
    spot: vscode.l10n.t('spot'),
    ipAddress: vscode.l10n.t('IP address'),
    summary: vscode.l10n.t('{0} nodes: {1}'),
    selected: vscode.l10n.t('selected'),
    cellAnnouncement: vscode.l10n.t('{0}, {1}'),
    keyboardHelp: vscode.l10n.t(
      'Arrow keys move between nodes, Shift+arrows extend the selection, Space selects, Enter or Shift+F10 opens the node menu, Ctrl+A selects all, Escape clears the selection.',
    ),
  };
}

/** Every state the service documents, with the tree's colour; transient states have none (the tree spins). */
export function stateLooks(): StateLook[] {
  return NODE_STATES.map((state) => {
    const look = nodeStateLook(state);
    return look.color ? { state, color: look.color, busy: look.busy } : { state, busy: look.busy };
  });
}

/** The label on a node this extension acts on. */
export function operationLabel(operation: string): string {
  switch (operation) {
    case 'reimage':
      return vscode.l10n.t('Reimage requested by this extension');
    case 'reboot':
      return vscode.l10n.t('Reboot requested by this extension');
    default:
      return vscode.l10n.t('{0} requested by this extension', operation);
  }
}

const time = (ms: number) => new Date(ms).toLocaleTimeString(vscode.env.language);

/** The status line for a scheduler status; undefined = keep the current one (hidden: nobody sees it). */
export function statusLine(poolId: string, status: RefreshStatus, intervalMs: number): { text: string; severity: StatusSeverity; loading: boolean } | undefined {
  switch (status.phase) {
    case 'loading':
      return { text: vscode.l10n.t('Reading the nodes of pool {0}…', poolId), severity: 'info', loading: true };
    case 'paused':
      return undefined;
    case 'waiting':
      return { text: vscode.l10n.t('Updated {0}; refreshes every {1} s while visible.', time(status.lastSuccessAt), Math.round(intervalMs / 1000)), severity: 'info', loading: false };
    case 'manual':
      return {
        text: vscode.l10n.t('Updated {0}. Automatic refresh is off (setting azureBatch.heatmap.refreshSeconds is 0).', status.lastSuccessAt ? time(status.lastSuccessAt) : '-'),
        severity: 'info',
        loading: false,
      };
    case 'backingOff': {
      const retry = Number.isFinite(status.nextAt)
        ? vscode.l10n.t('Retrying at {0} ({1} failed reads in a row).', time(status.nextAt), status.failures)
        : vscode.l10n.t('Press Refresh to try again.');
      const text = status.throttled
        ? vscode.l10n.t('The Batch service is throttling requests; the heatmap of pool {0} waits before reading again: {1} {2}', poolId, errorMessage(status.error), retry)
        : vscode.l10n.t('Could not read the nodes of pool {0}: {1} {2}', poolId, errorMessage(status.error), retry);
      return { text, severity: status.throttled ? 'warning' : 'error', loading: false };
    }
  }
}
