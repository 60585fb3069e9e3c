import * as l10n from '../../utils/l10n';
/**
 * Files on a compute node (BatchService.json 2025-06-01.21.0): list (paged), properties (HEAD) and content (GET, whole
 * or one byte range with `ocp-range: bytes=a-b`, answered 200 with just that range).
 * Names are paths from the node's root ("startup/stdout.txt"); a folder's children are listed with recursive=false and
 * $filter=startswith(name,'folder/').
 */
import type { CancellationOptions } from '../core/cancellation';
import type { AzureHttpClient } from '../http/azureHttpClient';
import { getPage, iteratePages, nextPageRequest, type Page } from '../http/paging';
import type { AzureRequest } from '../http/requestTypes';
import { clampMaxResults } from './batchListOptions';
import { seg, nodeSeg, poolSeg, type BatchRequestBuilder } from './batchRequestBuilder';
import type { BatchNodeFile, NodeFileContent, NodeFileProperties } from './nodeOperationModels';

export interface NodeFileListOptions extends CancellationOptions {
  /** true: every file and folder below; false (the service's default): one level. */
  recursive?: boolean;
  /** List this folder's children ("startup", "workitems/job-1"); sets $filter=startswith(name,'folder/'). */
  folder?: string;
  /** A raw OData $filter; ignored when `folder` is given. */
  filter?: string;
  /** Page size, 1..1000 (clamped). */
  maxResults?: number;
  /** Resume from a stored next link (it must be on this account). */
  nextLink?: string;
}

export interface NodeFileRange {
  /** First byte, 0-based. */
  start: number;
  /** Last byte, inclusive; omitted = to the end of the file. */
  end?: number;
}

/** `startswith(name,'startup/')`: a folder's entries (quotes doubled as OData wants; "\" folders keep "\"). */
export function folderFilter(folder: string): string {
  const trimmed = folder.replace(/[\\/]+$/, '');
  const separator = trimmed.includes('\\') && !trimmed.includes('/') ? '\\' : '/';
  return `startswith(name,'${`${trimmed}${separator}`.replace(/'/g, "''")}')`;
}

/** "bytes=a-b" / "bytes=a-"; throws RangeError for a range that cannot be sent. */
export function rangeHeader(range: NodeFileRange): string {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end < start))) {
    throw new RangeError(`Not a byte range: ${start}-${end ?? ''}`);
  }
  return `bytes=${start}-${end ?? ''}`;
}

function filePathSegments(filePath: string): string {
  return filePath.replace(/^\/+/, '').split('/').map((part) => seg(part, l10n.t('File path'))).join('/');
}

function decodedOrRaw(text: string | undefined): string | undefined {
  if (text === undefined) { return undefined; }
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The ocp-batch-file-* and standard headers of a HEAD or GET on a node file. */
export function filePropertiesFrom(headers: Record<string, string>): NodeFileProperties {
  const length = Number(headers['content-length']);
  return {
    isDirectory: (headers['ocp-batch-file-isdirectory'] ?? '').toLowerCase() === 'true',
    contentLength: Number.isFinite(length) ? length : 0,
    lastModified: headers['last-modified'],
    creationTime: headers['ocp-creation-time'],
    url: decodedOrRaw(headers['ocp-batch-file-url']),
    fileMode: headers['ocp-batch-file-mode'],
    contentType: headers['content-type'],
    etag: headers['etag'],
  };
}

export class BatchNodeFileOperations {
  constructor(
    private readonly http: AzureHttpClient,
    private readonly requests: BatchRequestBuilder,
  ) {}

  private listRequest(poolId: string, nodeId: string, options: NodeFileListOptions): AzureRequest {
    const first = this.requests.request('GET', `pools/${poolSeg(poolId)}/nodes/${nodeSeg(nodeId)}/files`, `List files of node ${nodeId} of pool ${poolId}`, {
      query: {
        recursive: options.recursive === undefined ? undefined : String(options.recursive),
        $filter: options.folder !== undefined && options.folder !== '' ? folderFilter(options.folder) : options.filter || undefined,
        maxresults: clampMaxResults(options.maxResults),
      },
      cancellationToken: options.cancellationToken,
      abortSignal: options.abortSignal,
    });
    return options.nextLink ? nextPageRequest(first, options.nextLink) : first;
  }

  /** One page of the node's files (GET .../files); pass `nextLink` back to load the next page. */
  listNodeFilesPage(poolId: string, nodeId: string, options: NodeFileListOptions = {}): Promise<Page<BatchNodeFile>> {
    return getPage<BatchNodeFile>(this.http, this.listRequest(poolId, nodeId, options), this.requests.origin);
  }

  /** Async iterator over the pages (starting at `options.nextLink` if given). */
  iterateNodeFilePages(poolId: string, nodeId: string, options: NodeFileListOptions = {}): AsyncGenerator<Page<BatchNodeFile>, void, undefined> {
    return iteratePages<BatchNodeFile>(this.http, this.listRequest(poolId, nodeId, options));
  }

  /** Every entry, following next links. */
  async listNodeFiles(poolId: string, nodeId: string, options: Omit<NodeFileListOptions, 'nextLink'> = {}): Promise<BatchNodeFile[]> {
    const files: BatchNodeFile[] = [];
    for await (const page of this.iterateNodeFilePages(poolId, nodeId, options)) {
      files.push(...page.items);
    }
    return files;
  }

  /** HEAD .../files/{filePath}: size, last modified, directory or not (no content is transferred). */
  async getNodeFileProperties(poolId: string, nodeId: string, filePath: string, options: CancellationOptions = {}): Promise<NodeFileProperties> {
    const response = await this.http.send(
      this.requests.request('HEAD', `pools/${poolSeg(poolId)}/nodes/${nodeSeg(nodeId)}/files/${filePathSegments(filePath)}`, `Get properties of ${filePath} on node ${nodeId} of pool ${poolId}`, {
        cancellationToken: options.cancellationToken,
        abortSignal: options.abortSignal,
      }),
    );
    return filePropertiesFrom(response.headers);
  }

  /**
   * GET .../files/{filePath}: the file's bytes, or only `range` (sent as ocp-range; the answer is 200 with that range,
   * and its Content-Length is the range's length).
   */
  async getNodeFile(poolId: string, nodeId: string, filePath: string, options: CancellationOptions & { range?: NodeFileRange } = {}): Promise<NodeFileContent> {
    const response = await this.http.send<Uint8Array>(
      this.requests.request('GET', `pools/${poolSeg(poolId)}/nodes/${nodeSeg(nodeId)}/files/${filePathSegments(filePath)}`, `Read ${filePath} on node ${nodeId} of pool ${poolId}`, {
        headers: { 'ocp-range': options.range ? rangeHeader(options.range) : undefined },
        responseType: 'bytes',
        cancellationToken: options.cancellationToken,
        abortSignal: options.abortSignal,
      }),
    );
    return {
      bytes: response.body ?? new Uint8Array(0),
      properties: filePropertiesFrom(response.headers),
      ...(options.range ? { range: { ...options.range } } : {}),
    };
  }
}
