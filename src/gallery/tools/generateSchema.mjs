// Generates src/gallery/imageDefinitionSchema.generated.ts: the JSON schema (draft-07) of the body of
// PUT .../galleries/{galleryName}/images/{galleryImageName} (GalleryImages_CreateOrUpdate), derived from `GalleryImage`,
// `GalleryImageProperties` and every definition they reference in the official Compute Gallery definition
// (../shared/azure-specs, Azure/azure-rest-api-specs, MIT), API version 2024-03-03. The spec file itself is not copied
// into the repository.
// Run from the repository root:   node src/gallery/tools/generateSchema.mjs
//
// What the conversion does, and why:
// - descriptions are kept (they are the editor's hover and completion text); enum value descriptions (x-ms-enum) are
//   appended as a list;
// - `readOnly` properties are dropped (provisioningState; id, name and type of the resource): the service ignores them
//   in a PUT, and a draft should hold only what is sent;
// - `GalleryImage` is `allOf: [TrackedResource]` from the ARM common types (common-types/resource-management/v3), a file
//   the specs folder does not hold: its two writable properties, `location` (required) and `tags`, are written here
//   with the common types' own descriptions;
// - `properties` is required: its definition has required members (identifier, osType, osState);
// - every object with declared properties gets `additionalProperties: false`: the service refuses unknown properties,
//   and in an editor a typo should be flagged where it is typed;
// - `format` is dropped (the extension's validators check endOfLifeDate and the URIs themselves, with messages that
//   say what to write) and named in the description instead;
// - what the REST reference does not say but the service enforces is added to the descriptions, marked
//   "Service rule:": which properties can never change after creation (the service answers 409
//   PropertyChangeNotAllowed), that changing `features` needs allowUpdateImage, that Arm64 needs hyperVGeneration V2.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = '2024-03-03';
const SPEC = join(process.cwd(), '..', 'shared', 'azure-specs', 'specification', 'compute', 'resource-manager', 'Microsoft.Compute', 'GalleryRP', 'stable', VERSION, 'GalleryRP.json');
const OUT = join(process.cwd(), 'src', 'gallery', 'imageDefinitionSchema.generated.ts');
const ROOT = 'GalleryImage';

const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
const defs = spec.definitions;

const refName = (ref) => ref.split('/').pop();

