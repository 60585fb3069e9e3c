/**
 * What changed between two JSON values, path by path: objects member by member, arrays by index (or whole when both
 * are short), so that a replaced `startTask` whose only change is its retry count reads
 * `startTask.maxTaskRetryCount: 2 → 3` instead of two blobs. The previews and results of both editors show these
 * lines. Pure: no `vscode`, no DOM.
 */
import type { ChangeKind, JsonPath, PreviewRow } from './editorModel';
import { formatJsonPath } from './editorModel';
import { isJsonObject, jsonEqual, shortJson } from './jsonValue';

export interface PathChange {
  path: JsonPath;
  kind: Exclude<ChangeKind, 'unchanged'>;
  /** Absent = the path did not exist (added) or does not any more (cleared). */
  before?: unknown;
  after?: unknown;
}

/** Arrays whose JSON (on both sides) is at most this long are shown whole, not item by item. */
export const SHORT_ARRAY_CHARS = 80;
/** The longest value text a row carries; the page folds anything over ~80 characters behind "show all". */
const MAX_VALUE_CHARS = 2000;

const isShort = (value: unknown) => (JSON.stringify(value) ?? '').length <= SHORT_ARRAY_CHARS;

function walk(path: JsonPath, before: unknown, after: unknown, out: PathChange[]): void {
  if (jsonEqual(before, after)) {
    return;
  }
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: 'cleared', before });
    return;
  }
  if (isJsonObject(before) && isJsonObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
      walk([...path, key], before[key], after[key], out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && !(isShort(before) && isShort(after))) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      walk([...path, i], before[i], after[i], out);
    }
    return;
  }
  out.push({ path, kind: 'replaced', before, after });
}

/** The changes from `before` to `after` below `path` (undefined on a side = absent there); [] when they are equal. */
export function pathDiff(before: unknown, after: unknown, path: JsonPath = []): PathChange[] {
  const out: PathChange[] = [];
  walk(path, before, after, out);
  return out;
}

const valueText = (value: unknown) => (value === undefined ? undefined : shortJson(value, MAX_VALUE_CHARS));

/**
 * The preview rows of one changed property: one row per changed path inside it when both sides are objects (or long
 * arrays), else the property's own row. `note` goes on the first row.
 */
export function pathRows(property: string, kind: ChangeKind, before: unknown, after: unknown, note?: string): PreviewRow[] {
  const nested = kind === 'replaced' && before !== null && after !== null && typeof before === 'object' && typeof after === 'object'
    ? pathDiff(before, after, [property])
    : [];
  if (nested.length === 0) {
    return [{ label: property, kind, before: valueText(before), after: valueText(after), note }];
  }
  return nested.map((c, i) => ({ label: formatJsonPath(c.path), kind: c.kind, before: valueText(c.before), after: valueText(c.after), note: i === 0 ? note : undefined }));
}

/** "startTask.maxTaskRetryCount: 2 → 3", "metadata[1]: (absent) → {…}": the one-line text of a row. */
export function changeLine(row: Pick<PreviewRow, 'label' | 'before' | 'after' | 'kind'>, absent: string): string {
  if (row.kind === 'unchanged') {
    return `${row.label}: ${row.before ?? row.after ?? absent}`;
  }
  return `${row.label}: ${row.before ?? absent} → ${row.after ?? absent}`;
}

/** A long value cut to `max` characters (with "…"), or undefined when it fits. */
export function foldedText(text: string, max = 80): string | undefined {
  return text.length > max ? `${text.slice(0, max - 1)}…` : undefined;
}
