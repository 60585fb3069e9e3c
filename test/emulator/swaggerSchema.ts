/**
 * OpenAPI 2.0 (Swagger) schema objects -> JSON Schema (draft 2019-09) for ajv, strict about property names.
 *
 * - Closed objects: an object that declares `properties` (or inherits them through `allOf`) and no
 *   `additionalProperties` accepts no other property (`unevaluatedProperties: false`, which sees through `allOf` and
 *   `$ref`). Strictness is added where a value is described (a property, an array item, a body), not on a definition
 *   used as an `allOf` base, so a derived definition's own properties stay allowed. An object that inherits from a
 *   definition nobody can resolve stays open (its properties are unknown).
 * - Direction: in a request, readOnly properties are accepted with any value and never required (a harmless echo of
 *   e.g. provisioningState is not a violation); in a response they are checked like any other, and `required` holds.
 * - "#/definitions/X" refs point into the same document; refs into other files resolve through `resolve` (the
 *   stand-ins for ARM common types, ./specStandIns.ts); anything else becomes the permissive schema {}.
 * - x-nullable adds null; vendor keys (x-ms-*), descriptions, examples and discriminators are dropped.
 * - Swagger 2's boolean exclusiveMinimum/exclusiveMaximum become numbers.
 */

export type JsonSchema = Record<string, unknown>;
export type Direction = 'request' | 'response';

/** One Swagger document's definitions, under an id that names it in ajv (one registration per direction). */
export interface SwaggerDoc {
  id: string;
  definitions: Record<string, unknown>;
}

/** Finds the document and definition a `$ref` names, from the document it appears in; undefined when unknown. */
export type RefResolver = (ref: string, from: SwaggerDoc) => { doc: SwaggerDoc; name: string } | undefined;

export interface ConvertContext {
  doc: SwaggerDoc;
  direction: Direction;
  resolve: RefResolver;
}

const COPIED_KEYS = [
  'type', 'format', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems',
  'uniqueItems', 'multipleOf', 'minProperties', 'maxProperties',
];

/** The ajv id of a document's converted definitions in one direction. */
export function schemaIdOf(doc: SwaggerDoc, direction: Direction): string {
  return `${doc.id}:${direction}`;
}

function asObject(node: unknown): Record<string, unknown> | undefined {
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

/**
 * True when every property an instance may have is known: the schema declares properties or allOf bases, no
 * additionalProperties, and each base resolves to a schema that is closed in turn.
 */
export function isClosed(node: unknown, doc: SwaggerDoc, resolve: RefResolver, seen = new Set<unknown>()): boolean {
  const src = asObject(node);
  if (!src || seen.has(src)) {
    return src !== undefined;
  }
  seen.add(src);
  if (typeof src['$ref'] === 'string') {
    const target = resolve(src['$ref'], doc);
    return target !== undefined && isClosed(target.doc.definitions[target.name], target.doc, resolve, seen);
  }
  if (src['additionalProperties'] !== undefined) {
    return false;
  }
  const bases = Array.isArray(src['allOf']) ? (src['allOf'] as unknown[]) : [];
  if (src['properties'] === undefined && bases.length === 0) {
    return false;
  }
  return bases.every((base) => isClosed(base, doc, resolve, seen));
}

/**
 * Converts one schema object. `use` is 'value' where the schema describes a value (closed objects get strict), and
 * 'base' for a definition's own top level and for allOf members (strictness belongs to the value that uses them).
 */
export function convertSchema(node: unknown, ctx: ConvertContext, use: 'value' | 'base' = 'value'): JsonSchema {
  const src = asObject(node);
  if (!src) {
    return {};
  }
  const strict = use === 'value' && isClosed(src, ctx.doc, ctx.resolve);
  if (typeof src['$ref'] === 'string') {
    const target = ctx.resolve(src['$ref'], ctx.doc);
    if (!target) {
      return {}; // a file we do not have: permissive
    }
    const ref = { $ref: `${schemaIdOf(target.doc, ctx.direction)}#/definitions/${target.name}` };
    return strict ? { ...ref, unevaluatedProperties: false } : ref;
  }
  const out: JsonSchema = {};
  for (const key of COPIED_KEYS) {
    if (src[key] !== undefined) {
      out[key] = src[key];
    }
  }
  if (out['type'] === 'file') {
    delete out['type'];
  }
  if (src['exclusiveMinimum'] === true && typeof src['minimum'] === 'number') {
    out['exclusiveMinimum'] = src['minimum'];
    delete out['minimum'];
  }
  if (src['exclusiveMaximum'] === true && typeof src['maximum'] === 'number') {
    out['exclusiveMaximum'] = src['maximum'];
    delete out['maximum'];
  }
  if (src['items'] !== undefined) {
    out['items'] = convertSchema(src['items'], ctx);
  }
  if (typeof src['additionalProperties'] === 'boolean') {
    out['additionalProperties'] = src['additionalProperties'];
  } else if (src['additionalProperties'] !== undefined) {
    out['additionalProperties'] = convertSchema(src['additionalProperties'], ctx);
  }

  const readOnly = new Set<string>();
  const properties = asObject(src['properties']);
  if (properties) {
    const props: Record<string, JsonSchema> = {};
    for (const [name, value] of Object.entries(properties)) {
      const acceptAnything = ctx.direction === 'request' && asObject(value)?.['readOnly'] === true;
      if (acceptAnything) {
        readOnly.add(name);
      }
      props[name] = acceptAnything ? {} : convertSchema(value, ctx);
    }
    out['properties'] = props;
  }
  if (Array.isArray(src['required'])) {
    const required = (src['required'] as unknown[]).filter((n): n is string => typeof n === 'string' && !readOnly.has(n));
    if (required.length > 0) {
      out['required'] = required;
    }
  }
  if (Array.isArray(src['allOf'])) {
    out['allOf'] = (src['allOf'] as unknown[]).map((s) => convertSchema(s, ctx, 'base'));
  }
  if (strict) {
    out['unevaluatedProperties'] = false;
  }
  if (src['x-nullable'] === true) {
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** Converts every definition of a document into one schema document with `$id = schemaIdOf(doc, direction)`. */
export function convertDefinitions(doc: SwaggerDoc, direction: Direction, resolve: RefResolver): JsonSchema {
  const ctx: ConvertContext = { doc, direction, resolve };
  const converted: Record<string, JsonSchema> = {};
  for (const [name, def] of Object.entries(doc.definitions)) {
    converted[name] = convertSchema(def, ctx, 'base');
  }
  return { $id: schemaIdOf(doc, direction), definitions: converted };
}
