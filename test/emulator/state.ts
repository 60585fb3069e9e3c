/** The emulator's in-memory model: subscriptions, Batch accounts with pools and nodes, galleries with image definitions. */

export type NodeState =
  | 'idle'
  | 'rebooting'
  | 'reimaging'
  | 'running'
  | 'unusable'
  | 'creating'
  | 'starting'
  | 'waitingforstarttask'
  | 'starttaskfailed'
  | 'unknown'
  | 'leavingpool'
  | 'offline'
  | 'preempted'
  | 'upgradingos'
  | 'deallocated'
  | 'deallocating';

export const NODE_STATES: readonly NodeState[] = [
  'idle', 'rebooting', 'reimaging', 'running', 'unusable', 'creating', 'starting', 'waitingforstarttask',
  'starttaskfailed', 'unknown', 'leavingpool', 'offline', 'preempted', 'upgradingos', 'deallocated', 'deallocating',
];

export type ReimageOption = 'requeue' | 'terminate' | 'taskcompletion' | 'retaineddata';

export interface NodeError {
  code: string;
  message: string;
  errorDetails?: { name: string; value: string }[];
}

export interface TaskFailureInfo {
  category: 'usererror' | 'servererror';
  code: string;
  message: string;
}

/** What one reimage request did to a node (inspectable in tests through getNode()). */
export interface ReimageRecord {
  option: ReimageOption;
  requestedAt: string;
  /** State of the node when the request arrived. */
  fromState: NodeState;
  /** Tasks that were running when the request arrived. */
  runningTaskIds: string[];
  /** requeue: tasks put back in the queue. */
  requeuedTaskIds: string[];
  /** terminate: tasks completed with failureInfo. */
  terminatedTasks: { taskId: string; failureInfo: TaskFailureInfo }[];
  /** taskcompletion / retaineddata: tasks allowed to finish first. */
  completedTaskIds: string[];
  /** States the node went through, with times. */
  transitions: { state: NodeState; at: string }[];
  finishedAt?: string;
  /** completed = back to idle; interrupted = setNodeState/reset changed the node first. */
  outcome?: 'completed' | 'interrupted';
}

/**
 * One compute node, kept small: the pool has 10,000 of these in the demo data set. Everything a node's JSON shows that
 * is derivable (url, affinityId, ipAddress, vmSize, startTask, nodeAgentInfo) is computed when serialized.
 */
export interface NodeRecord {
  id: string;
  index: number;
  state: NodeState;
  schedulingState: 'enabled' | 'disabled';
  dedicated: boolean;
  allocationTime: number;
  lastBootTime: number;
  stateTransitionTime: number;
  totalTasksRun: number;
  totalTasksSucceeded: number;
  /** Ids of the tasks running now (length = runningTasksCount). */
  runningTaskIds?: string[];
  /** Index into the pool's startTaskHistory: the start task this node got when it (re)joined. */
  startTaskRev: number;
  startTaskExitCode?: number;
  errors?: NodeError[];
  reimages?: ReimageRecord[];
  /** Bumped by every accepted node action and forced state: timers of an older action see the change and stop. */
  actionSeq?: number;
  /** The last node action accepted (reboot, deallocate, start, disablescheduling, enablescheduling, remove). */
  lastAction?: NodeActionRecord;
  /** Node user accounts (POST .../users), by name. Passwords are not kept, only whether one was set. */
  users?: Map<string, NodeUserRecord>;
  /** Accepted POST .../uploadbatchservicelogs requests (tests: whether an upload whose answer was lost took effect). */
  serviceLogUploads?: { virtualDirectoryName: string; numberOfFilesUploaded: number; requestedAt: string }[];
}

/** What the last accepted node action was, for tests and the control API. */
export interface NodeActionRecord {
  action: 'reboot' | 'deallocate' | 'start' | 'disablescheduling' | 'enablescheduling' | 'remove';
  option?: string;
  requestedAt: string;
  fromState: NodeState;
  /** Running tasks when the request arrived and what happened to them. */
  requeuedTaskIds: string[];
  terminatedTaskIds: string[];
  completedTaskIds: string[];
  transitions: { state: NodeState; at: string }[];
  finishedAt?: string;
}

