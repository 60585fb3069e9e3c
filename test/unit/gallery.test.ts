import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GalleryImage } from '../../src/azure/arm/galleryModels.generated';
import { changeRows, changed, changesText, diffDefinition, summarizeChanges } from '../../src/gallery/diff';
import {
  DEFINITION_PROPERTIES, DOCUMENTED_UPDATABLE, IMMUTABLE_PATHS, UNDOCUMENTED_UPDATE, checkImageName, commonPublisher, editableDocument, newDefinitionDraft,
} from '../../src/gallery/imageDefinitionModel';
import { IMAGE_DEFINITION_SCHEMA } from '../../src/gallery/imageDefinitionSchema.generated';
import { buildDefinitionPreview } from '../../src/gallery/preview';
import { locateTarget, serviceErrorIssues } from '../../src/gallery/serviceErrors';
import {
  checkArchitecture, checkChangesToExisting, checkDefinitionRules, checkEndOfLife, checkFeatures, checkIdentifier, checkIdentifierUnique, checkLocation, checkRecommended,
  checkUris,
} from '../../src/gallery/validators';
import { schemaIssues } from '../../src/jsonEditing/schemaCheck';
import { defaultSpecsDir } from '../emulator/paths';

const SPEC = join(defaultSpecsDir(), 'specification', 'compute', 'resource-manager', 'Microsoft.Compute', 'GalleryRP', 'stable', '2024-03-03', 'GalleryRP.json');

const IMAGE: GalleryImage = {
  id: '/subscriptions/s/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/contosoImages/images/ubuntu-2204-batch',
  name: 'ubuntu-2204-batch',
  type: 'Microsoft.Compute/galleries/images',
  location: 'westeurope',
  tags: { team: 'batch' },
  properties: {
    description: 'Ubuntu 22.04',
    osType: 'Linux',
    osState: 'Generalized',
    hyperVGeneration: 'V2',
    architecture: 'x64',
    identifier: { publisher: 'Contoso', offer: 'ubuntu-batch', sku: '22_04-lts-gen2' },
    recommended: { vCPUs: { min: 2, max: 64 }, memory: { min: 4, max: 512 } },
    features: [{ name: 'SecurityType', value: 'TrustedLaunchSupported' }],
    provisioningState: 'Succeeded',
  },
};

const NOW = new Date('2026-06-01T12:00:00Z');
const clone = <T>(v: T): T => structuredClone(v);
const paths = (issues: { path: (string | number)[] }[]) => issues.map((i) => i.path.join('/'));

function valid(): Record<string, any> {
  return {
    location: 'westeurope',
    properties: {
      identifier: { publisher: 'Contoso', offer: 'ubuntu-batch', sku: '24_04-lts-gen2' },
      osType: 'Linux',
      osState: 'Generalized',
      hyperVGeneration: 'V2',
      description: 'Ubuntu 24.04',
      endOfLifeDate: '2030-12-31T00:00:00Z',
      recommended: { vCPUs: { min: 2, max: 64 }, memory: { min: 4, max: 256 } },
      features: [{ name: 'SecurityType', value: 'TrustedLaunchSupported' }, { name: 'IsAcceleratedNetworkSupported', value: 'true' }],
      privacyStatementUri: 'https://contoso.example/privacy',
      releaseNoteUri: 'https://contoso.example/notes/24.04',
    },
    tags: { team: 'batch' },
  };
}

