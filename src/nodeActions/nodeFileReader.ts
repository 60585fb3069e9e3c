/**
 * Reads a node file into the text of a read-only editor: properties first (HEAD), then the whole file, or, when it
 * is larger than 1 MiB and the whole file was not asked for, its last 1 MiB (ocp-range) under a first line saying so.
 * Pure: the source is the Batch client's node-file operations (or anything shaped like them).
 */
import type { NodeFileContent, NodeFileProperties } from '../azure/batch/nodeOperationModels';
import * as l10n from '../utils/l10n';
import { decodeTail, looksBinary, TAIL_BYTES, tailRange, truncationHeader } from './nodeFileText';

export interface NodeFileSource {
  getNodeFileProperties(poolId: string, nodeId: string, filePath: string, options?: { abortSignal?: AbortSignal }): Promise<NodeFileProperties>;
  getNodeFile(poolId: string, nodeId: string, filePath: string, options?: { abortSignal?: AbortSignal; range?: { start: number; end?: number } }): Promise<NodeFileContent>;
}

export interface NodeFileDocument {
  text: string;
  /** True when only the tail is shown (the first line says so). */
  truncated: boolean;
  /** Size of the whole file. */
  totalBytes: number;
  /** Bytes read into the document. */
  readBytes: number;
  binary: boolean;
  properties: NodeFileProperties;
}

/** Thrown for a folder: the file system provider turns it into FileIsADirectory. */
export class NodeFileIsDirectoryError extends Error {
  override readonly name = 'NodeFileIsDirectoryError';
  constructor(readonly filePath: string) {
    super(l10n.t('{0} is a folder, not a file.', filePath));
  }
}

export interface ReadNodeFileOptions {
  /** Read all of it, however large ("Load Whole File"). */
  whole?: boolean;
  /** Tail size for large files (default 1 MiB). */
  maxBytes?: number;
  abortSignal?: AbortSignal;
}

export async function readNodeFileDocument(
  source: NodeFileSource,
  poolId: string,
  nodeId: string,
  filePath: string,
  options: ReadNodeFileOptions = {},
): Promise<NodeFileDocument> {
  const signal = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const properties = await source.getNodeFileProperties(poolId, nodeId, filePath, signal);
  if (properties.isDirectory) { throw new NodeFileIsDirectoryError(filePath); }
  const maxBytes = options.maxBytes ?? TAIL_BYTES;
  const range = options.whole ? undefined : tailRange(properties.contentLength, maxBytes);
  const content = await source.getNodeFile(poolId, nodeId, filePath, { ...signal, ...(range ? { range } : {}) });
  const binary = looksBinary(content.bytes);
  if (binary) {
    return {
      text: l10n.t('[{0} is a binary file ({1} bytes); it is not shown here.]', filePath, properties.contentLength),
      truncated: range !== undefined,
      totalBytes: properties.contentLength,
      readBytes: content.bytes.length,
      binary,
      properties,
    };
  }
  const text = range
    ? `${truncationHeader(properties.contentLength, maxBytes)}\n${decodeTail(content.bytes)}`
    : Buffer.from(content.bytes).toString('utf8');
  return { text, truncated: range !== undefined, totalBytes: properties.contentLength, readBytes: content.bytes.length, binary, properties };
}