export interface NodeUserRecord {
  name: string;
  isAdmin: boolean;
  expiryTime: string;
  hasPassword: boolean;
  sshPublicKey?: string;
  createdAt: string;
}

/** A resize or remove-nodes operation in progress on a pool (allocationState resizing or stopping). */
export interface PoolResizeRecord {
  kind: 'resize' | 'removenodes';
  nodeDeallocationOption: ReimageOption;
  requestedAt: string;
  /** Bumped when a new operation starts or the operation stops, so older timers stop. */
  seq: number;
}

export interface PoolRecord {
  id: string;
  creationTime: number;
  lastModified: number;
  eTag: string;
  state: 'active' | 'deleting';
  stateTransitionTime: number;
  allocationState: 'steady' | 'resizing' | 'stopping';
  allocationStateTransitionTime: number;
  /** Pool properties as the service shows them (vmSize, virtualMachineConfiguration, startTask, metadata, ...). */
  spec: Record<string, unknown>;
  /** Every start task the pool had; spec.startTask is the last one (or undefined when removed). */
  startTaskHistory: (Record<string, unknown> | undefined)[];
  nodes: NodeRecord[];
  nodeById: Map<string, NodeRecord>;
  /** False for a pool whose configuration does not allow reimaging nodes. */
  reimageSupported: boolean;
  nodeAgentVersion: string;
  /** Deterministic address block for node IPs, e.g. "10.1". */
  ipPrefix: string;
  /** The resize or removenodes in progress, if any. */
  resize?: PoolResizeRecord;
}

export interface BatchAccountRecord {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  primaryKey: string;
  secondaryKey: string;
  poolAllocationMode: 'BatchService' | 'UserSubscription';
  dedicatedCoreQuota: number;
  lowPriorityCoreQuota: number;
  poolQuota: number;
  activeJobAndJobScheduleQuota: number;
  /** applicationId -> versions (for applicationPackageReferences checks). */
  applications: Record<string, string[]>;
  pools: Map<string, PoolRecord>;
  tags?: Record<string, string>;
}

export interface SubscriptionRecord {
  subscriptionId: string;
  displayName: string;
  state: 'Enabled' | 'Disabled' | 'Warned';
  resourceGroups: string[];
}

export interface ImageRecord {
  name: string;
  location: string;
  tags?: Record<string, string>;
  /** properties without provisioningState. */
  properties: Record<string, unknown>;
  provisioningState: 'Creating' | 'Updating' | 'Failed' | 'Succeeded' | 'Deleting' | 'Migrating';
  /** Image versions (`…/images/{name}/versions`), oldest first. */
  versions?: ImageVersionRecord[];
}

export interface ImageVersionRecord {
  /** Major.Minor.Patch, e.g. "1.4.0". */
  name: string;
  location: string;
  tags?: Record<string, string>;
  /** GalleryImageVersionProperties without provisioningState (publishingProfile, storageProfile, safetyProfile). */
  properties: Record<string, unknown>;
  provisioningState: ImageRecord['provisioningState'];
}

export interface GalleryRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  description: string;
  tags?: Record<string, string>;
  /** Keyed by lower-cased image name (ARM names are case-insensitive). */
  images: Map<string, ImageRecord>;
}

export interface LroOperation {
  id: string;
  subscriptionId: string;
  location: string;
  resourceId: string;
  startTime: number;
  endTime?: number;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  error?: { code: string; message: string };
  /** Gallery and image the operation writes. */
  gallery: GalleryRecord;
  imageKey: string;
}

export interface EmulatorState {
  tenantId: string;
  subscriptions: SubscriptionRecord[];
  /** Keyed by lower-cased account name. */
  accounts: Map<string, BatchAccountRecord>;
  galleries: GalleryRecord[];
  operations: Map<string, LroOperation>;
}

/** Batch's ETag format: "0x" + hex .NET ticks of the modification time. */
export function etagFor(ms: number, salt = 0): string {
  const ticks = (BigInt(ms) + 62135596800000n) * 10000n + BigInt(salt);
  return `0x${ticks.toString(16).toUpperCase()}`;
}

/** Marks a pool modified now: new lastModified and ETag (always different from the previous one). */
export function touch(pool: PoolRecord, now = Date.now()): void {
  const ms = Math.max(now, pool.lastModified + 1);
  pool.lastModified = ms;
  pool.eTag = etagFor(ms);
}