describe('gallery: the schema derived from GalleryImage (GalleryRP 2024-03-03)', () => {
  it('has every writable property of GalleryImageProperties, with descriptions for hover, and nothing read-only', () => {
    const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
    const writable = Object.entries(spec.definitions.GalleryImageProperties.properties as Record<string, { readOnly?: boolean }>).filter(([, p]) => !p.readOnly).map(([n]) => n);
    assert.deepEqual([...DEFINITION_PROPERTIES].sort(), writable.sort());
    assert.ok(!DEFINITION_PROPERTIES.includes('provisioningState'));
    const props = IMAGE_DEFINITION_SCHEMA.properties!['properties']!.properties!;
    for (const name of DEFINITION_PROPERTIES) {
      assert.ok(String(props[name]!.description).length > 15, `${name} has a description`);
    }
    assert.deepEqual(Object.keys(IMAGE_DEFINITION_SCHEMA.properties!), ['location', 'tags', 'properties']);
    assert.deepEqual(IMAGE_DEFINITION_SCHEMA.required, ['location', 'properties']);
    assert.deepEqual(IMAGE_DEFINITION_SCHEMA.properties!['properties']!.required, ['osType', 'osState', 'identifier']);
    assert.deepEqual(props['identifier']!.required, ['publisher', 'offer', 'sku']);
    assert.deepEqual(props['osType']!.enum, ['Windows', 'Linux']);
    assert.deepEqual(props['osState']!.enum, ['Generalized', 'Specialized']);
    assert.deepEqual(props['hyperVGeneration']!.enum, ['V1', 'V2']);
    assert.deepEqual(props['architecture']!.enum, ['x64', 'Arm64']);
    // The service rules the reference does not state are in the hover text of the properties they concern.
    for (const path of IMMUTABLE_PATHS) {
      const node = path.length === 1 ? IMAGE_DEFINITION_SCHEMA.properties![path[0]!]! : props[path[1]!]!;
      assert.match(String(node.description), /cannot be changed after the image definition is created/, path.join('.'));
    }
    assert.match(String(props['features']!.description), /allowUpdateImage/);
  });

  it('knows what can change on an existing definition, from the reference text', () => {
    assert.deepEqual(DOCUMENTED_UPDATABLE, ['description', 'endOfLifeDate', 'recommended', 'allowUpdateImage']);
    assert.deepEqual(UNDOCUMENTED_UPDATE, ['eula', 'privacyStatementUri', 'releaseNoteUri', 'disallowed', 'purchasePlan']);
  });

  it('accepts a full valid draft and the starting document, and marks typos, wrong enums and missing members where they are', () => {
    assert.deepEqual(schemaIssues(IMAGE_DEFINITION_SCHEMA, valid()), []);
    assert.deepEqual(schemaIssues(IMAGE_DEFINITION_SCHEMA, newDefinitionDraft('westeurope')), []);
    assert.deepEqual(schemaIssues(IMAGE_DEFINITION_SCHEMA, editableDocument(IMAGE)), []);
    const draft = valid();
    draft.properties.osType = 'Solaris';
    draft.properties.hyperVGen = 'V2';
    delete draft.properties.identifier.sku;
    draft.properties.recommended.vCPUs.min = 1.5;
    draft.properties.features[0].enabled = true;
    delete draft.location;
    const issues = schemaIssues(IMAGE_DEFINITION_SCHEMA, draft);
    const where = new Set(paths(issues));
    for (const expected of ['properties/osType', 'properties/hyperVGen', 'properties/identifier', 'properties/recommended/vCPUs/min', 'properties/features/0/enabled', '']) {
      assert.ok(where.has(expected), `an issue at "${expected}"; issues at ${[...where].join(', ')}`);
    }
    assert.match(issues.find((i) => i.path.join('/') === 'properties/osType')!.message, /"Windows", "Linux"/);
  });
});

