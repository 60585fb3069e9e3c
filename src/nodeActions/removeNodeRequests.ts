/**
 * Remove from Pool… for any number of nodes: the service takes at most 100 node ids per removenodes request, and
 * accepts one only while the pool's allocationState is steady (each request makes it resizing until the nodes are
 * gone). So the selection is split into requests of at most 100, sent one after the other, waiting for the pool to be
 * steady again in between. A 429 waits the service's Retry-After and resends the same request; cancellation stops
 * before the next request (one already sent runs to its answer). Pure (no `vscode`), driven by the command.
 */
import type { BatchNodeDeallocationOption } from '../azure/batch/nodeOperationModels';
import { delay } from '../azure/core/delay';

export const MAX_NODES_PER_REMOVE = 100;

/** Distinct ids in selection order, in chunks of at most `max`. */
export function splitRemoveRequests(nodeIds: readonly string[], max = MAX_NODES_PER_REMOVE): string[][] {
  if (!Number.isInteger(max) || max < 1) { throw new RangeError(`max must be a positive integer, got ${max}`); }
  const distinct = [...new Set(nodeIds)];
  const chunks: string[][] = [];
  for (let i = 0; i < distinct.length; i += max) { chunks.push(distinct.slice(i, i + max)); }
  return chunks;
}

export interface RemoveNodesApi {
  /** POST /pools/{poolId}/removenodes; resolves on 202. */
  removeNodes(poolId: string, nodeIds: string[], option: BatchNodeDeallocationOption): Promise<void>;
  /** The pool's allocationState, read fresh. */
  allocationState(poolId: string, signal: AbortSignal): Promise<string | undefined>;
}

export interface RemoveRunOptions {
  signal?: AbortSignal;
  /** Between reads of the allocation state while waiting for steady (default 5 s). */
  pollMs?: number;
  /** Longest wait for steady between two requests (default 15 min, the service's default resize timeout). */
  steadyTimeoutMs?: number;
  /** Resends of one request after a 429 (default 3). */
  maxThrottleRetries?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** After each accepted request: ids accepted so far, out of all. */
  onProgress?: (accepted: number, total: number) => void;
}

export interface RemoveOutcome {
  /** Ids the service accepted (they are leaving the pool). */
  accepted: string[];
  /** Ids never sent (after a failure, a timeout or cancellation). */
  notSent: string[];
  /** The request that failed, with the service's error. */
  failed?: { nodeIds: string[]; error: unknown };
  /** Why the run stopped early, if it did. */
  stopped?: 'failed' | 'canceled' | 'notSteady';
  /** The allocation state last read when waiting for steady timed out. */
  lastAllocationState?: string;
}

/** Waits `ms` unless cancelled (then returns at once; the caller checks the signal). */
async function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, signal);
}

function throttleWait(error: unknown): number | undefined {
  const e = error as { status?: number; retryAfterMs?: number } | undefined;
  return e?.status === 429 ? Math.max(100, e.retryAfterMs ?? 1000) : undefined;
}

export async function runRemoveNodes(
  api: RemoveNodesApi,
  poolId: string,
  nodeIds: readonly string[],
  option: BatchNodeDeallocationOption,
  options: RemoveRunOptions = {},
): Promise<RemoveOutcome> {
  const chunks = splitRemoveRequests(nodeIds);
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const signal = options.signal ?? new AbortController().signal;
  const sleep = options.sleep ?? defaultSleep;
  const pollMs = options.pollMs ?? 5000;
  const steadyTimeoutMs = options.steadyTimeoutMs ?? 15 * 60_000;
  const accepted: string[] = [];
  const rest = (from: number) => chunks.slice(from).flat();

  for (let i = 0; i < chunks.length; i++) {
    if (signal.aborted) { return { accepted, notSent: rest(i), stopped: 'canceled' }; }
    if (i > 0) {
      const deadline = Date.now() + steadyTimeoutMs;
      let state = await api.allocationState(poolId, signal);
      while (state !== 'steady') {
        if (signal.aborted) { return { accepted, notSent: rest(i), stopped: 'canceled' }; }
        if (Date.now() >= deadline) { return { accepted, notSent: rest(i), stopped: 'notSteady', lastAllocationState: state }; }
        await sleep(pollMs, signal);
        if (signal.aborted) { return { accepted, notSent: rest(i), stopped: 'canceled' }; }
        state = await api.allocationState(poolId, signal);
      }
    }
    const chunk = chunks[i]!;
    for (let attempt = 0; ; attempt++) {
      try {
        await api.removeNodes(poolId, chunk, option);
        accepted.push(...chunk);
        options.onProgress?.(accepted.length, total);
        break;
      } catch (error) {
        const wait = throttleWait(error);
        if (wait === undefined || attempt >= (options.maxThrottleRetries ?? 3)) {
          return { accepted, notSent: rest(i + 1), failed: { nodeIds: chunk, error }, stopped: 'failed' };
        }
        await sleep(wait, signal);
        if (signal.aborted) { return { accepted, notSent: rest(i), stopped: 'canceled' }; }
      }
    }
  }
  return { accepted, notSent: [] };
}
