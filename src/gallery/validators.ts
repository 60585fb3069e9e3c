/**
 * The checks an image-definition draft must pass before anything is sent, beyond the JSON schema: the rules the REST
 * reference states in prose or leaves to the service (identifier filled in, ranges, dates, URIs, unique feature
 * names, Arm64 needs Generation 2), the rules that depend on the gallery (its location; identifiers unique within it)
 * and those that depend on the existing definition (what can never change, what needs allowUpdateImage). Each issue
 * names the JSON path it concerns. Pure: no `vscode`.
 */
import * as l10n from '../utils/l10n';
import type { EditorIssue, JsonPath } from '../jsonEditing/editorModel';
import { isJsonObject, jsonEqual, type JsonObject } from '../jsonEditing/jsonValue';
import { changed, diffDefinition, pathText, touches, type DefinitionChange } from './diff';
import {
  IMMUTABLE_PATHS, NEEDS_ALLOW_UPDATE_IMAGE, SERVICE_DEFAULTS, UNDOCUMENTED_UPDATE, identifierKey, identifierOf, identifierText, normalizeLocation,
  type IdentifierTriple,
} from './imageDefinitionModel';

const error = (path: JsonPath, message: string, source = 'rules'): EditorIssue => ({ path, message, severity: 'error', source });
const warning = (path: JsonPath, message: string, source = 'rules'): EditorIssue => ({ path, message, severity: 'warning', source });

const propertiesOf = (draft: JsonObject): JsonObject => (isJsonObject(draft['properties']) ? draft['properties'] : {});

/** publisher, offer and sku are filled in (the schema checks that they are strings). */
export function checkIdentifier(draft: JsonObject): EditorIssue[] {
  const id = propertiesOf(draft)['identifier'];
  if (!isJsonObject(id)) {
    return [];
  }
  const issues: EditorIssue[] = [];
  for (const part of ['publisher', 'offer', 'sku'] as const) {
    const value = id[part];
    if (typeof value === 'string' && value.trim() === '') {
      issues.push(error(['properties', 'identifier', part], l10n.t('Fill in the identifier\'s {0}: publisher, offer and sku together name the image definition (e.g. "Contoso", "ubuntu-batch", "22_04-lts-gen2").', part)));
    } else if (typeof value === 'string' && value !== value.trim()) {
      issues.push(error(['properties', 'identifier', part], l10n.t('The identifier\'s {0} starts or ends with a space.', part)));
    }
  }
  return issues;
}

/** recommended.vCPUs and recommended.memory: whole numbers of at least 0, min ≤ max. */
export function checkRecommended(draft: JsonObject): EditorIssue[] {
  const recommended = propertiesOf(draft)['recommended'];
  if (!isJsonObject(recommended)) {
    return [];
  }
  const issues: EditorIssue[] = [];
  for (const what of ['vCPUs', 'memory'] as const) {
    const range = recommended[what];
    if (!isJsonObject(range)) {
      continue;
    }
    const path: JsonPath = ['properties', 'recommended', what];
    let valid = true;
    for (const bound of ['min', 'max'] as const) {
      const value = range[bound];
      if (value === undefined || value === null) {
        continue;
      }
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        valid = false;
        issues.push(error([...path, bound], l10n.t('{0} must be a whole number of at least 0; got {1}.', `recommended.${what}.${bound}`, JSON.stringify(value))));
      } else if (value > 2147483647) {
        valid = false;
        issues.push(error([...path, bound], l10n.t('{0} is too large (at most {1}).', `recommended.${what}.${bound}`, 2147483647)));
      }
    }
    const min = range['min'];
    const max = range['max'];
    if (valid && typeof min === 'number' && typeof max === 'number' && min > max) {
      issues.push(error([...path, 'min'], l10n.t('{0}: min ({1}) is greater than max ({2}); the range must have min ≤ max.', `recommended.${what}`, min, max)));
    }
  }
  return issues;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function validCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** endOfLifeDate is a date-time (RFC 3339, as the definition's format says); a date in the past is only a warning. */
export function checkEndOfLife(draft: JsonObject, now: Date): EditorIssue[] {
  const value = propertiesOf(draft)['endOfLifeDate'];
  if (value === undefined || value === null || typeof value !== 'string') {
    return [];
  }
  const path: JsonPath = ['properties', 'endOfLifeDate'];
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    return [error(path, l10n.t('{0} needs a date and a time (RFC 3339 date-time): write "{1}".', 'endOfLifeDate', `${value}T00:00:00Z`))];
  }
  const m = RFC3339.exec(value);
  const [hh, mm, ss] = m ? [Number(m[4]), Number(m[5]), Number(m[6])] : [0, 0, 0];
  if (!m || !validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) || hh > 23 || mm > 59 || ss > 60 || Number.isNaN(Date.parse(value))) {
    return [error(path, l10n.t('{0} must be a date-time such as "2030-12-31T00:00:00Z"; got {1}.', 'endOfLifeDate', JSON.stringify(value)))];
  }
  if (Date.parse(value) < now.getTime()) {
    return [warning(path, l10n.t('{0} {1} is in the past: the definition will show as past its end of life (VMs can still be created from it).', 'endOfLifeDate', value))];
  }
  return [];
}

