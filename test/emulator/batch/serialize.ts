/** Pool, node and node-count JSON as the Batch service shows them (shapes per the 2025-06-01.21.0 examples). */
import { isoTime } from '../http';
import type { NodeRecord, NodeState, PoolRecord } from '../state';

/** BatchPool property names (2025-06-01.21.0) — the names $select and $filter accept. */
export const POOL_PROPERTIES = [
  'id', 'displayName', 'url', 'eTag', 'lastModified', 'creationTime', 'state', 'stateTransitionTime', 'allocationState',
  'allocationStateTransitionTime', 'vmSize', 'virtualMachineConfiguration', 'resizeTimeout', 'resizeErrors', 'resourceTags',
  'currentDedicatedNodes', 'currentLowPriorityNodes', 'targetDedicatedNodes', 'targetLowPriorityNodes', 'enableAutoScale',
  'autoScaleFormula', 'autoScaleEvaluationInterval', 'autoScaleRun', 'enableInterNodeCommunication', 'networkConfiguration',
  'startTask', 'certificateReferences', 'applicationPackageReferences', 'taskSlotsPerNode', 'taskSchedulingPolicy',
  'userAccounts', 'metadata', 'stats', 'mountConfiguration', 'identity', 'targetNodeCommunicationMode',
  'currentNodeCommunicationMode', 'upgradePolicy',
];

/** BatchNode property names (2025-06-01.21.0). */
export const NODE_PROPERTIES = [
  'id', 'url', 'state', 'schedulingState', 'stateTransitionTime', 'lastBootTime', 'allocationTime', 'ipAddress',
  'ipv6Address', 'affinityId', 'vmSize', 'totalTasksRun', 'runningTasksCount', 'runningTaskSlotsCount',
  'totalTasksSucceeded', 'recentTasks', 'startTask', 'startTaskInfo', 'certificateReferences', 'errors', 'isDedicated',
  'endpointConfiguration', 'nodeAgentInfo', 'virtualMachineInfo',
];

export function countNodes(pool: PoolRecord): { dedicated: number; lowPriority: number } {
  let dedicated = 0;
  for (const n of pool.nodes) {
    if (n.dedicated) {
      dedicated++;
    }
  }
  return { dedicated, lowPriority: pool.nodes.length - dedicated };
}

export function poolJson(pool: PoolRecord, accountUrl: string): Record<string, unknown> {
  const counts = countNodes(pool);
  const { displayName, vmSize, ...rest } = pool.spec;
  const out: Record<string, unknown> = {
    id: pool.id,
    ...(displayName !== undefined ? { displayName } : {}),
    url: `${accountUrl}/pools/${pool.id}`,
    eTag: pool.eTag,
    lastModified: isoTime(pool.lastModified),
    creationTime: isoTime(pool.creationTime),
    state: pool.state,
    stateTransitionTime: isoTime(pool.stateTransitionTime),
    allocationState: pool.allocationState,
    allocationStateTransitionTime: isoTime(pool.allocationStateTransitionTime),
    vmSize,
    currentDedicatedNodes: counts.dedicated,
    currentLowPriorityNodes: counts.lowPriority,
  };
  for (const [k, v] of Object.entries(rest)) {
    if (v !== undefined) {
      out[k] = v;
    }
  }
  return out;
}

/** Keeps only the $select-ed properties (all when select is empty). */
export function pick(value: Record<string, unknown>, select: string[]): Record<string, unknown> {
  if (select.length === 0) { return value; }
  const out: Record<string, unknown> = {};
  for (const name of select) {
    if (value[name] !== undefined) {
      out[name] = value[name];
    }
  }
  return out;
}

function ipAddress(pool: PoolRecord, node: NodeRecord): string {
  const k = node.index + 4; // Azure keeps the first four addresses of a subnet
  return `${pool.ipPrefix}.${(k >> 8) & 255}.${k & 255}`;
}

function startTaskInfo(pool: PoolRecord, node: NodeRecord): unknown {
  if (!pool.startTaskHistory[node.startTaskRev]) { return undefined; }
  if (node.state === 'creating' || node.state === 'starting' || node.state === 'reimaging' || node.state === 'rebooting') { return undefined; }
  const startTime = isoTime(node.lastBootTime + 3_000);
  if (node.state === 'waitingforstarttask') { return { state: 'running', startTime, retryCount: 0 }; }
  const endTime = isoTime(node.lastBootTime + 45_000);
  if (node.startTaskExitCode !== undefined && node.startTaskExitCode !== 0) {
    const retries = Number((pool.startTaskHistory[node.startTaskRev] as Record<string, unknown>)['maxTaskRetryCount'] ?? 0);
    return {
      state: 'completed', startTime, endTime, exitCode: node.startTaskExitCode, retryCount: retries, result: 'failure',
      failureInfo: {
        category: 'usererror',
        code: 'FailureExitCode',
        message: 'The task process exited with an unexpected exit code',
        details: [{ name: 'Message', value: 'The task process exited with an unexpected exit code' }, { name: 'AdditionalErrorCode', value: 'FailureExitCode' }],
      },
    };
  }
  return { state: 'completed', startTime, endTime, exitCode: 0, retryCount: 0, result: 'success' };
}

