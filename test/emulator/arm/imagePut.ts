/**
 * PUT .../galleries/{g}/images/{name} (GalleryImages_CreateOrUpdate), a long-running operation:
 * validate -> 201 (new, provisioningState Creating) or 200 (existing, Updating) with Azure-AsyncOperation and Location
 * headers -> after lroDelayMs the image is Succeeded, or Failed when failNextImagePut was armed.
 * Operation status: GET {base}subscriptions/{s}/providers/Microsoft.Compute/locations/{loc}/capsOperations/{id}
 * (add &monitor=true for the Location form: 202 while running, then the final resource).
 */
import { randomUUID } from 'node:crypto';
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { emptyReply, isoTime, jsonReply } from '../http';
import type { GalleryRecord, ImageRecord, LroOperation } from '../state';
import { cloudError, invalidParameter } from './errors';
import { findGallery, galleryNotFound, imageJson } from './galleries';

const NAME_RULE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9])?$/;
const IMMUTABLE = ['osType', 'osState', 'hyperVGeneration', 'architecture'];

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function normLocation(l: string): string {
  return l.replace(/\s+/g, '').toLowerCase();
}

function required(path: string): Reply {
  return invalidParameter(`Required parameter '${path}' is missing (null).`, path);
}

function validate(g: GalleryRecord, name: string, body: Json, existing?: ImageRecord): Reply | undefined {
  if (!NAME_RULE.test(name)) {
    return invalidParameter(
      `The entity name 'galleryImageName' is invalid according to its validation rule: ^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9])?$ (letters and digits; '.', '-' and '_' only in the middle; at most 80 characters).`,
      'galleryImageName',
    );
  }
  if (typeof body['location'] !== 'string' || body['location'].trim() === '') { return required('galleryImage.location'); }
  if (normLocation(body['location']) !== normLocation(g.location)) {
    return invalidParameter(`The gallery image definition location '${body['location']}' must be the same as the gallery location '${g.location}'.`, 'galleryImage.location');
  }
  const p = body['properties'];
  if (!isObject(p)) { return required('galleryImage.properties'); }
  const id = p['identifier'];
  if (!isObject(id)) { return required('galleryImage.properties.identifier'); }
  for (const part of ['publisher', 'offer', 'sku']) {
    if (typeof id[part] !== 'string' || (id[part] as string).trim() === '') { return required(`galleryImage.properties.identifier.${part}`); }
  }
  if (p['osType'] === undefined) { return required('galleryImage.properties.osType'); }
  if (!['Windows', 'Linux'].includes(String(p['osType']))) { return invalidParameter(`The value '${String(p['osType'])}' of parameter 'galleryImage.properties.osType' is invalid. Allowed values: Windows, Linux.`, 'galleryImage.properties.osType'); }
  if (p['osState'] === undefined) { return required('galleryImage.properties.osState'); }
  if (!['Generalized', 'Specialized'].includes(String(p['osState']))) { return invalidParameter(`The value '${String(p['osState'])}' of parameter 'galleryImage.properties.osState' is invalid. Allowed values: Generalized, Specialized.`, 'galleryImage.properties.osState'); }
  if (p['hyperVGeneration'] !== undefined && !['V1', 'V2'].includes(String(p['hyperVGeneration']))) { return invalidParameter(`The value '${String(p['hyperVGeneration'])}' of parameter 'galleryImage.properties.hyperVGeneration' is invalid. Allowed values: V1, V2.`, 'galleryImage.properties.hyperVGeneration'); }
  if (p['architecture'] !== undefined && !['x64', 'Arm64'].includes(String(p['architecture']))) { return invalidParameter(`The value '${String(p['architecture'])}' of parameter 'galleryImage.properties.architecture' is invalid. Allowed values: x64, Arm64.`, 'galleryImage.properties.architecture'); }
  if (p['architecture'] === 'Arm64' && p['hyperVGeneration'] !== 'V2') {
    return invalidParameter("Gallery image definitions with architecture 'Arm64' must have hyperVGeneration 'V2'.", 'galleryImage.properties.hyperVGeneration');
  }
  const triple = [id['publisher'], id['offer'], id['sku']].map((s) => String(s).toLowerCase()).join('/');
  for (const other of g.images.values()) {
    if (other === existing) { continue; }
    const oid = other.properties['identifier'] as Json;
    if ([oid['publisher'], oid['offer'], oid['sku']].map((s) => String(s).toLowerCase()).join('/') === triple) {
      return invalidParameter(
        `Gallery image definition '${other.name}' in gallery '${g.name}' already uses publisher '${String(id['publisher'])}', offer '${String(id['offer'])}' and sku '${String(id['sku'])}'. The identifier must be unique within the gallery.`,
        'galleryImage.properties.identifier',
      );
    }
  }
  if (existing) {
    if (existing.provisioningState === 'Creating' || existing.provisioningState === 'Updating') {
      return cloudError(409, 'OperationNotAllowed', `An operation is already in progress on gallery image definition '${existing.name}'. Retry when it has completed.`);
    }
    const before = existing.properties;
    const oid = before['identifier'] as Json;
    if (['publisher', 'offer', 'sku'].some((k) => String(oid[k]).toLowerCase() !== String(id[k]).toLowerCase())) {
      return cloudError(409, 'PropertyChangeNotAllowed', "Changing property 'galleryImage.properties.identifier' is not allowed.", { target: 'galleryImage.properties.identifier' });
    }
    for (const key of IMMUTABLE) {
      if (p[key] !== undefined && before[key] !== undefined && p[key] !== before[key]) {
        return cloudError(409, 'PropertyChangeNotAllowed', `Changing property 'galleryImage.properties.${key}' is not allowed.`, { target: `galleryImage.properties.${key}` });
      }
    }
  }
  return undefined;
}

