/**
 * The live preview of a pool PATCH: each property unchanged, replaced, cleared or added, the exact request, and what
 * the change means for the pool's existing nodes. Pure: no `vscode`.
 */
import { changeText } from '../jsonEditing/changeText';
import * as l10n from '../utils/l10n';
import type { PreviewAction, PreviewModel, PreviewNotice, PreviewRow } from '../jsonEditing/editorModel';
import { pathRows } from '../jsonEditing/pathDiff';
import type { PoolPatchDiff } from './diff';
import { RETIRED_PROPERTIES, nodeCount, type PoolState } from './poolPatchModel';

/** The label is read when used (not at module load), so that it is in the language plugged in at activation. */
export const REIMAGE_ACTION: { id: string; label: string } = {
  id: 'reimage',
  get label() {
    return l10n.t('Reimage nodes…');
  },
};

export interface PreviewInput {
  diff: PoolPatchDiff;
  pool: PoolState;
  /** Pool URL and the api-version the request goes to. */
  url: string;
  apiVersion: string;
  /** ETag the draft is based on (sent as If-Match). */
  etag?: string;
}

export function previewRows(diff: PoolPatchDiff): PreviewRow[] {
  // A replaced object (startTask) or long list (metadata) shows what changes inside it, path by path.
  return diff.changes.flatMap((c) => pathRows(c.property, c.kind, c.before, c.after,
    !c.inDraft ? l10n.t('not in the draft: stays as it is') : c.kind === 'unchanged' ? l10n.t('same as the pool: not sent') : undefined));
}

/** What the change does to existing nodes, and the retired property. */
export function previewNotices(diff: PoolPatchDiff, pool: PoolState): PreviewNotice[] {
  const notices: PreviewNotice[] = [];
  const changed = new Set(Object.keys(diff.body));
  const nodes = nodeCount(pool);
  for (const property of RETIRED_PROPERTIES.filter((p) => changed.has(p))) {
    notices.push({
      severity: 'warning',
      path: [property],
      message: l10n.t('{0} is retired: the Batch service stopped supporting certificates in February 2024; use the Azure Key Vault VM extension instead.', property),
    });
  }
  if (changed.has('applicationPackageReferences')) {
    notices.push(nodes > 0
      ? {
        severity: 'warning',
        path: ['applicationPackageReferences'],
        message: l10n.t("Application package changes reach the pool's {0} existing node(s) only after they are rebooted or reimaged; new nodes get them when they join.", nodes),
        action: REIMAGE_ACTION,
      }
      : { severity: 'info', path: ['applicationPackageReferences'], message: l10n.t('The pool has no nodes: nodes that join get the new application packages.') });
  }
  if (changed.has('startTask')) {
    notices.push(nodes > 0
      ? {
        severity: 'warning',
        path: ['startTask'],
        message: l10n.t("The new start task runs on the pool's {0} existing node(s) only when they restart (reboot or reimage); nodes that join run it at once.", nodes),
        action: REIMAGE_ACTION,
      }
      : { severity: 'info', path: ['startTask'], message: l10n.t('The pool has no nodes: nodes that join run the new start task.') });
  }
  return notices;
}

export function buildPoolPatchPreview(input: PreviewInput): PreviewModel {
  const { diff } = input;
  const changed = diff.changes.filter((c) => c.kind !== 'unchanged');
  const list = changed.map((c) => changeText(c.property, c.kind)).join(', ');
  const summary = changed.length === 0
    ? l10n.t('Nothing to send: the draft matches the pool.')
    : changed.length === 1
      ? l10n.t('{0} property changes: {1}. Everything else stays as it is.', changed.length, list)
      : l10n.t('{0} properties change: {1}. Everything else stays as it is.', changed.length, list);
  const headers: Record<string, string> = { 'Content-Type': 'application/json; odata=minimalmetadata' };
  if (input.etag) {
    headers['If-Match'] = input.etag;
  }
  return {
    summary,
    rows: previewRows(diff),
    notices: previewNotices(diff, input.pool),
    request: changed.length === 0 ? undefined : {
      method: 'PATCH',
      url: `${input.url}?api-version=${input.apiVersion}`,
      headers,
      body: JSON.stringify(diff.body, null, 2),
    },
  };
}

/**
 * What an applied PATCH says: the properties that changed, and (when the pool has nodes and the start task or the
 * application packages changed) that existing nodes get them only when rebooted or reimaged, with "Reimage nodes…".
 */
export function appliedResult(poolId: string, diff: PoolPatchDiff, pool: PoolState): { message: string; rows: PreviewRow[]; actions: PreviewAction[] } {
  const changed = Object.keys(diff.body);
  const reachesNodesLater = (changed.includes('applicationPackageReferences') || changed.includes('startTask')) && nodeCount(pool) > 0;
  const list = diff.changes.filter((c) => c.kind !== 'unchanged').map((c) => changeText(c.property, c.kind)).join(', ');
  return {
    message: l10n.t('Pool {0} updated: {1}.', poolId, list) +
      (reachesNodesLater ? ` ${l10n.t('Existing nodes get the new start task or packages when they are rebooted or reimaged.')}` : ''),
    rows: previewRows(diff).filter((r) => r.kind !== 'unchanged'),
    actions: reachesNodesLater ? [{ id: REIMAGE_ACTION.id, label: REIMAGE_ACTION.label }] : [],
  };
}
