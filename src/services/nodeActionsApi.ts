/**
 * The node and pool actions of a Batch account in the gateway's terms (reboot, deallocate, start, scheduling, remote
 * login, node users, service logs, resize, stop resize, remove nodes). POSTs are sent once (no automatic retry on
 * 429: the bulk runners pace themselves).
 */
import type { BatchAccountClient } from '../azure/batch/batchAccountClient';
import type {
  BatchNodeDeallocateOption,
  BatchNodeDeallocationOption,
  BatchNodeDisableSchedulingOption,
  BatchNodeRebootOption,
  BatchNodeRemoteLoginSettings,
  BatchNodeUserCreateOptions,
  BatchPoolResizeOptions,
  UploadBatchServiceLogsOptions,
  UploadBatchServiceLogsResult,
} from '../azure/batch/nodeOperationModels';

export interface NodeActionsApi {
  rebootNode(poolId: string, nodeId: string, option: BatchNodeRebootOption, signal?: AbortSignal): Promise<void>;
  deallocateNode(poolId: string, nodeId: string, option: BatchNodeDeallocateOption, signal?: AbortSignal): Promise<void>;
  startNode(poolId: string, nodeId: string, signal?: AbortSignal): Promise<void>;
  disableNodeScheduling(poolId: string, nodeId: string, option: BatchNodeDisableSchedulingOption, signal?: AbortSignal): Promise<void>;
  enableNodeScheduling(poolId: string, nodeId: string, signal?: AbortSignal): Promise<void>;
  getRemoteLoginSettings(poolId: string, nodeId: string, signal?: AbortSignal): Promise<BatchNodeRemoteLoginSettings>;
  /** The body (with a password, if any) goes only to the service: never logged. */
  createNodeUser(poolId: string, nodeId: string, user: BatchNodeUserCreateOptions): Promise<void>;
  uploadBatchServiceLogs(poolId: string, nodeId: string, upload: UploadBatchServiceLogsOptions): Promise<UploadBatchServiceLogsResult>;
  resizePool(poolId: string, resize: BatchPoolResizeOptions): Promise<void>;
  stopPoolResize(poolId: string): Promise<void>;
  /** At most 100 ids (split larger selections: see nodeActions/removeNodeRequests). */
  removeNodes(poolId: string, nodeIds: string[], option: BatchNodeDeallocationOption): Promise<void>;
}

export function nodeActionsApi(client: () => Promise<BatchAccountClient>): NodeActionsApi {
  const once = (signal?: AbortSignal) => ({ abortSignal: signal, maxRetries: 0 });
  return {
    rebootNode: async (poolId, nodeId, option, signal) => { await (await client()).nodes.rebootNode(poolId, nodeId, option, once(signal)); },
    deallocateNode: async (poolId, nodeId, option, signal) => { await (await client()).nodes.deallocateNode(poolId, nodeId, option, once(signal)); },
    startNode: async (poolId, nodeId, signal) => { await (await client()).nodes.startNode(poolId, nodeId, once(signal)); },
    disableNodeScheduling: async (poolId, nodeId, option, signal) => { await (await client()).nodes.disableNodeScheduling(poolId, nodeId, option, once(signal)); },
    enableNodeScheduling: async (poolId, nodeId, signal) => { await (await client()).nodes.enableNodeScheduling(poolId, nodeId, once(signal)); },
    getRemoteLoginSettings: async (poolId, nodeId, signal) => (await client()).nodes.getRemoteLoginSettings(poolId, nodeId, { abortSignal: signal }),
    createNodeUser: async (poolId, nodeId, user) => { await (await client()).nodes.createNodeUser(poolId, nodeId, user); },
    uploadBatchServiceLogs: async (poolId, nodeId, upload) => (await client()).nodes.uploadBatchServiceLogs(poolId, nodeId, upload),
    resizePool: async (poolId, resize) => { await (await client()).poolResize.resizePool(poolId, resize); },
    stopPoolResize: async (poolId) => { await (await client()).poolResize.stopPoolResize(poolId); },
    removeNodes: async (poolId, nodeIds, option) => { await (await client()).poolResize.removeNodes(poolId, { nodeList: nodeIds, nodeDeallocationOption: option }, {}, once()); },
  };
}
