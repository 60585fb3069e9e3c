import type { BatchAccountClient } from '../azure/batch/batchAccountClient';
import { batchHeatmapSource } from '../heatmap/heatmapSource';
import type { BatchAccountApi } from './azureGateway';
import { nodeActionsApi } from './nodeActionsApi';

const list = (select: string | undefined) => select?.split(',').map((s) => s.trim()).filter(Boolean);

/** A Batch account's data plane in the gateway's terms, on a client built on demand (Entra ID or shared key). */
export function batchAccountApi(client: () => Promise<BatchAccountClient>): BatchAccountApi {
  return {
    ...nodeActionsApi(client),
    apiVersion: async () => (await client()).apiVersion,
    listPools: async (token) => (await client()).listPools({ cancellationToken: token }),
    getPool: async (poolId, token) => {
      const result = await (await client()).getPool(poolId, { cancellationToken: token });
      return { pool: result.value, etag: result.etag };
    },
    listNodeCounts: async (token) => (await client()).listPoolNodeCounts({ cancellationToken: token }),
    listNodes: async (poolId, request, token, signal) => {
      const page = await (await client()).listNodesPage(poolId, {
        filter: request.filter,
        select: list(request.select),
        maxResults: request.maxResults,
        nextLink: request.nextLink,
        cancellationToken: token,
        abortSignal: signal,
      });
      return { nodes: page.items, nextLink: page.nextLink };
    },
    getNode: async (poolId, nodeId, select, token, signal) =>
      (await client()).getNode(poolId, nodeId, { select: list(select), cancellationToken: token, abortSignal: signal }),
    reimageNode: async (poolId, nodeId, option, signal) => {
      await (await client()).reimageNode(poolId, nodeId, option, { abortSignal: signal, maxRetries: 0 });
    },
    patchPool: async (poolId, update, conditions) => (await client()).patchPool(poolId, update, { ifMatch: conditions.ifMatch }),
    listNodeFiles: async (poolId, nodeId, request, token) => {
      const page = await (await client()).nodeFiles.listNodeFilesPage(poolId, nodeId, {
        recursive: false, folder: request.folder, maxResults: request.maxResults, nextLink: request.nextLink, cancellationToken: token,
      });
      return { files: page.items, nextLink: page.nextLink };
    },
    getNodeFileProperties: async (poolId, nodeId, filePath, options) => (await client()).nodeFiles.getNodeFileProperties(poolId, nodeId, filePath, options),
    getNodeFile: async (poolId, nodeId, filePath, options) => (await client()).nodeFiles.getNodeFile(poolId, nodeId, filePath, options),
    heatmapSource: () => ({
      listNodes: async (poolId, signal) => batchHeatmapSource(await client()).listNodes(poolId, signal),
      nodeCounts: async (poolId, signal) => batchHeatmapSource(await client()).nodeCounts!(poolId, signal),
    }),
  };
}