/** privacyStatementUri and releaseNoteUri are absolute http(s) URIs. */
export function checkUris(draft: JsonObject): EditorIssue[] {
  const issues: EditorIssue[] = [];
  for (const key of ['privacyStatementUri', 'releaseNoteUri'] as const) {
    const value = propertiesOf(draft)[key];
    if (typeof value !== 'string') {
      continue;
    }
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || !url.hostname || /\s/.test(value)) {
      issues.push(error(['properties', key], l10n.t('{0} must be an absolute http or https URI, such as "https://contoso.example/images/notes"; got {1}.', key, JSON.stringify(value))));
    }
  }
  return issues;
}

/** Feature names are given and unique (the service compares them without regard to case). */
export function checkFeatures(draft: JsonObject): EditorIssue[] {
  const features = propertiesOf(draft)['features'];
  if (!Array.isArray(features)) {
    return [];
  }
  const issues: EditorIssue[] = [];
  const seen = new Map<string, number>();
  features.forEach((feature, index) => {
    if (!isJsonObject(feature)) {
      return;
    }
    const name = feature['name'];
    if (name === undefined || (typeof name === 'string' && name.trim() === '')) {
      issues.push(error(['properties', 'features', index, ...(name === undefined ? [] : ['name'])], l10n.t('A feature needs a name (e.g. "SecurityType", "IsAcceleratedNetworkSupported", "DiskControllerTypes").')));
      return;
    }
    if (typeof name !== 'string') {
      return;
    }
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) {
      issues.push(error(['properties', 'features', index, 'name'], l10n.t('The feature "{0}" is already listed at index {1}; feature names must be unique.', name, first)));
    } else {
      seen.set(name.toLowerCase(), index);
    }
  });
  return issues;
}

/** Arm64 images need Generation 2 (the service refuses Arm64 with V1 or without hyperVGeneration, whose default is V1). */
export function checkArchitecture(draft: JsonObject): EditorIssue[] {
  const p = propertiesOf(draft);
  if (p['architecture'] === 'Arm64' && p['hyperVGeneration'] !== 'V2') {
    return [error(['properties', p['hyperVGeneration'] === undefined ? 'architecture' : 'hyperVGeneration'], l10n.t('An {0} image definition needs "{1}": "{2}".', 'Arm64', 'hyperVGeneration', 'V2'))];
  }
  return [];
}

/** Every rule that needs only the draft. `now` decides whether endOfLifeDate is in the past. */
export function checkDefinitionRules(draft: JsonObject, now: Date): EditorIssue[] {
  return [...checkIdentifier(draft), ...checkRecommended(draft), ...checkEndOfLife(draft, now), ...checkUris(draft), ...checkFeatures(draft), ...checkArchitecture(draft)];
}

/** The draft's location is the gallery's (a definition lives where its gallery does). */
export function checkLocation(draft: JsonObject, galleryLocation: string): EditorIssue[] {
  const location = draft['location'];
  if (typeof location !== 'string' || !galleryLocation) {
    return [];
  }
  if (location.trim() === '') {
    return [error(['location'], l10n.t('Fill in the location: the gallery\'s location, "{0}".', galleryLocation))];
  }
  return normalizeLocation(location) === normalizeLocation(galleryLocation)
    ? []
    : [error(['location'], l10n.t('An image definition lives in its gallery\'s location: "{0}", not "{1}".', galleryLocation, location))];
}

/** What the duplicate check needs of each definition in the gallery. */
export interface ExistingDefinition {
  name: string;
  identifier?: IdentifierTriple;
}

