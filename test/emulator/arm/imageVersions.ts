/**
 * Microsoft.Compute gallery image versions: list (paged) and get, shaped as GalleryRP 2024-03-03 defines
 * GalleryImageVersionList and GalleryImageVersion.
 */
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { jsonReply } from '../http';
import type { GalleryRecord, ImageRecord, ImageVersionRecord } from '../state';
import { resourceNotFound } from './errors';
import { findGallery, galleryId, galleryNotFound } from './galleries';
import { armPage } from './paging';

export function imageVersionJson(g: GalleryRecord, image: ImageRecord, version: ImageVersionRecord): Record<string, unknown> {
  return {
    id: `${galleryId(g)}/images/${image.name}/versions/${version.name}`,
    name: version.name,
    type: 'Microsoft.Compute/galleries/images/versions',
    location: version.location,
    ...(version.tags ? { tags: version.tags } : {}),
    properties: { ...structuredClone(version.properties), provisioningState: version.provisioningState },
  };
}

function findImage(env: Env, subscriptionId: string, resourceGroup: string, galleryName: string, imageName: string): { g: GalleryRecord; image: ImageRecord } | Reply {
  const g = findGallery(env, subscriptionId, resourceGroup, galleryName);
  if (!g) { return galleryNotFound(galleryName, resourceGroup); }
  const image = g.images.get(imageName.toLowerCase());
  if (!image) { return resourceNotFound('Microsoft.Compute/galleries/images', `${g.name}/${imageName}`, resourceGroup); }
  return { g, image };
}

export function listImageVersions(ctx: Ctx, env: Env, subscriptionId: string, resourceGroup: string, galleryName: string, imageName: string): Reply {
  const found = findImage(env, subscriptionId, resourceGroup, galleryName, imageName);
  if ('status' in found) { return found; }
  const { g, image } = found;
  const page = armPage(ctx, (image.versions ?? []).map((v) => imageVersionJson(g, image, v)), env.options.armPageSize);
  return 'status' in page ? page : jsonReply(200, page);
}

export function getImageVersion(env: Env, subscriptionId: string, resourceGroup: string, galleryName: string, imageName: string, versionName: string): Reply {
  const found = findImage(env, subscriptionId, resourceGroup, galleryName, imageName);
  if ('status' in found) { return found; }
  const { g, image } = found;
  const version = image.versions?.find((v) => v.name === versionName);
  return version
    ? jsonReply(200, imageVersionJson(g, image, version))
    : resourceNotFound('Microsoft.Compute/galleries/images/versions', `${g.name}/${image.name}/${versionName}`, resourceGroup);
}
