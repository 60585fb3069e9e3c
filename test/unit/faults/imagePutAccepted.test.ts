import * as assert from 'node:assert/strict';
import type { GalleryImageWithETag } from '../../../src/azure/arm/galleryOperations';
import { AzureRequestError } from '../../../src/azure/errors/azureRequestError';
import { putImageDefinition, type ImageDefinitionWriter, type ImagePutRequest } from '../../../src/gallery/imagePut';
import { failedWrite } from '../../../src/jsonEditing/writeFailure';

const URL = 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/img';
const BODY = { location: 'westeurope', properties: { identifier: { publisher: 'P', offer: 'o', sku: 's' }, osType: 'Linux', osState: 'Generalized' } };

function failingWriter(error: Error): ImageDefinitionWriter & { puts: number; gets: number } {
  return {
    puts: 0,
    gets: 0,
    async get(): Promise<GalleryImageWithETag> {
      this.gets++;
      throw new Error('not readable');
    },
    async createOrUpdate() {
      this.puts++;
      throw error;
    },
  };
}
const hooks = () => ({ onProgress: () => undefined, log: { info: () => undefined, error: () => undefined } });
const request = (mode: ImagePutRequest['mode']): ImagePutRequest =>
  ({ galleryName: 'g', name: 'img', body: structuredClone(BODY), mode, ifNoneMatch: mode === 'create' ? '*' : undefined, ifMatch: mode === 'update' ? '"e1"' : undefined });

describe('faults item 2: an image PUT accepted, then following it failed, is never "Nothing was changed"', () => {
  it('a poll or final GET failing after 201/202 says accepted; following it failed — refresh', async () => {
    for (const status of [500, 404, 403, undefined]) {
      const error = new AzureRequestError({ code: status ? 'InternalServerError' : 'ECONNRESET', message: 'poll failed', kind: status ? 'arm' : 'network', method: 'GET', url: `${URL}/operations/1`, status }).markAfterAccepted();
      for (const mode of ['create', 'update'] as const) {
        const writer = failingWriter(error);
        const result = await putImageDefinition(writer, request(mode), hooks());
        assert.equal(result.kind, 'failed');
        const message = result.kind === 'failed' ? result.outcome.message : '';
        assert.match(message, /^Accepted; following it failed — refresh to see the result\. .*was accepted by Azure.* Your draft is kept\.$/, `${mode} ${status}`);
        assert.doesNotMatch(message, /Nothing was changed/);
        assert.equal(writer.puts, 1, 'the PUT is not repeated');
      }
    }
  });

  it('a retried PUT answered 409 (or 412 on create) says an earlier attempt may have been applied', async () => {
    for (const status of [409, 412]) {
      const error = new AzureRequestError({ code: 'Conflict', message: 'exists', kind: 'arm', method: 'PUT', url: URL, status, attempts: 2, earlierAttemptUncertain: true });
      const result = await putImageDefinition(failingWriter(error), request('create'), hooks());
      const message = result.kind === 'failed' ? result.outcome.message : '';
      assert.match(message, /may have been applied.*refresh the gallery to check\. Your draft is kept\.$/, String(status));
      assert.doesNotMatch(message, /Nothing was changed/);
    }
  });

  it('the pool PATCH wording (failedWrite) says the same for a retried PATCH answered 409', () => {
    const error = new AzureRequestError({ code: 'Conflict', message: 'busy', kind: 'batch', method: 'PATCH', url: 'https://a.b.batch.azure.com/pools/p', status: 409, attempts: 2, earlierAttemptUncertain: true });
    const outcome = failedWrite(error, { refusal: () => ({ text: 'refused', issues: [] }), checkHint: 'refresh the pool to check.' });
    assert.match(outcome.message, /may have been applied.*refresh the pool to check\./);
    const plain = failedWrite(new AzureRequestError({ code: 'Conflict', message: 'busy', kind: 'batch', method: 'PATCH', url: 'https://a.b.batch.azure.com/pools/p', status: 409 }), { refusal: () => ({ text: 'refused', issues: [] }), checkHint: 'x' });
    assert.match(plain.message, /^Nothing was changed/, 'a first-attempt refusal still says nothing was changed');
  });
});
