/**
 * Request and response bodies of the node, node-file and pool-resize operations, as BatchService.json
 * 2025-06-01.21.0 (Azure/azure-rest-api-specs, MIT) defines them; property names and types exactly as there.
 * Written by hand next to the generated batchModels.ts; the definition name is given on each type.
 */
import type { BatchNodeIdentityReference } from './batchModels.generated';

/** What happens to a node's running tasks: BatchNodeRebootKind / BatchNodeDeallocationOption / BatchNodeDeallocateOption. */
export type BatchNodeTaskOption = 'requeue' | 'terminate' | 'taskcompletion' | 'retaineddata';
/** BatchNodeRebootKind (the body property is `nodeRebootOption`). */
export type BatchNodeRebootOption = BatchNodeTaskOption;
/** BatchNodeDeallocationOption (removenodes, resize). */
export type BatchNodeDeallocationOption = BatchNodeTaskOption;
/** BatchNodeDeallocateOption (deallocate one node). */
export type BatchNodeDeallocateOption = BatchNodeTaskOption;
/** BatchNodeDisableSchedulingOption: no `retaineddata` here. */
export type BatchNodeDisableSchedulingOption = 'requeue' | 'terminate' | 'taskcompletion';

/** BatchNodeRebootOptions. */
export interface BatchNodeRebootOptions {
  nodeRebootOption?: BatchNodeRebootOption;
}

/** BatchNodeDeallocateOptions. */
export interface BatchNodeDeallocateOptions {
  nodeDeallocateOption?: BatchNodeDeallocateOption;
}

/** BatchNodeDisableSchedulingOptions. */
export interface BatchNodeDisableSchedulingOptions {
  nodeDisableSchedulingOption?: BatchNodeDisableSchedulingOption;
}

/** BatchNodeRemoveOptions: at most 100 node ids per request; resizeTimeout at least PT5M (default PT15M). */
export interface BatchNodeRemoveOptions {
  nodeList: string[];
  resizeTimeout?: string;
  nodeDeallocationOption?: BatchNodeDeallocationOption;
}

/** BatchPoolResizeOptions; resizeTimeout at least PT5M (default PT15M). */
export interface BatchPoolResizeOptions {
  targetDedicatedNodes?: number;
  targetLowPriorityNodes?: number;
  resizeTimeout?: string;
  nodeDeallocationOption?: BatchNodeDeallocationOption;
}

/** BatchNodeRemoteLoginSettings. */
export interface BatchNodeRemoteLoginSettings {
  remoteLoginIPAddress: string;
  remoteLoginPort: number;
  ipv6RemoteLoginIPAddress?: string;
  ipv6RemoteLoginPort?: number;
}

/**
 * BatchNodeUserCreateOptions. `password` is required on Windows nodes; `sshPublicKey` (OpenSSH format) is for Linux
 * nodes only. `expiryTime` defaults to one day from now. The password is a secret: never log or store it.
 */
export interface BatchNodeUserCreateOptions {
  name: string;
  isAdmin?: boolean;
  expiryTime?: string;
  password?: string;
  sshPublicKey?: string;
}

/**
 * UploadBatchServiceLogsOptions. `containerUrl` carries a SAS with write permission (a secret: mask it in logs)
 * unless `identityReference` names an identity with write access.
 */
export interface UploadBatchServiceLogsOptions {
  containerUrl: string;
  startTime: string;
  endTime?: string;
  identityReference?: BatchNodeIdentityReference;
}

/** UploadBatchServiceLogsResult. */
export interface UploadBatchServiceLogsResult {
  virtualDirectoryName: string;
  numberOfFilesUploaded: number;
}

/** FileProperties (creationTime: Windows nodes only; fileMode: Linux nodes only). */
export interface FileProperties {
  creationTime?: string;
  lastModified: string;
  /** int64 as a string. */
  contentLength: string;
  contentType?: string;
  fileMode?: string;
}

/** BatchNodeFile. */
export interface BatchNodeFile {
  name?: string;
  url?: string;
  isDirectory?: boolean;
  properties?: FileProperties;
}

/** BatchNodeFileListResult. */
export interface BatchNodeFileListResult {
  value?: BatchNodeFile[];
  'odata.nextLink'?: string;
}

/** A node file's properties as the HEAD / GET headers give them (ocp-batch-file-*, Content-Length, Last-Modified). */
export interface NodeFileProperties {
  isDirectory: boolean;
  /** Content-Length of a HEAD (the whole file); of a ranged GET it is the range's length. */
  contentLength: number;
  /** Last-Modified (HTTP date, as sent). */
  lastModified?: string;
  /** ocp-creation-time (Windows nodes only). */
  creationTime?: string;
  /** ocp-batch-file-url, decoded. */
  url?: string;
  /** ocp-batch-file-mode, e.g. "0o100644" (Linux nodes only). */
  fileMode?: string;
  contentType?: string;
  etag?: string;
}

/** Bytes of a node file, or of the requested range of it. */
export interface NodeFileContent {
  bytes: Uint8Array;
  properties: NodeFileProperties;
  /** The inclusive byte range asked for with ocp-range, if any. */
  range?: { start: number; end?: number };
}
