/**
 * Node files (2025-06-01.21.0):
 *   GET  .../nodes/{nodeId}/files?recursive=&$filter=&maxresults=   BatchNodeFileListResult, paged by odata.nextLink
 *   HEAD .../nodes/{nodeId}/files/{filePath}                        properties in headers (ocp-batch-file-*)
 *   GET  .../nodes/{nodeId}/files/{filePath}                        content; "ocp-range: bytes=a-b" answers 200 with
 *                                                                   just that range (the spec defines only 200)
 * recursive=false lists the top-most matching entries: without $filter the root's children; with
 * $filter=startswith(name,'startup/') the children of startup. recursive=true lists every matching entry.
 * The node's agent must answer (idle, running, offline, starttaskfailed, waitingforstarttask, unusable,
 * leavingpool); otherwise 409 with the state.
 */
import type { Ctx, Reply } from '../http';
import { emptyReply, httpDate, isoTime, jsonReply } from '../http';
import type { BatchAccountRecord, NodeRecord, NodeState, PoolRecord } from '../state';
import { etagFor } from '../state';
import { FILE_READABLE_STATES, isWindowsPool, nodeFileTree, normalizeNodePath, type NodeFileEntry } from '../data/nodeFileTree';
import { evaluateConditions } from './conditional';
import { BATCH_JSON, batchError, queryParameterError } from './errors';
import { isReply, readFilter } from './listing';
import { nextLink, readPaging, takePage } from './paging';
import { findNode, stateRefusal } from './requestParts';

const OCTET_STREAM = 'application/octet-stream';

function fileUrl(url: string, pool: PoolRecord, node: NodeRecord, name: string): string {
  return `${url}/pools/${pool.id}/nodes/${node.id}/files/${name.split('/').map(encodeURIComponent).join('/')}`;
}

function readableNode(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string, nodeId: string): { pool: PoolRecord; node: NodeRecord } | Reply {
  const found = findNode(ctx, account, url, poolId, nodeId);
  if (isReply(found)) { return found; }
  const refused = stateRefusal(ctx, url, found.node, [...FILE_READABLE_STATES] as NodeState[], 'browsed', { ignorePending: true });
  return refused ?? found;
}

function entryJson(url: string, pool: PoolRecord, node: NodeRecord, entry: NodeFileEntry): Record<string, unknown> {
  const windows = isWindowsPool(pool);
  return {
    name: entry.name,
    url: fileUrl(url, pool, node, entry.name),
    isDirectory: entry.isDirectory,
    properties: {
      ...(windows ? { creationTime: isoTime(entry.created) } : {}),
      lastModified: isoTime(entry.modified),
      contentLength: String(entry.content ? entry.content().length : 0),
      contentType: OCTET_STREAM,
      ...(entry.fileMode ? { fileMode: entry.fileMode } : {}),
    },
  };
}

export function listNodeFiles(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string, nodeId: string): Reply {
  const found = readableNode(ctx, account, url, poolId, nodeId);
  if (isReply(found)) { return found; }
  const { pool, node } = found;
  const recursiveText = ctx.query['recursive'];
  if (recursiveText !== undefined && !/^(true|false)$/i.test(recursiveText)) {
    return queryParameterError(ctx, url, 'recursive', recursiveText, 'The value must be true or false.');
  }
  const recursive = recursiveText?.toLowerCase() === 'true';
  const filter = readFilter(ctx, url, ['name'], 'NodeFile');
  if (isReply(filter)) { return filter; }
  const paging = readPaging(ctx, url);
  if (isReply(paging)) { return paging; }

  const entries = nodeFileTree(pool, node);
  const matches = (e: NodeFileEntry) => (filter ? filter.test((field) => (field === 'name' ? e.name : undefined)) : true);
  const matching = new Set(entries.filter(matches).map((e) => e.name));
  const hasMatchingAncestor = (name: string) => {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (matching.has(parts.slice(0, i).join('/'))) { return true; }
    }
    return false;
  };
  const listed = entries.filter((e) => matching.has(e.name) && (recursive || !hasMatchingAncestor(e.name)));
  const page = takePage(listed, () => true, paging);
  return jsonReply(
    200,
    {
      'odata.metadata': `${url}/$metadata#files`,
      value: page.items.map((e) => entryJson(url, pool, node, e)),
      ...(page.next !== undefined ? { 'odata.nextLink': nextLink(ctx, page.next) } : {}),
    },
    {},
    BATCH_JSON,
  );
}

