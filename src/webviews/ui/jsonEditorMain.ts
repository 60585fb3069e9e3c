/**
 * The browser side of the JSON-editor panel (jsonEditorPanel.ts): a CodeMirror 6 editor with the JSON language,
 * schema validation, completion and hover (codemirror-json-schema), the host's rules as inline diagnostics, the
 * problems list, the live preview, the conflict view, and the buttons. Talks to the host only through the typed,
 * validated messages of ../protocol.ts; renders with DOM APIs (textContent), never with host-provided HTML.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, redo, undo } from '@codemirror/commands';
import { json, jsonLanguage, jsonParseLinter } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, foldKeymap, HighlightStyle, indentOnInput, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { lintGutter, lintKeymap, linter, nextDiagnostic, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, hoverTooltip, keymap, lineNumbers, type ViewUpdate,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { SyntaxNode } from '@lezer/common';
import { handleRefresh, jsonCompletion, jsonSchemaHover, jsonSchemaLinter, stateExtensions, updateSchema } from 'codemirror-json-schema';
import {
  formatJsonPath, parseHostMessage, type AnalysisMessage, type ConflictModel, type EditorIssue, type HostMessage, type InitMessage, type JsonPath,
  type PreviewAction, type PreviewModel, type PreviewNotice, type PreviewRow, type SubmitResultMessage, type WebviewMessage,
} from '../protocol';
import './jsonEditor.css';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

const scriptStarted = performance.now();
const vscode = acquireVsCodeApi();
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
const post = (message: WebviewMessage) => vscode.postMessage(message);

document.addEventListener('securitypolicyviolation', (e) => {
  post({ type: 'cspViolation', directive: e.violatedDirective, blocked: String(e.blockedURI || e.sample || '?') });
});

// ---------------------------------------------------------------------------------------------------------------
// State

let init: InitMessage | undefined;
let strings: Record<string, string> = {};
let view: EditorView | undefined;
let seq = 0;
let lastAnalysis: AnalysisMessage | undefined;
let serviceIssues: EditorIssue[] = [];
let pristineText = '';
let busy = false;
let applyingText = false;
let changeTimer: ReturnType<typeof setTimeout> | undefined;
/** Read-only while a submit runs, so nothing typed then can be lost when its result replaces the text. */
const editability = new Compartment();
const editableExtensions = (editable: boolean): Extension => [EditorState.readOnly.of(!editable), EditorView.editable.of(editable)];
const s = (key: string) => strings[key] ?? key;

// ---------------------------------------------------------------------------------------------------------------
// DOM helpers (no innerHTML with data)

type Child = Node | string | undefined | null | false;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) {
      el.setAttribute(k, '');
    } else if (typeof v === 'string') {
      el.setAttribute(k, v);
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null && child !== false) {
      el.append(child);
    }
  }
  return el;
}

/** Codicons (https://github.com/microsoft/vscode-codicons, CC BY 4.0) drawn as inline SVG: the font would need a loader. */
const ICONS: Record<string, string> = {
  error: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1a6 6 0 1 1 0 12A6 6 0 0 1 8 2zm-.5 3h1v4.5h-1V5zm0 5.5h1v1h-1v-1z',
  warning: 'M7.56 1h.88l6.54 12.26-.44.74H1.44L1 13.26 7.56 1zM8 2.28 2.28 13H13.7L8 2.28zM8.625 12v-1h-1.25v1h1.25zm-1.25-2V6h1.25v4h-1.25z',
  info: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1a6 6 0 1 1 0 12A6 6 0 0 1 8 2zm-.5 4h1V5h-1v1zm0 5h1V7h-1v4z',
  check: 'M14.43 3.43 6 11.86l-4.43-4.43.86-.86L6 10.14l7.57-7.57.86.86z',
};
function icon(name: keyof typeof ICONS | string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `codicon codicon-${name}`);
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name] ?? ICONS.info!);
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}

function button(label: string, onClick: () => void, options: { primary?: boolean; title?: string; id?: string } = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: options.primary ? 'primary' : 'secondary', title: options.title, id: options.id }, label);
  b.addEventListener('click', onClick);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON path → editor range (through the Lezer syntax tree of the document)

function valueChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (!['[', ']', '{', '}', ',', ':', '⚠'].includes(c.name)) {
      out.push(c);
    }
  }
  return out;
}

