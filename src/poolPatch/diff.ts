/**
 * The PATCH diff of a pool draft against the pool's current values, with the service's semantics
 * (BatchPoolUpdateOptions): a property left out stays unchanged; an empty list (or an empty map) clears it; a given
 * value replaces the current one whole (startTask included). Only changed properties go into the request body.
 * Pure: no `vscode`.
 */
import type { ChangeKind } from '../jsonEditing/editorModel';
import { isJsonObject, jsonEqual, type JsonObject } from '../jsonEditing/jsonValue';
import { LIST_PROPERTIES, MAP_PROPERTIES, PATCHABLE_PROPERTIES } from './poolPatchModel';

export interface PropertyChange {
  property: string;
  kind: ChangeKind;
  /** Whether the draft names the property (an omitted one is 'unchanged'). */
  inDraft: boolean;
  before: unknown;
  after: unknown;
}

export interface PoolPatchDiff {
  changes: PropertyChange[];
  /** The request body: exactly the changed properties, with the draft's values. */
  body: JsonObject;
}

function isEmpty(property: string, value: unknown): boolean {
  if (value === undefined || value === null) {
    return true;
  }
  if (LIST_PROPERTIES.includes(property)) {
    return Array.isArray(value) && value.length === 0;
  }
  if (MAP_PROPERTIES.includes(property)) {
    return isJsonObject(value) && Object.keys(value).length === 0;
  }
  return false;
}

export function kindOf(property: string, before: unknown, after: unknown): ChangeKind {
  const wasEmpty = isEmpty(property, before);
  const isNowEmpty = isEmpty(property, after);
  if ((wasEmpty && isNowEmpty) || jsonEqual(before, after)) {
    return 'unchanged';
  }
  if (isNowEmpty) {
    return 'cleared';
  }
  return wasEmpty ? 'added' : 'replaced';
}

/**
 * `draft` must be a parsed JSON object. Properties the definition does not know are left out here (the schema check
 * reports them). The changes list every patchable property that is in the draft or in `current`.
 */
export function diffPoolPatch(current: JsonObject, draft: JsonObject): PoolPatchDiff {
  const changes: PropertyChange[] = [];
  const body: JsonObject = {};
  for (const property of PATCHABLE_PROPERTIES) {
    const inDraft = Object.hasOwn(draft, property) && draft[property] !== undefined;
    const before = current[property];
    if (!inDraft) {
      if (before !== undefined) {
        changes.push({ property, kind: 'unchanged', inDraft, before, after: undefined });
      }
      continue;
    }
    const after = draft[property];
    const kind = after === null ? 'unchanged' : kindOf(property, before, after);
    changes.push({ property, kind, inDraft, before, after });
    if (kind !== 'unchanged') {
      body[property] = after;
    }
  }
  return { changes, body };
}
