// Swagger 2.0 definitions (../shared/azure-specs, Azure/azure-rest-api-specs, MIT) → a JSON schema (draft-07) written as
// a TypeScript module, for the JSON editor panels. Dev-only tooling, shared by the generators that call it (it is not
// bundled into the extension):
//   tools/codegen/poolPatchSchema.mjs         (pool PATCH body)
//   tools/codegen/imageDefinitionSchema.mjs   (image definition PUT body)
//
// What the conversion does, and why:
// - descriptions are kept (they are the editor's hover and completion text), with `<br />` turned into paragraphs;
//   enum value descriptions (x-ms-enum) are appended as a list;
// - `readOnly` properties are dropped (the service ignores or refuses them in a request body);
// - every object with declared properties gets `additionalProperties: false`: the service refuses unknown
//   properties, and in an editor a typo should be flagged where it is typed;
// - `format` is dropped (each generator says why), as is everything else not listed in `convert`;
// - a `$ref` with its own description is replaced by a copy of the referenced definition with that description,
//   because draft-07 ignores the siblings of `$ref` and the editor should show the property's own description (the
//   copy as it stands, or, with `deepInline`, with its own described `$ref`s inlined too);
// - definition names become identifiers (`Azure.Core.eTag` → `Azure_Core_eTag`), and only the definitions still
//   referenced after that inlining are kept, sorted by name.
// The callers decide what differs: the root definition, how `required` is derived, the additions per property
// (schema keywords, and a `note` appended to the description), how deep described `$ref`s are inlined, and
// hand-written members of the root.
const refName = (ref) => ref.split('/').pop();
const localName = (name) => name.replace(/[^A-Za-z0-9_]/g, '_');

function text(description) {
  if (!description) return undefined;
  return description.replace(/<br\s*\/?>/gi, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A description with a note appended as its own paragraph. */
export function withNote(description, note) {
  return [description, note].filter(Boolean).join('\n\n');
}

/**
 * Converts `root` and every definition it reaches.
 * - `extra`: additions per `Definition.property`: schema keywords, and `note`, appended to the description;
 * - `required(schema, owner)`: the `required` list of an object schema declared in definition `owner`
 *   (default: the schema's own);
 * - `deepInline`: a described `$ref` becomes a copy of its definition with that copy's described `$ref`s inlined as
 *   well (default: the copy as it stands when it is inlined);
 * - `buildRoot(converted)`: the root schema to emit, from the converted root definition (default: as converted).
 * Returns the root schema and the definitions it still references, by local name.
 */
export function convertDefinitions({ definitions: defs, root: rootName, extra = {}, required = (schema) => schema.required, deepInline = false, buildRoot = (converted) => converted }) {
  const converted = new Map();

  function reach(name) {
    if (converted.has(name)) return;
    converted.set(name, null);
    converted.set(name, convert(defs[name], name));
  }

  function convert(schema, owner) {
    if (schema.$ref) {
      const target = refName(schema.$ref);
      reach(target);
      const description = text(schema.description);
      return description ? { $ref: `#/definitions/${localName(target)}`, description } : { $ref: `#/definitions/${localName(target)}` };
    }
    const out = {};
    const description = text(schema.description);
    if (schema.type) out.type = schema.type;
    if (schema.enum) {
      out.enum = schema.enum;
      const values = schema['x-ms-enum']?.values?.filter((v) => v.description);
      const list = values?.length ? values.map((v) => `- \`${v.value}\`: ${text(v.description)}`).join('\n') : undefined;
      const joined = [description, list].filter(Boolean).join('\n\n');
      if (joined) out.description = joined;
    } else if (description) {
      out.description = description;
    }
    if (schema.items) out.items = convert(schema.items, owner);
    for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'default']) {
      if (schema[key] !== undefined) out[key] = schema[key];
    }
    if (schema.properties) {
      out.type = 'object';
      out.properties = {};
      for (const [name, prop] of Object.entries(schema.properties)) {
        if (prop.readOnly) continue;
        const property = convert(prop, owner);
        const { note, ...keywords } = extra[`${owner}.${name}`] ?? {};
        if (note) property.description = withNote(property.description, note);
        out.properties[name] = { ...property, ...keywords };
      }
      const names = required(schema, owner);
      if (names?.length) out.required = names.filter((r) => out.properties[r]);
      if (schema.additionalProperties === undefined) out.additionalProperties = false;
    }
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
      out.additionalProperties = schema.additionalProperties === true ? true : convert(schema.additionalProperties, owner);
    }
    return out;
  }

  const byLocalName = (name) => converted.get([...converted.keys()].find((k) => localName(k) === name));

  /** `{ $ref, description }` → a copy of the referenced definition with the property's own description. */
  function inlineDescribedRefs(node) {
    if (Array.isArray(node)) return node.map(inlineDescribedRefs);
    if (!node || typeof node !== 'object') return node;
    if (node.$ref && node.description) {
      const target = byLocalName(refName(node.$ref));
      const values = target.enum ? (target.description ?? '').split('\n\n').filter((part) => part.startsWith('- `')).join('\n\n') : '';
      const copy = { ...target, description: [node.description, values].filter(Boolean).join('\n\n') };
      return deepInline ? inlineDescribedRefs(copy) : copy;
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineDescribedRefs(v)]));
  }

  reach(rootName);
  for (const [name, value] of converted) converted.set(name, inlineDescribedRefs(value));
  const root = buildRoot(converted.get(rootName));

  // Keep only the definitions still referenced after inlining.
  const used = new Set();
  const collect = (node) => {
    for (const m of JSON.stringify(node).matchAll(/"#\/definitions\/([A-Za-z0-9_]+)"/g)) {
      if (!used.has(m[1])) { used.add(m[1]); collect(byLocalName(m[1])); }
    }
  };
  collect(root);
  const definitions = Object.fromEntries(
    [...converted].filter(([n]) => n !== rootName && used.has(localName(n))).sort(([a], [b]) => a.localeCompare(b)).map(([n, s]) => [localName(n), s]),
  );
  return { root, definitions };
}

/** The module that declares the `JsonSchema` type the generated schemas are typed with (repository path, no extension). */
export const JSON_SCHEMA_TYPE_MODULE = 'src/jsonEditing/jsonSchema';

/**
 * The text of a schema module: the banner, then `export const <exportName>: JsonSchema = <the schema>;`, the schema
 * being the draft-07 document `{ $schema, title, ...root, definitions }` (`definitions` only when there are any).
 */
export function schemaModuleText({ banner, jsonSchemaImport, exportName, title, root, definitions }) {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    ...root,
    ...(Object.keys(definitions).length ? { definitions } : {}),
  };
  return `${banner}import type { JsonSchema } from '${jsonSchemaImport}';\n\nexport const ${exportName}: JsonSchema = ${JSON.stringify(schema, null, 2)};\n`;
}