function rangeForPath(state: EditorState, path: JsonPath): { from: number; to: number } {
  const top = syntaxTree(state).topNode;
  let node: SyntaxNode | null = top.firstChild;
  let label: SyntaxNode | null = null;
  for (const segment of path) {
    if (!node) {
      break;
    }
    let next: SyntaxNode | null = null;
    if (node.name === 'Object' && typeof segment === 'string') {
      for (const property of valueChildren(node).filter((c) => c.name === 'Property')) {
        const name = property.getChild('PropertyName');
        if (!name) {
          continue;
        }
        let key: unknown;
        try {
          key = JSON.parse(state.sliceDoc(name.from, name.to));
        } catch {
          key = undefined;
        }
        if (key === segment) {
          label = name;
          next = valueChildren(property).find((c) => c.name !== 'PropertyName') ?? name;
          break;
        }
      }
    } else if (node.name === 'Array' && typeof segment === 'number') {
      next = valueChildren(node)[segment] ?? null;
      label = null;
    }
    if (!next) {
      break;
    }
    node = next;
  }
  if (!node) {
    return { from: 0, to: Math.min(1, state.doc.length) };
  }
  if ((node.name === 'Object' || node.name === 'Array') && label) {
    return { from: label.from, to: label.to };
  }
  if (node.name === 'Object' || node.name === 'Array') {
    return { from: node.from, to: node.from + 1 };
  }
  return { from: node.from, to: Math.max(node.to, node.from + 1) };
}

// ---------------------------------------------------------------------------------------------------------------
// The host's issues as diagnostics

const setHostIssues = StateEffect.define<EditorIssue[]>();
const hostIssuesField = StateField.define<EditorIssue[]>({
  create: () => [],
  update: (value, tr) => tr.effects.reduce((v, e) => (e.is(setHostIssues) ? e.value : v), value),
});

/** Issues the editor shows from the host: its rules, the pool state and the service (schema and syntax are local). */
function hostDiagnostics(view: EditorView): Diagnostic[] {
  return view.state.field(hostIssuesField)
    .filter((i) => !i.field && i.source !== 'schema' && i.source !== 'json')
    .map((issue) => {
      const { from, to } = rangeForPath(view.state, issue.path);
      return { from, to: Math.min(to, view.state.doc.length), severity: issue.severity, source: issue.source, message: `${issue.message}` };
    });
}

const hostLinter = linter(hostDiagnostics, {
  delay: 50,
  needsRefresh: (update: ViewUpdate) => update.transactions.some((tr) => tr.effects.some((e) => e.is(setHostIssues))),
});

// ---------------------------------------------------------------------------------------------------------------
// Theme: VS Code's colours and font through its CSS variables

const vscodeTheme = EditorView.theme({
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

const vscodeHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--vscode-debugTokenExpression-name, var(--vscode-symbolIcon-propertyForeground))' },
  { tag: tags.string, color: 'var(--vscode-debugTokenExpression-string)' },
  { tag: tags.number, color: 'var(--vscode-debugTokenExpression-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--vscode-debugTokenExpression-boolean)' },
  { tag: tags.invalid, color: 'var(--vscode-errorForeground)' },
]);

// ---------------------------------------------------------------------------------------------------------------
// Editor commands

function formatDocument(target: EditorView | undefined = view): boolean {
  if (!target) {
    return false;
  }
  const text = target.state.doc.toString();
  let formatted: string;
  try {
    formatted = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    setStatus(s('formatFailed'));
    return true;
  }
  if (formatted !== text) {
    target.dispatch({ changes: { from: 0, to: target.state.doc.length, insert: formatted }, userEvent: 'format' });
  }
  return true;
}

function submit(): boolean {
  if (!view || busy) {
    return true;
  }
  flushChange();
  // Busy at once (not only when the host says so): no second submit, and no edits while this one is sent.
  setBusy(true);
  post({ type: 'submit', text: view.state.doc.toString(), fields: fieldValues() });
  return true;
}

/** Sends a command after the pending draft change, so the host acts on the text as it is now. */
function command(type: 'discard' | 'reload' | 'rebase'): void {
  if (busy) {
    return;
  }
  flushChange();
  post({ type });
}

function setBusy(value: boolean, label?: string): void {
  busy = value;
  if (applyButton) {
    applyButton.disabled = value;
    discardButton.disabled = value;
    reloadButton.disabled = value;
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('.banner-box button, .conflict button, .result button')) {
    b.disabled = value;
  }
  for (const f of fieldInputs.values()) {
    f.input.readOnly = value;
  }
  view?.dispatch({ effects: editability.reconfigure(editableExtensions(!value)) });
  app.setAttribute('aria-busy', String(value));
  setStatus(value ? (label ?? s('working')) : '');
}

