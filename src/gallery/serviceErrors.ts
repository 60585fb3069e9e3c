/**
 * A service error (ARM CloudError, or the error of a long-running operation that ended Failed: code, message, target)
 * turned into an issue shown next to the part of the draft it concerns. ARM names the part with `target`, e.g.
 * "galleryImage.properties.identifier" (the body parameter's name first) or "galleryImageName" (the name in the URL,
 * which is the panel's name field). Pure: no `vscode`.
 */
import * as l10n from '../utils/l10n';
import type { EditorIssue, JsonPath } from '../jsonEditing/editorModel';
import { existingPath, isJsonObject } from '../jsonEditing/jsonValue';

export interface ServiceErrorInfo {
  code: string;
  message: string;
  target?: string;
  status?: number;
  /** ARM `details`: more errors, each perhaps with its own target. */
  details?: readonly { code?: string; message?: string; target?: string }[];
  /** Set when a long-running operation ended this way ("Failed", "Canceled"). */
  operationStatus?: string;
}

/** The id of the name field of the create panel. */
export const NAME_FIELD = 'name';

/** Where `target` points: the name field, or the longest prefix of the path that exists in the draft. */
export function locateTarget(target: string | undefined, draft: unknown): { path: JsonPath; field?: string } {
  if (!target) {
    return { path: [] };
  }
  const segments = target.split('.').map((s) => s.trim()).filter(Boolean);
  if (segments.length === 1 && /^(galleryImageName|name)$/i.test(segments[0]!)) {
    return { path: [], field: NAME_FIELD };
  }
  if (/^galleryImage$/i.test(segments[0] ?? '')) {
    segments.shift();
  }
  // "osType" alone means properties.osType (the client SDKs flatten `properties`).
  if (segments.length && isJsonObject(draft) && !Object.keys(draft).some((k) => k.toLowerCase() === segments[0]!.toLowerCase()) && !/^(location|tags|properties)$/i.test(segments[0]!)) {
    segments.unshift('properties');
  }
  return { path: existingPath(draft, segments) };
}

/** "InvalidParameter: The identifier … (target galleryImage.properties.identifier)". */
export function serviceErrorText(error: ServiceErrorInfo): string {
  const message = error.message.replace(/\s+/g, ' ').trim().replace(/[.\s]+$/, '');
  const target = error.target ? ` ${l10n.t('(target: {0})', error.target)}` : '';
  const status = error.status ? ` [HTTP ${error.status}]` : '';
  return `${error.code}: ${message}${target}${status}`;
}

/** One issue for the error, and one per detail that names its own target. */
export function serviceErrorIssues(error: ServiceErrorInfo, draft: unknown): EditorIssue[] {
  const issues: EditorIssue[] = [];
  const main = locateTarget(error.target, draft);
  issues.push({ path: main.path, ...(main.field ? { field: main.field } : {}), message: serviceErrorText(error), severity: 'error', source: 'service' });
  for (const detail of error.details ?? []) {
    if (!detail.message || (detail.target === error.target && detail.message === error.message)) {
      continue;
    }
    const where = locateTarget(detail.target, draft);
    issues.push({
      path: where.path,
      ...(where.field ? { field: where.field } : {}),
      message: serviceErrorText({ code: detail.code ?? error.code, message: detail.message, target: detail.target }),
      severity: 'error',
      source: 'service',
    });
  }
  return issues;
}
