/**
 * The auto-refresh loop without VS Code (`autoRefresh.ts` wires it to the tree view): every interval, while the view
 * is visible and pools are expanded, one round re-reads the node counts of each account and the rows of each expanded
 * pool. On a round where nothing succeeded it backs off (doubling, up to 10 minutes) and recovers on the next
 * success. One timer at a time, one round at a time, no error escapes: it runs for days. The clock is injected (a
 * fake clock drives 48 simulated hours in the unit tests).
 */
import type { CancellationTokenLike, DisposableLike } from '../azure/core/cancellation';
import { systemClock, type SchedulerClock } from '../heatmap/refreshScheduler';
import { isGoneResource } from './refreshGone';

export type { SchedulerClock } from '../heatmap/refreshScheduler';

const MAX_BACKOFF_MS = 10 * 60_000;

/** An event in VS Code's shape: subscribe a listener, dispose the result to unsubscribe. */
export type EventLike<T> = (listener: (e: T) => unknown) => DisposableLike;

/** What the loop needs of an account row. */
export interface RefreshAccountRow {
  readonly id: string;
  readonly account: { readonly url: string };
  /** Node counts of every pool in one request. */
  refreshCounts(token: CancellationTokenLike): Promise<void>;
}

/** What the loop needs of an expanded pool row. */
export interface RefreshPoolRow {
  readonly id: string;
  /** REST URL of the pool (a 404 on it removes the pool from the rounds). */
  readonly url: string;
  readonly parent: RefreshAccountRow;
  /** Re-reads the pool and its loaded node pages; redraws what changed. */
  refreshInPlace(token: CancellationTokenLike): Promise<void>;
}

export interface AutoRefreshHost {
  /** `azureBatch.autoRefreshSeconds` (0 = off). */
  intervalSeconds(): number;
  isVisible(): boolean;
  /** The live row of an expanded pool, or undefined when it is no longer shown. */
  pool(id: string): RefreshPoolRow | undefined;
  onDidExpandPool: EventLike<string>;
  /** Any row collapsed (its id). */
  onDidCollapse: EventLike<string>;
  onDidChangeVisibility: EventLike<unknown>;
  onDidChangeSettings: EventLike<unknown>;
  log: { info(message: string): void; warn(message: string): void };
  /** Default: the system clock. */
  clock?: SchedulerClock;
}

/** The outcome of the last round, for tests and the log. */
export interface RoundOutcome {
  /** Clock time at the end of the round. */
  at: number;
  succeeded: number;
  failed: number;
}

/** A cancellation token the loop owns for one round; counts its listeners so a leak shows. */
class RoundCancellation implements CancellationTokenLike {
  private readonly listeners = new Set<() => void>();
  private cancelled = false;

  get isCancellationRequested(): boolean {
    return this.cancelled;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  onCancellationRequested(listener: () => void): DisposableLike {
    const entry = (): void => listener();
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  }

  cancel(): void {
    if (!this.cancelled) {
      this.cancelled = true;
      for (const listener of [...this.listeners]) {
        listener();
      }
    }
  }
}

const CANCELLATION_NAMES = new Set(['UserCancelledError', 'RequestCancelledError', 'AbortError', 'Canceled']);

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const own = error.toString();
    return own === `${error.name}: ${error.message}` ? error.message : own;
  }
  return String(error);
}

export class AutoRefreshLoop implements DisposableLike {
  private readonly expanded = new Set<string>();
  private readonly subscriptions: DisposableLike[];
  private readonly clock: SchedulerClock;
  private timer: unknown;
  private failureCount = 0;
  private running: RoundCancellation | undefined;
  private disposed = false;
  /** Completed rounds. */
  ticks = 0;
  lastRound: RoundOutcome | undefined;

  constructor(private readonly host: AutoRefreshHost) {
    this.clock = host.clock ?? systemClock;
    this.subscriptions = [
      host.onDidExpandPool((id) => {
        this.expanded.add(id);
        this.schedule();
      }),
      host.onDidCollapse((id) => {
        this.expanded.delete(id);
      }),
      host.onDidChangeVisibility(() => this.schedule()),
      host.onDidChangeSettings(() => this.schedule()),
    ];
  }

