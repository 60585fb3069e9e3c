import * as vscode from 'vscode';
import { errorMessage, isCancellation } from '../utils/errors';
import { PoolItem } from './poolItem';
import { isGoneResource } from './refreshGone';
import type { TreeContext } from './treeContext';
import type { TreeNode } from './treeNode';

const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Refreshes the expanded pools while the view is visible, every `azureBatch.autoRefreshSeconds` (0 = off). Only
 * changed rows redraw. On errors it backs off (doubling, up to 10 minutes) and recovers on the next success. It
 * chains one timer at a time and never lets an error escape, so it keeps running for days.
 */
export class AutoRefresh implements vscode.Disposable {
  private readonly expanded = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failureCount = 0;
  private running: vscode.CancellationTokenSource | undefined;
  /** Failed rounds in a row (0 after a success). */
  get failures(): number {
    return this.failureCount;
  }

  /** Completed ticks, for tests and the log. */
  ticks = 0;

  constructor(private readonly view: vscode.TreeView<TreeNode>, private readonly ctx: TreeContext) {
    this.disposables.push(
      view.onDidExpandElement((e) => {
        if (e.element instanceof PoolItem) {
          this.expanded.add(e.element.id);
          this.schedule();
        }
      }),
      view.onDidCollapseElement((e) => {
        this.expanded.delete(e.element.id);
      }),
      view.onDidChangeVisibility(() => this.schedule()),
      ctx.settings.onDidChange(() => this.schedule()),
    );
  }

  /** Delay before the next tick, or undefined when there is nothing to do. */
  nextDelayMs(): number | undefined {
    const seconds = this.ctx.settings.current.autoRefreshSeconds;
    if (seconds <= 0 || !this.view.visible || this.expanded.size === 0) {
      return undefined;
    }
    return Math.min(MAX_BACKOFF_MS, seconds * 1000 * 2 ** Math.min(this.failureCount, 8));
  }

  private schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const delay = this.nextDelayMs();
    if (delay !== undefined && !this.running) {
      this.timer = setTimeout(() => void this.tick(), delay);
    }
  }

  /**
   * One round: node counts per account, then each expanded pool's rows. Each account and pool fails on its own: a
   * pool that is gone (404) or an account that lost its key leaves the round; the round counts as failed (and backs
   * off) only when nothing in it succeeded.
   */
  async tick(): Promise<void> {
    this.timer = undefined;
    if (this.running) {
      return;
    }
    this.running = new vscode.CancellationTokenSource();
    const token = this.running.token;
    let succeeded = 0;
    let failed = 0;
    let lastError: unknown;
    const attempt = async (id: string, url: string, work: () => Promise<void>) => {
      try {
        await work();
        succeeded += 1;
      } catch (error) {
        if (isCancellation(error)) {
          return;
        }
        // Only a 404 on the pool or account itself removes it (a sub-list's 404 is handled where it is read).
        if (isGoneResource(error, url)) {
          for (const expanded of [...this.expanded].filter((e) => e === id || e.startsWith(`${id}/`))) {
            this.expanded.delete(expanded);
          }
          this.ctx.log.info(`Auto-refresh: ${id} is gone (${errorMessage(error)}); no longer refreshed.`);
          return;
        }
        failed += 1;
        lastError = error;
      }
    };
    try {
      const pools = [...this.expanded].map((id) => this.ctx.items.get(id)).filter((p): p is PoolItem => p instanceof PoolItem);
      for (const account of new Set(pools.map((p) => p.parent))) {
        await attempt(account.id, account.account.url, () => account.refreshCounts(token));
      }
      for (const pool of pools) {
        await attempt(pool.id, pool.url, () => pool.refreshInPlace(token));
      }
      if (failed > 0 && succeeded === 0) {
        this.failureCount += 1;
        this.ctx.log.warn(`Auto-refresh failed (${this.failureCount} in a row), next try in ${Math.round((this.nextDelayMs() ?? 0) / 1000)} s: ${errorMessage(lastError)}`);
      } else {
        if (this.failureCount > 0) {
          this.ctx.log.info(`Auto-refresh recovered after ${this.failureCount} failed round(s).`);
        }
        this.failureCount = 0;
        if (failed > 0) {
          this.ctx.log.warn(`Auto-refresh: ${failed} of ${failed + succeeded} refreshes failed: ${errorMessage(lastError)}`);
        }
      }
    } finally {
      this.ticks += 1;
      this.running.dispose();
      this.running = undefined;
      this.schedule();
    }
  }

  dispose(): void {
    this.running?.cancel();
    if (this.timer) {
      clearTimeout(this.timer);
    }
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