describe('gallery: names, starting document, editable document', () => {
  it('checks the name rule: letters and digits, . - _ only in the middle, at most 80 characters', () => {
    for (const ok of ['a', 'ubuntu-2204-batch', 'win2022_render.v2', 'A1', 'x'.repeat(80)]) {
      assert.equal(checkImageName(ok), undefined, ok);
    }
    assert.match(checkImageName('')!, /Enter a name/);
    assert.match(checkImageName('x'.repeat(81))!, /81 characters long; at most 80/);
    assert.match(checkImageName('-ubuntu')!, /must start with a letter or a digit/);
    assert.match(checkImageName('ubuntu.')!, /must end with a letter or a digit/);
    assert.match(checkImageName('_')!, /must start/);
    assert.match(checkImageName('my image')!, /contains a space/);
    assert.match(checkImageName('ubuntu/22')!, /contains '\/'/);
  });

  it('starts a new definition with the gallery location, Linux / Generalized / V2 and an identifier to fill in', () => {
    assert.deepEqual(newDefinitionDraft('westeurope', 'Contoso'), {
      location: 'westeurope',
      properties: { identifier: { publisher: 'Contoso', offer: '', sku: '' }, osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V2' },
    });
    assert.equal(commonPublisher([IMAGE, IMAGE, { ...IMAGE, properties: { ...IMAGE.properties!, identifier: { publisher: 'Other', offer: 'o', sku: 's' } } }]), 'Contoso');
    assert.equal(commonPublisher([]), undefined);
  });

  it('edits location, tags and properties without the read-only members', () => {
    const doc = editableDocument(IMAGE);
    assert.deepEqual(Object.keys(doc), ['location', 'tags', 'properties']);
    assert.equal((doc.properties as any).provisioningState, undefined);
    assert.equal(doc['id'], undefined);
    assert.deepEqual((doc.properties as any).identifier, IMAGE.properties!.identifier);
  });
});

describe('gallery: validators', () => {
  it('a valid draft has no issues', () => {
    assert.deepEqual(checkDefinitionRules(valid(), NOW), []);
  });

  it('wants the identifier filled in', () => {
    const issues = checkIdentifier(newDefinitionDraft('westeurope', 'Contoso'));
    assert.deepEqual(paths(issues), ['properties/identifier/offer', 'properties/identifier/sku']);
    assert.match(issues[0]!.message, /Fill in the identifier's offer/);
  });

  it('recommended ranges: whole numbers of at least 0 and min ≤ max', () => {
    const draft = valid();
    draft.properties.recommended = { vCPUs: { min: 8, max: 4 }, memory: { min: -1, max: 16 } };
    const issues = checkRecommended(draft);
    assert.deepEqual(paths(issues), ['properties/recommended/vCPUs/min', 'properties/recommended/memory/min']);
    assert.match(issues[0]!.message, /min \(8\) is greater than max \(4\)/);
    assert.match(issues[1]!.message, /whole number of at least 0; got -1/);
    draft.properties.recommended = { vCPUs: { min: 4, max: 4 }, memory: { max: 0 } };
    assert.deepEqual(checkRecommended(draft), []);
    draft.properties.recommended = { vCPUs: { min: 2.5 } };
    assert.equal(checkRecommended(draft).length, 1);
  });

  it('endOfLifeDate: a date-time; a bare date gets the exact fix; the past is a warning, not an error', () => {
    const at = (value: unknown) => {
      const draft = valid();
      draft.properties.endOfLifeDate = value;
      return checkEndOfLife(draft, NOW);
    };
    assert.deepEqual(at('2030-12-31T00:00:00Z'), []);
    assert.deepEqual(at('2030-12-31T23:59:59.5+01:00'), []);
    const bare = at('2030-12-31');
    assert.equal(bare[0]!.severity, 'error');
    assert.match(bare[0]!.message, /write "2030-12-31T00:00:00Z"/);
    for (const bad of ['next year', '2030-02-30T00:00:00Z', '2030-12-31 00:00', '31/12/2030']) {
      assert.equal(at(bad)[0]?.severity, 'error', bad);
    }
    const past = at('2024-01-01T00:00:00Z');
    assert.equal(past.length, 1);
    assert.equal(past[0]!.severity, 'warning');
    assert.match(past[0]!.message, /in the past/);
  });

  it('the URIs are absolute http(s) URIs', () => {
    const draft = valid();
    draft.properties.privacyStatementUri = 'contoso.example/privacy';
    draft.properties.releaseNoteUri = 'ftp://contoso.example/notes';
    assert.deepEqual(paths(checkUris(draft)), ['properties/privacyStatementUri', 'properties/releaseNoteUri']);
    draft.properties.privacyStatementUri = 'http://localhost:8080/p';
    draft.properties.releaseNoteUri = 'https://contoso.example/a b';
    assert.deepEqual(paths(checkUris(draft)), ['properties/releaseNoteUri']);
  });

  it('feature names are given and unique (without regard to case)', () => {
    const draft = valid();
    draft.properties.features = [{ name: 'SecurityType', value: 'a' }, { name: 'securitytype', value: 'b' }, { name: ' ', value: 'c' }, { value: 'd' }];
    const issues = checkFeatures(draft);
    assert.deepEqual(paths(issues), ['properties/features/1/name', 'properties/features/2/name', 'properties/features/3']);
    assert.match(issues[0]!.message, /already listed at index 0/);
  });

  it('Arm64 needs hyperVGeneration V2', () => {
    const draft = valid();
    draft.properties.architecture = 'Arm64';
    assert.deepEqual(checkArchitecture(draft), []);
    draft.properties.hyperVGeneration = 'V1';
    assert.deepEqual(paths(checkArchitecture(draft)), ['properties/hyperVGeneration']);
    delete draft.properties.hyperVGeneration;
    assert.deepEqual(paths(checkArchitecture(draft)), ['properties/architecture']);
  });

  it('the location is the gallery\'s (spaces and case do not matter)', () => {
    const draft = valid();
    assert.deepEqual(checkLocation(draft, 'West Europe'), []);
    draft.location = 'northeurope';
    assert.match(checkLocation(draft, 'westeurope')[0]!.message, /gallery's location: "westeurope", not "northeurope"/);
  });

  it('the identifier is not used by another definition of the gallery, and the message names it', () => {
    const existing = [{ name: 'ubuntu-2204-batch', identifier: { publisher: 'Contoso', offer: 'ubuntu-batch', sku: '22_04-lts-gen2' } }, { name: 'other' }];
    const draft = valid();
    draft.properties.identifier = { publisher: 'contoso', offer: 'UBUNTU-batch', sku: '22_04-LTS-gen2' };
    const issues = checkIdentifierUnique(draft, 'new-one', existing, 'contosoImages');
    assert.deepEqual(paths(issues), ['properties/identifier']);
    assert.match(issues[0]!.message, /already used by image definition "ubuntu-2204-batch" in gallery contosoImages/);
    // The definition itself (edit, or replace) does not count.
    assert.deepEqual(checkIdentifierUnique(draft, 'Ubuntu-2204-Batch', existing, 'contosoImages'), []);
    // An identifier not filled in yet is not a duplicate.
    draft.properties.identifier = { publisher: 'Contoso', offer: '', sku: '' };
    assert.deepEqual(checkIdentifierUnique(draft, 'x', [{ name: 'y', identifier: { publisher: 'Contoso', offer: '', sku: '' } }], 'g'), []);
  });

  it('an update may not change what is fixed at creation; features need allowUpdateImage; undocumented updates warn', () => {
    const current = editableDocument(IMAGE);
    assert.deepEqual(checkChangesToExisting(current, clone(current)), []);
    const draft = clone(current) as Record<string, any>;
    draft.properties.description = 'new text';
    draft.properties.recommended.vCPUs.max = 96;
    draft.properties.endOfLifeDate = '2031-01-01T00:00:00Z';
    assert.deepEqual(checkChangesToExisting(current, draft), [], 'documented updatable properties');

    draft.properties.osType = 'Windows';
    draft.properties.identifier.sku = 'other';
    draft.properties.architecture = 'Arm64';
    draft.location = 'northeurope';
    draft.properties.features = [{ name: 'SecurityType', value: 'TrustedLaunchAndConfidentialVmSupported' }];
    draft.properties.eula = 'New terms';
    const issues = checkChangesToExisting(current, draft);
    const errors = issues.filter((i) => i.severity === 'error');
    assert.deepEqual(paths(errors).sort(), ['location', 'properties/architecture', 'properties/features', 'properties/identifier', 'properties/osType']);
    assert.match(errors.find((i) => i.path.join('/') === 'properties/osType')!.message, /cannot be changed after the definition is created.*has "Linux"; the draft has "Windows"/);
    assert.match(errors.find((i) => i.path.join('/') === 'properties/features')!.message, /needs "allowUpdateImage": true/);
    const warnings = issues.filter((i) => i.severity === 'warning');
    assert.deepEqual(paths(warnings), ['properties/eula']);
    assert.match(warnings[0]!.message, /not documented as updatable/);

    const withAllow = clone(current) as Record<string, any>;
    withAllow.properties.features = [{ name: 'SecurityType', value: 'TrustedLaunchAndConfidentialVmSupported' }];
    withAllow.properties.allowUpdateImage = true;
    assert.deepEqual(checkChangesToExisting(current, withAllow), []);
    // Only the identifier's case differs: the service sees the same identifier. Location spelled differently: same.
    const sameish = clone(current) as Record<string, any>;
    sameish.properties.identifier.publisher = 'CONTOSO';
    sameish.location = 'West Europe';
    assert.deepEqual(checkChangesToExisting(current, sameish), []);
  });

  it('leaving out hyperVGeneration or architecture reads as the service default: an error only when the definition has another value', () => {
    const current = editableDocument(IMAGE);
    const draft = clone(current) as Record<string, any>;
    delete draft.properties.hyperVGeneration;
    delete draft.properties.architecture;
    const issues = checkChangesToExisting(current, draft);
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /hyperVGeneration is left out: the service would read it as V1, but the definition has "V2"/);
    // A definition without hyperVGeneration (V1) may spell out V1.
    const v1 = clone(current) as Record<string, any>;
    delete v1.properties.hyperVGeneration;
    const spelled = clone(v1);
    spelled.properties.hyperVGeneration = 'V1';
    assert.deepEqual(checkChangesToExisting(v1, spelled), []);
    spelled.properties.hyperVGeneration = 'V2';
    assert.match(checkChangesToExisting(v1, spelled)[0]!.message, /has none \(the service's default, V1\)/);
  });
});

describe('gallery: the diff of an existing definition and a draft', () => {
  it('compares member by member, arrays as a whole, and a PUT clears what the draft leaves out', () => {
    const current = editableDocument(IMAGE);
    const draft = clone(current) as Record<string, any>;
    draft.properties.description = 'Ubuntu 22.04 (patched)';
    draft.properties.recommended.memory.max = 256;
    draft.properties.eula = 'Terms';
    delete draft.properties.features;
    delete draft.tags;
    draft.location = 'West Europe';
    const changes = diffDefinition(current, draft);
    const rows = changeRows(changes);
    // In the draft's order, then what only the definition has.
    assert.deepEqual(rows.map((r) => [r.label, r.kind]), [
      ['description', 'replaced'],
      ['recommended.memory.max', 'replaced'],
      ['eula', 'added'],
      ['features', 'cleared'],
      ['tags.team', 'cleared'],
    ]);
    assert.equal(rows.find((r) => r.label === 'recommended.memory.max')!.before, '512');
    assert.equal(rows.find((r) => r.label === 'recommended.memory.max')!.after, '256');
    assert.ok(changes.some((c) => c.path.join('.') === 'location' && c.kind === 'unchanged'));
    assert.equal(summarizeChanges(changes), '5 changes: description replaced, recommended.memory.max replaced, eula added, features cleared, tags.team cleared');
    const text = changesText(changes);
    assert.match(text, /^− tags\.team: "batch" \(removed\)$/m);
    assert.match(text, /^~ description: "Ubuntu 22\.04" → "Ubuntu 22\.04 \(patched\)"$/m);
    assert.match(text, /^\+ eula: "Terms"$/m);
    assert.equal(changesText(diffDefinition(current, clone(current))), 'No property changes: the draft matches the existing definition.');
  });

  it('a new definition: everything is added', () => {
    const changes = diffDefinition(undefined, valid());
    assert.ok(changes.length > 10);
    assert.ok(changes.every((c) => c.kind === 'added'));
    assert.equal(changed(diffDefinition(valid(), valid())).length, 0);
  });
});

describe('gallery: preview and service errors', () => {
  const base = { galleryName: 'contosoImages', imagesUrl: 'https://management.azure.com/subscriptions/s/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/contosoImages/images', apiVersion: '2024-03-03' };

  it('create: the exact PUT (If-None-Match: *), or a warning and a diff when the name exists', () => {
    const draft = valid();
    const preview = buildDefinitionPreview({ ...base, mode: 'create', name: 'ubuntu-2404-batch', draft });
    assert.match(preview.summary, /^Creates image definition ubuntu-2404-batch in gallery contosoImages: Linux · Generalized · V2, identifier Contoso\/ubuntu-batch\/24_04-lts-gen2\.$/);
    assert.equal(preview.request!.method, 'PUT');
    assert.equal(preview.request!.url, `${base.imagesUrl}/ubuntu-2404-batch?api-version=2024-03-03`);
    assert.equal(preview.request!.headers['If-None-Match'], '*');
    assert.deepEqual(JSON.parse(preview.request!.body), draft);

    const noName = buildDefinitionPreview({ ...base, mode: 'create', name: '-bad', draft });
    assert.equal(noName.request, undefined);

    const existing = { doc: editableDocument(IMAGE), provisioningState: 'Failed' };
    const over = buildDefinitionPreview({ ...base, mode: 'create', name: 'ubuntu-2204-batch', draft, existing });
    assert.match(over.notices[0]!.message, /already exists in gallery contosoImages \(provisioningState Failed\).*asked to confirm/);
    assert.match(over.summary, /^Replaces the existing definition ubuntu-2204-batch: \d+ changes/);
    assert.equal(over.request!.headers['If-None-Match'], undefined);
    assert.ok(over.rows.some((r) => r.label === 'identifier.sku' && r.kind === 'replaced'));
  });

  it('edit: nothing to send without changes (unless Failed: send again); otherwise the changes and what a PUT removes', () => {
    const current = editableDocument(IMAGE);
    const same = buildDefinitionPreview({ ...base, mode: 'edit', name: 'ubuntu-2204-batch', draft: clone(current), existing: { doc: current, provisioningState: 'Succeeded' } });
    assert.equal(same.request, undefined);
    assert.match(same.summary, /^Nothing to send/);
    const failed = buildDefinitionPreview({ ...base, mode: 'edit', name: 'ubuntu-2204-batch', draft: clone(current), existing: { doc: current, provisioningState: 'Failed' } });
    assert.ok(failed.request);
    assert.match(failed.summary, /service retries it/);
    const draft = clone(current) as Record<string, any>;
    draft.properties.description = 'x';
    delete draft.properties.recommended;
    const edit = buildDefinitionPreview({ ...base, mode: 'edit', name: 'ubuntu-2204-batch', draft, existing: { doc: current }, etag: '"abc"' });
    assert.match(edit.summary, /^5 changes: description replaced, recommended\.vCPUs\.min cleared/);
    assert.equal(edit.request!.headers['If-Match'], '"abc"');
    assert.match(edit.notices[0]!.message, /replaces the whole definition: what the draft leaves out is removed \(recommended\.vCPUs\.min/);
  });

  it('places a CloudError by its target: body paths, flattened names, the name in the URL', () => {
    const draft = valid();
    assert.deepEqual(locateTarget('galleryImage.properties.identifier', draft), { path: ['properties', 'identifier'] });
    assert.deepEqual(locateTarget('galleryImage.properties.hyperVGeneration', draft), { path: ['properties', 'hyperVGeneration'] });
    assert.deepEqual(locateTarget('osType', draft), { path: ['properties', 'osType'] });
    assert.deepEqual(locateTarget('galleryImage.location', draft), { path: ['location'] });
    assert.deepEqual(locateTarget('properties.features.1.name', draft), { path: ['properties', 'features', 1, 'name'] });
    assert.deepEqual(locateTarget('galleryImageName', draft), { path: [], field: 'name' });
    assert.deepEqual(locateTarget(undefined, draft), { path: [] });
    const issues = serviceErrorIssues({
      code: 'InvalidParameter', message: 'The identifier must be unique.', target: 'galleryImage.properties.identifier', status: 400,
      details: [{ code: 'Conflict', message: 'Held by ubuntu-2204-batch', target: 'galleryImage.properties.identifier.sku' }],
    }, draft);
    assert.deepEqual(issues.map((i) => i.path.join('/')), ['properties/identifier', 'properties/identifier/sku']);
    assert.equal(issues[0]!.message, 'InvalidParameter: The identifier must be unique (target: galleryImage.properties.identifier) [HTTP 400]');
    assert.ok(issues.every((i) => i.source === 'service' && i.severity === 'error'));
  });
});
