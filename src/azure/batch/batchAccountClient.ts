import type { CancellationOptions } from '../core/cancellation';
import type { AzureHttpClient } from '../http/azureHttpClient';
import { getPage, iteratePages, nextPageRequest, type Page } from '../http/paging';
import type { AzureRequest, HttpMethod, QueryValue } from '../http/requestTypes';
import { clampMaxResults } from './batchListOptions';
import type {
  BatchNode,
  BatchNodeReimageOption,
  BatchPool,
  BatchPoolNodeCounts,
  BatchPoolUpdateOptions,
} from './batchModels.generated';
import type { BatchAccountConnection, BatchCallOptions, BatchConditions, WithETag, WriteReceipt } from './batchCallTypes';
import { BatchRequestBuilder, callOptions, conditionHeaders, nodeSeg, poolSeg, receipt } from './batchRequestBuilder';
import { BatchNodeFileOperations } from './nodeFileOperations';
import { BatchNodeOperations } from './nodeOperations';
import { BatchPoolResizeOperations } from './poolResizeOperations';

export type { BatchAccountConnection, BatchCallOptions, BatchConditions, WithETag, WriteReceipt } from './batchCallTypes';

export interface BatchListOptions extends CancellationOptions {
  /** OData $filter, e.g. "state eq 'idle'". */
  filter?: string;
  /** OData $select: property names. */
  select?: readonly string[];
  /** Page size, 1..1000 (clamped). */
  maxResults?: number;
  /** Resume from a next link returned by an earlier page ("Load more…"); it must be on this account. */
  nextLink?: string;
}

/** Typed Batch data-plane operations for one account. */
export class BatchAccountClient {
  readonly origin: string;
  /** Reboot, deallocate, start, scheduling, remote login, node users, service logs. */
  readonly nodes: BatchNodeOperations;
  /** A node's files: list, properties, content (whole or a byte range). */
  readonly nodeFiles: BatchNodeFileOperations;
  /** Resize, stop resize, remove nodes. */
  readonly poolResize: BatchPoolResizeOperations;
  private readonly requests: BatchRequestBuilder;

  /** Throws InvalidAccountUrlError for a URL the client will not use (user info, plain http, query, dot segments). */
  constructor(
    private readonly http: AzureHttpClient,
    readonly connection: BatchAccountConnection,
  ) {
    this.requests = new BatchRequestBuilder(connection);
    this.origin = this.requests.origin;
    this.nodes = new BatchNodeOperations(http, this.requests);
    this.nodeFiles = new BatchNodeFileOperations(http, this.requests);
    this.poolResize = new BatchPoolResizeOperations(http, this.requests);
  }

  /** The Batch api-version every request of this client carries (show it in "exact request" lines from here). */
  get apiVersion(): string {
    return this.connection.apiVersion;
  }

  /** The account URL requests go to (normalized, no trailing slash). */
  get url(): string {
    return this.requests.baseUrl;
  }

  private request(method: HttpMethod, path: string, operation: string, extra: Partial<AzureRequest> & { query?: Record<string, QueryValue> } = {}): AzureRequest {
    return this.requests.request(method, path, operation, extra);
  }

  private listRequest(path: string, operation: string, options: BatchListOptions): AzureRequest {
    const first = this.request('GET', path, operation, {
      query: {
        $filter: options.filter || undefined,
        $select: options.select?.length ? options.select : undefined,
        maxresults: clampMaxResults(options.maxResults),
      },
      cancellationToken: options.cancellationToken,
      abortSignal: options.abortSignal,
    });
    return options.nextLink ? nextPageRequest(first, options.nextLink) : first;
  }

  // ---- pools ----

  /** One page of pools (GET /pools). */
  async listPoolsPage(options: BatchListOptions = {}): Promise<Page<BatchPool>> {
    return getPage<BatchPool>(this.http, this.listRequest('pools', 'List pools', options), this.origin);
  }

  /** Every pool of the account (follows next links). */
  async listPools(options: Omit<BatchListOptions, 'nextLink'> = {}): Promise<BatchPool[]> {
    const pools: BatchPool[] = [];
    for await (const page of iteratePages<BatchPool>(this.http, this.listRequest('pools', 'List pools', options))) {
      pools.push(...page.items);
    }
    return pools;
  }

