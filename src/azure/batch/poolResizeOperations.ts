/**
 * The size of a pool (BatchService.json 2025-06-01.21.0): resize, stop resize, remove chosen nodes. All three are
 * accepted (202) only while the pool's allocationState is steady (stop resize: while resizing); the pool then goes
 * resizing (or stopping) until steady again: poll getPool to follow it.
 */
import type { AzureHttpClient } from '../http/azureHttpClient';
import type { BatchCallOptions, BatchConditions, WriteReceipt } from './batchCallTypes';
import { callOptions, conditionHeaders, receipt, poolSeg, type BatchRequestBuilder } from './batchRequestBuilder';
import type { BatchNodeRemoveOptions, BatchPoolResizeOptions } from './nodeOperationModels';

/** The service takes at most this many node ids per removenodes request. */
export const MAX_NODES_PER_REMOVE_REQUEST = 100;

export class BatchPoolResizeOperations {
  constructor(
    private readonly http: AzureHttpClient,
    private readonly requests: BatchRequestBuilder,
  ) {}

  private async post(poolId: string, action: string, operation: string, body: unknown, conditions: BatchConditions, options: BatchCallOptions): Promise<WriteReceipt> {
    const response = await this.http.send(
      this.requests.request('POST', `pools/${poolSeg(poolId)}/${action}`, operation, {
        headers: conditionHeaders(conditions),
        ...(body !== undefined ? { body } : {}),
        ...callOptions(options),
      }),
    );
    return receipt(response);
  }

  /**
   * POST /pools/{poolId}/resize: new target dedicated and Spot node counts (send both: the caller knows the current
   * ones), the deallocation option for shrinking, an optional timeout (ISO 8601, at least PT5M).
   * 409 PoolBeingResized while not steady; 409 when autoscale is on.
   */
  resizePool(poolId: string, resize: BatchPoolResizeOptions, conditions: BatchConditions = {}, options: BatchCallOptions = {}): Promise<WriteReceipt> {
    const body: BatchPoolResizeOptions = {};
    if (resize.targetDedicatedNodes !== undefined) { body.targetDedicatedNodes = resize.targetDedicatedNodes; }
    if (resize.targetLowPriorityNodes !== undefined) { body.targetLowPriorityNodes = resize.targetLowPriorityNodes; }
    if (resize.resizeTimeout !== undefined) { body.resizeTimeout = resize.resizeTimeout; }
    if (resize.nodeDeallocationOption !== undefined) { body.nodeDeallocationOption = resize.nodeDeallocationOption; }
    return this.post(poolId, 'resize', `Resize pool ${poolId}`, body, conditions, options);
  }

  /** POST /pools/{poolId}/stopresize (no body): resizing -> stopping -> steady, keeping the nodes it has. */
  stopPoolResize(poolId: string, conditions: BatchConditions = {}, options: BatchCallOptions = {}): Promise<WriteReceipt> {
    return this.post(poolId, 'stopresize', `Stop resizing pool ${poolId}`, undefined, conditions, options);
  }

  /**
   * POST /pools/{poolId}/removenodes with at most 100 node ids (rejects with a RangeError otherwise, before anything
   * is sent: split larger selections, and wait for the pool to be steady between requests).
   */
  async removeNodes(poolId: string, remove: BatchNodeRemoveOptions, conditions: BatchConditions = {}, options: BatchCallOptions = {}): Promise<WriteReceipt> {
    const ids = [...new Set(remove.nodeList)];
    if (ids.length === 0 || ids.length > MAX_NODES_PER_REMOVE_REQUEST) {
      throw new RangeError(`removeNodes takes 1 to ${MAX_NODES_PER_REMOVE_REQUEST} node ids per request, got ${ids.length}`);
    }
    const body: BatchNodeRemoveOptions = { nodeList: ids };
    if (remove.resizeTimeout !== undefined) { body.resizeTimeout = remove.resizeTimeout; }
    if (remove.nodeDeallocationOption !== undefined) { body.nodeDeallocationOption = remove.nodeDeallocationOption; }
    const what = ids.length === 1 ? `node ${ids[0]!}` : `${ids.length} nodes`;
    return this.post(poolId, 'removenodes', `Remove ${what} from pool ${poolId}`, body, conditions, options);
  }
}
