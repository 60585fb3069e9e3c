// Generates src/poolPatch/poolPatchSchema.generated.ts: the JSON schema (draft-07) of a pool PATCH body, derived from
// `BatchPoolUpdateOptions` and every definition it references in the official Batch data-plane definition
// (../shared/azure-specs, Azure/azure-rest-api-specs, MIT). The spec file itself is not copied into the repository.
// Run from the repository root:   node src/poolPatch/tools/generateSchema.mjs
//
// What the conversion does, and why:
// - descriptions are kept (they are the editor's hover and completion text), with `<br />` turned into paragraphs;
//   enum value descriptions (x-ms-enum) are appended as a list;
// - `readOnly` properties are dropped (the service ignores or refuses them in a PATCH);
// - every object with declared properties gets `additionalProperties: false`: the service refuses unknown
//   properties, and in an editor a typo should be flagged where it is typed;
// - a present object replaces the whole value (PATCH semantics), so the `*Update` definitions get the `required`
//   list of the definition they update (e.g. BatchStartTaskUpdate gets BatchStartTask's `commandLine`);
// - rules the definition states only in prose become schema keywords: maxTaskRetryCount >= -1, fileMode is octal,
//   taskSlotsPerNode 1..256, displayName <= 1024 characters;
// - `format` is dropped (int32/int64/uri/duration/date-time checks would only produce false alarms for values the
//   service accepts; the service checks them itself).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SPEC = join(process.cwd(), '..', 'shared', 'azure-specs', 'specification', 'batch', 'data-plane', 'Azure.Batch', 'stable', '2025-06-01.21.0', 'BatchService.json');
const OUT = join(process.cwd(), 'src', 'poolPatch', 'poolPatchSchema.generated.ts');
const ROOT = 'BatchPoolUpdateOptions';

const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
const defs = spec.definitions;

const refName = (ref) => ref.split('/').pop();
const localName = (name) => name.replace(/[^A-Za-z0-9_]/g, '_');

function text(description) {
  if (!description) return undefined;
  return description.replace(/<br\s*\/?>/gi, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

const EXTRA = {
  'BatchStartTaskUpdate.maxTaskRetryCount': { minimum: -1 },
  'ResourceFile.fileMode': { pattern: '^0?[0-7]{3,4}$' },
  'BatchPoolUpdateOptions.taskSlotsPerNode': { minimum: 1, maximum: 256 },
  'BatchPoolUpdateOptions.displayName': { maxLength: 1024 },
  'BatchPoolUpdateOptions.applicationPackageReferences': { maxItems: 10 },
};

function convert(schema, owner, property) {
  const out = {};
  if (schema.$ref) {
    const target = refName(schema.$ref);
    reach(target);
    // A $ref with its own description: resolved after conversion (see `inlineDescribedRefs`), because draft-07
    // ignores the siblings of $ref and the editor should show the property's own description.
    const description = text(schema.description);
    return description ? { $ref: `#/definitions/${localName(target)}`, description } : { $ref: `#/definitions/${localName(target)}` };
  }
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
  if (schema.items) out.items = convert(schema.items, owner, property);
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'default']) {
    if (schema[key] !== undefined) out[key] = schema[key];
  }
  if (schema.properties) {
    out.type = 'object';
    out.properties = {};
    for (const [name, prop] of Object.entries(schema.properties)) {
      if (prop.readOnly) continue;
      out.properties[name] = { ...convert(prop, owner, name), ...EXTRA[`${owner}.${name}`] };
    }
    const required = schema.required ?? defs[owner.replace(/Update$/, '')]?.required;
    if (required?.length && owner !== ROOT) out.required = required.filter((r) => out.properties[r]);
    if (schema.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    out.additionalProperties = schema.additionalProperties === true ? true : convert(schema.additionalProperties, owner, property);
  }
  return out;
}

const converted = new Map();
function reach(name) {
  if (converted.has(name)) return;
  converted.set(name, null);
  converted.set(name, convert(defs[name], name));
}
reach(ROOT);

/** `{ $ref, description }` → a copy of the referenced definition (one level) with the property's description. */
function inlineDescribedRefs(node) {
  if (Array.isArray(node)) return node.map(inlineDescribedRefs);
  if (!node || typeof node !== 'object') return node;
  if (node.$ref && node.description) {
    const target = converted.get(node.$ref.split('/').pop());
    const values = target.enum ? (target.description ?? '').split('\n\n').filter((part) => part.startsWith('- `')).join('\n\n') : '';
    return { ...target, description: [node.description, values].filter(Boolean).join('\n\n') };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineDescribedRefs(v)]));
}
for (const [name, value] of converted) converted.set(name, inlineDescribedRefs(value));

const root = converted.get(ROOT);
// Keep only the definitions still referenced after inlining.
const used = new Set();
const collect = (node) => {
  for (const m of JSON.stringify(node).matchAll(/"#\/definitions\/([A-Za-z0-9_]+)"/g)) {
    if (!used.has(m[1])) { used.add(m[1]); collect(converted.get([...converted.keys()].find((k) => localName(k) === m[1]))); }
  }
};
collect(root);
const definitions = Object.fromEntries([...converted].filter(([n]) => n !== ROOT && used.has(localName(n))).sort(([a], [b]) => a.localeCompare(b)).map(([n, s]) => [localName(n), s]));
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Pool update (PATCH /pools/{poolId}, BatchPoolUpdateOptions)',
  ...root,
  definitions,
};

const banner = `// Generated by src/poolPatch/tools/generateSchema.mjs from the Azure Batch data-plane definition
// 2025-06-01.21.0 (BatchService.json, ${ROOT} and what it references). Do not edit by hand; re-run the generator.
`;
writeFileSync(
  OUT,
  `${banner}import type { JsonSchema } from './jsonSchema';\n\nexport const POOL_PATCH_SCHEMA: JsonSchema = ${JSON.stringify(schema, null, 2)};\n`,
);
console.log(`wrote ${OUT}: ${Object.keys(definitions).length} definitions, ${Object.keys(root.properties).length} properties`);
