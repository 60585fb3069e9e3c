/**
 * The Azure layer without `vscode`: HTTP client, errors, paging, LRO, authentication building
 * blocks and typed ARM / Batch operations. VS Code adapters live in ./azureClients.ts,
 * ./auth/vscodeSessionCredential.ts and ./auth/credentialFactory.ts (import those directly).
 */
export * from './apiVersions';
export * from './azureClientFactory';
export * from './httpSettings';
export * from './core/cancellation';
export * from './core/identifiers';
export * from './core/logger';
export * from './errors/azureRequestError';
export * from './errors/errorBodyParser';
export * from './errors/specificErrors';
export * from './errors/outcomeErrors';
export * from './http/accountUrl';
export * from './http/azureHttpClient';
export * from './http/longRunningOperation';
export * from './http/paging';
export * from './http/requestTypes';
export * from './http/retryPolicy';
export * from './http/sharedTransport';
export * from './http/urlSanitizer';
export * from './http/userAgent';
export * from './auth/authenticationErrors';
export * from './auth/authenticationMethods';
export * from './auth/batchHostGuard';
export * from './auth/bearerTokenAuthorizer';
export * from './auth/clouds';
export * from './auth/environmentBatchAccount';
export * from './auth/identityCredentials';
export * from './auth/requestAuthorizer';
export * from './auth/sharedKeyAuthorizer';
export * from './auth/sharedKeySignature';
export * from './arm/armClient';
export * from './arm/armContext';
export * from './arm/armResource';
export * from './arm/batchAccountModels';
export * from './arm/galleryOperations';
export * from './arm/subscriptionModels';
export type * from './arm/galleryModels.generated';
// Not `export type *`: the version models share names (StorageAccountType, …) with the Batch models.
export type {
  GalleryImageVersion, GalleryImageVersionList, GalleryImageVersionProperties, GalleryImageVersionPublishingProfile, TargetRegion,
} from './arm/galleryImageVersionModels.generated';
export * from './batch/batchAccountClient';
export * from './batch/batchListOptions';
export type * from './batch/batchModels.generated';
export * from './batch/nodeFileOperations';
export * from './batch/nodeOperations';
export type * from './batch/nodeOperationModels';
export * from './batch/poolResizeOperations';
