/**
 * What a pool PATCH can change, read off the generated schema of `BatchPoolUpdateOptions` (2025-06-01.21.0), and the
 * pool's current values of those properties. Pure: no `vscode`.
 */
import type { BatchPool } from '../azure/batch/batchModels.generated';
import { isJsonObject, type JsonObject } from '../jsonEditing/jsonValue';
import { POOL_PATCH_SCHEMA } from './poolPatchSchema.generated';

const PROPERTIES = POOL_PATCH_SCHEMA.properties ?? {};

/** Every property of BatchPoolUpdateOptions, in the definition's order. */
export const PATCHABLE_PROPERTIES: readonly string[] = Object.keys(PROPERTIES);

/** The properties of the Pool - Patch reference page (PoolPatchParameter), shown in a new draft. */
export const CORE_PROPERTIES: readonly string[] = [
  'startTask', 'applicationPackageReferences', 'certificateReferences', 'metadata', 'targetNodeCommunicationMode',
];

/** "This field can be updated only when the pool is empty.": taken from the definition's own descriptions. */
export const EMPTY_POOL_ONLY: readonly string[] = PATCHABLE_PROPERTIES.filter((name) =>
  /can be updated only when the pool is empty/i.test(String(PROPERTIES[name]?.description ?? '')),
);

/** Lists: an empty list clears them. */
export const LIST_PROPERTIES: readonly string[] = PATCHABLE_PROPERTIES.filter((name) => PROPERTIES[name]?.type === 'array');

/** Maps (resourceTags): an empty object clears them. */
export const MAP_PROPERTIES: readonly string[] = PATCHABLE_PROPERTIES.filter(
  (name) => PROPERTIES[name]?.type === 'object' && !PROPERTIES[name]?.properties && PROPERTIES[name]?.additionalProperties !== false,
);

/** Retired by the service since February 2024 (the definition marks it deprecated). */
export const RETIRED_PROPERTIES: readonly string[] = PATCHABLE_PROPERTIES.filter((name) =>
  /deprecated and will be removed/i.test(String(PROPERTIES[name]?.description ?? '')),
);

/** Drops what the GET returns that a PATCH must not carry: `imageReference.exactVersion` (read-only in the definition). */
function stripReadOnly(value: unknown, path: string[]): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => stripReadOnly(item, path));
  }
  if (!isJsonObject(value)) {
    return value;
  }
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'exactVersion' && path.includes('imageReference')) {
      continue;
    }
    out[key] = stripReadOnly(v, [...path, key]);
  }
  return out;
}

/** The pool's current value of every patchable property (absent ones left out). */
export function currentPatchableValues(pool: BatchPool): JsonObject {
  const source = pool as unknown as JsonObject;
  const out: JsonObject = {};
  for (const name of PATCHABLE_PROPERTIES) {
    if (source[name] !== undefined && source[name] !== null) {
      out[name] = stripReadOnly(structuredClone(source[name]), [name]);
    }
  }
  return out;
}

/**
 * A new draft: the current values of the reference page's properties (lists that are absent shown as [], so that
 * editing starts from what the pool has). Other patchable properties are offered by completion.
 */
export function initialDraft(current: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const name of CORE_PROPERTIES) {
    if (current[name] !== undefined) {
      out[name] = structuredClone(current[name]);
    } else if (LIST_PROPERTIES.includes(name) && !RETIRED_PROPERTIES.includes(name)) {
      out[name] = [];
    }
  }
  return out;
}

/** What the pool looks like for the "only when the pool is empty" rule. */
export interface PoolState {
  id: string;
  currentDedicatedNodes: number;
  currentLowPriorityNodes: number;
  allocationState?: string;
  state?: string;
}

export function poolState(pool: BatchPool): PoolState {
  return {
    id: pool.id ?? '',
    currentDedicatedNodes: pool.currentDedicatedNodes ?? 0,
    currentLowPriorityNodes: pool.currentLowPriorityNodes ?? 0,
    allocationState: pool.allocationState,
    state: pool.state,
  };
}

export const nodeCount = (state: PoolState): number => state.currentDedicatedNodes + state.currentLowPriorityNodes;
