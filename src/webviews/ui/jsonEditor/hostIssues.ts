/** The host's issues (its rules, the resource's state, the service's answer) as diagnostics of the editor. */
import { linter, type Diagnostic } from '@codemirror/lint';
import { StateEffect, StateField } from '@codemirror/state';
import type { EditorView, ViewUpdate } from '@codemirror/view';
import type { EditorIssue } from '../../../jsonEditing/editorModel';
import { rangeForPath } from './jsonPathRange';

export const setHostIssues = StateEffect.define<EditorIssue[]>();

export const hostIssuesField = StateField.define<EditorIssue[]>({
  create: () => [],
  update: (value, tr) => tr.effects.reduce((v, e) => (e.is(setHostIssues) ? e.value : v), value),
});

/** Syntax and schema are checked in the page itself; fields have their own messages. */
function hostDiagnostics(view: EditorView): Diagnostic[] {
  return view.state.field(hostIssuesField)
    .filter((i) => !i.field && i.source !== 'schema' && i.source !== 'json')
    .map((issue) => {
      const { from, to } = rangeForPath(view.state, issue.path);
      return { from, to: Math.min(to, view.state.doc.length), severity: issue.severity, source: issue.source, message: `${issue.message}` };
    });
}

export const hostLinter = linter(hostDiagnostics, {
  delay: 50,
  needsRefresh: (update: ViewUpdate) => update.transactions.some((tr) => tr.effects.some((e) => e.is(setHostIssues))),
});
