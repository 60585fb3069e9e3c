/**
 * OpenAPI 2.0 (Swagger) schema objects -> JSON Schema (draft-07) for ajv.
 *
 * - "#/definitions/X" refs point into the same spec file (registered in ajv under `schemaId`);
 *   refs to other files (common-types that are not in the specs folder) become the permissive schema {}.
 * - readOnly properties are accepted with any value and are never required (a client should not send them, but a
 *   harmless echo of e.g. provisioningState is not a violation).
 * - x-nullable adds null; vendor keys (x-ms-*), descriptions, examples and discriminators are dropped.
 * - Swagger 2's boolean exclusiveMinimum/exclusiveMaximum become draft-07 numbers.
 */

export type JsonSchema = Record<string, unknown>;

const COPIED_KEYS = [
  'type', 'format', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems',
  'uniqueItems', 'multipleOf', 'minProperties', 'maxProperties',
];

export function convertSchema(node: unknown, schemaId: string): JsonSchema {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) { return {}; }
  const src = node as Record<string, unknown>;
  if (typeof src['$ref'] === 'string') {
    const ref = src['$ref'];
    if (ref.startsWith('#/definitions/')) { return { $ref: `${schemaId}${ref}` }; }
    return {}; // external file we do not have: permissive
  }
  const out: JsonSchema = {};
  for (const key of COPIED_KEYS) {
    if (src[key] !== undefined) { out[key] = src[key]; }
  }
  if (out['type'] === 'file') { delete out['type']; }
  if (src['exclusiveMinimum'] === true && typeof src['minimum'] === 'number') {
    out['exclusiveMinimum'] = src['minimum'];
    delete out['minimum'];
  }
  if (src['exclusiveMaximum'] === true && typeof src['maximum'] === 'number') {
    out['exclusiveMaximum'] = src['maximum'];
    delete out['maximum'];
  }
  if (src['items'] !== undefined) { out['items'] = convertSchema(src['items'], schemaId); }
  if (typeof src['additionalProperties'] === 'boolean') { out['additionalProperties'] = src['additionalProperties']; }
  else if (src['additionalProperties'] !== undefined) { out['additionalProperties'] = convertSchema(src['additionalProperties'], schemaId); }

  const readOnly = new Set<string>();
  if (src['properties'] && typeof src['properties'] === 'object') {
    const props: Record<string, JsonSchema> = {};
    for (const [name, value] of Object.entries(src['properties'] as Record<string, unknown>)) {
      const isReadOnly = typeof value === 'object' && value !== null && (value as Record<string, unknown>)['readOnly'] === true;
      if (isReadOnly) { readOnly.add(name); }
      props[name] = isReadOnly ? {} : convertSchema(value, schemaId);
    }
    out['properties'] = props;
  }
  if (Array.isArray(src['required'])) {
    const required = (src['required'] as unknown[]).filter((n): n is string => typeof n === 'string' && !readOnly.has(n));
    if (required.length > 0) { out['required'] = required; }
  }
  if (Array.isArray(src['allOf'])) { out['allOf'] = (src['allOf'] as unknown[]).map((s) => convertSchema(s, schemaId)); }
  if (src['x-nullable'] === true) { return { anyOf: [out, { type: 'null' }] }; }
  return out;
}

/** Converts every definition of a spec into one schema document with `$id = schemaId`. */
export function convertDefinitions(definitions: Record<string, unknown>, schemaId: string): JsonSchema {
  const converted: Record<string, JsonSchema> = {};
  for (const [name, def] of Object.entries(definitions)) { converted[name] = convertSchema(def, schemaId); }
  return { $id: schemaId, definitions: converted };
}

/** Removes null-valued object properties (services treat an explicit null like an omitted property). */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) { return value.map(dropNulls); }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== null) { out[k] = dropNulls(v); }
    }
    return out;
  }
  return value;
}