function text(description) {
  if (!description) return undefined;
  return description.replace(/<br\s*\/?>/gi, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

const IMMUTABLE = 'Service rule: cannot be changed after the image definition is created (the service answers 409 PropertyChangeNotAllowed); create a new definition instead.';
/** Additions per `Definition.property`: schema keywords, and notes appended to the description. */
const EXTRA = {
  'GalleryImageProperties.identifier': { note: `${IMMUTABLE} The publisher/offer/sku triple must be unique within the gallery.` },
  'GalleryImageProperties.osType': { note: IMMUTABLE },
  'GalleryImageProperties.osState': { note: IMMUTABLE },
  'GalleryImageProperties.hyperVGeneration': { note: `${IMMUTABLE} The service default is V1; Arm64 images need V2.` },
  'GalleryImageProperties.architecture': { note: `${IMMUTABLE} The service default is x64; Arm64 needs hyperVGeneration V2.` },
  'GalleryImageProperties.features': { note: 'Service rule: changing the features of an existing definition needs "allowUpdateImage": true in the same request. Feature names must be unique.' },
  'GalleryImageProperties.allowUpdateImage': { note: 'Send true together with a change of `features` on an existing definition.' },
  'GalleryImageProperties.endOfLifeDate': { note: 'Format: date-time (RFC 3339), e.g. "2030-12-31T00:00:00Z".' },
  'GalleryImageProperties.privacyStatementUri': { note: 'An absolute http(s) URI.' },
  'GalleryImageProperties.releaseNoteUri': { note: 'An absolute http(s) URI.' },
  'RecommendedMachineConfiguration.vCPUs': { note: 'The recommended number of virtual CPUs of a VM created from this image, as a range.' },
  'RecommendedMachineConfiguration.memory': { note: 'The recommended memory of a VM created from this image, as a range.' },
  'ResourceRange.min': { note: 'A whole number of at least 0, at most `max`.' },
  'ResourceRange.max': { note: 'A whole number of at least 0 and at least `min`.' },
};

function withNote(description, note) {
  return [description, note].filter(Boolean).join('\n\n');
}

function convert(schema, owner) {
  if (schema.$ref) {
    const target = refName(schema.$ref);
    reach(target);
    const description = text(schema.description);
    return description ? { $ref: `#/definitions/${target}`, description } : { $ref: `#/definitions/${target}` };
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
      const converted = convert(prop, owner);
      const { note, ...keywords } = EXTRA[`${owner}.${name}`] ?? {};
      if (note) converted.description = withNote(converted.description, note);
      out.properties[name] = { ...converted, ...keywords };
    }
    if (schema.required?.length) out.required = schema.required.filter((r) => out.properties[r]);
    if (schema.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    out.additionalProperties = schema.additionalProperties === true ? true : convert(schema.additionalProperties, owner);
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

/** `{ $ref, description }` → a copy of the referenced definition (one level) with the property's own description. */
function inlineDescribedRefs(node) {
  if (Array.isArray(node)) return node.map(inlineDescribedRefs);
  if (!node || typeof node !== 'object') return node;
  if (node.$ref && node.description) {
    const target = converted.get(refName(node.$ref));
    const values = target.enum ? (target.description ?? '').split('\n\n').filter((part) => part.startsWith('- `')).join('\n\n') : '';
    return inlineDescribedRefs({ ...target, description: [node.description, values].filter(Boolean).join('\n\n') });
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineDescribedRefs(v)]));
}
for (const [name, value] of converted) converted.set(name, inlineDescribedRefs(value));

const image = converted.get(ROOT);
// TrackedResource (common-types/resource-management/v3/types.json), not in the specs folder: its writable members.
const root = {
  type: 'object',
  description: image.description,
  properties: {
    location: {
      type: 'string',
      description: withNote('The geo-location where the resource lives', `An image definition lives in its gallery's location. ${IMMUTABLE}`),
    },
    tags: {
      type: 'object',
      description: 'Resource tags.',
      additionalProperties: { type: 'string' },
    },
    ...image.properties,
  },
  required: ['location', 'properties'],
  additionalProperties: false,
};

// Keep only the definitions still referenced after inlining.
const used = new Set();
const collect = (node) => {
  for (const m of JSON.stringify(node).matchAll(/"#\/definitions\/([A-Za-z0-9_]+)"/g)) {
    if (!used.has(m[1])) { used.add(m[1]); collect(converted.get(m[1])); }
  }
};
collect(root);
const definitions = Object.fromEntries([...converted].filter(([n]) => n !== ROOT && used.has(n)).sort(([a], [b]) => a.localeCompare(b)));
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: `Image definition (PUT …/galleries/{galleryName}/images/{galleryImageName}, GalleryImage, ${VERSION})`,
  ...root,
  ...(Object.keys(definitions).length ? { definitions } : {}),
};

const banner = `// Generated by src/gallery/tools/generateSchema.mjs from the Azure Compute Gallery definition
// ${VERSION} (GalleryRP.json, ${ROOT}, GalleryImageProperties and what they reference). Do not edit by hand; re-run the generator.
`;
writeFileSync(
  OUT,
  `${banner}import type { JsonSchema } from '../poolPatch/jsonSchema';\n\nexport const IMAGE_DEFINITION_SCHEMA: JsonSchema = ${JSON.stringify(schema, null, 2)};\n`,
);
console.log(`wrote ${OUT}: ${Object.keys(definitions).length} definitions, ${Object.keys(root.properties).length} top-level properties`);
