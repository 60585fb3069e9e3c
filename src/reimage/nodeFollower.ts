/**
 * After a 202 the node shows "Reimaging…" with a spinner; the follower polls it until it is idle again (done) or
 * lands in unusable/starttaskfailed (a failure, with the node's errors). It gives up after a timeout, and stops when
 * told to (`stopAll`, e.g. between two tests) or when the extension deactivates. Pure (no `vscode`): the tree
 * gives it a `FollowRow` to decorate, the gateway a way to read the node; unit-tested on Node.
 */
import type { BatchNode } from '../azure/batch/batchModels.generated';
import * as l10n from '../utils/l10n';
import { followReadStop, readBackoffMs, shouldLogReadFailure } from './followBackoff';

export type FollowResult =
  | { kind: 'idle'; node: BatchNode }
  | { kind: 'failed'; node: BatchNode }
  | { kind: 'timeout'; state?: string }
  | { kind: 'stopped' }
  /** Reading the node failed in a way waiting cannot fix (404: gone; 401 or sign-in: authentication): `note` says so. */
  | { kind: 'gaveUp'; reason: 'gone' | 'authentication'; note: string };

/** The row that shows a followed node. */
export interface FollowRow {
  /** Unique per node (the tree row's id): a second follow of the same node replaces the first one's result. */
  readonly key: string;
  /** Following starts: show the node as reimaging (or rebooting…: the row knows its action). */
  begin(): void;
  /** The node reached its end state: show this data. */
  update(node: BatchNode): void;
  /** Following ended, however it ended: drop the decoration. */
  end(): void;
  /** Following gave up (the node is gone, or authentication failed): show `note` on the node. */
  note?(note: string): void;
}

export interface FollowTimings {
  /** Wait between polls during the first `switchAfterMs`, then `later`. */
  first: number;
  later: number;
  switchAfterMs: number;
  /** All followed nodes share at most one poll per `gapMs` (500 nodes don't flood the service). */
  gapMs: number;
  /** The longest wait between two reads of one node whose reads keep failing (it doubles per failure up to this). */
  maxBackoffMs?: number;
}

const DEFAULT_TIMINGS: FollowTimings = { first: 1000, later: 4000, switchAfterMs: 20_000, gapMs: 100, maxBackoffMs: 60_000 };
const FAILED = new Set(['unusable', 'starttaskfailed']);
const BETWEEN = new Set(['reimaging', 'starting', 'waitingforstarttask', 'creating', 'rebooting']);

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export class NodeFollower {
  /** Aborted by `stopAll`, then replaced: follows started later run normally. */
  private stop = new AbortController();
  private disposed = false;
  /** When the next poll may go out. */
  private nextSlot = 0;
  private readonly latest = new Map<string, Promise<FollowResult>>();
  private readonly running = new Set<Promise<FollowResult>>();
  /** Row key → how many follows of it run now (a second reimage of the same node may overlap the first). */
  private readonly followed = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly warn: (message: string) => void, private readonly timings: FollowTimings = DEFAULT_TIMINGS) {}

  /**
   * Follows one node until it is idle or failed again, `timeoutMs` passed, or following stops. `read` fetches the node
   * fresh; `sentAt` is when the reimage was sent (a node that changed state since then has been through it).
   */
  follow(row: FollowRow, read: (signal: AbortSignal) => Promise<BatchNode>, sentAt: number, timeoutMs: number): Promise<FollowResult> {
    const result = this.disposed ? Promise.resolve<FollowResult>({ kind: 'stopped' }) : this.run(row, read, sentAt, timeoutMs, this.stop.signal);
    this.latest.set(row.key, result);
    this.running.add(result);
    void result.finally(() => this.running.delete(result));
    return result;
  }

  /** The latest follow of the node with this key (running or ended), or undefined when it was never followed. */
  resultOf(key: string): Promise<FollowResult> | undefined {
    return this.latest.get(key);
  }

  /** The keys (tree row ids) of the nodes followed now. */
  followedKeys(): string[] {
    return [...this.followed.keys()];
  }

  /** Calls `listener` whenever a node starts or stops being followed; returns the unsubscribe. */
  onDidChangeFollowed(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private mark(key: string, delta: 1 | -1): void {
    const n = (this.followed.get(key) ?? 0) + delta;
    if (n > 0) {
      this.followed.set(key, n);
    } else {
      this.followed.delete(key);
    }
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.warn(`A follower listener failed: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }

  /** How many nodes are followed now. */
  get active(): number {
    return this.running.size;
  }

  /** Ends every follow now (each resolves `stopped`); resolves when they all have ended. */
  async stopAll(): Promise<void> {
    this.stop.abort();
    this.stop = new AbortController();
    await Promise.all([...this.running]);
  }

  private async run(row: FollowRow, read: (signal: AbortSignal) => Promise<BatchNode>, sentAt: number, timeoutMs: number, signal: AbortSignal): Promise<FollowResult> {
    row.begin();
    this.mark(row.key, 1);
    const started = Date.now();
    let seenBetween = false;
    let lastState: string | undefined;
    let failures = 0;
    try {
      while (!signal.aborted) {
        if (Date.now() - started > timeoutMs) {
          return { kind: 'timeout', state: lastState };
        }
        const interval = Date.now() - started < this.timings.switchAfterMs ? this.timings.first : this.timings.later;
        await sleep(readBackoffMs(interval, failures, this.timings.maxBackoffMs ?? 60_000), signal);
        await this.pace(signal);
        if (signal.aborted) {
          break;
        }
        let node: BatchNode;
        try {
          node = await read(signal);
        } catch (error) {
          if (signal.aborted) {
            continue;
          }
          const stop = followReadStop(error);
          if (stop) {
            const note = stop === 'gone'
              ? l10n.t('Stopped following: the node is no longer in the pool (404). Refresh the pool.')
              : l10n.t('Stopped following: authentication failed ({0}). Sign in again, then refresh the pool.', (error as { code?: string })?.code ?? '401');
            this.warn(`Following ${row.key} stopped: ${(error as Error)?.message ?? String(error)}`);
            row.note?.(note);
            return { kind: 'gaveUp', reason: stop, note };
          }
          failures += 1;
          if (shouldLogReadFailure(failures)) {
            this.warn(`Following ${row.key}: read failed ${failures} time(s) in a row, next try in ${Math.round(readBackoffMs(interval, failures, this.timings.maxBackoffMs ?? 60_000) / 1000)} s: ${(error as Error)?.message ?? String(error)}`);
          }
          continue;
        }
        failures = 0;
        lastState = node.state;
        const changedSinceSend = node.stateTransitionTime ? Date.parse(node.stateTransitionTime) >= sentAt - 1000 : false;
        if (node.state && BETWEEN.has(node.state)) {
          seenBetween = true;
        }
        const through = seenBetween || changedSinceSend;
        if (through && (node.state === 'idle' || (node.state && FAILED.has(node.state)))) {
          row.update(node);
          return { kind: node.state === 'idle' ? 'idle' : 'failed', node };
        }
      }
      return { kind: 'stopped' };
    } finally {
      row.end();
      this.mark(row.key, -1);
    }
  }

  private async pace(signal: AbortSignal): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.timings.gapMs;
    if (slot > now) {
      await sleep(slot - now, signal);
    }
  }

  /** Stops following for good (deactivation). */
  dispose(): void {
    this.disposed = true;
    this.stop.abort();
  }
}
