/**
 * What the Reimage command does, on Node against the emulator, for the fault matrix's "reimage (one)" and "reimage
 * (bulk)" columns: the gateway's Batch API (src/services/batchAccountApi: the same reads and POSTs, the POST with no
 * client retries) driven by runReimage exactly as src/commands/reimageCommand.ts drives it, and the summary the command
 * shows (src/reimage/reimageSummary). What the user sees = that summary and its severity; kept = the nodes' states and
 * reimage records in the emulator; received = the emulator's request records.
 */
import type { RecordedRequest } from '../../../emulator/api';
import { runReimage, type ReimageOutcome, type ReimageTarget } from '../../../../src/reimage/reimageRunner';
import { reimageSummary, type ReimageSummary } from '../../../../src/reimage/reimageSummary';
import { batchAccountApi } from '../../../../src/services/batchAccountApi';
import type { FaultCellFixture } from './faultCellFixture';

export const ACCOUNT = 'contosoprod';

export interface ReimageRun {
  outcomes: ReimageOutcome[];
  summary: ReimageSummary;
  /** Nodes handed to the follower (accepted, or unknown and seen reimaging), in order. */
  followed: string[];
  /** The concurrency limits the run went through (after 429s). */
  limits: number[];
}

export interface ReimageRunOptions {
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after each node's state read, before its POST (a test makes the node change meanwhile). */
  afterRead?: (target: ReimageTarget, state: string | undefined) => void;
  /** Called on every progress step (a test aborts mid-run). */
  onProgress?: (done: number) => void;
}

/** Runs the command's reimage of `nodeIds` of `poolId` (option requeue) and returns what it would show. */
export async function reimageLikeTheCommand(f: FaultCellFixture, poolId: string, nodeIds: readonly string[], options: ReimageRunOptions = {}): Promise<ReimageRun> {
  const api = batchAccountApi(async () => f.prod);
  const followed: string[] = [];
  const limits: number[] = [];
  const outcomes = await runReimage(nodeIds.map((nodeId) => ({ poolId, nodeId })), 'requeue', {
    nodeState: async (t, signal) => {
      const state = (await api.getNode(t.poolId, t.nodeId, 'id,state', undefined, signal)).state;
      options.afterRead?.(t, state);
      return state;
    },
    reimage: (t, o) => api.reimageNode(t.poolId, t.nodeId, o),
  }, {
    concurrency: options.concurrency ?? 8,
    signal: options.signal,
    onProgress: (done) => options.onProgress?.(done),
    onLimitChange: (limit) => limits.push(limit),
    onAccepted: (t) => followed.push(t.nodeId),
    // As the command: 429s seen by any request of the session slow the run down.
    onThrottled: (listener) => f.onDidThrottle(listener),
  });
  return { outcomes, summary: reimageSummary(outcomes, 'requeue', 'en'), followed, limits };
}

/** The reimage POSTs the emulator received (all nodes of the pool, or the given ones), in arrival order. */
export function reimagePosts(f: FaultCellFixture, poolId: string, nodeIds?: readonly string[]): RecordedRequest[] {
  const nodes = nodeIds ? `(${nodeIds.map(escape).join('|')})` : '[^/]+';
  return f.emulator.requests({ path: new RegExp(`/pools/${poolId}/nodes/${nodes}/reimage$`), method: 'POST' });
}

/** The node reads (GET …/nodes/{id}) the emulator received. */
export function nodeReads(f: FaultCellFixture, poolId: string, nodeIds?: readonly string[]): RecordedRequest[] {
  const nodes = nodeIds ? `(${nodeIds.map(escape).join('|')})` : '[^/]+';
  return f.emulator.requests({ path: new RegExp(`/pools/${poolId}/nodes/${nodes}$`), method: 'GET' });
}

/** Route regex source of the reimage POST of these nodes. */
export function reimageRoute(poolId: string, nodeIds: readonly string[]): string {
  return `/pools/${poolId}/nodes/(${nodeIds.map(escape).join('|')})/reimage$`;
}

export function stateOf(f: FaultCellFixture, poolId: string, nodeId: string): string | undefined {
  return f.emulator.getNode(ACCOUNT, poolId, nodeId)?.state;
}

export function reimageCount(f: FaultCellFixture, poolId: string, nodeId: string): number {
  return f.emulator.getNode(ACCOUNT, poolId, nodeId)?.reimages.length ?? -1;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
