import * as assert from 'node:assert/strict';
import type { GalleryImage } from '../../src/azure/arm/galleryModels.generated';
import type { GalleryImageWithETag } from '../../src/azure/arm/galleryOperations';
import { AzureRequestError } from '../../src/azure/errors/azureRequestError';
import { OperationFailedError, RequestCancelledError } from '../../src/azure/errors/specificErrors';
import { OperationTimeoutError, type OperationProgress } from '../../src/azure/http/longRunningOperation';
import { putImageDefinition, putVerb, type ImageDefinitionWriter, type ImagePutRequest } from '../../src/gallery/imagePut';

const BODY = { location: 'westeurope', properties: { identifier: { publisher: 'Contoso', offer: 'o', sku: 's' }, osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V2' } };
const URL = 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/img';
const stored = (extra: Record<string, unknown> = {}): GalleryImage => ({ name: 'img', ...structuredClone(BODY), properties: { ...structuredClone(BODY.properties), provisioningState: 'Succeeded', ...extra } } as GalleryImage);

/** A writer whose PUT reports `statuses` and then ends as `end` says; GET answers `now`. */
function writer(statuses: string[], end: () => GalleryImageWithETag, now?: GalleryImageWithETag): ImageDefinitionWriter & { gets: number } {
  return {
    gets: 0,
    async get() {
      this.gets++;
      if (!now) {
        throw new Error('not found');
      }
      return now;
    },
    async createOrUpdate(_name, _image, options) {
      statuses.forEach((status, poll) => options.onProgress?.({ status, poll } as OperationProgress));
      return end();
    },
  };
}

function hooks() {
  const progress: string[] = [];
  const logged: string[] = [];
  return {
    progress,
    logged,
    hooks: {
      onProgress: (m: string) => progress.push(m),
      log: { info: (l: string) => logged.push(l), error: (l: string) => logged.push(`ERROR ${l}`) },
    },
  };
}

const request = (mode: ImagePutRequest['mode'], extra: Partial<ImagePutRequest> = {}): ImagePutRequest =>
  ({ galleryName: 'g', name: 'img', body: structuredClone(BODY), mode, ifNoneMatch: mode === 'create' ? '*' : undefined, ...extra });

const refused = (status: number, attempts = 1) => new AzureRequestError({ code: status === 412 ? 'PreconditionFailed' : 'BadRequest', message: 'The request is not valid', kind: 'arm', method: 'PUT', url: URL, status, attempts });

describe('gallery: the long-running image PUT and what its end means', () => {
  it('follows the operation: progress with the provisioningState, the final definition', async () => {
    const h = hooks();
    const result = await putImageDefinition(writer(['Creating', 'InProgress', 'Succeeded'], () => ({ image: stored(), etag: 'e2' })), request('create'), h.hooks);
    assert.equal(result.kind, 'done');
    assert.deepEqual(h.progress, ['sending the request…', 'provisioningState Creating', 'provisioningState Creating · operation InProgress · check 1', 'provisioningState Succeeded · operation Succeeded · check 2']);
    assert.match(h.logged[0]!, /PUT \(create\) ended Succeeded after \d+ ms; states Creating → InProgress → Succeeded/);
    assert.deepEqual([putVerb('create'), putVerb('replace'), putVerb('update')], ['Creating', 'Replacing', 'Updating']);
  });

  it('an operation that ended Failed: its code and message, what now exists, the draft kept', async () => {
    const failed = new OperationFailedError({
      code: 'OperationFailed', message: 'failed', kind: 'arm', method: 'PUT', url: URL, operationStatus: 'Failed',
      operationError: { code: 'GalleryImageProvisioningFailed', message: 'The platform could not provision it.', target: 'galleryImage.properties.osType' },
    });
    const result = await putImageDefinition(writer(['Creating'], () => { throw failed; }), request('create'), hooks().hooks);
    assert.equal(result.kind, 'failed');
    if (result.kind === 'failed') {
      assert.match(result.outcome.message, /^The service accepted the request, but the operation ended Failed: GalleryImageProvisioningFailed: The platform could not provision it \(target: galleryImage\.properties\.osType\)\. The definition img now exists with provisioningState Failed/);
      assert.deepEqual(result.outcome.issues.map((i) => i.path), [['properties', 'osType']]);
    }
  });

  it('the client\'s time limit and a cancelled wait: the operation goes on in Azure', async () => {
    const timeout = new OperationTimeoutError({ code: 'OperationTimedOut', message: 'late', kind: 'client', method: 'PUT', url: URL, operationStatus: 'TimedOut', operationError: {} });
    const late = await putImageDefinition(writer(['Updating', 'Running'], () => { throw timeout; }), request('update'), hooks().hooks);
    assert.equal(late.kind === 'failed' && late.outcome.message.startsWith('Stopped waiting for the operation after the time limit (last provisioningState: Updating)'), true);
    const cancelled = await putImageDefinition(writer(['Updating'], () => { throw new RequestCancelledError({ method: 'GET', url: URL }); }), request('update'), hooks().hooks);
    assert.equal(cancelled.kind === 'failed' && cancelled.outcome.message.startsWith('Stopped following the operation (last provisioningState: Updating)'), true);
  });

  it('a create refused with 412 (If-None-Match): the name was taken meanwhile; after a retry, its own first attempt counts as done', async () => {
    const first = writer([], () => { throw refused(412); }, { image: stored() });
    const taken = await putImageDefinition(first, request('create'), hooks().hooks);
    assert.equal(first.gets, 0, 'no re-read without a retry');
    assert.equal(taken.kind, 'failed');
    if (taken.kind === 'failed') {
      assert.match(taken.outcome.message, /^Nothing was changed: an image definition named img was created by someone else meanwhile/);
      assert.deepEqual(taken.outcome.issues.map((i) => i.field), ['name']);
    }
    const h = hooks();
    const retried = await putImageDefinition(writer([], () => { throw refused(412, 2); }, { image: stored(), etag: 'e5' }), request('create'), h.hooks);
    assert.deepEqual(retried.kind === 'done' && retried.etag, 'e5');
    assert.ok(h.logged.some((l) => /412 after 2 attempts, and the definition equals the draft/.test(l)));
  });

  it('an update refused with 412: the definition as it is now, for the conflict view', async () => {
    const changed = { image: stored({ description: 'someone else' }), etag: 'e9' };
    const result = await putImageDefinition(writer([], () => { throw refused(412); }, changed), request('update', { ifMatch: 'e1' }), hooks().hooks);
    assert.equal(result.kind, 'failed');
    assert.equal(result.kind === 'failed' && result.changedMeanwhile?.etag, 'e9');
  });

  it('a refusal of the service names its code; a request that may not have arrived says how to check', async () => {
    const bad = await putImageDefinition(writer([], () => { throw refused(400); }), request('create'), hooks().hooks);
    assert.equal(bad.kind === 'failed' && bad.outcome.message, 'Nothing was changed: the service refused the request: BadRequest: The request is not valid [HTTP 400]. Your draft is kept.');
    const network = new AzureRequestError({ code: 'ECONNRESET', message: 'socket hang up', kind: 'network', method: 'PUT', url: URL });
    const lost = await putImageDefinition(writer([], () => { throw network; }), request('create'), hooks().hooks);
    assert.match(lost.kind === 'failed' ? lost.outcome.message : '', /^The request failed: .*ECONNRESET.* The service may or may not have received it: refresh the gallery to check\. Your draft is kept\.$/);
  });
});
