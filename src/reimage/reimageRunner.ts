/**
 * Sends reimage requests for many nodes: bounded concurrency that halves on 429 (and waits the service's
 * Retry-After) instead of failing, then grows back; each node's state is re-read right before sending, and a node
 * that is no longer idle or running is skipped, not sent. Cancellation stops the sends not yet started (one in
 * flight runs to its answer). Pure
 * (no `vscode`): unit-tested on Node, driven by the command.
 */
import type { ReimageOption } from './reimageOptions';

export interface ReimageTarget {
  poolId: string;
  nodeId: string;
}

export interface ReimageApi {
  /** The node's current state, read fresh. */
  nodeState(target: ReimageTarget, signal: AbortSignal): Promise<string | undefined>;
  /**
   * POST …/reimage; resolves on 202. Not cancellable: once sent, a request runs to its answer, so that the
   * summary says for sure what the service accepted.
   */
  reimage(target: ReimageTarget, option: ReimageOption): Promise<void>;
}

/**
 * `unknown`: the request went out but its answer was lost (connection reset or timeout after sending, a 2xx whose body
 * could not be read): the node was re-read, and followed when it was reimaging.
 */
export type ReimageStatus = 'succeeded' | 'skipped' | 'failed' | 'canceled' | 'unknown';

export interface ReimageOutcome<T extends ReimageTarget = ReimageTarget> {
  target: T;
  status: ReimageStatus;
  /** Why it was skipped (the state it was in) or failed (the error). */
  reason?: string;
  error?: unknown;
  /** When the 202 came. */
  acceptedAt?: number;
  /** For `unknown`: the state the node was in when re-read (undefined when that read failed too). */
  stateAfter?: string;
  /** For `unknown`: the node was reimaging when re-read, and is followed like an accepted one. */
  followed?: boolean;
}

export interface RunOptions {
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, outcome: ReimageOutcome) => void;
  /** Called on each accepted node, as soon as its 202 arrives (the tree starts following it). */
  onAccepted?: (target: ReimageTarget) => void;
  /** How many times one node is re-sent after a 429 before it counts as failed. */
  maxThrottleRetries?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Observes the concurrency limit (tests, log). */
  onLimitChange?: (limit: number) => void;
  /**
   * 429s seen elsewhere (the follower's reads, the tree, the client's own retries: the session's onDidThrottle): the
   * run slows down on them as on its own. Subscribed for the run, disposed at its end.
   */
  onThrottled?: (listener: (info: { retryAfterMs?: number }) => void) => { dispose(): void };
}

const READY: ReadonlySet<string> = new Set(['idle', 'running']);

/** Any per-node action in bulk (reimage, reboot, deallocate, start, scheduling): read the state, then send once. */
export interface BulkApi<T extends ReimageTarget> {
  nodeState(target: T, signal: AbortSignal): Promise<string | undefined>;
  /** The action's request; resolves when the service accepted it. Not cancellable once sent. */
  send(target: T): Promise<void>;
}

export interface BulkRunOptions extends RunOptions {
  /** States in which the action is sent (default idle, running); any other is skipped. */
  ready?: ReadonlySet<string>;
  /** The ready states in words, for the skip reason (default "idle or running"). */
  readyText?: string;
  /** States that show the action was carried out, when a node is re-read after a lost answer (default: none). */
  inProgress?: ReadonlySet<string>;
}
/** States of a node whose reimage was carried out (seen when re-reading after a lost answer). */
const REIMAGING = new Set(['reimaging']);

/** A write whose answer was lost (OutcomeUnknownError of src/azure): it may or may not have been carried out. */
export function isOutcomeUnknown(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === 'OutcomeUnknown';
}

