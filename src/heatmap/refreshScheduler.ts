/**
 * When the heatmap re-reads its nodes: every `intervalMs` while the panel is visible, never while it is hidden (a
 * refresh that came due meanwhile runs as soon as it is shown again), one read at a time. After a failure the next
 * read waits longer and longer (2×, 4×, … the interval, at most `maxBackoffMs`); a throttled answer (429) waits at
 * least what its Retry-After asked; a success goes back to the interval. Pure: the clock is injected.
 */

export interface SchedulerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SchedulerClock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

/** How a failed read should be retried. */
export interface RefreshFailure {
  /** The service said "too many requests" (429, or 503 with Retry-After). */
  throttled: boolean;
  /** What its Retry-After asked for. */
  retryAfterMs?: number;
}

export type RefreshStatus =
  | { phase: 'loading' }
  | { phase: 'waiting'; nextAt: number; lastSuccessAt: number }
  | { phase: 'manual'; lastSuccessAt?: number }
  | { phase: 'paused' }
  | { phase: 'backingOff'; nextAt: number; failures: number; error: unknown; throttled: boolean };

export interface RefreshSchedulerOptions {
  /** Time between reads; 0 = no automatic reads (refreshNow only). */
  intervalMs: number;
  /** One read. Rejects on failure; the signal aborts it when the scheduler is disposed. */
  run(signal: AbortSignal): Promise<void>;
  classify?(error: unknown): RefreshFailure;
  clock?: SchedulerClock;
  /** Longest wait after failures (default 5 minutes). */
  maxBackoffMs?: number;
  onStatus?(status: RefreshStatus): void;
}

/** Default classification: `status` 429 (or 503 with a Retry-After) is throttling; `retryAfterMs` is honoured. */
export function classifyRefreshError(error: unknown): RefreshFailure {
  const e = error as { status?: unknown; retryAfterMs?: unknown } | undefined;
  const retryAfterMs = typeof e?.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs) && e.retryAfterMs >= 0 ? e.retryAfterMs : undefined;
  const throttled = e?.status === 429 || (e?.status === 503 && retryAfterMs !== undefined);
  return retryAfterMs === undefined ? { throttled } : { throttled, retryAfterMs };
}

/** `azureBatch.heatmap.refreshSeconds` → milliseconds: default 10 s, 0 (or less) = off, else 2 s … 1 hour. */
export function refreshIntervalMs(seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    return 10_000;
  }
  return seconds <= 0 ? 0 : Math.round(Math.min(3600, Math.max(2, seconds)) * 1000);
}

/** The wait after `failures` consecutive failures. */
export function backoffDelayMs(intervalMs: number, failures: number, failure: RefreshFailure, maxBackoffMs = 300_000): number {
  const base = intervalMs > 0 ? intervalMs : 10_000;
  const exponential = Math.min(maxBackoffMs, base * 2 ** Math.min(20, Math.max(1, failures)));
  return failure.throttled ? Math.max(exponential, failure.retryAfterMs ?? 0) : exponential;
}

export class RefreshScheduler {
  private readonly clock: SchedulerClock;
  private intervalMs: number;
  private visible = false;
  private disposed = false;
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private failures = 0;
  /** When the next read is due (clock time); 0 = now. */
  private dueAt = 0;
  private lastSuccessAt: number | undefined;
  private lastFailure: { error: unknown; throttled: boolean } | undefined;

  constructor(private readonly options: RefreshSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = Math.max(0, options.intervalMs);
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  get isVisible(): boolean {
    return this.visible;
  }

  /** Shown: a read that is due runs now, else the next one is timed. Hidden: no timer (a read in flight ends). */
  setVisible(visible: boolean): void {
    if (this.disposed || visible === this.visible) {
      return;
    }
    this.visible = visible;
    this.schedule();
  }

  /** A new interval (the setting changed); the next read is timed from the last success. */
  setIntervalMs(intervalMs: number): void {
    this.intervalMs = Math.max(0, intervalMs);
    if (this.failures === 0 && this.lastSuccessAt !== undefined) {
      this.dueAt = this.intervalMs > 0 ? this.lastSuccessAt + this.intervalMs : Number.POSITIVE_INFINITY;
    }
    this.schedule();
  }

  /** Reads now (a user's Refresh, or the first load), even while hidden or backing off; joins a read in flight. */
  refreshNow(): Promise<void> {
    if (this.disposed) {
      return Promise.resolve();
    }
    return this.inFlight ?? this.runOnce();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.abort.abort();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private status(status: RefreshStatus): void {
    this.options.onStatus?.(status);
  }

  private schedule(): void {
    this.clearTimer();
    if (this.disposed || this.inFlight) {
      return;
    }
    if (!this.visible) {
      this.status({ phase: 'paused' });
      return;
    }
    if (this.intervalMs === 0 && this.failures === 0 && this.lastSuccessAt !== undefined) {
      this.status({ phase: 'manual', lastSuccessAt: this.lastSuccessAt });
      return;
    }
    if (this.intervalMs === 0 && this.failures > 0) {
      // Automatic reads are off: the failure stays on screen until the user refreshes.
      this.status({ phase: 'backingOff', nextAt: Number.POSITIVE_INFINITY, failures: this.failures, ...this.lastFailure! });
      return;
    }
    const delay = Math.max(0, this.dueAt - this.clock.now());
    if (this.failures > 0 && this.lastFailure) {
      this.status({ phase: 'backingOff', nextAt: this.dueAt, failures: this.failures, ...this.lastFailure });
    } else if (this.lastSuccessAt !== undefined) {
      this.status({ phase: 'waiting', nextAt: this.dueAt, lastSuccessAt: this.lastSuccessAt });
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.runOnce();
    }, delay);
  }

  private runOnce(): Promise<void> {
    this.clearTimer();
    this.status({ phase: 'loading' });
    const run = (async () => {
      try {
        await this.options.run(this.abort.signal);
        if (this.disposed) {
          return;
        }
        this.failures = 0;
        this.lastSuccessAt = this.clock.now();
        this.lastFailure = undefined;
        this.dueAt = this.intervalMs > 0 ? this.lastSuccessAt + this.intervalMs : Number.POSITIVE_INFINITY;
      } catch (error) {
        if (this.disposed) {
          return;
        }
        this.failures += 1;
        const failure = (this.options.classify ?? classifyRefreshError)(error);
        this.lastFailure = { error, throttled: failure.throttled };
        this.dueAt = this.clock.now() + backoffDelayMs(this.intervalMs, this.failures, failure, this.options.maxBackoffMs);
      } finally {
        this.inFlight = undefined;
      }
      this.schedule();
    })();
    this.inFlight = run;
    return run;
  }
}
