/** Emulator: ARM subscriptions, Batch accounts, galleries / image definitions (paging, LRO PUT, validation). */
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/server';
import { EmulatorHttp, type TestResponse } from '../../emulator/testClient';
import { SUBSCRIPTION_PROD, SUBSCRIPTION_RESEARCH } from '../../emulator/data/demo';

const BATCH_V = 'api-version=2025-06-01';
const COMPUTE_V = 'api-version=2024-03-03';
const GALLERY = `subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/contosoImages`;

interface CloudErrorBody {
  error: { code: string; message: string; target?: string };
}

describe('emulator: ARM', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let http: EmulatorHttp;
  let auth: Record<string, string>;

  before(async () => {
    emulator = await startEmulator({ quiet: true, data: 'small', lroDelayMs: 100 });
    http = new EmulatorHttp(emulator.info);
    auth = { authorization: `Bearer ${await http.token(`${emulator.info.armEndpoint}.default`)}` };
  });
  after(async () => {
    await http.close();
    await emulator.stop();
  });
  afterEach(() => emulator.reset());

  const get = (path: string) => http.send('GET', path, { headers: auth });
  const put = (path: string, body: unknown) => http.send('PUT', path, { headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function pollOperation(url: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 100; i++) {
      const res = await get(url);
      const body = res.json as Record<string, unknown>;
      if (body['status'] !== 'InProgress') { return body; }
      assert.ok(res.headers['retry-after'] !== undefined);
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('operation did not finish');
  }

  it('lists subscriptions and requires api-version (400 MissingApiVersionParameter)', async () => {
    const res = await get('subscriptions?api-version=2022-12-01');
    assert.equal(res.status, 200);
    const subs = (res.json as { value: { subscriptionId: string; tenantId: string; state: string; displayName: string }[] }).value;
    assert.deepEqual(subs.map((s) => s.subscriptionId), [SUBSCRIPTION_PROD, SUBSCRIPTION_RESEARCH]);
    assert.ok(subs.every((s) => s.tenantId === emulator.info.tenantId && s.state === 'Enabled'));
    const missing = await get('subscriptions');
    assert.equal(missing.status, 400);
    assert.equal((missing.json as CloudErrorBody).error.code, 'MissingApiVersionParameter');
    const wrong = await get(`subscriptions/${SUBSCRIPTION_PROD}/providers/Microsoft.Batch/batchAccounts?api-version=2099-01-01`);
    assert.equal(wrong.status, 400);
    assert.equal((wrong.json as CloudErrorBody).error.code, 'NoRegisteredProviderFound');
  });

  it('lists Batch accounts (paged), gets one with accountEndpoint without scheme, and lists keys', async () => {
    const first = await get(`subscriptions/${SUBSCRIPTION_PROD}/providers/Microsoft.Batch/batchAccounts?${BATCH_V}`);
    const page = first.json as { value: { name: string; properties: { accountEndpoint: string; provisioningState: string } }[]; nextLink?: string };
    assert.equal(page.value.length, 2);
    assert.equal(page.nextLink, undefined);
    const prod = page.value.find((a) => a.name === 'contosoprod')!;
    const info = emulator.info.batchAccounts.find((a) => a.name === 'contosoprod')!;
    assert.equal(prod.properties.accountEndpoint, info.accountEndpoint);
    assert.equal(`https://${prod.properties.accountEndpoint}`, info.url);
    assert.equal(prod.properties.provisioningState, 'Succeeded');
    const one = await get(`subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/batch-prod-rg/providers/Microsoft.Batch/batchAccounts/contosoprod?${BATCH_V}`);
    assert.equal(one.status, 200);
    const keys = await http.send('POST', `subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/batch-prod-rg/providers/Microsoft.Batch/batchAccounts/contosoprod/listKeys?${BATCH_V}`, { headers: auth });
    assert.deepEqual(keys.json, { accountName: 'contosoprod', primary: info.primaryKey, secondary: info.secondaryKey });
    const nope = await get(`subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/batch-prod-rg/providers/Microsoft.Batch/batchAccounts/nope?${BATCH_V}`);
    assert.equal(nope.status, 404);
    assert.equal((nope.json as CloudErrorBody).error.code, 'ResourceNotFound');
    const unknownRoute = await get(`subscriptions/${SUBSCRIPTION_PROD}/providers/Microsoft.Foo/bars?${BATCH_V}`);
    assert.equal(unknownRoute.status, 404);
  });

  it('pages the image definitions of a gallery with nextLink', async () => {
    let url: string | undefined = `${GALLERY}/images?${COMPUTE_V}`;
    const names: string[] = [];
    let pages = 0;
    while (url) {
      const res: TestResponse = await get(url);
      assert.equal(res.status, 200, res.text);
      const body = res.json as { value: { name: string; properties: { provisioningState: string } }[]; nextLink?: string };
      assert.ok(body.value.length <= 2);
      names.push(...body.value.map((v) => v.name));
      url = body.nextLink;
      if (url) { assert.ok(url.startsWith(emulator.info.armEndpoint) && url.includes(COMPUTE_V)); }
      pages++;
    }
    assert.equal(pages, 3);
    assert.equal(names.length, 5);
    const all = await get(`subscriptions/${SUBSCRIPTION_RESEARCH}/providers/Microsoft.Compute/galleries?${COMPUTE_V}`);
    assert.deepEqual((all.json as { value: { name: string }[] }).value.map((g) => g.name), ['fabrikam_ml_gallery']);
  });

  it('creates an image definition as a long-running operation that ends Succeeded', async () => {
    const body = { location: 'westeurope', properties: { osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V2', identifier: { publisher: 'Contoso', offer: 'new-offer', sku: 'new-sku' } } };
    const res = await put(`${GALLERY}/images/new-image.v1?${COMPUTE_V}`, body);
    assert.equal(res.status, 201, res.text);
    assert.equal((res.json as { properties: { provisioningState: string } }).properties.provisioningState, 'Creating');
    const asyncOp = res.headers['azure-asyncoperation']!;
    assert.ok(asyncOp.startsWith(emulator.info.armEndpoint));
    assert.ok(res.headers['location']);
    const final = await pollOperation(asyncOp);
    assert.equal(final['status'], 'Succeeded');
    const image = await get(`${GALLERY}/images/new-image.v1?${COMPUTE_V}`);
    assert.equal((image.json as { properties: { provisioningState: string } }).properties.provisioningState, 'Succeeded');
    const location = await get(res.headers['location']!);
    assert.equal(location.status, 200);
    // Updating the same definition answers 200 / Updating.
    const update = await put(`${GALLERY}/images/new-image.v1?${COMPUTE_V}`, { ...body, properties: { ...body.properties, description: 'updated' } });
    assert.equal(update.status, 200);
    assert.equal((update.json as { properties: { provisioningState: string } }).properties.provisioningState, 'Updating');
  });

  it('ends the operation Failed when failNextImagePut was armed', async () => {
    emulator.failNextImagePut('GalleryImageQuotaExceeded', 'The gallery has reached its image definition quota.');
    const res = await put(`${GALLERY}/images/doomed?${COMPUTE_V}`, {
      location: 'West Europe',
      properties: { osType: 'Windows', osState: 'Specialized', identifier: { publisher: 'Contoso', offer: 'doomed', sku: '1' } },
    });
    assert.equal(res.status, 201, res.text);
    const final = await pollOperation(res.headers['azure-asyncoperation']!);
    assert.equal(final['status'], 'Failed');
    assert.deepEqual(final['error'], { code: 'GalleryImageQuotaExceeded', message: 'The gallery has reached its image definition quota.' });
    const image = emulator.getImage(SUBSCRIPTION_PROD, 'images-rg', 'contosoImages', 'doomed')!;
    assert.equal((image['properties'] as { provisioningState: string }).provisioningState, 'Failed');
  });

  it('validates name, required fields and identifier uniqueness (400 InvalidParameter)', async () => {
    const good = { location: 'westeurope', properties: { osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'Contoso', offer: 'x', sku: 'y' } } };
    const badName = await put(`${GALLERY}/images/-bad-?${COMPUTE_V}`, good);
    assert.equal(badName.status, 400);
    assert.deepEqual([(badName.json as CloudErrorBody).error.code, (badName.json as CloudErrorBody).error.target], ['InvalidParameter', 'galleryImageName']);
    const duplicate = await put(`${GALLERY}/images/copy?${COMPUTE_V}`, { ...good, properties: { ...good.properties, identifier: { publisher: 'Contoso', offer: 'ubuntu-batch', sku: '22_04-lts-gen2' } } });
    assert.equal(duplicate.status, 400);
    assert.equal((duplicate.json as CloudErrorBody).error.target, 'galleryImage.properties.identifier');
    const noLocation = await put(`${GALLERY}/images/noloc?${COMPUTE_V}`, { properties: good.properties });
    assert.equal(noLocation.status, 400);
    assert.equal((noLocation.json as CloudErrorBody).error.code, 'InvalidParameter');
  });
});
