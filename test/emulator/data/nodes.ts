/** Deterministic generation of compute nodes for a pool (compact records; see NodeRecord). */
import type { NodeError, NodeRecord, NodeState, PoolRecord } from '../state';
import { SeededRandom } from './random';

export type StateWeights = readonly (readonly [NodeState, number])[];

export const DEDICATED_MIX: StateWeights = [
  ['idle', 55], ['running', 30], ['unusable', 3], ['starttaskfailed', 3], ['offline', 3], ['starting', 2],
  ['reimaging', 1], ['rebooting', 1], ['leavingpool', 1], ['waitingforstarttask', 1],
];

export const SPOT_MIX: StateWeights = [
  ['idle', 45], ['running', 30], ['preempted', 15], ['unusable', 3], ['starttaskfailed', 2], ['offline', 2], ['starting', 3],
];

export interface NodePlan {
  count: number;
  dedicatedCount: number;
  /** Explicit states for the first nodes (dedicated first, then spot), the rest drawn from the mixes. */
  explicit?: NodeState[];
  dedicatedMix?: StateWeights;
  spotMix?: StateWeights;
  seed: number;
  /** Number in node ids "tvm-{idNumber}_{n}-{stamp}". */
  idNumber: number;
  allocatedAt: number;
  taskSlotsPerNode: number;
  jobId: string;
}

export function defaultErrors(state: NodeState): NodeError[] | undefined {
  if (state === 'unusable') {
    return [
      {
        code: 'DiskFull',
        message: 'There is not enough disk space on the node',
        errorDetails: [{ name: 'Message', value: 'The temporary disk of the node is full.' }],
      },
    ];
  }
  if (state === 'starttaskfailed') {
    return [
      {
        code: 'StartTaskFailed',
        message: 'The start task failed on the node and waitForSuccess is set',
        errorDetails: [{ name: 'ExitCode', value: '1' }],
      },
    ];
  }
  return undefined;
}

function stamp(ms: number): string {
  // 20161122t193202z
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'z').toLowerCase();
}

export function generateNodes(plan: NodePlan): NodeRecord[] {
  const rng = new SeededRandom(plan.seed);
  const nodes: NodeRecord[] = [];
  const idStamp = stamp(plan.allocatedAt);
  let taskCounter = 0;
  for (let i = 0; i < plan.count; i++) {
    const dedicated = i < plan.dedicatedCount;
    const state: NodeState =
      plan.explicit?.[i] ?? rng.weighted(dedicated ? (plan.dedicatedMix ?? DEDICATED_MIX) : (plan.spotMix ?? SPOT_MIX));
    const allocationTime = plan.allocatedAt + rng.int(0, 120_000);
    const lastBootTime = allocationTime + rng.int(60_000, 6 * 3600_000);
    const stateTransitionTime = lastBootTime + rng.int(5_000, 3600_000);
    const totalTasksRun = state === 'creating' || state === 'starting' ? 0 : rng.int(0, 400);
    const node: NodeRecord = {
      id: `tvm-${plan.idNumber}_${i + 1}-${idStamp}`,
      index: i,
      state,
      schedulingState: state === 'offline' ? 'disabled' : 'enabled',
      dedicated,
      allocationTime,
      lastBootTime,
      stateTransitionTime,
      totalTasksRun,
      totalTasksSucceeded: Math.max(0, totalTasksRun - rng.int(0, Math.min(5, totalTasksRun))),
      startTaskRev: 0,
    };
    if (state === 'running') {
      const running = rng.int(1, plan.taskSlotsPerNode);
      node.runningTaskIds = [];
      for (let t = 0; t < running; t++) { node.runningTaskIds.push(`${plan.jobId}/task-${String(++taskCounter).padStart(6, '0')}`); }
    }
    if (state === 'starttaskfailed') { node.startTaskExitCode = 1; }
    const errors = defaultErrors(state);
    if (errors) { node.errors = errors; }
    nodes.push(node);
  }
  return nodes;
}

export function attachNodes(pool: PoolRecord, nodes: NodeRecord[]): void {
  pool.nodes = nodes;
  pool.nodeById = new Map(nodes.map((n) => [n.id, n]));
}
