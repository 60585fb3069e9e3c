/** The analysis of a draft as the user types it: JSON syntax, schema, the editor's rules, the extra fields. Pure. */
import * as l10n from '../utils/l10n';
import { REDACTED_VALUE } from './draftRedaction';
import type { EditorIssue, FieldValues, LoadedDocument, PreviewModel } from './editorModel';
import type { JsonEditorSpec } from './editorSpec';
import type { SchemaChecker } from './schemaCheck';

export interface DraftAnalysis {
  /** The parsed draft (undefined when it does not parse). */
  draft: unknown;
  issues: EditorIssue[];
  preview: PreviewModel;
  /** Parsed, loaded, no error, and something to send. */
  canSubmit: boolean;
}

const RANK: Record<EditorIssue['severity'], number> = { error: 2, warning: 1, info: 0 };

/**
 * The schema's and the editor's rules' issues, one per problem: where a rule speaks about a path ("maxTaskRetryCount
 * must be an integer of at least -1…; got "x""), the schema's generic words at the same path ("Must be of type
 * integer.") are dropped, unless the schema's issue is the more severe one.
 */
export function oneWordingPerProblem(schemaIssues: readonly EditorIssue[], ruleIssues: readonly EditorIssue[]): EditorIssue[] {
  const ruled = new Map<string, number>();
  for (const issue of ruleIssues) {
    const key = JSON.stringify(issue.path);
    ruled.set(key, Math.max(ruled.get(key) ?? -1, RANK[issue.severity]));
  }
  const kept = schemaIssues.filter((issue) => (ruled.get(JSON.stringify(issue.path)) ?? -1) < RANK[issue.severity]);
  return [...kept, ...ruleIssues];
}

/** Parses and checks the draft. Without a loaded version only the syntax and the fields are checked. */
export function analyzeDraft(schemas: SchemaChecker, spec: JsonEditorSpec, loaded: LoadedDocument | undefined, text: string, fields: FieldValues): DraftAnalysis {
  const issues: EditorIssue[] = [];
  let draft: unknown;
  let parsed = false;
  try {
    draft = JSON.parse(text);
    parsed = true;
  } catch (error) {
    issues.push({ path: [], message: l10n.t('The draft is not valid JSON: {0}', (error as Error).message), severity: 'error', source: 'json' });
  }
  let preview: PreviewModel = { summary: l10n.t('Fix the JSON syntax to see what would be sent.'), rows: [], notices: [] };
  if (parsed && loaded) {
    issues.push(...oneWordingPerProblem(schemas.issues(spec.schema, draft), spec.validate(draft, loaded, fields)));
    preview = spec.preview(draft, loaded, fields);
  }
  if (text.includes(REDACTED_VALUE)) {
    // A kept secret-bearing value not read again yet: sending the placeholder would overwrite the real value.
    issues.push({ path: [], message: l10n.t('The draft holds {0}: a value that was not kept with the draft and could not be read again from the service. Reload, or type the value.', REDACTED_VALUE), severity: 'error', source: 'rules' });
  }
  for (const field of spec.fields ?? []) {
    const problem = field.validate(fields[field.id] ?? '', draft);
    if (problem) {
      issues.push({ path: [], field: field.id, message: problem, severity: 'error', source: 'field' });
    }
  }
  const canSubmit = parsed && !!loaded && !issues.some((i) => i.severity === 'error') && preview.request !== undefined;
  return { draft, issues, preview, canSubmit };
}
