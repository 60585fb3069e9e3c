import * as l10n from '../../utils/l10n';
import { getPage, nextPageRequest, type Page } from '../http/paging';
import { runLongRunningOperation, type LongRunningOperationOptions } from '../http/longRunningOperation';
import { resourcePath, seg, type ArmCallOptions, type ArmContext } from './armContext';
import type { GalleryImageVersion } from './galleryImageVersionModels.generated';
import type { Gallery, GalleryImage } from './galleryModels.generated';

export interface PageOptions extends ArmCallOptions {
  /** Resume from a next link returned by an earlier page ("Load more…"). */
  nextLink?: string;
}

export interface ConditionalWriteOptions {
  /** Only write when the resource still has this ETag (412 -> PreconditionFailedError otherwise). */
  ifMatch?: string;
  /** "*" = only create, never overwrite. */
  ifNoneMatch?: string;
}

export interface GalleryImageWithETag {
  image: GalleryImage;
  etag?: string;
}

const GALLERIES = 'Microsoft.Compute/galleries';

/** Every item of a paged list, page after page until there is no next link. */
async function allPages<T>(pageAt: (nextLink: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let nextLink: string | undefined;
  do {
    const page = await pageAt(nextLink);
    items.push(...page.items);
    nextLink = page.nextLink;
  } while (nextLink);
  return items;
}

/** Microsoft.Compute galleries and image definitions (API azureBatch.apiVersion.compute). */
export class GalleryOperations {
  constructor(private readonly ctx: ArmContext) {}

  private galleryPath(subscriptionId: string, resourceGroup: string, galleryName: string): string {
    return resourcePath(subscriptionId, resourceGroup, GALLERIES, galleryName, l10n.t('Gallery name'));
  }

  /** Every gallery of the subscription (all pages). */
  async listGalleries(subscriptionId: string, options: ArmCallOptions = {}): Promise<Gallery[]> {
    return this.ctx.listInSubscription<Gallery>(subscriptionId, GALLERIES, this.ctx.apiVersions.compute, 'galleries', options);
  }

  async getGallery(subscriptionId: string, resourceGroup: string, galleryName: string, options: ArmCallOptions = {}): Promise<Gallery> {
    return this.ctx.getResource<Gallery>(subscriptionId, resourceGroup, GALLERIES, galleryName, this.ctx.apiVersions.compute, 'gallery', options);
  }

  /** One page of image definitions; pass `nextLink` from the previous page to continue. */
  async listImagesPage(subscriptionId: string, resourceGroup: string, galleryName: string, options: PageOptions = {}): Promise<Page<GalleryImage>> {
    return this.page<GalleryImage>(subscriptionId, `${this.galleryPath(subscriptionId, resourceGroup, galleryName)}/images`, `List image definitions of gallery ${galleryName}`, options);
  }

  /** Every image definition of the gallery (follows next links). */
  listImages(subscriptionId: string, resourceGroup: string, galleryName: string, options: ArmCallOptions = {}): Promise<GalleryImage[]> {
    return allPages((nextLink) => this.listImagesPage(subscriptionId, resourceGroup, galleryName, { ...options, nextLink }));
  }

  /** One page of an image definition's versions; pass `nextLink` from the previous page to continue. */
  async listImageVersionsPage(subscriptionId: string, resourceGroup: string, galleryName: string, imageName: string, options: PageOptions = {}): Promise<Page<GalleryImageVersion>> {
    const path = `${this.galleryPath(subscriptionId, resourceGroup, galleryName)}/images/${seg(imageName)}/versions`;
    return this.page<GalleryImageVersion>(subscriptionId, path, `List versions of image definition ${imageName}`, options);
  }

  /** Every version of the image definition (follows next links). */
  listImageVersions(subscriptionId: string, resourceGroup: string, galleryName: string, imageName: string, options: ArmCallOptions = {}): Promise<GalleryImageVersion[]> {
    return allPages((nextLink) => this.listImageVersionsPage(subscriptionId, resourceGroup, galleryName, imageName, { ...options, nextLink }));
  }

  private page<T>(subscriptionId: string, path: string, operation: string, options: PageOptions): Promise<Page<T>> {
    const first = this.ctx.request({ method: 'GET', path, apiVersion: this.ctx.apiVersions.compute, operation, subscriptionId, options });
    const request = options.nextLink ? nextPageRequest(first, options.nextLink) : first;
    return getPage<T>(this.ctx.http, request, this.ctx.origin);
  }

  async getImage(
    subscriptionId: string,
    resourceGroup: string,
    galleryName: string,
    imageName: string,
    options: ArmCallOptions = {},
  ): Promise<GalleryImageWithETag> {
    const response = await this.ctx.http.send<GalleryImage>(
      this.ctx.request({
        method: 'GET',
        path: `${this.galleryPath(subscriptionId, resourceGroup, galleryName)}/images/${seg(imageName, l10n.t('Image definition name'))}`,
        apiVersion: this.ctx.apiVersions.compute,
        operation: `Get image definition ${imageName}`,
        subscriptionId,
        options,
      }),
    );
    return { image: response.body, etag: response.etag };
  }

  /**
   * Creates or updates an image definition (PUT, long-running): reports each polled
   * status/provisioningState through `onProgress` and returns the final resource.
   * A failed operation throws OperationFailedError carrying the operation's error.
   */
  async createOrUpdateImage(
    subscriptionId: string,
    resourceGroup: string,
    galleryName: string,
    imageName: string,
    image: GalleryImage,
    options: ArmCallOptions & ConditionalWriteOptions & Omit<LongRunningOperationOptions, keyof ArmCallOptions> = {},
  ): Promise<GalleryImageWithETag> {
    const request = this.ctx.request({
      method: 'PUT',
      path: `${this.galleryPath(subscriptionId, resourceGroup, galleryName)}/images/${seg(imageName, l10n.t('Image definition name'))}`,
      apiVersion: this.ctx.apiVersions.compute,
      operation: `Create or update image definition ${imageName}`,
      subscriptionId,
      headers: { 'if-match': options.ifMatch, 'if-none-match': options.ifNoneMatch },
      body: image,
      options,
    });
    const response = await runLongRunningOperation<GalleryImage>(this.ctx.http, request, options);
    return { image: response.body, etag: response.etag };
  }
}
