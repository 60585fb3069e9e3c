/** Emulator: gallery image versions (list paged, get), response shapes checked against GalleryRP 2024-03-03. */
import * as assert from 'node:assert/strict';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { SUBSCRIPTION_PROD, SUBSCRIPTION_RESEARCH } from '../../emulator/data/demo';
import { defaultSpecsDir } from '../../emulator/paths';
import { startEmulator, type Emulator } from '../../emulator/server';
import { SpecIndex } from '../../emulator/specIndex';
import { convertDefinitions, schemaIdOf } from '../../emulator/swaggerSchema';
import { EmulatorHttp } from '../../emulator/testClient';

const COMPUTE_V = 'api-version=2024-03-03';
const IMAGES = `subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/contosoImages/images`;
const GALLERY_RP = 'specification/compute/resource-manager/Microsoft.Compute/GalleryRP/stable/2024-03-03/GalleryRP.json';

interface VersionJson {
  id: string;
  name: string;
  type: string;
  location: string;
  properties: {
    provisioningState: string;
    publishingProfile: { targetRegions: { name: string; regionalReplicaCount: number }[]; endOfLifeDate?: string; publishedDate: string };
    storageProfile: { source: { id?: string; virtualMachineId?: string } };
  };
}

let specValidator: Ajv2019 | undefined;
let galleryRpId = '';

/**
 * Validates a response body against a definition of the official GalleryRP spec; returns the errors (empty = valid).
 * Uses the emulator's Conformance machinery: every document of the index, stand-ins for the common types included
 * (GalleryRP refers to common-types TrackedResource), converted and registered with ajv (draft 2019, so the closed
 * objects' unevaluatedProperties are enforced).
 */
