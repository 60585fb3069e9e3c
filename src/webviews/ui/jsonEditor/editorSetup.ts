/**
 * The CodeMirror 6 editor of the page: the JSON language, completion and hover (codemirror-json-schema), the host's
 * issues (syntax, schema, rules) as its only diagnostics, VS Code's keys and colours, read-only while a submit runs.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, redo, undo } from '@codemirror/commands';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, nextDiagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, hoverTooltip, keymap, lineNumbers,
} from '@codemirror/view';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';
import { hostIssuesField, hostLinter, setHostIssues } from './hostIssues';
import { vscodeHighlight, vscodeTheme } from './theme';

export interface EditorHooks {
  /** The CSP nonce of the page (CodeMirror's style elements need it). */
  nonce: string;
  /** The editor's accessible name. */
  label: string;
  editable: boolean;
  /** Shift+Alt+F. */
  format(view: EditorView): boolean;
  /** Ctrl+Enter. */
  submit(): boolean;
  /** The user changed the text (not the host). */
  edited(): void;
  /** What undo/redo can do may have changed. */
  historyChanged(): void;
}

/** Read-only while a submit runs, so nothing typed then can be lost when its result replaces the text. */
const editability = new Compartment();
const editableExtensions = (editable: boolean): Extension => [EditorState.readOnly.of(!editable), EditorView.editable.of(editable)];

/** Makes the editor editable again, or read-only. */
export function setEditable(view: EditorView, editable: boolean): void {
  view.dispatch({ effects: editability.reconfigure(editableExtensions(editable)) });
}

/** Whether undo (or redo) would do something now: @codemirror/commands' undoDepth would need another import. */
export function canUndo(view: EditorView): boolean {
  return undo({ state: view.state, dispatch: () => undefined } as never);
}

export function canRedo(view: EditorView): boolean {
  return redo({ state: view.state, dispatch: () => undefined } as never);
}

export function editorExtensions(schema: Record<string, unknown>, hooks: EditorHooks): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    foldGutter(),
    drawSelection(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    syntaxHighlighting(vscodeHighlight),
    bracketMatching(),
    closeBrackets(),
    autocompletion({ icons: false }),
    highlightActiveLine(),
    highlightSelectionMatches(),
    keymap.of([
      { key: 'Shift-Alt-f', run: (v) => hooks.format(v), preventDefault: true },
      { key: 'Mod-Enter', run: () => hooks.submit(), preventDefault: true },
      { key: 'F8', run: nextDiagnostic, preventDefault: true },
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      ...lintKeymap,
    ]),
    editability.of(editableExtensions(hooks.editable)),
    EditorView.cspNonce.of(hooks.nonce),
    EditorView.contentAttributes.of({ 'aria-label': hooks.label, 'aria-describedby': 'shortcuts' }),
    vscodeTheme,
    json(),
    // No linter of its own: the syntax and schema problems come with the host's analysis (hostIssues.ts), worded as
    // in the problems list.
    jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
    hoverTooltip(jsonSchemaHover()),
    stateExtensions(schema as never),
    hostIssuesField,
    hostLinter,
    lintGutter(),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) {
        hooks.edited();
      }
      if (update.docChanged || update.transactions.some((tr) => tr.effects.some((e) => e.is(setHostIssues)))) {
        hooks.historyChanged();
      }
    }),
  ];
}
