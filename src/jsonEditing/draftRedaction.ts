/**
 * What of a draft must not be kept in plain storage (global state): secret-bearing values. A value is secret-bearing
 * when it is a string and it is a start-task (or any) environment variable's `value`, a URL with a SAS signature
 * (`sig=` in its query), or the value of a property named like a password, key, secret or token.
 *
 * The decision (see README, "Drafts"): values that came from the service are replaced by a placeholder and read again
 * from the service when the draft is restored; values the user typed go to SecretStorage, never to global state.
 * Pure: no `vscode`.
 */
import { isJsonObject, type JsonObject } from './jsonValue';
import type { JsonPath } from './editorModel';

/** What a redacted value is replaced with in storage (and shown, while the service cannot be reached to re-read it). */
export const REDACTED_VALUE = '<redacted: read again from the service>';

const SECRET_NAME = /(password|secret|token|connectionstring|credential|sas)|(^|[a-z_])key$/i;
const SAS_SIGNATURE = /[?&]sig=/i;

/** Whether the string `value` at `path` is secret-bearing. */
export function isSecretValue(path: JsonPath, value: unknown): boolean {
  if (typeof value !== 'string' || value === REDACTED_VALUE) {
    return false;
  }
  if (SAS_SIGNATURE.test(value)) {
    return true;
  }
  const name = path[path.length - 1];
  if (typeof name !== 'string') {
    return false;
  }
  if (name === 'value' && path.some((segment) => segment === 'environmentSettings')) {
    return true;
  }
  return SECRET_NAME.test(name);
}

/** The value at `path` of `doc`, or undefined. */
export function valueAt(doc: unknown, path: JsonPath): unknown {
  let at = doc;
  for (const segment of path) {
    if (typeof segment === 'number' ? Array.isArray(at) : isJsonObject(at)) {
      at = (at as Record<string | number, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return at;
}

/** A dotted path key ("startTask.environmentSettings[0].value") for the secrets map. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

function walk(value: unknown, path: JsonPath, visit: (path: JsonPath, value: unknown) => unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => walk(item, [...path, i], visit));
  }
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = walk(v, [...path, k], visit);
    }
    return out;
  }
  return visit(path, value);
}

export interface Redaction {
  /** The value with every secret-bearing string replaced by REDACTED_VALUE. */
  value: unknown;
  /** How many values were replaced. */
  count: number;
  /** The replaced values that differ from the server's (the user typed them), by pathKey. */
  typed: Record<string, string>;
}

/**
 * Replaces the secret-bearing values of `value`. `server` is the document it started from (the same paths): a value
 * equal to the server's there came from the service; any other was typed (returned in `typed`).
 */
export function redact(value: unknown, server?: unknown): Redaction {
  let count = 0;
  const typed: Record<string, string> = {};
  const out = walk(value, [], (path, leaf) => {
    if (!isSecretValue(path, leaf)) {
      return leaf;
    }
    count++;
    if (server === undefined || valueAt(server, path) !== leaf) {
      typed[pathKey(path)] = leaf as string;
    }
    return REDACTED_VALUE;
  });
  return { value: out, count, typed };
}

export interface Resolution {
  value: unknown;
  /** Placeholders left (no value at their path in the sources). */
  unresolved: number;
}

/** Puts the values back: from `typed` (by pathKey) first, then from `source` (the service's current document). */
export function resolveRedacted(value: unknown, source: unknown, typed: Record<string, string> = {}): Resolution {
  let unresolved = 0;
  const out = walk(value, [], (path, leaf) => {
    if (leaf !== REDACTED_VALUE) {
      return leaf;
    }
    const mine = typed[pathKey(path)];
    if (mine !== undefined) {
      return mine;
    }
    const theirs = valueAt(source, path);
    if (typeof theirs === 'string') {
      return theirs;
    }
    unresolved++;
    return leaf;
  });
  return { value: out, unresolved };
}

/** Whether `value` holds a placeholder anywhere. */
export function hasRedactions(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes(JSON.stringify(REDACTED_VALUE));
}