/** "bytes=a-b" or "bytes=a-" (inclusive, clamped to the file); undefined = whole file. */
function readRange(ctx: Ctx, url: string, size: number): { start: number; end: number } | undefined | Reply {
  const header = ctx.headers['ocp-range'];
  if (header === undefined) { return undefined; }
  const m = /^\s*bytes=(\d+)-(\d*)\s*$/.exec(header);
  if (!m || (m[2] !== '' && Number(m[2]) < Number(m[1]))) {
    return batchError(ctx, url, 400, 'InvalidHeaderValue', 'The value provided for one of the HTTP headers was not in the correct format.', [
      { key: 'HeaderName', value: 'ocp-range' },
      { key: 'HeaderValue', value: header },
      { key: 'Reason', value: 'The range must be bytes=start-end (inclusive) or bytes=start-.' },
    ]);
  }
  const start = Number(m[1]);
  if (start >= size) {
    return batchError(ctx, url, 416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.', [
      { key: 'Reason', value: `The range starts at byte ${start}; the file has ${size} bytes.` },
    ]);
  }
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return { start, end };
}

/** HEAD (properties only) and GET (content, optionally one range) of one file. */
export function getNodeFile(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string, nodeId: string, pathSegments: string[]): Reply {
  const found = readableNode(ctx, account, url, poolId, nodeId);
  if (isReply(found)) { return found; }
  const { pool, node } = found;
  const path = normalizeNodePath(pathSegments.join('/'));
  const entry = nodeFileTree(pool, node).find((e) => e.name === path);
  if (!entry) {
    return batchError(ctx, url, 404, 'FileNotFound', 'The specified file does not exist.', [{ key: 'FilePath', value: path }]);
  }
  const content = entry.content?.() ?? Buffer.alloc(0);
  const eTag = etagFor(entry.modified);
  const headers: Record<string, string> = {
    'content-type': OCTET_STREAM,
    'ocp-batch-file-isdirectory': String(entry.isDirectory),
    'ocp-batch-file-url': encodeURIComponent(fileUrl(url, pool, node, entry.name)),
    ...(entry.fileMode ? { 'ocp-batch-file-mode': entry.fileMode } : {}),
    ...(isWindowsPool(pool) ? { 'ocp-creation-time': httpDate(entry.created) } : {}),
    'last-modified': httpDate(entry.modified),
    etag: eTag,
  };
  const condition = evaluateConditions(ctx, eTag, entry.modified, 'read');
  if (condition === 'notModified') { return emptyReply(304, headers); }
  if (condition === 'preconditionFailed') {
    return batchError(ctx, url, 412, 'ConditionNotMet', 'The condition specified using HTTP conditional header(s) is not met.');
  }
  if (ctx.method === 'HEAD') {
    return emptyReply(200, { ...headers, 'content-length': String(content.length) });
  }
  if (entry.isDirectory) {
    return batchError(ctx, url, 400, 'InvalidUri', 'The requested URI does not represent any resource on the server.', [
      { key: 'FilePath', value: path },
      { key: 'Reason', value: `'${path}' is a directory: list it with GET .../files?recursive=false&$filter=startswith(name,'${path}/').` },
    ]);
  }
  const range = readRange(ctx, url, content.length);
  if (isReply(range)) { return range; }
  const body = range ? content.subarray(range.start, range.end + 1) : content;
  return { status: 200, headers, body };
}
