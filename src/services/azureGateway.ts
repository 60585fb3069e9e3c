/**
 * The one gateway to Azure, in the extension's own terms: the tree, the commands, reimage and both editors reach
 * Azure through it and nothing else. `sessionGateway.ts` implements it on the shared client (src/azure) and the
 * session's credential; keeping the interface here keeps its users independent of transport details.
 */
import type { CancellationToken } from 'vscode';
import type { GalleryImage } from '../azure/arm/galleryModels.generated';
import type { GalleryImageVersion } from '../azure/arm/galleryImageVersionModels.generated';
import type { Page } from '../azure/http/paging';
import type { ConditionalWriteOptions, GalleryImageWithETag } from '../azure/arm/galleryOperations';
import type { BatchNode, BatchNodeReimageOption, BatchPool, BatchPoolNodeCounts, BatchPoolUpdateOptions } from '../azure/batch/batchModels.generated';
import type { OperationProgress } from '../azure/http/longRunningOperation';
import type { BatchNodeFile, NodeFileContent, NodeFileProperties } from '../azure/batch/nodeOperationModels';
import type { HeatmapSource } from '../heatmap/heatmapSource';
import type { NodeActionsApi } from './nodeActionsApi';

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName: string;
  tenantId?: string;
}

export type AccountSource = 'arm' | 'attached' | 'environment';

export interface BatchAccountInfo {
  /** Unique and stable: the ARM resource id, or the account URL for attached accounts. */
  key: string;
  name: string;
  /** https://{accountEndpoint} without trailing slash. */
  url: string;
  source: AccountSource;
  armId?: string;
  subscriptionId?: string;
  location?: string;
  /** How data-plane requests authenticate. */
  auth: 'entraId' | 'sharedKey';
}

export interface GalleryInfo {
  id: string;
  name: string;
  location: string;
  subscriptionId: string;
  resourceGroup: string;
  description?: string;
}

export interface NodePageRequest {
  filter?: string;
  select?: string;
  maxResults?: number;
  /** Continue from this odata.nextLink. */
  nextLink?: string;
}

export interface NodePage {
  nodes: BatchNode[];
  nextLink?: string;
}

/** One page of a node folder's entries (recursive=false); `folder` '' = the node's root. */
export interface NodeFilePageRequest {
  folder?: string;
  maxResults?: number;
  nextLink?: string;
}

export interface NodeFilePage {
  files: BatchNodeFile[];
  nextLink?: string;
}

export interface BatchAccountApi extends NodeActionsApi {
  /** The Batch api-version the client sends (for the editor's "exact request" line: the same source as the client). */
  apiVersion(): Promise<string>;
  listPools(token?: CancellationToken): Promise<BatchPool[]>;
  getPool(poolId: string, token?: CancellationToken): Promise<{ pool: BatchPool; etag?: string }>;
  listNodeCounts(token?: CancellationToken): Promise<BatchPoolNodeCounts[]>;
  listNodes(poolId: string, request: NodePageRequest, token?: CancellationToken, signal?: AbortSignal): Promise<NodePage>;
  getNode(poolId: string, nodeId: string, select?: string, token?: CancellationToken, signal?: AbortSignal): Promise<BatchNode>;
  /** POST …/reimage; resolves on 202. No automatic retry: the bulk runner handles 429 itself. */
  reimageNode(poolId: string, nodeId: string, option: BatchNodeReimageOption, signal?: AbortSignal): Promise<void>;
  /** PATCH /pools/{poolId} with only the given properties; `ifMatch` makes a concurrent change fail with 412. */
  patchPool(poolId: string, update: BatchPoolUpdateOptions, conditions: { ifMatch?: string }): Promise<{ etag?: string }>;
  /** Node files: one page of a folder (GET …/files?recursive=false), a file's properties (HEAD), its bytes (GET, ocp-range). */
  listNodeFiles(poolId: string, nodeId: string, request: NodeFilePageRequest, token?: CancellationToken): Promise<NodeFilePage>;
  getNodeFileProperties(poolId: string, nodeId: string, filePath: string, options?: { abortSignal?: AbortSignal }): Promise<NodeFileProperties>;
  getNodeFile(poolId: string, nodeId: string, filePath: string, options?: { abortSignal?: AbortSignal; range?: { start: number; end?: number } }): Promise<NodeFileContent>;
  /** The pool heatmap's reads: every node page with the heatmap's `$select`, and one pool's node counts. */
  heatmapSource(): HeatmapSource;
}

/** Progress of a long-running PUT: one report per poll. */
export type LongRunningProgress = OperationProgress;

export interface GalleryImagesApi {
  /** The definitions' collection URL and api-version, for the editor's "exact request" line. */
  describe(): Promise<{ imagesUrl: string; apiVersion: string }>;
  list(token?: CancellationToken): Promise<GalleryImage[]>;
  get(imageName: string, token?: CancellationToken): Promise<GalleryImageWithETag>;
  /** One page of an image definition's versions; pass the previous page's `nextLink` to continue. */
  listVersionsPage(imageName: string, nextLink?: string, token?: CancellationToken): Promise<Page<GalleryImageVersion>>;
  createOrUpdate(
    imageName: string,
    image: GalleryImage,
    options: ConditionalWriteOptions & { cancellationToken?: CancellationToken; onProgress?: (progress: LongRunningProgress) => void },
  ): Promise<GalleryImageWithETag>;
}

export type ArmResourceKind = 'batchAccount' | 'gallery' | 'imageDefinition' | 'imageVersion';

export interface AzureGateway {
  /** Whether the configured authentication method yields a token now, without prompting. */
  isSignedIn(): Promise<boolean>;
  listSubscriptions(token?: CancellationToken): Promise<SubscriptionInfo[]>;
  listBatchAccounts(subscription: SubscriptionInfo, token?: CancellationToken): Promise<BatchAccountInfo[]>;
  listGalleries(subscription: SubscriptionInfo, token?: CancellationToken): Promise<GalleryInfo[]>;
  listImageDefinitions(gallery: GalleryInfo, token?: CancellationToken): Promise<GalleryImage[]>;
  /** Accounts attached by URL or by the AZURE_BATCH_* variables. */
  listAttachedAccounts(): Promise<BatchAccountInfo[]>;
  /** The full resource, fetched fresh, for View Properties. */
  getArmResource(id: string, kind: ArmResourceKind, token?: CancellationToken): Promise<unknown>;
  batch(account: BatchAccountInfo): BatchAccountApi;
  galleryImages(gallery: GalleryInfo): GalleryImagesApi;
}
