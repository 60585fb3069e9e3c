/**
 * The host's issues (syntax, schema, its rules, the resource's state, the service's answer) as diagnostics of the
 * editor. The host's analysis is the one source of a problem's wording: the hover and the problems list say the same.
 */
import { linter, type Diagnostic } from '@codemirror/lint';
import { StateEffect, StateField, type Text } from '@codemirror/state';
import type { EditorView, ViewUpdate } from '@codemirror/view';
import type { EditorIssue } from '../../../jsonEditing/editorModel';
import { rangeForPath } from './jsonPathRange';

export const setHostIssues = StateEffect.define<EditorIssue[]>();

export const hostIssuesField = StateField.define<EditorIssue[]>({
  create: () => [],
  update: (value, tr) => tr.effects.reduce((v, e) => (e.is(setHostIssues) ? e.value : v), value),
});

/** Where the document stops being JSON (the host's syntax issue has no position of its own); undefined when it parses. */
export function syntaxErrorAt(doc: Text): number | undefined {
  try {
    JSON.parse(doc.toString());
    return undefined;
  } catch (error) {
    const message = String((error as Error)?.message ?? '');
    let m = /at position (\d+)/.exec(message);
    if (m) {
      return Math.min(Number(m[1]), doc.length);
    }
    m = /at line (\d+) column (\d+)/.exec(message);
    if (m && Number(m[1]) <= doc.lines) {
      return Math.min(doc.line(Number(m[1])).from + Number(m[2]) - 1, doc.length);
    }
    return 0;
  }
}

/** Fields have their own messages; everything else is marked where it is. */
function hostDiagnostics(view: EditorView): Diagnostic[] {
  const { doc } = view.state;
  return view.state.field(hostIssuesField)
    .filter((i) => !i.field)
    .flatMap((issue): Diagnostic[] => {
      if (issue.source === 'json') {
        // An answer about an older text: the text parses now, so there is nothing to mark.
        const at = syntaxErrorAt(doc);
        return at === undefined ? [] : [{ from: at, to: at, severity: issue.severity, source: issue.source, message: issue.message }];
      }
      const { from, to } = rangeForPath(view.state, issue.path);
      return [{ from, to: Math.min(to, doc.length), severity: issue.severity, source: issue.source, message: issue.message }];
    });
}

export const hostLinter = linter(hostDiagnostics, {
  delay: 50,
  needsRefresh: (update: ViewUpdate) => update.transactions.some((tr) => tr.effects.some((e) => e.is(setHostIssues))),
});
