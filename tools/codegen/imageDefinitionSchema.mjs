// Makes src/gallery/imageDefinitionSchema.generated.ts: the JSON schema (draft-07) of the body of
// PUT .../galleries/{galleryName}/images/{galleryImageName} (GalleryImages_CreateOrUpdate), derived from `GalleryImage`,
// `GalleryImageProperties` and every definition they reference in the official Compute Gallery definition
// (../shared/azure-specs, Azure/azure-rest-api-specs, MIT), API version 2024-03-03. The spec file itself is not copied
// into the repository.
// Run through `npm run generate` (tools/codegen/generate.mjs).
//
// The conversion is swaggerToJsonSchema.mjs (descriptions kept, `readOnly` dropped,
// `additionalProperties: false`, described `$ref`s inlined). What is particular to the image definition, and why:
// - `readOnly` properties are provisioningState and the resource's id, name and type: the service ignores them in a
//   PUT, and a draft should hold only what is sent;
// - `GalleryImage` is `allOf: [TrackedResource]` from the ARM common types (common-types/resource-management/v3), a file
//   the specs folder does not hold: its two writable properties, `location` (required) and `tags`, are written here
//   with the common types' own descriptions;
// - `properties` is required: its definition has required members (identifier, osType, osState);
// - described `$ref`s are inlined all the way down;
// - `format` is dropped (the extension's validators check endOfLifeDate and the URIs themselves, with messages that
//   say what to write) and named in the description instead;
// - what the REST reference does not say but the service enforces is added to the descriptions, marked
//   "Service rule:": which properties can never change after creation (the service answers 409
//   PropertyChangeNotAllowed), that changing `features` needs allowUpdateImage, that Arm64 needs hyperVGeneration V2.
import { importPath, readSpec } from './specs.mjs';
import { JSON_SCHEMA_TYPE_MODULE, convertDefinitions, schemaModuleText, withNote } from './swaggerToJsonSchema.mjs';

const VERSION = '2024-03-03';
const OUT = 'src/gallery/imageDefinitionSchema.generated.ts';
const ROOT = 'GalleryImage';

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

/** The generated file: `path` (relative to the repository root) and its `text`. */
export function imageDefinitionSchema() {
  const defs = readSpec('compute', 'resource-manager', 'Microsoft.Compute', 'GalleryRP', 'stable', VERSION, 'GalleryRP.json').definitions;
  const { root, definitions } = convertDefinitions({
    definitions: defs,
    root: ROOT,
    extra: EXTRA,
    deepInline: true,
    // TrackedResource (common-types/resource-management/v3/types.json), not in the specs folder: its writable members.
    buildRoot: (image) => ({
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
    }),
  });
  const text = schemaModuleText({
    banner: `// Generated by tools/codegen/imageDefinitionSchema.mjs (npm run generate) from the Azure Compute Gallery definition
// ${VERSION} (GalleryRP.json, ${ROOT}, GalleryImageProperties and what they reference). Do not edit by hand; re-run the generator.
`,
    jsonSchemaImport: importPath(OUT, JSON_SCHEMA_TYPE_MODULE),
    exportName: 'IMAGE_DEFINITION_SCHEMA',
    title: `Image definition (PUT …/galleries/{galleryName}/images/{galleryImageName}, GalleryImage, ${VERSION})`,
    root,
    definitions,
  });
  return { path: OUT, text };
}
