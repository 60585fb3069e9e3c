/**
 * JSON-schema validation on the extension host side (the webview validates too, as the user types, but the host
 * never trusts it): Ajv (draft-07), errors turned into EditorIssues at their JSON paths. Pure: no `vscode`.
 */
import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { ajv as loadAjv } from '../lazy/lazyModules';
import * as l10n from '../utils/l10n';
import type { EditorIssue, JsonPath } from './editorModel';

function pathOf(error: ErrorObject): JsonPath {
  const path: JsonPath = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (error.keyword === 'additionalProperties') {
    path.push(String((error.params as { additionalProperty: string }).additionalProperty));
  }
  return path;
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return l10n.t('Unknown property "{0}": the definition has no such property here.', String(params.additionalProperty));
    case 'required':
      return l10n.t('Missing required property "{0}".', String(params.missingProperty));
    case 'enum':
      return l10n.t('Must be one of {0}.', (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', '));
    case 'type':
      return l10n.t('Must be of type {0}.', String(params.type));
    // The keywords the editors' schemas use, in Ajv's own (English) words, so that they can be translated too.
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return l10n.t('Must be {0} {1}.', String(params.comparison), String(params.limit));
    case 'maxLength':
      return l10n.t('Must NOT have more than {0} characters.', String(params.limit));
    case 'minLength':
      return l10n.t('Must NOT have fewer than {0} characters.', String(params.limit));
    case 'maxItems':
      return l10n.t('Must NOT have more than {0} items.', String(params.limit));
    case 'minItems':
      return l10n.t('Must NOT have fewer than {0} items.', String(params.limit));
    case 'pattern':
      return l10n.t('Must match pattern "{0}".', String(params.pattern));
    case 'format':
      return l10n.t('Must match format "{0}".', String(params.format));
    default:
      // Other keywords: Ajv's message (English) as it is.
      return error.message !== undefined ? l10n.t('Must {0}.', error.message.replace(/^must /, '')) : l10n.t('Must match the schema.');
  }
}

/**
 * Checks values against schemas, compiling each schema once (the editors' schemas are module constants). One per
 * extension: the editors' panel registry owns it and hands it to every panel.
 */
export class SchemaChecker {
  /** Ajv is loaded and built at the first check (an editor opening), not when the extension activates. */
  private ajvInstance: Ajv | undefined;
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  /** Schema problems of a parsed value, at most one per path and keyword. */
  issues(schema: object, value: unknown): EditorIssue[] {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = (this.ajvInstance ??= new (loadAjv())({ allErrors: true, strict: false })).compile(schema);
      this.compiled.set(schema, validate);
    }
    if (validate(value)) {
      return [];
    }
    const seen = new Set<string>();
    const issues: EditorIssue[] = [];
    for (const error of validate.errors ?? []) {
      // allOf/if wrappers repeat their inner errors; "must match a schema in anyOf" says nothing more.
      if (error.keyword === 'allOf' || error.keyword === 'anyOf' || error.keyword === 'if') {
        continue;
      }
      const path = pathOf(error);
      const key = `${JSON.stringify(path)}|${error.keyword}`;
      if (!seen.has(key)) {
        seen.add(key);
        issues.push({ path, message: messageOf(error), severity: 'error', source: 'schema' });
      }
    }
    return issues;
  }
}

/** Schema problems of a parsed value, for a one-off check (compiles the schema for this call). */
export function schemaIssues(schema: object, value: unknown): EditorIssue[] {
  return new SchemaChecker().issues(schema, value);
}
