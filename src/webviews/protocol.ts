/**
 * The messages between a JSON-editor panel (extension host) and its webview (src/webviews/ui/jsonEditorMain.ts).
 * Shared types, and runtime checks used on BOTH sides: a message that does not match is dropped and logged, never
 * acted on. The payloads (issues, preview, conflict) are the model types of src/jsonEditing/editorModel.ts.
 * Pure: no `vscode`, no DOM.
 */
import type { EditorIssue, PreviewModel, PreviewNotice, SubmitResult } from '../jsonEditing/editorModel';

/** An extra single-line field shown above the editor (e.g. a resource name), validated live by the host. */
export interface FieldModel {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  description?: string;
}

/** User-visible texts the host localizes (vscode.l10n) and sends with `init`; the webview has no l10n of its own. */
export type UiStrings = Record<string, string>;

// ---- host → webview ----

export interface InitMessage {
  type: 'init';
  title: string;
  subtitle: string;
  schema: Record<string, unknown>;
  text: string;
  fields: FieldModel[];
  /** e.g. "Based on ETag 0x8DC… (fetched 12:03:04)". */
  baseLabel: string;
  /** Text of the initial (server) document, to tell whether the draft differs from it. */
  pristineText: string;
  submitLabel: string;
  strings: UiStrings;
  /** A banner shown above the editor (e.g. "restored draft, based on an older version"). */
  banner?: PreviewNotice;
  /** What the webview keeps with setState so that the panel can be restored after a window reload (JSON). */
  revival: unknown;
  /** A new resource: a field's problems show once it was touched, the draft's once it was edited, all on submit. */
  problemsAfterTouch?: boolean;
}

export interface SetTextMessage {
  type: 'setText';
  text: string;
  fields?: Record<string, string>;
  /** Also the new pristine text (after a reload/rebase/apply). */
  pristineText?: string;
  baseLabel?: string;
  banner?: PreviewNotice | null;
}

export interface AnalysisMessage {
  type: 'analysis';
  /** Echo of the draftChanged seq it answers (stale answers are ignored). */
  seq: number;
  issues: EditorIssue[];
  preview: PreviewModel;
  canSubmit: boolean;
}

export interface BusyMessage {
  type: 'busy';
  busy: boolean;
  label?: string;
}

export interface SubmitResultMessage extends SubmitResult {
  type: 'submitResult';
}

export type HostMessage = InitMessage | SetTextMessage | AnalysisMessage | BusyMessage | SubmitResultMessage;

// ---- webview → host ----

export interface ReadyMessage { type: 'ready' }
/**
 * The editor is created and shows the document (the panel's open time ends here). Times in ms: `ms` from `init` to the
 * editor's first frame; `scriptMs` and `pageMs` from the page's navigation start to the script's start and to now.
 */
export interface EditorReadyMessage { type: 'editorReady'; ms: number; scriptMs?: number; pageMs?: number }
export interface DraftChangedMessage { type: 'draftChanged'; seq: number; text: string; fields: Record<string, string> }
export interface SubmitMessage { type: 'submit'; text: string; fields: Record<string, string> }
export interface CommandMessage { type: 'rebase' | 'discard' | 'reload' }
export interface ActionMessage { type: 'action'; id: string }
export interface CspViolationMessage { type: 'cspViolation'; directive: string; blocked: string }

export type WebviewMessage =
  | ReadyMessage | EditorReadyMessage | DraftChangedMessage | SubmitMessage | CommandMessage | ActionMessage | CspViolationMessage;

// ---- runtime checks ----

type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const recordOf = (check: Check): Check => (v) => isObject(v) && Object.values(v).every(check);
const shape = (fields: Record<string, Check>): Check => (v) => isObject(v) && Object.entries(fields).every(([k, c]) => c(v[k]));

const MAX_TEXT = 4 * 1024 * 1024;
const text: Check = (v) => typeof v === 'string' && v.length <= MAX_TEXT;
const jsonPath: Check = arrayOf((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s) && s >= 0));
const severity = oneOf('error', 'warning', 'info');
const issue = shape({ path: jsonPath, message: str, severity, source: str, field: optional(str) });
const changeKind = oneOf('unchanged', 'replaced', 'cleared', 'added');
const row = shape({ label: str, kind: changeKind, before: optional(str), after: optional(str), note: optional(str) });
const action = shape({ id: str, label: str });
const notice = shape({ severity, message: str, path: optional(jsonPath), action: optional(action), more: optional(arrayOf(action)) });
const request = shape({ method: str, url: str, headers: recordOf(str), body: str });
const preview = shape({ summary: str, rows: arrayOf(row), notices: arrayOf(notice), request: optional(request) });
const field = shape({ id: str, label: str, value: str, placeholder: optional(str), description: optional(str) });
const conflictRow = shape({ label: str, base: optional(str), theirs: optional(str), yours: optional(str), conflict: bool });
const conflict = shape({ message: str, rows: arrayOf(conflictRow), theirsVersionLabel: str });
const strings = recordOf(str);
const fieldValues = recordOf(str);

const hostChecks: Record<HostMessage['type'], Check> = {
  init: shape({
    title: str, subtitle: str, schema: isObject, text, fields: arrayOf(field), baseLabel: str, pristineText: text, submitLabel: str, strings,
    banner: optional(notice), revival: (v) => v !== undefined, problemsAfterTouch: optional(bool),
  }),
  setText: shape({ text, fields: optional(fieldValues), pristineText: optional(text), baseLabel: optional(str), banner: (v) => v === undefined || v === null || notice(v) }),
  analysis: shape({ seq: num, issues: arrayOf(issue), preview, canSubmit: bool }),
  busy: shape({ busy: bool, label: optional(str) }),
  submitResult: shape({
    outcome: oneOf('applied', 'conflict', 'failed', 'invalid', 'nothing'), message: str, issues: arrayOf(issue),
    rows: optional(arrayOf(row)), conflict: optional(conflict), actions: optional(arrayOf(action)),
  }),
};

const webviewChecks: Record<WebviewMessage['type'], Check> = {
  ready: () => true,
  editorReady: shape({ ms: num, scriptMs: optional(num), pageMs: optional(num) }),
  draftChanged: shape({ seq: num, text, fields: fieldValues }),
  submit: shape({ text, fields: fieldValues }),
  rebase: () => true,
  discard: () => true,
  reload: () => true,
  action: shape({ id: str }),
  cspViolation: shape({ directive: str, blocked: str }),
};

/** The message when it is a well-formed host → webview message, else undefined. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isObject(value) || typeof value.type !== 'string' || !Object.hasOwn(hostChecks, value.type)) {
    return undefined;
  }
  return hostChecks[value.type as HostMessage['type']](value) ? (value as unknown as HostMessage) : undefined;
}

/** The message when it is a well-formed webview → host message, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isObject(value) || typeof value.type !== 'string' || !Object.hasOwn(webviewChecks, value.type)) {
    return undefined;
  }
  return webviewChecks[value.type as WebviewMessage['type']](value) ? (value as unknown as WebviewMessage) : undefined;
}
