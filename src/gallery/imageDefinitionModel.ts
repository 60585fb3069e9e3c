/**
 * What an image-definition draft is: the body of PUT …/galleries/{galleryName}/images/{galleryImageName}
 * (GalleryImage, Compute Gallery API 2024-03-03) without its read-only parts, the starting document of a new
 * definition, the name rule, and which properties the service lets an existing definition change. Pure: no `vscode`.
 */
import type { GalleryImage } from '../azure/arm/galleryModels.generated';
import * as l10n from '../utils/l10n';
import { isJsonObject, type JsonObject } from '../jsonEditing/jsonValue';
import { IMAGE_DEFINITION_SCHEMA } from './imageDefinitionSchema.generated';

const PROPERTIES = (IMAGE_DEFINITION_SCHEMA.properties?.['properties']?.properties ?? {}) as Record<string, { description?: string }>;

/** Every writable member of GalleryImageProperties, in the definition's order. */
export const DEFINITION_PROPERTIES: readonly string[] = Object.keys(PROPERTIES);

/**
 * The name rule of the REST reference (galleryImageName): letters and digits, with '.', '-' and '_' allowed only in
 * the middle; 1 to 80 characters.
 */
export const IMAGE_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9])?$/;
export const IMAGE_NAME_MAX = 80;

/** Why `name` is not a valid image-definition name, or undefined when it is. */
export function checkImageName(name: string): string | undefined {
  if (name.length === 0) {
    return l10n.t('Enter a name for the image definition.');
  }
  if (name.length > IMAGE_NAME_MAX) {
    return l10n.t('The name is {0} characters long; at most {1} are allowed.', name.length, IMAGE_NAME_MAX);
  }
  const bad = [...new Set(name.replace(/[A-Za-z0-9._-]/g, ''))];
  if (bad.length) {
    const shown = bad.map((c) => (c === ' ' ? l10n.t('a space') : `'${c}'`)).join(', ');
    return l10n.t("The name may contain only letters, digits, '.', '-' and '_'; it contains {0}.", shown);
  }
  if (!/^[A-Za-z0-9]/.test(name)) {
    return l10n.t("The name must start with a letter or a digit; '{0}' is allowed only in the middle.", name[0]!);
  }
  if (!/[A-Za-z0-9]$/.test(name)) {
    return l10n.t("The name must end with a letter or a digit; '{0}' is allowed only in the middle.", name[name.length - 1]!);
  }
  return IMAGE_NAME_PATTERN.test(name) ? undefined : l10n.t("The name does not match the rule: letters and digits, with '.', '-' and '_' only in the middle.");
}

/**
 * Properties that can never change once the definition exists: the service answers 409 PropertyChangeNotAllowed
 * (the emulator models the same list). `location` cannot change either: a resource does not move, and a definition
 * lives in its gallery's location. Paths from the document root.
 */
export const IMMUTABLE_PATHS: readonly (readonly string[])[] = [
  ['location'],
  ['properties', 'identifier'],
  ['properties', 'osType'],
  ['properties', 'osState'],
  ['properties', 'hyperVGeneration'],
  ['properties', 'architecture'],
];

/** What the service assumes when an immutable property is left out (REST reference and service behaviour). */
export const SERVICE_DEFAULTS: Readonly<Record<string, string>> = { hyperVGeneration: 'V1', architecture: 'x64' };

/** "Must be set to true if the gallery image features are being updated." (allowUpdateImage). */
export const NEEDS_ALLOW_UPDATE_IMAGE: readonly string[] = ['features'];

/**
 * Properties the REST reference calls updatable ("This property is updatable." / "These properties are updatable."),
 * read off the generated schema's descriptions, plus `allowUpdateImage` itself.
 */
export const DOCUMENTED_UPDATABLE: readonly string[] = [
  ...DEFINITION_PROPERTIES.filter((name) => /\b(this property is|these properties are) updatable\b/i.test(PROPERTIES[name]?.description ?? '')),
  'allowUpdateImage',
];

/** The rest: neither immutable nor documented as updatable (the service may refuse a change). */
export const UNDOCUMENTED_UPDATE: readonly string[] = DEFINITION_PROPERTIES.filter(
  (name) => !DOCUMENTED_UPDATABLE.includes(name) && !NEEDS_ALLOW_UPDATE_IMAGE.includes(name) && !IMMUTABLE_PATHS.some((p) => p[0] === 'properties' && p[1] === name),
);

/** The provisioning states of the REST reference. */
export const PROVISIONING_STATES = ['Creating', 'Updating', 'Succeeded', 'Failed', 'Deleting', 'Migrating'] as const;

/** What the draft edits of an existing definition: location, tags and properties, without read-only members. */
export function editableDocument(image: GalleryImage): JsonObject {
  const out: JsonObject = { location: image.location ?? '' };
  if (image.tags && Object.keys(image.tags).length) {
    out['tags'] = structuredClone(image.tags);
  }
  const properties: JsonObject = {};
  const source = (image.properties ?? {}) as unknown as JsonObject;
  for (const [key, value] of Object.entries(source)) {
    if (key !== 'provisioningState' && value !== undefined && value !== null && (key in PROPERTIES)) {
      properties[key] = structuredClone(value);
    }
  }
  out['properties'] = properties;
  return out;
}

/** The publisher most definitions of the gallery use: a good first guess for a new one. */
export function commonPublisher(images: readonly GalleryImage[]): string | undefined {
  const counts = new Map<string, number>();
  for (const image of images) {
    const publisher = image.properties?.identifier?.publisher;
    if (publisher) {
      counts.set(publisher, (counts.get(publisher) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/**
 * The starting document of a new definition: the gallery's location, the common choices (Linux, Generalized, V2 —
 * Generation 2 is what current Azure VM sizes and Trusted Launch need, while the service would default to V1) and an
 * identifier to fill in (the publisher the gallery already uses, when there is one).
 */
export function newDefinitionDraft(galleryLocation: string, publisher = ''): JsonObject {
  return {
    location: galleryLocation,
    properties: {
      identifier: { publisher, offer: '', sku: '' },
      osType: 'Linux',
      osState: 'Generalized',
      hyperVGeneration: 'V2',
    },
  };
}

export interface IdentifierTriple {
  publisher: string;
  offer: string;
  sku: string;
}

export function identifierOf(doc: unknown): IdentifierTriple | undefined {
  const properties = isJsonObject(doc) ? doc['properties'] : undefined;
  const id = isJsonObject(properties) ? properties['identifier'] : undefined;
  if (!isJsonObject(id) || typeof id['publisher'] !== 'string' || typeof id['offer'] !== 'string' || typeof id['sku'] !== 'string') {
    return undefined;
  }
  return { publisher: id['publisher'], offer: id['offer'], sku: id['sku'] };
}

export const identifierText = (id: IdentifierTriple): string => `${id.publisher}/${id.offer}/${id.sku}`;

/** The service compares identifiers without regard to case. */
export const identifierKey = (id: IdentifierTriple): string => identifierText(id).toLowerCase();

/** "West Europe" and "westeurope" are the same location. */
export const normalizeLocation = (location: string): string => location.replace(/\s+/g, '').toLowerCase();

/** The definition's name among `images`, compared as the service does (without regard to case). */
export function findByName<T extends { name?: string }>(images: readonly T[], name: string): T | undefined {
  const wanted = name.toLowerCase();
  return images.find((i) => (i.name ?? '').toLowerCase() === wanted);
}