  /** GET /pools/{poolId}, with the ETag and Last-Modified needed for a conditional patch. */
  async getPool(poolId: string, options: CancellationOptions & { select?: readonly string[]; expand?: readonly string[] } = {}): Promise<WithETag<BatchPool>> {
    const response = await this.http.send<BatchPool>(
      this.request('GET', `pools/${poolSeg(poolId)}`, `Get pool ${poolId}`, {
        query: { $select: options.select?.length ? options.select : undefined, $expand: options.expand?.length ? options.expand : undefined },
        cancellationToken: options.cancellationToken,
        abortSignal: options.abortSignal,
      }),
    );
    return { value: response.body, etag: response.etag ?? response.body?.eTag, lastModified: response.lastModified };
  }

  /**
   * PATCH /pools/{poolId}: replaces only the properties given (BatchPoolUpdateOptions).
   * Pass the ETag from getPool as `ifMatch` so a concurrent change fails with
   * PreconditionFailedError instead of being overwritten; returns the new ETag.
   */
  async patchPool(
    poolId: string,
    update: BatchPoolUpdateOptions,
    conditions: BatchConditions = {},
    options: BatchCallOptions = {},
  ): Promise<WriteReceipt> {
    const response = await this.http.send(
      this.request('PATCH', `pools/${poolSeg(poolId)}`, `Update pool ${poolId}`, {
        headers: conditionHeaders(conditions),
        body: update,
        ...callOptions(options),
      }),
    );
    return receipt(response);
  }

  /** Node counts per state for each pool (GET /nodecounts, all pages). */
  async listPoolNodeCounts(options: Omit<BatchListOptions, 'select' | 'nextLink'> = {}): Promise<BatchPoolNodeCounts[]> {
    const counts: BatchPoolNodeCounts[] = [];
    const first = this.listRequest('nodecounts', 'List pool node counts', options);
    for await (const page of iteratePages<BatchPoolNodeCounts>(this.http, first)) {
      counts.push(...page.items);
    }
    return counts;
  }

  // ---- nodes ----

  /**
   * One page of the pool's nodes (GET /pools/{poolId}/nodes with $filter, $select, maxresults).
   * Keep `nextLink` and call again with `{ nextLink }` to load the next page.
   */
  async listNodesPage(poolId: string, options: BatchListOptions = {}): Promise<Page<BatchNode>> {
    return getPage<BatchNode>(this.http, this.listRequest(`pools/${poolSeg(poolId)}/nodes`, `List nodes of pool ${poolId}`, options), this.origin);
  }

  /** Async iterator over the pool's node pages (starting at `options.nextLink` if given). */
  async *iterateNodePages(poolId: string, options: BatchListOptions = {}): AsyncGenerator<Page<BatchNode>, void, undefined> {
    yield* iteratePages<BatchNode>(this.http, this.listRequest(`pools/${poolSeg(poolId)}/nodes`, `List nodes of pool ${poolId}`, options));
  }

  /** GET /pools/{poolId}/nodes/{nodeId} ($select optional). */
  async getNode(poolId: string, nodeId: string, options: CancellationOptions & { select?: readonly string[] } = {}): Promise<BatchNode> {
    const response = await this.http.send<BatchNode>(
      this.request('GET', `pools/${poolSeg(poolId)}/nodes/${nodeSeg(nodeId)}`, `Get node ${nodeId} of pool ${poolId}`, {
        query: { $select: options.select?.length ? options.select : undefined },
        cancellationToken: options.cancellationToken,
        abortSignal: options.abortSignal,
      }),
    );
    return response.body;
  }

  /**
   * POST /pools/{poolId}/nodes/{nodeId}/reimage with {"nodeReimageOption": option}
   * (requeue | terminate | taskcompletion | retaineddata; the service default is requeue).
   * Not idempotent: retried only when it provably never reached the service, or on 429.
   */
  async reimageNode(
    poolId: string,
    nodeId: string,
    option: BatchNodeReimageOption = 'requeue',
    options: BatchCallOptions = {},
  ): Promise<WriteReceipt> {
    const response = await this.http.send(
      this.request('POST', `pools/${poolSeg(poolId)}/nodes/${nodeSeg(nodeId)}/reimage`, `Reimage node ${nodeId} of pool ${poolId}`, {
        body: { nodeReimageOption: option },
        ...callOptions(options),
      }),
    );
    return receipt(response);
  }
}
