/**
 * Three-way merge of JSON documents, for rebasing a draft on a newer server version: what the draft changed (against
 * the version it was based on) stays; what only the server changed is taken from the server; what both changed
 * differently keeps the draft's value and is reported as a conflict. Objects merge property by property, recursively;
 * arrays and scalars are atomic. Pure.
 */
import { isJsonObject, jsonEqual, type JsonObject } from './jsonValue';

export interface MergeResult {
  merged: unknown;
  /** Paths (dotted) the server changed and the draft changed differently: the draft's value was kept. */
  conflicts: string[];
  /** Paths the server changed that the draft had left alone: the server's value was taken. */
  taken: string[];
}

export function threeWayMerge(base: unknown, theirs: unknown, yours: unknown): MergeResult {
  const conflicts: string[] = [];
  const taken: string[] = [];
  const merged = merge(base, theirs, yours, '', conflicts, taken);
  return { merged, conflicts, taken };
}

function merge(base: unknown, theirs: unknown, yours: unknown, path: string, conflicts: string[], taken: string[]): unknown {
  if (jsonEqual(yours, base)) {
    if (!jsonEqual(theirs, base)) {
      taken.push(path || '(document)');
    }
    return theirs;
  }
  if (jsonEqual(theirs, base) || jsonEqual(theirs, yours)) {
    return yours;
  }
  if (isJsonObject(base) && isJsonObject(theirs) && isJsonObject(yours)) {
    const out: JsonObject = {};
    const keys = new Set([...Object.keys(yours), ...Object.keys(theirs), ...Object.keys(base)]);
    for (const key of keys) {
      const value = merge(base[key], theirs[key], yours[key], path ? `${path}.${key}` : key, conflicts, taken);
      if (value !== undefined) {
        out[key] = value;
      }
    }
    return out;
  }
  conflicts.push(path || '(document)');
  return yours;
}
