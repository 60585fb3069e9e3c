/**
 * The live preview of a pool PATCH: each property unchanged, replaced, cleared or added, the exact request, and what
 * the change means for the pool's existing nodes. Pure: no `vscode`.
 */
import type { PreviewModel, PreviewNotice, PreviewRow } from '../webviews/protocol';
import { shortJson } from '../webviews/jsonValue';
import type { PoolPatchDiff } from './diff';
import { RETIRED_PROPERTIES, nodeCount, type PoolState } from './poolPatchModel';

export const REIMAGE_ACTION = { id: 'reimage', label: 'Reimage nodes…' };

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
  return diff.changes.map((c) => ({
    label: c.property,
    kind: c.kind,
    before: c.before === undefined ? undefined : shortJson(c.before),
    after: c.after === undefined ? undefined : shortJson(c.after),
    note: !c.inDraft ? 'not in the draft: stays as it is' : c.kind === 'unchanged' ? 'same as the pool: not sent' : undefined,
  }));
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
      message: `${property} is retired: the Batch service stopped supporting certificates in February 2024; use the Azure Key Vault VM extension instead.`,
    });
  }
  if (changed.has('applicationPackageReferences')) {
    notices.push(nodes > 0
      ? {
        severity: 'warning',
        path: ['applicationPackageReferences'],
        message: `Application package changes reach the pool's ${nodes} existing node(s) only after they are rebooted or reimaged; new nodes get them when they join.`,
        action: REIMAGE_ACTION,
      }
      : { severity: 'info', path: ['applicationPackageReferences'], message: 'The pool has no nodes: nodes that join get the new application packages.' });
  }
  if (changed.has('startTask')) {
    notices.push(nodes > 0
      ? {
        severity: 'warning',
        path: ['startTask'],
        message: `The new start task runs on the pool's ${nodes} existing node(s) only when they restart (reboot or reimage); nodes that join run it at once.`,
        action: REIMAGE_ACTION,
      }
      : { severity: 'info', path: ['startTask'], message: 'The pool has no nodes: nodes that join run the new start task.' });
  }
  return notices;
}

export function buildPoolPatchPreview(input: PreviewInput): PreviewModel {
  const { diff } = input;
  const changed = diff.changes.filter((c) => c.kind !== 'unchanged');
  const summary = changed.length === 0
    ? 'Nothing to send: the draft matches the pool.'
    : `${changed.length} ${changed.length === 1 ? 'property changes' : 'properties change'}: ${changed.map((c) => `${c.property} ${c.kind}`).join(', ')}. Everything else stays as it is.`;
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
