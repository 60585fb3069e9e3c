/** Small helpers on parsed JSON values, shared by the editors' pure modules. No `vscode`, no DOM. */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** One-line JSON, shortened to `max` characters with an ellipsis. */
export function shortJson(value: unknown, max = 120): string {
  if (value === undefined) {
    return '';
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The value at `path`, or undefined. */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') {
      node = node[segment];
    } else if (isJsonObject(node) && typeof segment === 'string') {
      node = node[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

/**
 * The longest prefix of `segments` that exists in `root`, as a path: property names matched without regard to case
 * (services name them in their own casing), digit segments as indexes of arrays. Where a service error points.
 */
export function existingPath(root: unknown, segments: readonly string[]): (string | number)[] {
  let path: (string | number)[] = [];
  for (const segment of segments) {
    const node = valueAt(root, path);
    const index = /^\d+$/.test(segment) ? Number(segment) : undefined;
    if (Array.isArray(node) && index !== undefined && index < node.length) {
      path = [...path, index];
      continue;
    }
    const key = isJsonObject(node) ? Object.keys(node).find((k) => k.toLowerCase() === segment.toLowerCase()) : undefined;
    if (key === undefined) {
      break;
    }
    path = [...path, key];
  }
  return path;
}
