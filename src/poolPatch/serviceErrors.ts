/**
 * A service error (BatchError: code, message, values) placed next to the part of the draft it concerns, when the
 * service says which: `PropertyName` ("startTask.commandLine", "metadata"), or an `ApplicationId`. Pure.
 */
import * as l10n from '../utils/l10n';
import type { EditorIssue, JsonPath } from '../jsonEditing/editorModel';
import { existingPath, isJsonObject, type JsonObject } from '../jsonEditing/jsonValue';
import type { FailureWording } from '../jsonEditing/writeFailure';

export interface ServiceErrorInfo {
  code: string;
  message: string;
  status?: number;
  values: readonly { key?: string; value?: string }[];
}

/** The longest prefix of a dotted property name that exists in the draft ("metadata.value" → ['metadata']). */
export function pathForPropertyName(draft: JsonObject, propertyName: string): JsonPath {
  return existingPath(draft, propertyName.split('.').map((s) => s.trim()).filter(Boolean));
}

function pathForApplicationId(draft: JsonObject, applicationId: string): JsonPath | undefined {
  const refs = draft['applicationPackageReferences'];
  if (!Array.isArray(refs)) {
    return undefined;
  }
  const wanted = applicationId.split('/').pop()!.toLowerCase();
  const index = refs.findIndex((r) => isJsonObject(r) && typeof r['applicationId'] === 'string' && r['applicationId'].split('/').pop()!.toLowerCase() === wanted);
  return index >= 0 ? ['applicationPackageReferences', index, 'applicationId'] : ['applicationPackageReferences'];
}

/** The first meaningful line of a Batch message (without its RequestId/Time lines). */
export function firstLine(message: string): string {
  return message.split(/\r?\n/).filter((l) => l.trim() && !/^\s*(RequestId|Time)\s*:/i.test(l)).join(' ').trim();
}

export function serviceErrorIssues(error: ServiceErrorInfo, draft: JsonObject | undefined): EditorIssue[] {
  const values = error.values.filter((v) => v.key);
  const details = values.map((v) => `${v.key}: ${v.value ?? ''}`).join('; ');
  // The service's own words (code, message, key: value pairs) stay as they are; only the frame around them is localized.
  const text = details ? l10n.t('{0} — {1}', firstLine(error.message), details) : firstLine(error.message);
  const message = error.status ? l10n.t('{0} (HTTP {1}): {2}', error.code, error.status, text) : l10n.t('{0}: {1}', error.code, text);
  let path: JsonPath = [];
  if (draft) {
    const propertyName = values.find((v) => v.key?.toLowerCase() === 'propertyname')?.value;
    const applicationId = values.find((v) => v.key?.toLowerCase() === 'applicationid')?.value;
    if (propertyName) {
      path = pathForPropertyName(draft, propertyName);
    } else if (applicationId) {
      path = pathForApplicationId(draft, applicationId) ?? [];
    }
  }
  return [{ path, message, severity: 'error', source: 'service' }];
}

/** How the pool editor words a PATCH that failed (see src/jsonEditing/writeFailure.ts). */
export function patchFailureWording(draft: JsonObject): FailureWording {
  return {
    // The client's one line (what failed, the service's code and message, the status, what to do), without its period.
    refusal: (error) => ({
      text: error.toString().replace(/\.$/, ''),
      issues: serviceErrorIssues({ code: error.code, message: error.serviceMessage, status: error.status, values: error.values }, draft),
    }),
    checkHint: l10n.t('reload the editor to check.'),
  };
}
