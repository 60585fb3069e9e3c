/**
 * The model half of the JSON-editor protocol: what an editor's pure modules (src/poolPatch, src/gallery) produce and
 * the panel shows — issues at JSON paths, the live preview, the conflict view — and what a version of the edited
 * resource and a submit's outcome are. The messages that carry them are in src/webviews/protocol.ts.
 * Pure: no `vscode`, no DOM.
 */
import type { JsonObject } from './jsonValue';

/** A location in a JSON document: property names and array indexes from the root, e.g. ['startTask', 'resourceFiles', 0]. */
export type JsonPath = (string | number)[];

export type Severity = 'error' | 'warning' | 'info';

/** A problem of the draft (or of an extra field), shown inline at `path` and in the problems list. */
export interface EditorIssue {
  /** Where in the draft; [] = the document as a whole. Ignored when `field` is set. */
  path: JsonPath;
  message: string;
  severity: Severity;
  /** Who found it: 'json' (syntax), 'schema', 'rules', 'state' (current resource state), 'service' (the service's answer). */
  source: string;
  /** Set for an issue of an extra single-line field instead of the JSON draft. */
  field?: string;
}

/** How a property fares in the request: the PATCH vocabulary the previews speak. */
export type ChangeKind = 'unchanged' | 'replaced' | 'cleared' | 'added';

export interface PreviewRow {
  /** Property name (or path text). */
  label: string;
  kind: ChangeKind;
  /** Short JSON texts of the current and the new value. */
  before?: string;
  after?: string;
  /** e.g. "omitted: stays as it is". */
  note?: string;
}

/** A button offered next to a notice; clicking it sends `action` with this id to the host. */
export interface PreviewAction {
  id: string;
  label: string;
}

export interface PreviewNotice {
  severity: Severity;
  message: string;
  path?: JsonPath;
  action?: PreviewAction;
  /** Further buttons after `action` (e.g. "Keep Mine" after "Use Theirs"). */
  more?: PreviewAction[];
}

/** What the submit would do, rendered by the webview as it is (no HTML from the host). */
export interface PreviewModel {
  /** One sentence, e.g. "2 properties change: metadata replaced, startTask replaced." */
  summary: string;
  rows: PreviewRow[];
  notices: PreviewNotice[];
  request?: { method: string; url: string; headers: Record<string, string>; body: string };
}

/** One property in the conflict view: the server's newer value beside the draft's. */
export interface ConflictRow {
  label: string;
  /** The value the draft was based on, the server's current value, and the draft's value (JSON texts; undefined = absent). */
  base?: string;
  theirs?: string;
  yours?: string;
  /** Both the server and the draft changed it, differently: a rebase keeps the draft's value. */
  conflict: boolean;
}

export interface ConflictModel {
  message: string;
  rows: ConflictRow[];
  theirsVersionLabel: string;
}

/** The values of an editor's extra single-line fields, by field id. */
export type FieldValues = Record<string, string>;

/** A version of the edited resource, as the editor loaded it. Must be JSON (it is kept with the draft). */
export interface LoadedDocument {
  /** The server's current values of the editable top-level properties (for diffs, conflicts and rebases). */
  current: JsonObject;
  /** What a fresh draft shows. */
  initial: unknown;
  /** ETag of this version: sent as If-Match by the editor's submit. */
  version?: string;
  /** e.g. "ETag 0x8DC… · fetched 12:03:04". */
  versionLabel: string;
  /** Anything else the editor's validate/preview need (e.g. the pool's node counts). */
  context?: unknown;
}

/** How a submit ended, as the editor's submit reports it. */
export type SubmitOutcome =
  | { kind: 'applied'; message: string; rows?: PreviewRow[]; actions?: PreviewAction[]; latest?: LoadedDocument }
  | { kind: 'conflict'; latest: LoadedDocument; message?: string }
  | { kind: 'failed'; message: string; issues: EditorIssue[] }
  | { kind: 'nothing'; message: string };

export type SubmitResultKind = 'applied' | 'conflict' | 'failed' | 'invalid' | 'nothing';

/** What the page shows after a submit ('invalid': the draft has problems, nothing was sent). */
export interface SubmitResult {
  outcome: SubmitResultKind;
  message: string;
  issues: EditorIssue[];
  /** 'applied': what changed. */
  rows?: PreviewRow[];
  /** 'conflict': the server's newer values beside the draft. */
  conflict?: ConflictModel;
  /** Follow-up buttons (e.g. "Reimage nodes…"). */
  actions?: PreviewAction[];
}

/** "startTask.resourceFiles[0].httpUrl"; "(document)" for the root. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  }
  return out || '(document)';
}
