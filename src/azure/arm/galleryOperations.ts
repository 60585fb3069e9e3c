import * as l10n from '../../utils/l10n';
import { iterateItems, getPage, nextPageRequest, type Page } from '../http/paging';
import { runLongRunningOperation, type LongRunningOperationOptions } from '../http/longRunningOperation';
import { seg, type ArmCallOptions, type ArmContext } from './armContext';
import type { Gallery, GalleryImage } from './galleryModels';

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

/** Microsoft.Compute galleries and image definitions (API azureBatch.apiVersion.compute). */
export class GalleryOperations {
  constructor(private readonly ctx: ArmContext) {}

  private galleryPath(subscriptionId: string, resourceGroup: string, galleryName: string): string {
    return `subscriptions/${seg(subscriptionId, l10n.t('Subscription id'))}/resourceGroups/${seg(resourceGroup, l10n.t('Resource group name'))}/providers/Microsoft.Compute/galleries/${seg(galleryName, l10n.t('Gallery name'))}`;
  }

  /** Every gallery of the subscription (all pages). */
  async listGalleries(subscriptionId: string, options: ArmCallOptions = {}): Promise<Gallery[]> {
    const request = this.ctx.request({
      method: 'GET',
      path: `subscriptions/${seg(subscriptionId, l10n.t('Subscription id'))}/providers/Microsoft.Compute/galleries`,
      apiVersion: this.ctx.apiVersions.compute,
      operation: `List galleries of subscription ${subscriptionId}`,
      subscriptionId,
      options,
    });
    const result: Gallery[] = [];
    for await (const gallery of iterateItems<Gallery>(this.ctx.http, request)) {
      result.push(gallery);
    }
    return result;
  }

  async getGallery(subscriptionId: string, resourceGroup: string, galleryName: string, options: ArmCallOptions = {}): Promise<Gallery> {
    const response = await this.ctx.http.send<Gallery>(
      this.ctx.request({
        method: 'GET',
        path: this.galleryPath(subscriptionId, resourceGroup, galleryName),
        apiVersion: this.ctx.apiVersions.compute,
        operation: `Get gallery ${galleryName}`,
        subscriptionId,
        options,
      }),
    );
    return response.body;
  }

  /** One page of image definitions; pass `nextLink` from the previous page to continue. */
  async listImagesPage(
    subscriptionId: string,
    resourceGroup: string,
    galleryName: string,
    options: PageOptions = {},
  ): Promise<Page<GalleryImage>> {
    const first = this.ctx.request({
      method: 'GET',
      path: `${this.galleryPath(subscriptionId, resourceGroup, galleryName)}/images`,
      apiVersion: this.ctx.apiVersions.compute,
      operation: `List image definitions of gallery ${galleryName}`,
      subscriptionId,
      options,
    });
    const request = options.nextLink ? nextPageRequest(first, options.nextLink) : first;
    return getPage<GalleryImage>(this.ctx.http, request, this.ctx.origin);
  }

  /** Every image definition of the gallery (follows next links). */
  async listImages(subscriptionId: string, resourceGroup: string, galleryName: string, options: ArmCallOptions = {}): Promise<GalleryImage[]> {
    const result: GalleryImage[] = [];
    let nextLink: string | undefined;
    do {
      const page = await this.listImagesPage(subscriptionId, resourceGroup, galleryName, { ...options, nextLink });
      result.push(...page.items);
      nextLink = page.nextLink;
    } while (nextLink);
    return result;
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
