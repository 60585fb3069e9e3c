/**
 * The page's state, in one object, and the decisions made on it. Pure: no DOM, no CodeMirror (unit-tested on Node).
 */
import type { EditorIssue } from '../../../jsonEditing/editorModel';
import type { AnalysisMessage, InitMessage } from '../../protocol';

export interface PageState {
  /** The host's last `init` (title, fields, revival…). */
  init: InitMessage | undefined;
  /** The localized texts from `init`. */
  strings: Record<string, string>;
  /** The seq of the last draftChanged sent; analyses of older ones are stale. */
  seq: number;
  lastAnalysis: AnalysisMessage | undefined;
  /** The service's issues of the last failed submit, shown until the draft changes. */
  serviceIssues: EditorIssue[];
  /** The server's document as text: the draft differs from it = dirty. */
  pristineText: string;
  /** A submit runs: no edits, no second submit, no commands. */
  busy: boolean;
  /** The host's text is being put into the editor: not an edit of the user. */
  applyingText: boolean;
  /** The pending (debounced) draftChanged. */
  changeTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the user touched: fields typed in or left, the draft edited, a submit pressed (see `shownIssues`). */
  touched: { fields: Set<string>; draft: boolean; submitted: boolean };
}

export function createPageState(): PageState {
  return {
    init: undefined, strings: {}, seq: 0, lastAnalysis: undefined, serviceIssues: [], pristineText: '', busy: false, applyingText: false, changeTimer: undefined,
    touched: { fields: new Set(), draft: false, submitted: false },
  };
}

/**
 * What counts as touched when the page opens: a restored draft that differs from the server's text, and fields that
 * hold a value (a new resource's empty form is untouched: no red on open).
 */
export function initTouched(state: PageState, text: string, fields: Record<string, string>): void {
  state.touched = {
    fields: new Set(Object.entries(fields).filter(([, v]) => v !== '').map(([id]) => id)),
    draft: isDirty(state, text),
    submitted: false,
  };
}

/**
 * The issues the page shows. For a new resource (`problemsAfterTouch`), a field's problems only once it was touched,
 * the draft's only once it was edited, and all of them once a submit was pressed; otherwise all.
 */
export function shownIssues(state: PageState, issues: readonly EditorIssue[]): EditorIssue[] {
  const { touched } = state;
  if (!state.init?.problemsAfterTouch || touched.submitted) {
    return [...issues];
  }
  return issues.filter((i) => (i.field ? touched.fields.has(i.field) : touched.draft));
}

/** A localized text of the page; its key when the host sent none. */
export function uiText(state: PageState, key: string): string {
  return state.strings[key] ?? key;
}

/** Takes a host analysis unless it answers an older draft than the last one sent. */
export function acceptAnalysis(state: PageState, message: AnalysisMessage): boolean {
  if (message.seq < state.seq) {
    return false;
  }
  state.lastAnalysis = message;
  return true;
}

/** The issues the editor marks: the host's analysis and the service's answer. */
export function markedIssues(state: PageState): EditorIssue[] {
  return shownIssues(state, [...(state.lastAnalysis?.issues ?? []), ...state.serviceIssues]);
}

/** The problems list: the host's analysis, then the service's issues it does not already say. */
export function listedIssues(state: PageState): EditorIssue[] {
  const host = state.lastAnalysis?.issues ?? [];
  return shownIssues(state, [...host, ...state.serviceIssues.filter((si) => !host.some((i) => i.message === si.message))]);
}

export function isDirty(state: PageState, text: string | undefined): boolean {
  return text !== undefined && text !== state.pristineText;
}
