/**
 * The host side of the heatmap panel without its webview, for the fault matrix: one read = the source's node list and
 * the pool's node counts (a failed count read is logged and leaves the counts out, as HeatmapPanel.read does), the
 * cells replaced only by a read that succeeded, and the RefreshScheduler (the panel's, on a fake clock) that turns a
 * failure into the "backingOff" status whose error the panel's status line shows.
 */
import { toCells, type HeatmapCell, type StateCounts } from '../../../../src/heatmap/heatmapModel';
import type { HeatmapSource } from '../../../../src/heatmap/heatmapSource';
import { RefreshScheduler, type RefreshStatus, type SchedulerClock } from '../../../../src/heatmap/refreshScheduler';

export class HeatmapView {
  cells: HeatmapCell[] = [];
  poolCounts: StateCounts | undefined;
  /** Why the counts were left out of the last read (the panel logs it). */
  countsError: unknown;
  /** The error of the last read, whether or not the scheduler shows it (a disposed panel shows nothing). */
  readError: unknown;
  readonly statuses: RefreshStatus[] = [];
  /** Fake clock: timers are recorded (their delays), never fired. */
  readonly timers: number[] = [];
  now = 1_000_000;
  readonly scheduler: RefreshScheduler;

  constructor(
    private readonly source: HeatmapSource,
    private readonly poolId: string,
    intervalMs = 10_000,
  ) {
    const clock: SchedulerClock = {
      now: () => this.now,
      setTimeout: (_callback, ms) => this.timers.push(ms),
      clearTimeout: () => undefined,
    };
    this.scheduler = new RefreshScheduler({ intervalMs, clock, run: (signal) => this.read(signal), onStatus: (s) => this.statuses.push(s) });
    this.scheduler.setVisible(true);
  }

  /** The status after the last read ("waiting" after a success, "backingOff" with the error after a failure). */
  get status(): RefreshStatus | undefined {
    return this.statuses[this.statuses.length - 1];
  }

  /** Refresh (the panel's button, or a timer that came due). Failures are shown, not thrown. */
  refresh(): Promise<void> {
    return this.scheduler.refreshNow();
  }

  private async read(signal: AbortSignal): Promise<void> {
    this.readError = undefined;
    this.countsError = undefined;
    try {
      const [nodes, poolCounts] = await Promise.all([
        this.source.listNodes(this.poolId, signal),
        this.source.nodeCounts?.(this.poolId, signal).catch((error: unknown) => {
          this.countsError = error;
          return undefined;
        }),
      ]);
      this.cells = toCells(nodes);
      this.poolCounts = poolCounts;
    } catch (error) {
      this.readError = error;
      throw error;
    }
  }
}