export function operationUrls(env: Env, op: LroOperation, apiVersion: string): { asyncOperation: string; location: string } {
  const base = `${env.baseUrl}subscriptions/${op.subscriptionId}/providers/Microsoft.Compute/locations/${normLocation(op.location)}/capsOperations/${op.id}?api-version=${apiVersion}`;
  return { asyncOperation: base, location: `${base}&monitor=true` };
}

export function retryAfter(env: Env, op: LroOperation): Record<string, string> {
  const remaining = Math.max(0, op.startTime + env.options.lroDelayMs - Date.now());
  return { 'retry-after': String(Math.ceil(remaining / 1000)), 'retry-after-ms': String(remaining), 'x-ms-retry-after-ms': String(remaining) };
}

export function putImage(ctx: Ctx, env: Env, subscriptionId: string, resourceGroup: string, galleryName: string, imageName: string, apiVersion: string): Reply {
  const g = findGallery(env, subscriptionId, resourceGroup, galleryName);
  if (!g) { return galleryNotFound(galleryName, resourceGroup); }
  let body: unknown;
  try {
    body = JSON.parse(ctx.body);
  } catch (e) {
    return cloudError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: '${(e as Error).message}'.`);
  }
  if (!isObject(body)) { return cloudError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: the body must be a JSON object.'); }
  const key = imageName.toLowerCase();
  const existing = g.images.get(key);
  // ARM conditional PUT: "If-None-Match: *" creates only; gallery images carry no ETag, so If-Match cannot match one.
  if (ctx.headers['if-none-match'] === '*' && existing) {
    return cloudError(412, 'PreconditionFailed', `The condition 'If-None-Match: *' failed: gallery image definition '${existing.name}' already exists.`);
  }
  const invalid = validate(g, imageName, body, existing);
  if (invalid) { return invalid; }

  const { provisioningState: _ignored, ...properties } = body['properties'] as Json;
  const image: ImageRecord = {
    name: existing?.name ?? imageName,
    location: g.location,
    ...(isObject(body['tags']) ? { tags: body['tags'] as Record<string, string> } : existing?.tags ? { tags: existing.tags } : {}),
    properties: structuredClone(properties),
    provisioningState: existing ? 'Updating' : 'Creating',
    // Updating a definition keeps its versions.
    ...(existing?.versions ? { versions: existing.versions } : {}),
  };
  g.images.set(key, image);

  const op: LroOperation = { id: randomUUID(), subscriptionId: g.subscriptionId, location: g.location, resourceId: String(imageJson(g, image)['id']), startTime: Date.now(), status: 'InProgress', gallery: g, imageKey: key };
  env.state.operations.set(op.id, op);
  const failure = env.failNextImagePut;
  env.failNextImagePut = undefined;
  env.scheduler.after(env.options.lroDelayMs, () => {
    const current = g.images.get(key);
    op.endTime = Date.now();
    if (failure) {
      op.status = 'Failed';
      op.error = { code: failure.code, message: failure.message };
      if (current) { current.provisioningState = 'Failed'; }
    } else {
      op.status = 'Succeeded';
      if (current) { current.provisioningState = 'Succeeded'; }
    }
  });
  const urls = operationUrls(env, op, apiVersion);
  return jsonReply(existing ? 200 : 201, imageJson(g, image), {
    'azure-asyncoperation': urls.asyncOperation,
    location: urls.location,
    ...retryAfter(env, op),
  });
}

/** GET of the operation status (Azure-AsyncOperation) or, with monitor=true, of the Location URL. */
export function getOperation(ctx: Ctx, env: Env, subscriptionId: string, operationId: string, apiVersion: string): Reply {
  const op = env.state.operations.get(operationId);
  if (!op || op.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) {
    return cloudError(404, 'NotFound', 'The entity was not found in this Azure location.');
  }
  const monitor = (ctx.query['monitor'] ?? '').toLowerCase() === 'true';
  if (monitor) {
    if (op.status === 'InProgress') { return emptyReply(202, { location: operationUrls(env, op, apiVersion).location, ...retryAfter(env, op) }); }
    if (op.status === 'Failed') { return cloudError(400, op.error!.code, op.error!.message); }
    const image = op.gallery.images.get(op.imageKey);
    return image ? jsonReply(200, imageJson(op.gallery, image)) : emptyReply(204);
  }
  const body: Json = { startTime: isoTime(op.startTime), status: op.status, name: op.id };
  if (op.endTime !== undefined) { body['endTime'] = isoTime(op.endTime); }
  if (op.error) { body['error'] = { code: op.error.code, message: op.error.message }; }
  return jsonReply(200, body, op.status === 'InProgress' ? retryAfter(env, op) : {});
}
