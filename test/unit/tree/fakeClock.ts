import type { SchedulerClock } from '../../../src/tree/autoRefreshLoop';

interface FakeTimer {
  at: number;
  seq: number;
  callback: () => unknown;
}

/**
 * A clock whose time moves only when the test says so. `runUntil` fires the timers that come due, in time order, and
 * waits for each one to finish (a callback that returns a promise — an auto-refresh round — is awaited, with its real
 * HTTP), so simulated hours pass in real seconds. It counts its pending timers, so a leak shows.
 */
export class FakeClock implements SchedulerClock {
  private current: number;
  private seq = 0;
  private readonly timers = new Map<number, FakeTimer>();
  /** Timers created and fired so far. */
  created = 0;
  fired = 0;

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const seq = ++this.seq;
    this.created += 1;
    this.timers.set(seq, { at: this.current + Math.max(0, ms), seq, callback });
    return seq;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers set and not yet fired or cleared. */
  get pending(): number {
    return this.timers.size;
  }

  /** When the next timer is due, if any. */
  get nextAt(): number | undefined {
    let next: FakeTimer | undefined;
    for (const t of this.timers.values()) {
      if (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq)) {
        next = t;
      }
    }
    return next?.at;
  }

  /** Fires every timer due by `until` (each to completion, timers they set included), then moves the time to `until`. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      let next: FakeTimer | undefined;
      for (const t of this.timers.values()) {
        if (t.at <= until && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) {
          next = t;
        }
      }
      if (!next) {
        break;
      }
      this.timers.delete(next.seq);
      this.current = Math.max(this.current, next.at);
      this.fired += 1;
      await next.callback();
    }
    this.current = Math.max(this.current, until);
  }
}

/** An event source in VS Code's shape that counts its listeners. */
export class CountingEmitter<T> {
  private readonly listeners = new Set<(e: T) => unknown>();
  readonly event = (listener: (e: T) => unknown): { dispose(): void } => {
    const entry = (e: T): unknown => listener(e);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  };

  get listenerCount(): number {
    return this.listeners.size;
  }

  fire(e: T): void {
    for (const listener of [...this.listeners]) {
      listener(e);
    }
  }
}
