import type { CancellationToken } from 'vscode';
import type { GalleryImage } from '../azure/arm/galleryModels';
import type { GalleryImageWithETag, ConditionalWriteOptions } from '../azure/arm/galleryOperations';
import type { OperationProgress as LongRunningProgress } from '../azure/http/longRunningOperation';
import type { BatchAccountApi, BatchAccountInfo, GalleryInfo } from '../tree/backend';
export type { SubscriptionInfo, AccountSource, BatchAccountInfo, GalleryInfo, NodePageRequest, NodePage, BatchAccountApi } from '../tree/backend';
export interface GalleryImagesApi {
  /** The definitions' collection URL and api-version, for the editor's "exact request" line. */
  describe(): Promise<{ imagesUrl: string; apiVersion: string }>;
  list(token?: CancellationToken): Promise<GalleryImage[]>;
  get(imageName: string, token?: CancellationToken): Promise<GalleryImageWithETag>;
  createOrUpdate(imageName: string, image: GalleryImage, options: ConditionalWriteOptions & { cancellationToken?: CancellationToken; onProgress?: (progress: LongRunningProgress) => void }): Promise<GalleryImageWithETag>;
}
export interface AzureGateway {
  batch(account: BatchAccountInfo): BatchAccountApi;
  galleryImages(gallery: GalleryInfo): GalleryImagesApi;
}
