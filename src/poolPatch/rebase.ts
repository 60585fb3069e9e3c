/**
 * Rebasing a pool draft on a newer version of the pool (after a 412): the draft's own edits stay on top, what only
 * the server changed comes from the server, and properties both changed differently keep the draft's value and are
 * reported. Properties the draft leaves out stay out (omitted = unchanged). Pure: no `vscode`.
 */
import { threeWayMerge } from '../jsonEditing/jsonMerge';
import type { JsonObject } from '../jsonEditing/jsonValue';
import { LIST_PROPERTIES, MAP_PROPERTIES } from './poolPatchModel';

const normalize = (property: string, value: unknown): unknown =>
  value !== undefined ? value : LIST_PROPERTIES.includes(property) ? [] : MAP_PROPERTIES.includes(property) ? {} : undefined;

export interface PoolRebase {
  draft: JsonObject;
  conflicts: string[];
  taken: string[];
}

export function rebasePoolDraft(oldCurrent: JsonObject, newCurrent: JsonObject, draft: JsonObject): PoolRebase {
  const out: JsonObject = {};
  const conflicts: string[] = [];
  const taken: string[] = [];
  for (const [property, yours] of Object.entries(draft)) {
    const result = threeWayMerge(normalize(property, oldCurrent[property]), normalize(property, newCurrent[property]), yours);
    out[property] = result.merged;
    conflicts.push(...result.conflicts.map((p) => (p === '(document)' ? property : `${property}.${p}`)));
    taken.push(...result.taken.map((p) => (p === '(document)' ? property : `${property}.${p}`)));
  }
  return { draft: out, conflicts, taken };
}