/** The definition of the gallery that already uses the draft's identifier (other than `name` itself). */
export function identifierHolder(draft: unknown, name: string, existing: readonly ExistingDefinition[]): ExistingDefinition | undefined {
  const id = identifierOf(draft);
  if (!id || !id.publisher.trim() || !id.offer.trim() || !id.sku.trim()) {
    return undefined;
  }
  const key = identifierKey(id);
  return existing.find((e) => e.name.toLowerCase() !== name.toLowerCase() && e.identifier && identifierKey(e.identifier) === key);
}

/** The service rejects a second definition with the same publisher/offer/sku in a gallery: say which one holds it. */
export function checkIdentifierUnique(draft: unknown, name: string, existing: readonly ExistingDefinition[], galleryName: string): EditorIssue[] {
  const holder = identifierHolder(draft, name, existing);
  if (!holder) {
    return [];
  }
  return [error(['properties', 'identifier'],
    l10n.t('The identifier {0} is already used by image definition "{1}" in gallery {2}; the service rejects a second definition with the same publisher, offer and sku. Change the offer or sku.', identifierText(identifierOf(draft)!), holder.name, galleryName),
    'gallery')];
}

const immutableReason = () => l10n.t('cannot be changed after the definition is created (the service answers 409 PropertyChangeNotAllowed)');

/**
 * Rules of an update (edit, or create over an existing definition): properties that can never change, features
 * that change only with allowUpdateImage, and properties the REST reference does not call updatable.
 */
export function checkChangesToExisting(existing: JsonObject, draft: JsonObject, changes: readonly DefinitionChange[] = diffDefinition(existing, draft)): EditorIssue[] {
  const issues: EditorIssue[] = [];
  const list = changed(changes);
  const before = propertiesOf(existing);
  const after = propertiesOf(draft);
  for (const path of IMMUTABLE_PATHS) {
    const hits = list.filter((c) => touches(c, path));
    if (!hits.length) {
      continue;
    }
    const name = path[path.length - 1]!;
    const was = path.length === 1 ? existing[name] : before[name];
    const now = path.length === 1 ? draft[name] : after[name];
    if (now === undefined) {
      // Left out. location, identifier, osType and osState are required (the schema says so); the others have a
      // service default, which must then be what the definition has.
      const fallback = SERVICE_DEFAULTS[name];
      if (fallback !== undefined && !jsonEqual(was, fallback)) {
        issues.push(error(path.slice(0, -1), l10n.t('{0} is left out: the service would read it as {1}, but the definition has {2} and {0} {3}. Add "{0}": {2}.', name, fallback, JSON.stringify(was), immutableReason()), 'existing'));
      }
      continue;
    }
    if (name === 'identifier') {
      const a = identifierOf(existing);
      const b = identifierOf(draft);
      if (a && b && identifierKey(a) === identifierKey(b)) {
        continue; // The service compares identifiers without regard to case.
      }
    }
    if (was === undefined && SERVICE_DEFAULTS[name] !== undefined && jsonEqual(now, SERVICE_DEFAULTS[name])) {
      continue; // Spelling out the default the definition already has.
    }
    const shown = was !== undefined ? JSON.stringify(was) : SERVICE_DEFAULTS[name] ? l10n.t('none (the service\'s default, {0})', SERVICE_DEFAULTS[name]!) : l10n.t('none');
    issues.push(error([...path], l10n.t('{0} {1}: the definition has {2}; the draft has {3}. Keep the current value, or create a new definition under another name.', pathText(path), immutableReason(), shown, JSON.stringify(now)), 'existing'));
  }
  for (const name of NEEDS_ALLOW_UPDATE_IMAGE) {
    if (list.some((c) => touches(c, ['properties', name])) && after['allowUpdateImage'] !== true) {
      issues.push(error(['properties', ...(name in after ? [name] : [])], l10n.t('Changing {0} of an existing definition needs "{1}": true in the same request (REST reference: "Must be set to true if the gallery image features are being updated"). Add it to properties, or leave {0} as it is.', name, 'allowUpdateImage'), 'existing'));
    }
  }
  for (const name of UNDOCUMENTED_UPDATE) {
    if (list.some((c) => touches(c, ['properties', name]))) {
      issues.push(warning(['properties', ...(name in after ? [name] : [])], l10n.t('{0} is not documented as updatable in the REST reference (only description, endOfLifeDate, recommended and, with allowUpdateImage, features are): the service may refuse this change.', name), 'existing'));
    }
  }
  return issues;
}
