/** The editor in VS Code's colours and font, through its CSS variables (whichever theme is active). */
import { HighlightStyle } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

export const vscodeTheme = EditorView.theme({
  '&': {
    color: 'var(--vscode-editor-foreground)',
    backgroundColor: 'var(--vscode-editor-background)',
    fontSize: 'var(--vscode-editor-font-size)',
    height: '100%',
  },
  '.cm-scroller': { fontFamily: 'var(--vscode-editor-font-family)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--vscode-editorCursor-foreground)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--vscode-editorCursor-foreground)' },
  '&.cm-focused': { outline: '1px solid var(--vscode-focusBorder)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--vscode-editor-selectionBackground)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--vscode-editor-lineHighlightBackground, transparent)' },
  '.cm-gutters': {
    backgroundColor: 'var(--vscode-editorGutter-background, var(--vscode-editor-background))',
    color: 'var(--vscode-editorLineNumber-foreground)',
    border: 'none',
  },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--vscode-editorLineNumber-activeForeground)' },
  '.cm-matchingBracket': { backgroundColor: 'var(--vscode-editorBracketMatch-background)', outline: '1px solid var(--vscode-editorBracketMatch-border)' },
  '.cm-searchMatch': { backgroundColor: 'var(--vscode-editor-findMatchHighlightBackground)' },
  '.cm-selectionMatch': { backgroundColor: 'var(--vscode-editor-selectionHighlightBackground)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--vscode-editorHoverWidget-background)',
    color: 'var(--vscode-editorHoverWidget-foreground)',
    border: '1px solid var(--vscode-editorHoverWidget-border)',
    maxWidth: '560px',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--vscode-editorSuggestWidget-selectedBackground, var(--vscode-list-activeSelectionBackground))',
    color: 'var(--vscode-editorSuggestWidget-selectedForeground, var(--vscode-list-activeSelectionForeground))',
  },
  '.cm-tooltip.cm-tooltip-autocomplete': {
    backgroundColor: 'var(--vscode-editorSuggestWidget-background)',
    border: '1px solid var(--vscode-editorSuggestWidget-border)',
  },
  '.cm-completionMatchedText': { color: 'var(--vscode-editorSuggestWidget-highlightForeground)', textDecoration: 'none', fontWeight: 'bold' },
  '.cm-completionInfo': { padding: '4px 8px' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--vscode-editorError-foreground)', textUnderlineOffset: '3px' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--vscode-editorWarning-foreground)', textUnderlineOffset: '3px' },
  '.cm-lintRange-info': { backgroundImage: 'none', textDecoration: 'underline wavy var(--vscode-editorInfo-foreground)', textUnderlineOffset: '3px' },
  '.cm-diagnostic': { padding: '3px 6px 3px 8px' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--vscode-editorError-foreground)' },
  '.cm-diagnostic-warning': { borderLeft: '4px solid var(--vscode-editorWarning-foreground)' },
  '.cm-diagnostic-info': { borderLeft: '4px solid var(--vscode-editorInfo-foreground)' },
  '.cm-panels': { backgroundColor: 'var(--vscode-editorWidget-background)', color: 'var(--vscode-editorWidget-foreground)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--vscode-editor-foldBackground, transparent)', border: 'none', color: 'var(--vscode-editor-foreground)' },
});

export const vscodeHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--vscode-debugTokenExpression-name, var(--vscode-symbolIcon-propertyForeground))' },
  { tag: tags.string, color: 'var(--vscode-debugTokenExpression-string)' },
  { tag: tags.number, color: 'var(--vscode-debugTokenExpression-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--vscode-debugTokenExpression-boolean)' },
  { tag: tags.invalid, color: 'var(--vscode-errorForeground)' },
]);