type NodeField = (pool: PoolRecord, node: NodeRecord, accountUrl: string) => unknown;

const NODE_FIELDS: [string, NodeField][] = [
  ['id', (_p, n) => n.id],
  ['url', (p, n, a) => `${a}/pools/${p.id}/nodes/${n.id}`],
  ['state', (_p, n) => n.state],
  ['schedulingState', (_p, n) => n.schedulingState],
  ['stateTransitionTime', (_p, n) => isoTime(n.stateTransitionTime)],
  ['lastBootTime', (_p, n) => (n.state === 'creating' ? undefined : isoTime(n.lastBootTime))],
  ['allocationTime', (_p, n) => isoTime(n.allocationTime)],
  ['ipAddress', (p, n) => ipAddress(p, n)],
  ['affinityId', (_p, n) => `TVM:${n.id}`],
  ['vmSize', (p) => p.spec['vmSize']],
  ['totalTasksRun', (_p, n) => n.totalTasksRun],
  ['totalTasksSucceeded', (_p, n) => n.totalTasksSucceeded],
  ['runningTasksCount', (_p, n) => n.runningTaskIds?.length ?? 0],
  ['runningTaskSlotsCount', (_p, n) => n.runningTaskIds?.length ?? 0],
  ['isDedicated', (_p, n) => n.dedicated],
  [
    'recentTasks',
    (_p, n, a) =>
      n.runningTaskIds?.map((full) => {
        const [jobId, taskId] = full.split('/') as [string, string];
        return { taskUrl: `${a}/jobs/${jobId}/tasks/${taskId}`, jobId, taskId, taskState: 'running', executionInfo: { startTime: isoTime(n.stateTransitionTime), retryCount: 0, requeueCount: 0 } };
      }),
  ],
  ['startTask', (p, n) => p.startTaskHistory[n.startTaskRev]],
  ['startTaskInfo', startTaskInfo],
  ['errors', (_p, n) => (n.errors && n.errors.length > 0 ? n.errors : undefined)],
  ['nodeAgentInfo', (p, n) => (n.state === 'creating' ? undefined : { version: p.nodeAgentVersion, lastUpdateTime: isoTime(n.lastBootTime) })],
  ['virtualMachineInfo', (p) => ({ imageReference: (p.spec['virtualMachineConfiguration'] as Record<string, unknown> | undefined)?.['imageReference'] })],
];

const NODE_FIELD_MAP = new Map(NODE_FIELDS);

/** One node's JSON, building only the selected properties. */
export function nodeJson(pool: PoolRecord, node: NodeRecord, accountUrl: string, select: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = select.length === 0 ? NODE_FIELDS : select.map((name) => [name, NODE_FIELD_MAP.get(name)] as const);
  for (const [name, get] of fields) {
    if (!get) { continue; }
    const v = get(pool, node, accountUrl);
    if (v !== undefined) { out[name] = v; }
  }
  return out;
}

/** Reads one property of a node for $filter without building the whole node. */
export function nodeField(pool: PoolRecord, node: NodeRecord, accountUrl: string, name: string): unknown {
  return NODE_FIELD_MAP.get(name)?.(pool, node, accountUrl);
}

const COUNT_KEYS: Record<NodeState, string> = {
  creating: 'creating', deallocated: 'deallocated', deallocating: 'deallocating', idle: 'idle', leavingpool: 'leavingPool',
  offline: 'offline', preempted: 'preempted', rebooting: 'rebooting', reimaging: 'reimaging', running: 'running',
  starting: 'starting', starttaskfailed: 'startTaskFailed', unknown: 'unknown', unusable: 'unusable',
  waitingforstarttask: 'waitingForStartTask', upgradingos: 'upgradingOS',
};

function emptyCounts(): Record<string, number> {
  const c: Record<string, number> = {};
  for (const key of Object.values(COUNT_KEYS)) { c[key] = 0; }
  c['total'] = 0;
  return c;
}

export function poolNodeCounts(pool: PoolRecord): Record<string, unknown> {
  const dedicated = emptyCounts();
  const lowPriority = emptyCounts();
  for (const n of pool.nodes) {
    const c = n.dedicated ? dedicated : lowPriority;
    c[COUNT_KEYS[n.state]]! += 1;
    c['total']! += 1;
  }
  return { poolId: pool.id, dedicated, lowPriority };
}