function status429(error: unknown): number | undefined {
  const e = error as { status?: number; retryAfterMs?: number } | undefined;
  return e?.status === 429 ? Math.max(100, e.retryAfterMs ?? 1000) : undefined;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function runReimage<T extends ReimageTarget>(targets: readonly T[], option: ReimageOption, api: ReimageApi, options: RunOptions): Promise<ReimageOutcome<T>[]> {
  return runNodeBulk(targets, { nodeState: (t, signal) => api.nodeState(t, signal), send: (t) => api.reimage(t, option) }, { ...options, inProgress: REIMAGING });
}

/** The bulk runner every node action shares (see the file comment). */
export async function runNodeBulk<T extends ReimageTarget>(targets: readonly T[], api: BulkApi<T>, options: BulkRunOptions): Promise<ReimageOutcome<T>[]> {
  const ready = options.ready ?? READY;
  const readyText = options.readyText ?? 'idle or running';
  const inProgress = options.inProgress ?? new Set<string>();
  const max = Math.max(1, Math.floor(options.concurrency));
  const sleep = options.sleep ?? defaultSleep;
  const maxThrottleRetries = options.maxThrottleRetries ?? 20;
  const signal = options.signal ?? new AbortController().signal;
  const queue = targets.map((target) => ({ target, throttled: 0 }));
  const outcomes = new Map<T, ReimageOutcome<T>>();
  let limit = max;
  let active = 0;
  let successesSinceGrowth = 0;
  let pausedUntil = 0;

  const finish = (outcome: ReimageOutcome<T>) => {
    outcomes.set(outcome.target, outcome);
    options.onProgress?.(outcomes.size, targets.length, outcome);
  };
  const setLimit = (value: number) => {
    if (value !== limit) {
      limit = value;
      options.onLimitChange?.(limit);
    }
  };

  /**
   * A 429 seen by anyone: halve the limit and wait what the service asked (at least 100 ms) before the next send. One
   * halving per pause: a run's own 429 also arrives as a session throttle report, and the 429s of sends in flight
   * together are one signal; during the pause they only lengthen it.
   */
  const slowDown = (retryAfterMs: number) => {
    successesSinceGrowth = 0;
    if (Date.now() >= pausedUntil) {
      setLimit(Math.max(1, Math.floor(limit / 2)));
    }
    pausedUntil = Math.max(pausedUntil, Date.now() + retryAfterMs);
  };
  const throttledElsewhere = options.onThrottled?.((info) => slowDown(Math.max(100, info.retryAfterMs ?? 1000)));

  try {
    await run();
  } finally {
    throttledElsewhere?.dispose();
  }
  return targets.map((t) => outcomes.get(t)!);

  function run(): Promise<void> {
    return new Promise<void>((resolveAll) => {
      const pump = () => {
        if (signal.aborted) {
          for (const { target } of queue.splice(0)) {
            finish({ target, status: 'canceled', reason: 'canceled before it was sent' });
          }
        }
        while (!signal.aborted && active < limit && queue.length > 0 && Date.now() >= pausedUntil) {
          void send(queue.shift()!);
        }
        if (active === 0 && queue.length === 0) {
          resolveAll();
        } else if (active === 0 && queue.length > 0 && Date.now() < pausedUntil) {
          void sleep(pausedUntil - Date.now(), signal).then(pump);
        }
      };

      /** The answer was lost: re-read the node (even when canceled: the request went out) and follow it if the action shows. */
      const settleUnknown = async (target: T, error: unknown) => {
        const reason = (error as Error)?.message ?? String(error);
        let stateAfter: string | undefined;
        try {
          stateAfter = await api.nodeState(target, new AbortController().signal);
        } catch {
          finish({ target, status: 'unknown', reason, error, followed: false });
          return;
        }
        const followed = stateAfter !== undefined && inProgress.has(stateAfter);
        finish({ target, status: 'unknown', reason, error, stateAfter, followed });
        if (followed) {
          options.onAccepted?.(target);
        }
      };

      const send = async (entry: { target: T; throttled: number }) => {
        active += 1;
        const { target } = entry;
        try {
          const state = await api.nodeState(target, signal);
          if (!state || !ready.has(state)) {
            finish({ target, status: 'skipped', reason: `node is ${state ?? 'gone'}, not ${readyText}` });
            return;
          }
          if (signal.aborted) {
            finish({ target, status: 'canceled', reason: 'canceled before it was sent' });
            return;
          }
          await api.send(target);
          finish({ target, status: 'succeeded', acceptedAt: Date.now() });
          options.onAccepted?.(target);
          successesSinceGrowth += 1;
          if (limit < max && successesSinceGrowth >= limit) {
            successesSinceGrowth = 0;
            setLimit(limit + 1);
          }
        } catch (error) {
          const wait = status429(error);
          if (wait !== undefined && entry.throttled < maxThrottleRetries && !signal.aborted) {
            // Throttled: the request was not carried out. Slow down and send it again later.
            entry.throttled += 1;
            slowDown(wait);
            queue.unshift(entry);
          } else if (isOutcomeUnknown(error)) {
            await settleUnknown(target, error);
          } else if (signal.aborted && (error as { name?: string })?.name?.match(/Abort|Cancel/)) {
            finish({ target, status: 'canceled', reason: 'canceled before it was sent' });
          } else {
            finish({ target, status: 'failed', reason: (error as Error)?.message ?? String(error), error });
          }
        } finally {
          active -= 1;
          if (Date.now() < pausedUntil && active === 0) {
            void sleep(pausedUntil - Date.now(), signal).then(pump);
          } else {
            pump();
          }
        }
      };

      signal.addEventListener('abort', () => pump(), { once: true });
      pump();
    });
  }
}
