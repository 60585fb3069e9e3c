import type { AzureClients } from '../azure/azureClientFactory';
import type { GalleryImagesApi, GalleryInfo } from './azureGateway';

/** A gallery's image definitions in the gateway's terms, on the session's clients (rebuilt when settings change). */
export function galleryImagesApi(gallery: GalleryInfo, clients: () => Promise<AzureClients>): GalleryImagesApi {
  const { subscriptionId, resourceGroup, name } = gallery;
  return {
    async describe() {
      const { cloud, apiVersions } = await clients();
      const endpoint = cloud.resourceManagerEndpoint.endsWith('/') ? cloud.resourceManagerEndpoint : `${cloud.resourceManagerEndpoint}/`;
      const s = encodeURIComponent;
      return {
        imagesUrl: `${endpoint}subscriptions/${s(subscriptionId)}/resourceGroups/${s(resourceGroup)}/providers/Microsoft.Compute/galleries/${s(name)}/images`,
        apiVersion: apiVersions.compute,
      };
    },
    list: async (token) => (await clients()).arm.galleries.listImages(subscriptionId, resourceGroup, name, { cancellationToken: token }),
    get: async (imageName, token) => (await clients()).arm.galleries.getImage(subscriptionId, resourceGroup, name, imageName, { cancellationToken: token }),
    listVersionsPage: async (imageName, nextLink, token) =>
      (await clients()).arm.galleries.listImageVersionsPage(subscriptionId, resourceGroup, name, imageName, { nextLink, cancellationToken: token }),
    createOrUpdate: async (imageName, image, options) =>
      (await clients()).arm.galleries.createOrUpdateImage(subscriptionId, resourceGroup, name, imageName, image, options),
  };
}