function editorExtensions(schema: Record<string, unknown>): Extension[] {
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
      { key: 'Shift-Alt-f', run: (v) => formatDocument(v), preventDefault: true },
      { key: 'Mod-Enter', run: () => submit(), preventDefault: true },
      { key: 'F8', run: nextDiagnostic, preventDefault: true },
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      ...lintKeymap,
    ]),
    editability.of(editableExtensions(!busy)),
    EditorView.cspNonce.of(nonce),
    EditorView.contentAttributes.of({ 'aria-label': s('editorLabel'), 'aria-describedby': 'shortcuts' }),
    vscodeTheme,
    json(),
    linter(jsonParseLinter(), { delay: 200 }),
    linter(jsonSchemaLinter(), { delay: 200, needsRefresh: handleRefresh }),
    jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
    hoverTooltip(jsonSchemaHover()),
    stateExtensions(schema as never),
    hostIssuesField,
    hostLinter,
    lintGutter(),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !applyingText) {
        serviceIssues = [];
        scheduleChange();
      }
      if (update.docChanged || update.transactions.some((tr) => tr.effects.some((e) => e.is(setHostIssues)))) {
        updateUndoRedo();
      }
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Page

const app = document.getElementById('app')!;
const statusLine = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const bannerBox = h('div', { class: 'banner-box' });
const fieldsBox = h('div', { class: 'fields' });
const problemsList = h('ul', { class: 'problems-list' });
const problemsHeading = h('h2', { id: 'problems-heading' });
const previewSummary = h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
const previewBox = h('div', { class: 'preview-body' });
const resultBox = h('section', { class: 'result', 'aria-live': 'polite', hidden: true });
const conflictBox = h('section', { class: 'conflict', 'aria-labelledby': 'conflict-heading', hidden: true });
const editorHost = h('div', { class: 'editor-host' });
const baseLabel = h('span', { class: 'base-label' });
const dirtyLabel = h('span', { class: 'dirty-label' });
let applyButton: HTMLButtonElement;
let undoButton: HTMLButtonElement;
let redoButton: HTMLButtonElement;
let discardButton: HTMLButtonElement;
let reloadButton: HTMLButtonElement;
const fieldInputs = new Map<string, { input: HTMLInputElement; message: HTMLElement }>();

function setStatus(text: string): void {
  statusLine.textContent = text;
}

function fieldValues(): Record<string, string> {
  return Object.fromEntries([...fieldInputs].map(([id, f]) => [id, f.input.value]));
}

function saveState(): void {
  vscode.setState({ revival: init?.revival, text: view?.state.doc.toString(), fields: fieldValues() });
}

function scheduleChange(): void {
  saveState();
  updateDirty();
  if (changeTimer) {
    clearTimeout(changeTimer);
  }
  changeTimer = setTimeout(flushChange, 150);
}

function flushChange(): void {
  if (changeTimer) {
    clearTimeout(changeTimer);
    changeTimer = undefined;
  }
  if (view && !busy) {
    post({ type: 'draftChanged', seq: ++seq, text: view.state.doc.toString(), fields: fieldValues() });
  }
}

function updateDirty(): void {
  const dirty = !!view && view.state.doc.toString() !== pristineText;
  dirtyLabel.textContent = dirty ? s('dirty') : s('clean');
  dirtyLabel.classList.toggle('dirty', dirty);
}

function updateUndoRedo(): void {
  if (!view) {
    return;
  }
  // @codemirror/commands: undoDepth/redoDepth would need another import; dry-run the commands instead.
  undoButton.disabled = !undo({ state: view.state, dispatch: () => undefined } as never);
  redoButton.disabled = !redo({ state: view.state, dispatch: () => undefined } as never);
}

function renderBanner(banner: PreviewNotice | undefined | null): void {
  bannerBox.replaceChildren();
  if (banner) {
    bannerBox.append(noticeElement(banner, 'banner'));
  }
}

function noticeElement(notice: PreviewNotice, cls = 'notice'): HTMLElement {
  const role = notice.severity === 'error' ? 'alert' : undefined;
  const el = h('div', { class: `${cls} ${notice.severity}`, role },
    icon(notice.severity),
    h('span', { class: 'notice-text' }, notice.message),
  );
  if (notice.action) {
    el.append(actionButton(notice.action));
  }
  return el;
}

