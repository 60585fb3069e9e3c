/** Microsoft.Compute/galleries: list (subscription / resource group), get, image definitions list and get. */
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { jsonReply } from '../http';
import type { GalleryRecord, ImageRecord } from '../state';
import { resourceNotFound } from './errors';
import { armPage } from './paging';

export function galleryId(g: GalleryRecord): string {
  return `/subscriptions/${g.subscriptionId}/resourceGroups/${g.resourceGroup}/providers/Microsoft.Compute/galleries/${g.name}`;
}

function galleryJson(g: GalleryRecord): Record<string, unknown> {
  return {
    id: galleryId(g),
    name: g.name,
    type: 'Microsoft.Compute/galleries',
    location: g.location,
    ...(g.tags ? { tags: g.tags } : {}),
    properties: {
      description: g.description,
      identifier: { uniqueName: `${g.subscriptionId}-${g.name.toUpperCase()}` },
      provisioningState: 'Succeeded',
    },
  };
}

export function imageJson(g: GalleryRecord, image: ImageRecord): Record<string, unknown> {
  return {
    id: `${galleryId(g)}/images/${image.name}`,
    name: image.name,
    type: 'Microsoft.Compute/galleries/images',
    location: image.location,
    ...(image.tags ? { tags: image.tags } : {}),
    properties: { ...image.properties, provisioningState: image.provisioningState },
  };
}

function galleriesIn(env: Env, subscriptionId: string, resourceGroup?: string): GalleryRecord[] {
  return env.state.galleries.filter(
    (g) => g.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() && (resourceGroup === undefined || g.resourceGroup.toLowerCase() === resourceGroup.toLowerCase()),
  );
}

export function findGallery(env: Env, subscriptionId: string, resourceGroup: string, name: string): GalleryRecord | undefined {
  return galleriesIn(env, subscriptionId, resourceGroup).find((g) => g.name.toLowerCase() === name.toLowerCase());
}

export function galleryNotFound(name: string, resourceGroup: string): Reply {
  return resourceNotFound('Microsoft.Compute/galleries', name, resourceGroup);
}

export function listGalleries(ctx: Ctx, env: Env, subscriptionId: string, resourceGroup?: string): Reply {
  const page = armPage(ctx, galleriesIn(env, subscriptionId, resourceGroup).map(galleryJson), env.options.armPageSize);
  return 'status' in page ? page : jsonReply(200, page);
}

export function getGallery(env: Env, subscriptionId: string, resourceGroup: string, name: string): Reply {
  const g = findGallery(env, subscriptionId, resourceGroup, name);
  return g ? jsonReply(200, galleryJson(g)) : galleryNotFound(name, resourceGroup);
}

export function listImages(ctx: Ctx, env: Env, subscriptionId: string, resourceGroup: string, galleryName: string): Reply {
  const g = findGallery(env, subscriptionId, resourceGroup, galleryName);
  if (!g) { return galleryNotFound(galleryName, resourceGroup); }
  const page = armPage(ctx, [...g.images.values()].map((i) => imageJson(g, i)), env.options.armPageSize);
  return 'status' in page ? page : jsonReply(200, page);
}

export function getImage(env: Env, subscriptionId: string, resourceGroup: string, galleryName: string, imageName: string): Reply {
  const g = findGallery(env, subscriptionId, resourceGroup, galleryName);
  if (!g) { return galleryNotFound(galleryName, resourceGroup); }
  const image = g.images.get(imageName.toLowerCase());
  return image ? jsonReply(200, imageJson(g, image)) : resourceNotFound('Microsoft.Compute/galleries/images', `${g.name}/${imageName}`, resourceGroup);
}
