/**
 * Actions on one compute node (BatchService.json 2025-06-01.21.0): reboot, deallocate, start, disable / enable
 * scheduling, remote login settings, create a node user, upload Batch service logs.
 * POSTs are not idempotent: once the service answered, they are not repeated (not even on 429; bulk callers resend
 * at their own pace); they are retried only when the request provably never left.
 */
import type { CancellationOptions } from '../core/cancellation';
import type { AzureHttpClient } from '../http/azureHttpClient';
import type { BatchCallOptions, WriteReceipt } from './batchCallTypes';
import { callOptions, receipt, nodeSeg, poolSeg, type BatchRequestBuilder } from './batchRequestBuilder';
import type {
  BatchNodeDeallocateOption,
  BatchNodeDisableSchedulingOption,
  BatchNodeRebootOption,
  BatchNodeRemoteLoginSettings,
  BatchNodeUserCreateOptions,
  UploadBatchServiceLogsOptions,
  UploadBatchServiceLogsResult,
} from './nodeOperationModels';

export class BatchNodeOperations {
  constructor(
    private readonly http: AzureHttpClient,
    private readonly requests: BatchRequestBuilder,
  ) {}

  private nodePath(poolId: string, nodeId: string, action: string): string {
    return `pools/${poolSeg(poolId)}/nodes/${nodeSeg(nodeId)}/${action}`;
  }

  private async post(poolId: string, nodeId: string, action: string, operation: string, body: unknown, options: BatchCallOptions): Promise<WriteReceipt> {
    const response = await this.http.send(
      this.requests.request('POST', this.nodePath(poolId, nodeId, action), operation, { ...(body !== undefined ? { body } : {}), ...callOptions(options) }),
    );
    return receipt(response);
  }

  /**
   * POST .../nodes/{nodeId}/reboot with {"nodeRebootOption": option} (202). The service accepts idle and running
   * nodes (and, in practice, start-task-failed ones: a reboot reruns the start task).
   */
  rebootNode(poolId: string, nodeId: string, option: BatchNodeRebootOption = 'requeue', options: BatchCallOptions = {}): Promise<WriteReceipt> {
    return this.post(poolId, nodeId, 'reboot', `Reboot node ${nodeId} of pool ${poolId}`, { nodeRebootOption: option }, options);
  }

  /** POST .../nodes/{nodeId}/deallocate with {"nodeDeallocateOption": option} (202); idle or running nodes only. */
  deallocateNode(poolId: string, nodeId: string, option: BatchNodeDeallocateOption = 'requeue', options: BatchCallOptions = {}): Promise<WriteReceipt> {
    return this.post(poolId, nodeId, 'deallocate', `Deallocate node ${nodeId} of pool ${poolId}`, { nodeDeallocateOption: option }, options);
  }

  /** POST .../nodes/{nodeId}/start (202, no body); deallocated nodes only. */
  startNode(poolId: string, nodeId: string, options: BatchCallOptions = {}): Promise<WriteReceipt> {
    return this.post(poolId, nodeId, 'start', `Start node ${nodeId} of pool ${poolId}`, undefined, options);
  }

  /**
   * POST .../nodes/{nodeId}/disablescheduling with {"nodeDisableSchedulingOption": option} (200). The node goes
   * offline once its running tasks were requeued, terminated or (taskcompletion) finished.
   */
  disableNodeScheduling(poolId: string, nodeId: string, option: BatchNodeDisableSchedulingOption = 'requeue', options: BatchCallOptions = {}): Promise<WriteReceipt> {
    return this.post(poolId, nodeId, 'disablescheduling', `Disable scheduling on node ${nodeId} of pool ${poolId}`, { nodeDisableSchedulingOption: option }, options);
  }

  /** POST .../nodes/{nodeId}/enablescheduling (200, no body). */
  enableNodeScheduling(poolId: string, nodeId: string, options: BatchCallOptions = {}): Promise<WriteReceipt> {
    return this.post(poolId, nodeId, 'enablescheduling', `Enable scheduling on node ${nodeId} of pool ${poolId}`, undefined, options);
  }

  /** GET .../nodes/{nodeId}/remoteloginsettings: the IP address and port to SSH / RDP to. */
  async getRemoteLoginSettings(poolId: string, nodeId: string, options: CancellationOptions = {}): Promise<BatchNodeRemoteLoginSettings> {
    const response = await this.http.send<BatchNodeRemoteLoginSettings>(
      this.requests.request('GET', this.nodePath(poolId, nodeId, 'remoteloginsettings'), `Get remote login settings of node ${nodeId} of pool ${poolId}`, {
        cancellationToken: options.cancellationToken,
        abortSignal: options.abortSignal,
      }),
    );
    return response.body;
  }

  /**
   * POST .../nodes/{nodeId}/users (201). The body (with a password, if any) goes only to the service: the HTTP
   * client logs methods, URLs and ids, never bodies.
   */
  createNodeUser(poolId: string, nodeId: string, user: BatchNodeUserCreateOptions, options: BatchCallOptions = {}): Promise<WriteReceipt> {
    const body: BatchNodeUserCreateOptions = { name: user.name };
    if (user.isAdmin !== undefined) { body.isAdmin = user.isAdmin; }
    if (user.expiryTime !== undefined) { body.expiryTime = user.expiryTime; }
    if (user.password !== undefined) { body.password = user.password; }
    if (user.sshPublicKey !== undefined) { body.sshPublicKey = user.sshPublicKey; }
    return this.post(poolId, nodeId, 'users', `Add user ${user.name} to node ${nodeId} of pool ${poolId}`, body, options);
  }

  /**
   * POST .../nodes/{nodeId}/uploadbatchservicelogs: the service uploads its log files of the time window to the
   * container; returns the virtual directory they go to and how many files. The container URL (with its SAS) is
   * only in the body, never in the URL or the log.
   */
  async uploadBatchServiceLogs(poolId: string, nodeId: string, upload: UploadBatchServiceLogsOptions, options: BatchCallOptions = {}): Promise<UploadBatchServiceLogsResult> {
    const body: UploadBatchServiceLogsOptions = { containerUrl: upload.containerUrl, startTime: upload.startTime };
    if (upload.endTime !== undefined) { body.endTime = upload.endTime; }
    if (upload.identityReference !== undefined) { body.identityReference = upload.identityReference; }
    const response = await this.http.send<UploadBatchServiceLogsResult>(
      this.requests.request('POST', this.nodePath(poolId, nodeId, 'uploadbatchservicelogs'), `Upload Batch service logs of node ${nodeId} of pool ${poolId}`, {
        body,
        ...callOptions(options),
      }),
    );
    return response.body;
  }
}
