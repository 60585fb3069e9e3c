import * as assert from 'node:assert/strict';
import { SUBSCRIPTION_PROD, SUBSCRIPTION_RESEARCH } from '../../emulator/data/demo';
import type { GalleryImageVersion } from '../../../src/azure/arm/galleryImageVersionModels.generated';
import { AzureRequestError } from '../../../src/azure/errors/azureRequestError';
import { startEmulatorFixture, type EmulatorFixture } from './helpers/emulatorFixture';

describe('gallery image versions through the ARM client (emulator)', function () {
  this.timeout(20_000);
  let f: EmulatorFixture;
  const list = (image: string) => f.clients.arm.galleries.listImageVersions(SUBSCRIPTION_PROD, 'images-rg', 'contosoImages', image);

  before(async () => {
    f = await startEmulatorFixture({ armPageSize: 1 });
  });
  after(async () => {
    await f.stop();
  });
  afterEach(() => {
    f.emulator.clearRequests();
  });

  it('lists every version of a definition, following nextLink one version per page, with the api-version of the compute setting', async () => {
    const versions: GalleryImageVersion[] = await list('win2022-render');
    assert.deepEqual(versions.map((v) => v.name), ['1.3.2', '1.4.0', '1.5.0']);
    assert.deepEqual(versions.map((v) => v.properties?.provisioningState), ['Succeeded', 'Succeeded', 'Creating']);
    const current = versions[1]!.properties!.publishingProfile!;
    assert.deepEqual(current.targetRegions!.map((r) => `${r.name} ×${r.regionalReplicaCount}`), ['West Europe ×5', 'North Europe ×2']);
    assert.equal(versions[0]!.properties!.publishingProfile!.endOfLifeDate, '2025-03-31T00:00:00Z');
    assert.equal(versions[0]!.properties!.publishingProfile!.excludeFromLatest, true);
    const requests = f.emulator.requests({ path: /\/images\/win2022-render\/versions$/ });
    assert.equal(requests.length, 3, 'three pages of one');
    assert.ok(requests.every((r) => r.query['api-version'] === '2024-03-03'));
  });

  it('pages on demand: the first page and a stored next link resume where it stopped', async () => {
    const galleries = f.clients.arm.galleries;
    const first = await galleries.listImageVersionsPage(SUBSCRIPTION_PROD, 'images-rg', 'contosoImages', 'ubuntu-2204-batch');
    assert.deepEqual(first.items.map((v) => v.name), ['1.0.0']);
    assert.ok(first.nextLink);
    const second = await galleries.listImageVersionsPage(SUBSCRIPTION_PROD, 'images-rg', 'contosoImages', 'ubuntu-2204-batch', { nextLink: first.nextLink });
    assert.deepEqual(second.items.map((v) => v.name), ['1.1.0']);
    const none = await galleries.listImageVersions(SUBSCRIPTION_RESEARCH, 'research-rg', 'fabrikam_ml_gallery', 'win11-dev-specialized');
    assert.deepEqual(none, []);
  });

  it('reports a missing definition as an ARM ResourceNotFound naming the operation', async () => {
    const error = await list('no-such-image').catch((e: unknown) => e);
    assert.ok(error instanceof AzureRequestError);
    assert.equal(error.kind, 'arm');
    assert.equal(error.status, 404);
    assert.equal(error.code, 'ResourceNotFound');
    assert.match(error.toString(), /^List versions of image definition no-such-image failed: ResourceNotFound/);
  });
});