function actionButton(action: PreviewAction): HTMLButtonElement {
  return button(action.label, () => {
    if (!busy) {
      flushChange();
      post({ type: 'action', id: action.id });
    }
  }, { title: action.label });
}

function goTo(issue: EditorIssue): void {
  if (issue.field) {
    fieldInputs.get(issue.field)?.input.focus();
    return;
  }
  if (!view) {
    return;
  }
  const { from, to } = rangeForPath(view.state, issue.path);
  view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
  view.focus();
}

function allIssues(): EditorIssue[] {
  const host = lastAnalysis?.issues ?? [];
  return [...host, ...serviceIssues.filter((si) => !host.some((i) => i.message === si.message))];
}

function renderProblems(): void {
  const issues = allIssues();
  const errors = issues.filter((i) => i.severity === 'error').length;
  problemsHeading.textContent = `${s('problems')} (${issues.length})`;
  problemsList.replaceChildren();
  if (issues.length === 0) {
    problemsList.append(h('li', { class: 'none' }, icon('check'), s('noProblems')));
  }
  for (const issue of issues) {
    const where = issue.field ? (init?.fields.find((f) => f.id === issue.field)?.label ?? issue.field) : formatJsonPath(issue.path);
    const item = h('li', { class: issue.severity });
    const b = h('button', { type: 'button', class: 'problem', title: issue.message },
      icon(issue.severity),
      h('span', { class: 'sr-only' }, `${issue.severity}: `),
      h('code', { class: 'where' }, where),
      h('span', { class: 'message' }, issue.message),
    );
    b.addEventListener('click', () => goTo(issue));
    item.append(b);
    problemsList.append(item);
  }
  for (const [id, f] of fieldInputs) {
    // The worst problem of the field: an error marks the input invalid; a warning only shows its text.
    const problem = issues.find((i) => i.field === id && i.severity === 'error') ?? issues.find((i) => i.field === id);
    f.message.textContent = problem?.message ?? '';
    f.message.dataset.severity = problem?.severity ?? '';
    f.input.setAttribute('aria-invalid', problem?.severity === 'error' ? 'true' : 'false');
  }
  applyButton.dataset.errors = String(errors);
}

function renderPreview(preview: PreviewModel): void {
  previewBox.replaceChildren();
  if (previewSummary.textContent !== preview.summary) {
    previewSummary.textContent = preview.summary;
  }
  for (const notice of preview.notices) {
    previewBox.append(noticeElement(notice));
  }
  const changed = preview.rows.filter((r) => r.kind !== 'unchanged');
  const unchanged = preview.rows.filter((r) => r.kind === 'unchanged');
  if (changed.length) {
    previewBox.append(rowsTable(changed, s('preview')));
  }
  if (unchanged.length) {
    previewBox.append(h('details', { class: 'unchanged' },
      h('summary', {}, `${s('unchangedRows')} (${unchanged.length})`),
      rowsTable(unchanged, s('unchangedRows')),
    ));
  }
  if (preview.request) {
    const r = preview.request;
    const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
    previewBox.append(h('details', { class: 'request', open: true },
      h('summary', {}, s('request')),
      h('pre', { tabindex: '0', 'aria-label': s('request') }, h('code', {}, `${r.method} ${r.url}\n${headers}\n\n${r.body}`)),
    ));
  }
}

function rowsTable(rows: PreviewRow[], caption: string, headings: [string, string] = [s('current'), s('draftValue')]): HTMLTableElement {
  const table = h('table', { class: 'changes' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('property')), h('th', { scope: 'col' }, s('change')), h('th', { scope: 'col' }, headings[0]), h('th', { scope: 'col' }, headings[1]))),
  );
  const body = h('tbody');
  for (const row of rows) {
    body.append(h('tr', { class: `kind-${row.kind}` },
      h('th', { scope: 'row' }, h('code', {}, row.label)),
      h('td', {}, h('span', { class: `badge ${row.kind}` }, s(row.kind)), row.note ? h('span', { class: 'note' }, ` ${row.note}`) : undefined),
      h('td', { class: 'value' }, row.before ?? s('absent')),
      h('td', { class: 'value' }, row.after ?? '—'),
    ));
  }
  table.append(body);
  return table;
}

