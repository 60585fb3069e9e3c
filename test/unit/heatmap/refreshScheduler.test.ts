import * as assert from 'node:assert/strict';
import {
  backoffDelayMs, classifyRefreshError, refreshIntervalMs, RefreshScheduler, type RefreshStatus, type SchedulerClock,
} from '../../../src/heatmap/refreshScheduler';

/** A manual clock: timers fire only when the test advances time. */
class FakeClock implements SchedulerClock {
  time = 1_000_000;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  get pending(): number {
    return this.timers.length;
  }
  /** The delay of the one pending timer. */
  get nextDelay(): number | undefined {
    return this.timers.length ? Math.min(...this.timers.map((t) => t.at)) - this.time : undefined;
  }
  /** Moves time forward, firing due timers, and lets the promises they start settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) {
        break;
      }
      this.time = due.at;
      this.timers = this.timers.filter((t) => t !== due);
      due.callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
};

function setup(results: (() => Promise<void>)[], intervalMs = 10_000) {
  const clock = new FakeClock();
  const runs: number[] = [];
  const statuses: RefreshStatus[] = [];
  const scheduler = new RefreshScheduler({
    intervalMs,
    clock,
    run: async () => {
      runs.push(clock.time);
      await (results.shift() ?? (async () => undefined))();
    },
    onStatus: (s) => statuses.push(s),
  });
  return { clock, runs, statuses, scheduler };
}

const fail = (error: unknown) => async () => {
  throw error;
};

describe('heatmap refresh scheduler', () => {
  it('reads on being shown, then every interval while visible', async () => {
    const { clock, runs, scheduler } = setup([]);
    assert.equal(clock.pending, 0, 'nothing before the panel is visible');
    scheduler.setVisible(true);
    await clock.advance(0);
    assert.deepEqual(runs, [1_000_000]);
    await clock.advance(25_000);
    assert.deepEqual(runs, [1_000_000, 1_010_000, 1_020_000]);
    scheduler.dispose();
  });

  it('pauses while hidden and reads at once when shown after the read came due', async () => {
    const { clock, runs, statuses, scheduler } = setup([]);
    scheduler.setVisible(true);
    await clock.advance(0);
    scheduler.setVisible(false);
    assert.equal(clock.pending, 0, 'no timer while hidden');
    assert.equal(statuses.at(-1)!.phase, 'paused');
    await clock.advance(60_000);
    assert.equal(runs.length, 1);
    scheduler.setVisible(true);
    await clock.advance(0);
    assert.equal(runs.length, 2, 'due while hidden: read on show');
    scheduler.setVisible(false);
    await clock.advance(3_000);
    scheduler.setVisible(true);
    assert.equal(clock.nextDelay, 7_000, 'not due yet: the rest of the interval');
    scheduler.dispose();
  });

  it('backs off exponentially after failures and goes back to the interval after a success', async () => {
    const error = Object.assign(new Error('boom'), { status: 500 });
    const { clock, runs, statuses, scheduler } = setup([fail(error), fail(error), fail(error), async () => undefined]);
    scheduler.setVisible(true);
    await clock.advance(0);
    assert.equal(clock.nextDelay, 20_000);
    const failed = statuses.at(-1) as Extract<RefreshStatus, { phase: 'backingOff' }>;
    assert.equal(failed.phase, 'backingOff');
    assert.equal(failed.failures, 1);
    assert.equal(failed.error, error);
    assert.equal(failed.throttled, false);
    await clock.advance(20_000);
    assert.equal(clock.nextDelay, 40_000);
    await clock.advance(40_000);
    assert.equal(clock.nextDelay, 80_000);
    await clock.advance(80_000);
    assert.equal(scheduler.consecutiveFailures, 0);
    assert.equal(clock.nextDelay, 10_000, 'success: back to the interval');
    assert.equal(statuses.at(-1)!.phase, 'waiting');
    assert.deepEqual(runs.map((t) => t - runs[0]!), [0, 20_000, 60_000, 140_000]);
    scheduler.dispose();
  });

  it('waits at least the Retry-After of a 429', async () => {
    const throttled = Object.assign(new Error('too many'), { status: 429, retryAfterMs: 90_000 });
    const { clock, statuses, scheduler } = setup([fail(throttled)]);
    scheduler.setVisible(true);
    await clock.advance(0);
    assert.equal(clock.nextDelay, 90_000);
    assert.equal((statuses.at(-1) as { throttled: boolean }).throttled, true);
    scheduler.dispose();
  });

  it('computes the delays: doubling from the interval, capped, Retry-After honoured', () => {
    assert.equal(backoffDelayMs(10_000, 1, { throttled: false }), 20_000);
    assert.equal(backoffDelayMs(10_000, 4, { throttled: false }), 160_000);
    assert.equal(backoffDelayMs(10_000, 9, { throttled: false }), 300_000);
    assert.equal(backoffDelayMs(10_000, 1, { throttled: true, retryAfterMs: 5_000 }), 20_000, 'never less than the backoff');
    assert.equal(backoffDelayMs(10_000, 1, { throttled: true, retryAfterMs: 400_000 }), 400_000, 'Retry-After beyond the cap');
    assert.equal(backoffDelayMs(0, 1, { throttled: false }), 20_000, 'automatic refresh off: from 10 s');
    assert.deepEqual(classifyRefreshError(Object.assign(new Error(), { status: 429, retryAfterMs: 3000 })), { throttled: true, retryAfterMs: 3000 });
    assert.deepEqual(classifyRefreshError(Object.assign(new Error(), { status: 503, retryAfterMs: 3000 })), { throttled: true, retryAfterMs: 3000 });
    assert.deepEqual(classifyRefreshError(Object.assign(new Error(), { status: 503 })), { throttled: false });
    assert.deepEqual(classifyRefreshError(new Error('network')), { throttled: false });
  });

  it('reads the setting: default 10 s, 0 turns automatic refresh off, else 2 s to 1 hour', () => {
    assert.equal(refreshIntervalMs(undefined), 10_000);
    assert.equal(refreshIntervalMs('5'), 10_000);
    assert.equal(refreshIntervalMs(0), 0);
    assert.equal(refreshIntervalMs(-3), 0);
    assert.equal(refreshIntervalMs(0.5), 2_000);
    assert.equal(refreshIntervalMs(30), 30_000);
    assert.equal(refreshIntervalMs(1e9), 3_600_000);
  });

  it('with automatic refresh off, reads once on show and then only on refreshNow', async () => {
    const { clock, runs, statuses, scheduler } = setup([], 0);
    scheduler.setVisible(true);
    await clock.advance(0);
    await clock.advance(600_000);
    assert.equal(runs.length, 1);
    assert.equal(statuses.at(-1)!.phase, 'manual');
    await scheduler.refreshNow();
    assert.equal(runs.length, 2);
    scheduler.dispose();
  });

  it('a new interval times the next read from the last success', async () => {
    const { clock, scheduler } = setup([]);
    scheduler.setVisible(true);
    await clock.advance(0);
    await clock.advance(4_000);
    scheduler.setIntervalMs(30_000);
    assert.equal(clock.nextDelay, 26_000);
    scheduler.setIntervalMs(2_000);
    assert.equal(clock.nextDelay, 0, 'already due');
    scheduler.dispose();
  });

  it('runs one read at a time: refreshNow during a read joins it; dispose aborts it and stops the timers', async () => {
    let release!: () => void;
    let signal: AbortSignal | undefined;
    const clock = new FakeClock();
    let runs = 0;
    const scheduler = new RefreshScheduler({
      intervalMs: 10_000,
      clock,
      run: (s) => {
        runs += 1;
        signal = s;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    scheduler.setVisible(true);
    await clock.advance(0);
    const joined = scheduler.refreshNow();
    assert.equal(runs, 1);
    release();
    await joined;
    await clock.advance(10_000);
    assert.equal(runs, 2);
    scheduler.dispose();
    assert.equal(signal!.aborted, true);
    release();
    await settle();
    assert.equal(clock.pending, 0);
    await clock.advance(100_000);
    assert.equal(runs, 2);
  });
});