  /** Failed rounds in a row (0 after a success). */
  get failures(): number {
    return this.failureCount;
  }

  /** Pools refreshed each round. */
  get expandedCount(): number {
    return this.expanded.size;
  }

  /** Listeners registered on the running round's token (0 between rounds): what the requests left behind. */
  get pendingTokenListeners(): number {
    return this.running?.listenerCount ?? 0;
  }

  /** Live subscriptions to the host's events (4 until disposed). */
  get subscriptionCount(): number {
    return this.subscriptions.length;
  }

  /** True while a round runs. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Delay before the next round, or undefined when there is nothing to do. */
  nextDelayMs(): number | undefined {
    const seconds = this.host.intervalSeconds();
    if (this.disposed || seconds <= 0 || !this.host.isVisible() || this.expanded.size === 0) {
      return undefined;
    }
    return Math.min(MAX_BACKOFF_MS, seconds * 1000 * 2 ** Math.min(this.failureCount, 8));
  }

  private schedule(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    const delay = this.nextDelayMs();
    if (delay !== undefined && !this.running) {
      // The callback returns the round, so a fake clock can wait for it before moving on.
      this.timer = this.clock.setTimeout(() => this.tick(), delay);
    }
  }

  /**
   * One round: node counts per account, then each expanded pool's rows. Each account and pool fails on its own: a
   * pool that is gone (404) or an account that lost its key leaves the round; the round counts as failed (and backs
   * off) only when nothing in it succeeded.
   */
  async tick(): Promise<void> {
    // Called directly (a test, a user's refresh) while a round is timed: that timer goes, or there would be two.
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.running || this.disposed) {
      return;
    }
    const round = new RoundCancellation();
    this.running = round;
    let succeeded = 0;
    let failed = 0;
    let lastError: unknown;
    const attempt = async (id: string, url: string, work: () => Promise<void>) => {
      try {
        await work();
        succeeded += 1;
      } catch (error) {
        if (round.isCancellationRequested || CANCELLATION_NAMES.has((error as { name?: string } | undefined)?.name ?? '')) {
          return;
        }
        // Only a 404 on the pool or account itself removes it (a sub-list's 404 is handled where it is read).
        if (isGoneResource(error, url)) {
          for (const expanded of [...this.expanded].filter((e) => e === id || e.startsWith(`${id}/`))) {
            this.expanded.delete(expanded);
          }
          this.host.log.info(`Auto-refresh: ${id} is gone (${messageOf(error)}); no longer refreshed.`);
          return;
        }
        failed += 1;
        lastError = error;
      }
    };
    try {
      const pools = [...this.expanded].map((id) => this.host.pool(id)).filter((p): p is RefreshPoolRow => p !== undefined);
      for (const account of new Set(pools.map((p) => p.parent))) {
        await attempt(account.id, account.account.url, () => account.refreshCounts(round));
      }
      for (const pool of pools) {
        await attempt(pool.id, pool.url, () => pool.refreshInPlace(round));
      }
      if (failed > 0 && succeeded === 0) {
        this.failureCount += 1;
        this.host.log.warn(`Auto-refresh failed (${this.failureCount} in a row), next try in ${Math.round((this.nextDelayMs() ?? 0) / 1000)} s: ${messageOf(lastError)}`);
      } else {
        if (this.failureCount > 0) {
          this.host.log.info(`Auto-refresh recovered after ${this.failureCount} failed round(s).`);
        }
        this.failureCount = 0;
        if (failed > 0) {
          this.host.log.warn(`Auto-refresh: ${failed} of ${failed + succeeded} refreshes failed: ${messageOf(lastError)}`);
        }
      }
    } finally {
      this.ticks += 1;
      this.lastRound = { at: this.clock.now(), succeeded, failed };
      this.running = undefined;
      this.schedule();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.running?.cancel();
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    for (const subscription of this.subscriptions.splice(0)) {
      subscription.dispose();
    }
  }
}