function renderConflict(conflict: ConflictModel, message: string): void {
  conflictBox.replaceChildren(
    h('h2', { id: 'conflict-heading' }, icon('warning'), s('conflictTitle')),
    h('p', {}, message),
    h('p', {}, conflict.message),
  );
  const table = h('table', { class: 'changes conflict-table' },
    h('caption', { class: 'sr-only' }, s('conflictTitle')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('property')), h('th', { scope: 'col' }, s('conflictBase')), h('th', { scope: 'col' }, `${s('conflictTheirs')} (${conflict.theirsVersionLabel})`), h('th', { scope: 'col' }, s('conflictYours')))),
  );
  const body = h('tbody');
  for (const row of conflict.rows) {
    body.append(h('tr', { class: row.conflict ? 'both' : '' },
      h('th', { scope: 'row' }, h('code', {}, row.label), row.conflict ? h('span', { class: 'badge conflict' }, s('bothChanged')) : undefined),
      h('td', { class: 'value' }, row.base ?? s('absent')),
      h('td', { class: 'value' }, row.theirs ?? s('absent')),
      h('td', { class: 'value' }, row.yours ?? s('absent')),
    ));
  }
  table.append(body);
  conflictBox.append(table, h('div', { class: 'buttons' },
    button(s('rebase'), () => { if (!busy) { conflictBox.hidden = true; command('rebase'); } }, { primary: true, id: 'rebase' }),
    button(s('discard'), () => { if (!busy) { conflictBox.hidden = true; command('discard'); } }),
    button(s('keepEditing'), () => { conflictBox.hidden = true; view?.focus(); }),
  ));
  conflictBox.hidden = false;
  conflictBox.querySelector<HTMLButtonElement>('#rebase')?.focus();
}

function renderResult(result: SubmitResultMessage): void {
  resultBox.replaceChildren();
  resultBox.hidden = true;
  if (result.outcome === 'conflict' && result.conflict) {
    renderConflict(result.conflict, result.message);
    setStatus(result.message);
    return;
  }
  if (result.outcome === 'applied') {
    serviceIssues = [];
    resultBox.className = 'result applied';
    resultBox.setAttribute('role', 'status');
    resultBox.append(h('h2', {}, icon('check'), s('appliedTitle')), h('p', {}, result.message));
    if (result.rows?.length) {
      resultBox.append(rowsTable(result.rows, s('appliedTitle'), [s('before'), s('after')]));
    }
  } else {
    resultBox.className = `result ${result.outcome === 'nothing' ? 'info' : 'error'}`;
    resultBox.setAttribute('role', result.outcome === 'nothing' ? 'status' : 'alert');
    resultBox.append(h('p', {}, icon(result.outcome === 'nothing' ? 'info' : 'error'), result.message));
    serviceIssues = result.issues.filter((i) => i.source === 'service');
    if (view) {
      view.dispatch({ effects: setHostIssues.of([...(lastAnalysis?.issues ?? []), ...serviceIssues]) });
    }
    renderProblems();
  }
  if (result.actions?.length) {
    resultBox.append(h('div', { class: 'buttons' }, ...result.actions.map(actionButton)));
  }
  resultBox.hidden = false;
  setStatus(result.message);
}

function renderFields(message: InitMessage): void {
  fieldsBox.replaceChildren();
  fieldInputs.clear();
  for (const field of message.fields) {
    const id = `field-${field.id}`;
    const input = h('input', { id, type: 'text', value: field.value, placeholder: field.placeholder, 'aria-describedby': `${id}-message ${id}-description`, spellcheck: 'false' });
    input.value = field.value;
    const messageEl = h('span', { id: `${id}-message`, class: 'field-message', 'aria-live': 'polite' });
    input.addEventListener('input', scheduleChange);
    fieldsBox.append(h('div', { class: 'field' },
      h('label', { for: id }, field.label),
      input,
      field.description ? h('span', { id: `${id}-description`, class: 'field-description' }, field.description) : undefined,
      messageEl,
    ));
    fieldInputs.set(field.id, { input, message: messageEl });
  }
  fieldsBox.hidden = message.fields.length === 0;
}

function setText(text: string): void {
  if (!view) {
    return;
  }
  applyingText = true;
  try {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  } finally {
    applyingText = false;
  }
}

