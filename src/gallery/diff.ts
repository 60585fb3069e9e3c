/**
 * The difference between an image definition as it is (or nothing, for a new one) and a draft, with PUT semantics:
 * the draft replaces the whole definition, so a property the draft leaves out is cleared. Objects are compared member
 * by member (down to e.g. properties.recommended.vCPUs.max); arrays (features, disallowed.diskTypes) as a whole.
 * Used by the live preview, by the "create over an existing definition" confirmation, and by the immutability checks.
 * Pure: no `vscode`.
 */
import { changeText } from '../jsonEditing/changeText';
import * as l10n from '../utils/l10n';
import type { ChangeKind, PreviewRow } from '../jsonEditing/editorModel';
import { isJsonObject, jsonEqual, shortJson } from '../jsonEditing/jsonValue';
import { normalizeLocation } from './imageDefinitionModel';

export interface DefinitionChange {
  /** From the document root, e.g. ['properties', 'recommended', 'vCPUs', 'max']. */
  path: string[];
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
}

const isEmpty = (value: unknown) => value === undefined || value === null;

/** Locations compare without case and spaces ("West Europe" = "westeurope"). */
function same(path: string[], a: unknown, b: unknown): boolean {
  if (path.length === 1 && path[0] === 'location' && typeof a === 'string' && typeof b === 'string') {
    return normalizeLocation(a) === normalizeLocation(b);
  }
  return jsonEqual(a, b);
}

function walk(path: string[], before: unknown, after: unknown, out: DefinitionChange[]): void {
  if (isJsonObject(before) && isJsonObject(after)) {
    const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    for (const key of keys) {
      walk([...path, key], before[key], after[key], out);
    }
    if (keys.length === 0 && path.length) {
      out.push({ path, kind: 'unchanged', before, after });
    }
    return;
  }
  if (isJsonObject(after) && isEmpty(before) && Object.keys(after).length) {
    for (const key of Object.keys(after)) {
      walk([...path, key], undefined, after[key], out);
    }
    return;
  }
  if (isJsonObject(before) && isEmpty(after) && Object.keys(before).length) {
    for (const key of Object.keys(before)) {
      walk([...path, key], before[key], undefined, out);
    }
    return;
  }
  if (isEmpty(before) && isEmpty(after)) {
    return;
  }
  const kind: ChangeKind = same(path, before, after) ? 'unchanged' : isEmpty(before) ? 'added' : isEmpty(after) ? 'cleared' : 'replaced';
  out.push({ path, kind, before: isEmpty(before) ? undefined : before, after: isEmpty(after) ? undefined : after });
}

/** Every leaf of either document, with how it fares. `before` undefined = a new definition (everything is added). */
export function diffDefinition(before: unknown, after: unknown): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  walk([], isJsonObject(before) ? before : {}, isJsonObject(after) ? after : {}, out);
  return out;
}

export const changed = (changes: readonly DefinitionChange[]): DefinitionChange[] => changes.filter((c) => c.kind !== 'unchanged');

/** "properties.recommended.vCPUs.max" */
export const pathText = (path: readonly string[]): string => path.join('.');

/** Whether a change touches `prefix` (the path itself or anything below it). */
export const touches = (change: DefinitionChange, prefix: readonly string[]): boolean =>
  prefix.every((segment, i) => change.path[i] === segment);

/** Rows for the panel's preview table (the "properties." prefix is dropped to keep the labels short). */
export function changeRows(changes: readonly DefinitionChange[], options: { includeUnchanged?: boolean } = {}): PreviewRow[] {
  return changes
    .filter((c) => options.includeUnchanged || c.kind !== 'unchanged')
    .map((c) => ({
      label: pathText(c.path[0] === 'properties' && c.path.length > 1 ? c.path.slice(1) : c.path),
      kind: c.kind,
      // Long values go whole (up to 2,000 characters): the page folds them behind "show all".
      before: c.before === undefined ? undefined : shortJson(c.before, 2000),
      after: c.after === undefined ? undefined : shortJson(c.after, 2000),
      note: c.kind === 'cleared' ? l10n.t('not in the draft: removed by the PUT') : undefined,
    }));
}

/** A short summary: "3 changes: description replaced, recommended.vCPUs.max replaced, eula cleared". */
export function summarizeChanges(changes: readonly DefinitionChange[], max = 6): string {
  const list = changed(changes);
  if (list.length === 0) {
    return l10n.t('no property changes');
  }
  const rows = changeRows(list);
  const named = rows.slice(0, max).map((r) => changeText(r.label, r.kind)).join(', ');
  const more = rows.length > max ? l10n.t(', and {0} more', rows.length - max) : '';
  return list.length === 1 ? l10n.t('1 change: {0}{1}', named, more) : l10n.t('{0} changes: {1}{2}', list.length, named, more);
}

/**
 * The changes as plain text lines for a confirmation (a modal's detail): "~ description: "a" → "b"",
 * "+ eula: "…"", "- recommended.memory.max: 512". At most `max` lines.
 */
export function changesText(changes: readonly DefinitionChange[], max = 20): string {
  const rows = changeRows(changed(changes));
  if (rows.length === 0) {
    return l10n.t('No property changes: the draft matches the existing definition.');
  }
  const sign: Record<ChangeKind, string> = { added: '+', cleared: '−', replaced: '~', unchanged: ' ' };
  const cut = (text: string | undefined) => (text && text.length > 120 ? `${text.slice(0, 119)}…` : text);
  const lines = rows.slice(0, max).map(({ before, after, ...r }) => ({ ...r, before: cut(before), after: cut(after) })).map((r) => {
    switch (r.kind) {
      case 'added':
        return `${sign.added} ${r.label}: ${r.after}`;
      case 'cleared':
        return `${sign.cleared} ${r.label}: ${r.before} ${l10n.t('(removed)')}`;
      default:
        return `${sign.replaced} ${r.label}: ${r.before} → ${r.after}`;
    }
  });
  if (rows.length > max) {
    lines.push(l10n.t('… and {0} more', rows.length - max));
  }
  return lines.join('\n');
}
