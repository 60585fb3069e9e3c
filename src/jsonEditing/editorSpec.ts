/**
 * What a JSON editor edits and how: the contract between an editor (the pool patch, the image definition) and the
 * reusable editor host (src/webviews/jsonEditor). The host does the rest: the editor (schema validation, completion,
 * hover, format, undo/redo), the live analysis, draft persistence per `key`, the conflict view and rebase, inline
 * errors. Pure: no `vscode`.
 */
import type { DraftScope } from './draftStore';
import type { EditorIssue, FieldValues, LoadedDocument, PreviewModel, PreviewNotice, SubmitOutcome } from './editorModel';
import type { JsonSchema } from './jsonSchema';

/** An extra single-line field above the editor (e.g. "name"), with its own live validation. */
export interface EditorFieldSpec {
  id: string;
  label: string;
  placeholder?: string;
  description?: string;
  initial(loaded: LoadedDocument): string;
  /** A problem of the value, or undefined when it is fine. Runs on every change. */
  validate(value: string, draft: unknown): string | undefined;
}

/** A rebase of a draft from one version onto a newer one. */
export interface RebaseResult {
  draft: unknown;
  /** Paths both sides changed differently (the draft's value was kept). */
  conflicts: string[];
  /** Paths only the server changed (its value was taken). */
  taken: string[];
}

export interface JsonEditorSpec {
  /** The webview panel type (also the serializer's); one panel per (viewType, key). */
  viewType: string;
  /** Identity of the edited resource, e.g. the pool URL: the draft is stored under it. */
  key: string;
  title: string;
  subtitle: string;
  schema: JsonSchema;
  /** Label of the submit button, e.g. "Apply". */
  submitLabel: string;
  fields?: EditorFieldSpec[];
  /** Fetches the resource fresh. */
  load(): Promise<LoadedDocument>;
  /** Rules beyond the schema (the schema is checked by the host); runs on every change and before submit. */
  validate(draft: unknown, loaded: LoadedDocument, fields: FieldValues): EditorIssue[];
  /** The live preview of what submit would do. `request` absent = nothing to send. */
  preview(draft: unknown, loaded: LoadedDocument, fields: FieldValues): PreviewModel;
  /**
   * Sends the draft (already valid). A 412 must come back as { kind: 'conflict', latest }. `progress` shows a step
   * of a long submit (e.g. a long-running operation) as the panel's busy status.
   */
  submit(draft: unknown, loaded: LoadedDocument, fields: FieldValues, progress: (label: string) => void): Promise<SubmitOutcome>;
  /** Rebases a draft from one version onto a newer one; default: three-way merge of the whole document. */
  rebase?(draft: unknown, from: LoadedDocument, to: LoadedDocument): RebaseResult;
  /** Buttons of notices and results (e.g. 'reimage'). */
  onAction?(id: string): Promise<void>;
  /** JSON the webview keeps (setState) so that the host can rebuild the spec after a window reload. */
  revival: unknown;
  /** What the draft depends on (kept with it; Sign out clears the drafts reached with the sign-in). Default: the sign-in. */
  draftScope?: DraftScope;
  /** A new resource: problems show per field once touched (or on submit), not on open. */
  problemsAfterTouch?: boolean;
  /** The banner a fresh draft opens with (e.g. "Created …" when a create panel became this editor). */
  openBanner?: PreviewNotice;
}

/** The values of the spec's fields in a fresh draft of `loaded`. */
export function initialFields(spec: Pick<JsonEditorSpec, 'fields'>, loaded: LoadedDocument): FieldValues {
  return Object.fromEntries((spec.fields ?? []).map((f) => [f.id, f.initial(loaded)]));
}