function specErrors(definition: string, body: unknown): string[] {
  if (!specValidator) {
    const index = new SpecIndex(defaultSpecsDir());
    const spec = index.files.find((f) => f.file === GALLERY_RP)!;
    specValidator = new Ajv2019({ strict: false, allErrors: true, unicodeRegExp: false, validateSchema: false });
    addFormats(specValidator, { mode: 'fast' });
    // As Conformance does: AutoRest formats ajv does not know are strings to it.
    for (const name of ['arm-id', 'date-time-rfc7231', 'date-time-rfc1123', 'unixtime', 'base64url', 'url', 'duration-constant', 'duration']) {
      specValidator.addFormat(name, true);
    }
    for (const doc of index.documents()) {
      specValidator.addSchema(convertDefinitions(doc, 'response', index.resolve));
    }
    galleryRpId = schemaIdOf(spec, 'response');
  }
  const validate = specValidator.getSchema(`${galleryRpId}#/definitions/${definition}`)!;
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('emulator: gallery image versions', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let http: EmulatorHttp;
  let auth: Record<string, string>;

  before(async () => {
    emulator = await startEmulator({ quiet: true, data: 'small', armPageSize: 2 });
    http = new EmulatorHttp(emulator.info);
    auth = { authorization: `Bearer ${await http.token(`${emulator.info.armEndpoint}.default`)}` };
  });
  after(async () => {
    await http.close();
    await emulator.stop();
  });
  afterEach(() => {
    // The emulator checks every request and response against the specs too: none may have failed.
    const violations = emulator.conformanceViolations();
    emulator.reset();
    assert.deepEqual(violations, []);
  });

  const get = (path: string) => http.send('GET', path, { headers: auth });

  /** Follows nextLink to the end; returns every version and the number of pages, checking each page against the spec. */
  async function listAll(path: string): Promise<{ versions: VersionJson[]; pages: number }> {
    let url: string | undefined = path;
    const versions: VersionJson[] = [];
    let pages = 0;
    while (url) {
      const res = await get(url);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(specErrors('GalleryImageVersionList', res.json), []);
      const body = res.json as { value: VersionJson[]; nextLink?: string };
      versions.push(...body.value);
      url = body.nextLink;
      if (url) { assert.ok(url.startsWith(emulator.info.armEndpoint) && url.includes(COMPUTE_V) && url.includes('$skiptoken='), url); }
      pages++;
    }
    return { versions, pages };
  }

  it('lists the versions of a definition in pages (nextLink), each page a GalleryImageVersionList of the spec', async () => {
    const { versions, pages } = await listAll(`${IMAGES}/ubuntu-2204-batch/versions?${COMPUTE_V}`);
    assert.equal(pages, 2, 'three versions at two per page');
    assert.deepEqual(versions.map((v) => v.name), ['1.0.0', '1.1.0', '1.2.0']);
    const newest = versions[2]!;
    assert.equal(newest.type, 'Microsoft.Compute/galleries/images/versions');
    assert.equal(newest.id, `/${IMAGES}/ubuntu-2204-batch/versions/1.2.0`);
    assert.equal(newest.properties.provisioningState, 'Succeeded');
    assert.deepEqual(newest.properties.publishingProfile.targetRegions.map((r) => [r.name, r.regionalReplicaCount]), [['West Europe', 3], ['North Europe', 1], ['East US', 2]]);
    assert.equal(versions[0]!.properties.publishingProfile.endOfLifeDate, '2025-04-30T00:00:00Z');
    assert.equal(newest.properties.publishingProfile.endOfLifeDate, undefined);
  });

  it('gets one version; a replicating and a failed version show their provisioning state; a definition without versions lists none', async () => {
    const one = await get(`${IMAGES}/win2022-render/versions/1.4.0?${COMPUTE_V}`);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(specErrors('GalleryImageVersion', one.json), []);
    assert.equal((one.json as VersionJson).name, '1.4.0');
    const replicating = await get(`${IMAGES}/win2022-render/versions/1.5.0?${COMPUTE_V}`);
    assert.equal((replicating.json as VersionJson).properties.provisioningState, 'Creating');
    const research = `subscriptions/${SUBSCRIPTION_RESEARCH}/resourceGroups/research-rg/providers/Microsoft.Compute/galleries/fabrikam_ml_gallery/images`;
    const failed = await get(`${research}/alma-hpc-9/versions?${COMPUTE_V}`);
    assert.deepEqual((failed.json as { value: VersionJson[] }).value.map((v) => v.properties.provisioningState), ['Failed']);
    const specialized = await get(`${research}/win11-dev-specialized/versions?${COMPUTE_V}`);
    assert.equal(specialized.status, 200);
    assert.deepEqual(specialized.json, { value: [] });
    const captured = await get(`${IMAGES}/rhel9-specialized/versions?${COMPUTE_V}`);
    assert.match((captured.json as { value: VersionJson[] }).value[0]!.properties.storageProfile.source.virtualMachineId ?? '', /\/virtualMachines\//);
  });

  it('answers 404 ResourceNotFound for a missing definition or version, and keeps the versions when the definition is updated', async () => {
    const noImage = await get(`${IMAGES}/no-such-image/versions?${COMPUTE_V}`);
    assert.equal(noImage.status, 404);
    assert.equal((noImage.json as { error: { code: string } }).error.code, 'ResourceNotFound');
    const noVersion = await get(`${IMAGES}/ubuntu-2204-batch/versions/9.9.9?${COMPUTE_V}`);
    assert.equal(noVersion.status, 404);
    const image = (await get(`${IMAGES}/ubuntu-2204-batch?${COMPUTE_V}`)).json as { location: string; properties: Record<string, unknown> };
    const { provisioningState: _state, ...properties } = image.properties;
    const update = await http.send('PUT', `${IMAGES}/ubuntu-2204-batch?${COMPUTE_V}`, {
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ location: image.location, properties: { ...properties, description: 'updated' } }),
    });
    assert.equal(update.status, 200, update.text);
    const after = await listAll(`${IMAGES}/ubuntu-2204-batch/versions?${COMPUTE_V}`);
    assert.deepEqual(after.versions.map((v) => v.name), ['1.0.0', '1.1.0', '1.2.0']);
  });
});
