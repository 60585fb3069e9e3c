/** How the page words and groups what the host sends. Pure: no DOM (unit-tested on Node). */
import { formatJsonPath, type EditorIssue, type PreviewModel, type PreviewRow, type SubmitResultKind } from '../../../jsonEditing/editorModel';
import type { FieldModel } from '../../protocol';

/** The text formatted with two-space indents, or undefined when it is not JSON. */
export function formatJsonText(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}

/** Where an issue is: the field's label, or the JSON path. */
export function issueWhere(issue: EditorIssue, fields: readonly FieldModel[] | undefined): string {
  return issue.field ? (fields?.find((f) => f.id === issue.field)?.label ?? issue.field) : formatJsonPath(issue.path);
}

/** The worst problem of a field: its first error, else its first issue. */
export function fieldProblem(issues: readonly EditorIssue[], fieldId: string): EditorIssue | undefined {
  return issues.find((i) => i.field === fieldId && i.severity === 'error') ?? issues.find((i) => i.field === fieldId);
}

export function errorCount(issues: readonly EditorIssue[]): number {
  return issues.filter((i) => i.severity === 'error').length;
}

/** The preview's rows: what changes (shown) and what stays (folded). */
export function splitRows(rows: readonly PreviewRow[]): { changed: PreviewRow[]; unchanged: PreviewRow[] } {
  return { changed: rows.filter((r) => r.kind !== 'unchanged'), unchanged: rows.filter((r) => r.kind === 'unchanged') };
}

/** The exact request as text: method and URL, headers, a blank line, the body. */
export function requestText(request: NonNullable<PreviewModel['request']>): string {
  const headers = Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
  return `${request.method} ${request.url}\n${headers}\n\n${request.body}`;
}

/** How a submit result that is not a conflict or a success looks: its class, ARIA role and icon. */
export function resultLook(outcome: SubmitResultKind): { className: string; role: 'status' | 'alert'; icon: 'check' | 'info' | 'error' } {
  if (outcome === 'applied') {
    return { className: 'result applied', role: 'status', icon: 'check' };
  }
  return outcome === 'nothing'
    ? { className: 'result info', role: 'status', icon: 'info' }
    : { className: 'result error', role: 'alert', icon: 'error' };
}
