/**
 * What the image-definition editor does on "Create" and "Update", on Node against the emulator, for the fault
 * matrix's "image create" and "image update" columns: the gateway's gallery API (src/services/galleryImagesApi) and
 * the editor's workflow (src/gallery/imagePut: the PUT with If-None-Match: * on create, with the ETag read just
 * before on update when the service gives one; 201/200, polling Azure-AsyncOperation, the final GET). What the user
 * sees = the outcome's message (the editor's banner) or the applied definition; kept = the draft object and the
 * definition in the emulator; received = the emulator's request records.
 */
import type { RecordedRequest } from '../../../emulator/api';
import type { GalleryImage } from '../../../../src/azure/arm/galleryModels.generated';
import type { CancellationTokenLike } from '../../../../src/azure/core/cancellation';
import { editableDocument } from '../../../../src/gallery/imageDefinitionModel';
import { putImageDefinition, type ImagePutRequest, type ImagePutResult } from '../../../../src/gallery/imagePut';
import type { JsonObject } from '../../../../src/jsonEditing/jsonValue';
import type { GalleryImagesApi, GalleryInfo } from '../../../../src/services/azureGateway';
import { galleryImagesApi } from '../../../../src/services/galleryImagesApi';
import type { FaultCellFixture } from './faultCellFixture';

export const GALLERY = 'contosoImages';
/** The definition "image update" edits (exists in the seeded data). */
export const EXISTING = 'ubuntu-2204-batch';
/** The definition "image create" creates (absent from the seeded data). */
export const NEW_NAME = 'fm-new-image';

export interface ImageRun {
  result: ImagePutResult;
  /** The progress lines the editor shows. */
  progress: string[];
  logged: string[];
  /** The ETag the update read before sending (the editor's If-Match when there is one). */
  readEtag?: string;
}

const galleries = new WeakMap<FaultCellFixture, GalleryInfo>();

/** The gallery as the tree knows it (kept when a cell deletes it from the emulator). */
export function galleryOf(f: FaultCellFixture): GalleryInfo {
  let info = galleries.get(f);
  if (!info) {
    const g = f.emulator.state.galleries.find((x) => x.name === GALLERY)!;
    info = { id: `/subscriptions/${g.subscriptionId}/resourceGroups/${g.resourceGroup}/providers/Microsoft.Compute/galleries/${g.name}`, name: g.name, location: g.location, subscriptionId: g.subscriptionId, resourceGroup: g.resourceGroup };
    galleries.set(f, info);
  }
  return info;
}

export function imagesApi(f: FaultCellFixture): GalleryImagesApi {
  return galleryImagesApi(galleryOf(f), async () => f.clients);
}

/** A new definition's draft, as the create form produces it. */
export function newDraft(): JsonObject {
  return {
    location: 'westeurope',
    properties: {
      identifier: { publisher: 'Contoso', offer: 'fault-matrix', sku: 'create-1' },
      osType: 'Linux',
      osState: 'Generalized',
      hyperVGeneration: 'V2',
      description: 'Made by the fault matrix.',
    },
  };
}

/** The edited draft of the existing definition: its editable document with a new description. */
export async function editedDraft(f: FaultCellFixture): Promise<JsonObject> {
  const { image } = await imagesApi(f).get(EXISTING);
  const draft = editableDocument(image);
  (draft['properties'] as JsonObject)['description'] = 'Edited by the fault matrix.';
  return draft;
}

function hooks(token?: CancellationTokenLike) {
  const progress: string[] = [];
  const logged: string[] = [];
  return { progress, logged, hooks: { onProgress: (m: string) => progress.push(m), cancellationToken: token, log: { info: (l: string) => logged.push(l), error: (l: string) => logged.push(`ERROR ${l}`) } } };
}

/** "Create": PUT with If-None-Match: *, followed to its end. */
export async function createLikeTheEditor(f: FaultCellFixture, draft: JsonObject, token?: CancellationTokenLike, beforePut?: () => void | Promise<void>): Promise<ImageRun> {
  const h = hooks(token);
  await beforePut?.();
  const request: ImagePutRequest = { galleryName: GALLERY, name: NEW_NAME, body: draft, mode: 'create', ifNoneMatch: '*' };
  const result = await putImageDefinition(imagesApi(f), request, h.hooks);
  return { result, progress: h.progress, logged: h.logged };
}

/** "Update": read the definition (its ETag, when the service gives one), then PUT with that If-Match, followed to its end. */
export async function updateLikeTheEditor(f: FaultCellFixture, draft: JsonObject, token?: CancellationTokenLike, beforePut?: () => void | Promise<void>): Promise<ImageRun> {
  const h = hooks(token);
  const fresh = await imagesApi(f).get(EXISTING);
  await beforePut?.();
  const request: ImagePutRequest = { galleryName: GALLERY, name: EXISTING, body: draft, mode: 'update', ifMatch: fresh.etag };
  const result = await putImageDefinition(imagesApi(f), request, h.hooks);
  return { result, progress: h.progress, logged: h.logged, readEtag: fresh.etag };
}

/** The outcome's message ('' when the PUT ended done). */
export const messageOf = (run: ImageRun): string => (run.result.kind === 'failed' ? run.result.outcome.message : '');

/** Route regex sources: the definition (PUT and GETs) and the operation status polls. */
export const imageRoute = (name: string): string => `/galleries/${GALLERY}/images/${name}$`;
export const OPERATION_ROUTE = '/providers/Microsoft\\.Compute/locations/[^/]+/capsOperations/';

export function imageRequests(f: FaultCellFixture, name: string, method: 'PUT' | 'GET'): RecordedRequest[] {
  return f.emulator.requests({ path: new RegExp(imageRoute(name)), method });
}

export function operationPolls(f: FaultCellFixture): RecordedRequest[] {
  return f.emulator.requests({ path: new RegExp(OPERATION_ROUTE), method: 'GET' });
}

/** The definition as the emulator holds it (its editable part), or undefined when absent. */
export function storedDefinition(f: FaultCellFixture, name: string): JsonObject | undefined {
  const g = galleryOf(f);
  const image = f.emulator.getImage(g.subscriptionId, g.resourceGroup, g.name, name);
  return image ? editableDocument(image as unknown as GalleryImage) : undefined;
}

export function provisioningStateOf(f: FaultCellFixture, name: string): string | undefined {
  const g = galleryOf(f);
  const image = f.emulator.getImage(g.subscriptionId, g.resourceGroup, g.name, name) as { properties?: { provisioningState?: string } } | undefined;
  return image?.properties?.provisioningState;
}