function layout(message: InitMessage): void {
  applyButton = button(message.submitLabel, submit, { primary: true, id: 'apply', title: `${message.submitLabel} (Ctrl+Enter)` });
  undoButton = button(s('undo'), () => { if (view) { undo(view); view.focus(); } }, { title: `${s('undo')} (Ctrl+Z)` });
  redoButton = button(s('redo'), () => { if (view) { redo(view); view.focus(); } }, { title: s('redo') });
  discardButton = button(s('discard'), () => command('discard'), { title: s('discardTitle'), id: 'discard' });
  const formatButton = button(s('format'), () => { if (!busy) { formatDocument(); } view?.focus(); }, { title: s('formatTitle') });
  reloadButton = button(s('reload'), () => command('reload'), { title: s('reloadTitle'), id: 'reload' });
  app.replaceChildren(
    h('header', {},
      h('h1', {}, message.title),
      h('p', { class: 'subtitle' }, message.subtitle),
      h('p', { class: 'base' }, baseLabel, ' · ', dirtyLabel),
    ),
    bannerBox,
    fieldsBox,
    h('main', { class: 'layout' },
      h('section', { class: 'editor-pane', 'aria-labelledby': 'draft-heading' },
        h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': s('draft') },
          h('h2', { id: 'draft-heading' }, s('draft')), formatButton, undoButton, redoButton),
        editorHost,
        h('p', { id: 'shortcuts', class: 'shortcuts' }, s('shortcuts')),
      ),
      h('aside', { class: 'side' },
        conflictBox,
        resultBox,
        h('section', { class: 'problems', 'aria-labelledby': 'problems-heading' }, problemsHeading, problemsList),
        h('section', { class: 'preview', 'aria-labelledby': 'preview-heading' }, h('h2', { id: 'preview-heading' }, s('preview')), previewSummary, previewBox),
      ),
    ),
    h('footer', {}, h('div', { class: 'buttons' }, applyButton, discardButton, reloadButton), statusLine),
  );
}

function onInit(message: InitMessage): void {
  const started = performance.now();
  init = message;
  strings = message.strings;
  pristineText = message.pristineText;
  layout(message);
  renderFields(message);
  renderBanner(message.banner);
  baseLabel.textContent = `${s('basedOn')} ${message.baseLabel}`;
  if (view) {
    view.destroy();
  }
  view = new EditorView({ parent: editorHost, state: EditorState.create({ doc: message.text, extensions: editorExtensions(message.schema) }) });
  updateSchema(view, message.schema as never);
  updateDirty();
  updateUndoRedo();
  renderProblems();
  saveState();
  app.setAttribute('aria-busy', 'false');
  requestAnimationFrame(() => post({ type: 'editorReady', ms: performance.now() - started, scriptMs: scriptStarted, pageMs: performance.now() }));
}

function onMessage(message: HostMessage): void {
  switch (message.type) {
    case 'init':
      onInit(message);
      return;
    case 'setText':
      if (message.pristineText !== undefined) {
        pristineText = message.pristineText;
      }
      if (message.baseLabel !== undefined) {
        baseLabel.textContent = `${s('basedOn')} ${message.baseLabel}`;
      }
      if (message.banner !== undefined) {
        renderBanner(message.banner);
      }
      if (message.fields) {
        for (const [id, value] of Object.entries(message.fields)) {
          const f = fieldInputs.get(id);
          if (f) {
            f.input.value = value;
          }
        }
      }
      if (view && view.state.doc.toString() !== message.text) {
        setText(message.text);
      }
      serviceIssues = [];
      updateDirty();
      saveState();
      return;
    case 'analysis':
      if (message.seq < seq) {
        return;
      }
      lastAnalysis = message;
      view?.dispatch({ effects: setHostIssues.of([...message.issues, ...serviceIssues]) });
      renderProblems();
      renderPreview(message.preview);
      applyButton.setAttribute('aria-describedby', 'problems-heading');
      return;
    case 'busy':
      setBusy(message.busy, message.label);
      return;
    case 'submitResult':
      // A result ends the submit the page started, also one the host answered without sending anything.
      if (busy) {
        setBusy(false);
      }
      renderResult(message);
      return;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (!message) {
    console.warn('jsonEditor: dropped a malformed message from the host', event.data);
    return;
  }
  onMessage(message);
});

// A change still waiting for its debounce goes to the host before the page goes away (hidden panel, reload).
window.addEventListener('pagehide', () => {
  if (changeTimer) {
    flushChange();
  }
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden' && changeTimer) {
    flushChange();
  }
});

// Handshake: the host queues its messages until this.
post({ type: 'ready' });
