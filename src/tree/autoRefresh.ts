import type * as vscode from 'vscode';
import { AutoRefreshLoop, type SchedulerClock } from './autoRefreshLoop';
import { PoolItem } from './poolItem';
import type { TreeContext } from './treeContext';
import type { TreeNode } from './treeNode';

/**
 * Refreshes the expanded pools while the view is visible, every `azureBatch.autoRefreshSeconds` (0 = off). Only
 * changed rows redraw. The loop itself (timing, back-off, gone rows) is `AutoRefreshLoop`, free of VS Code; this wires
 * it to the tree view, the settings and the live rows.
 */
export class AutoRefresh implements vscode.Disposable {
  private readonly loop: AutoRefreshLoop;

  constructor(view: vscode.TreeView<TreeNode>, ctx: TreeContext, clock?: SchedulerClock) {
    this.loop = new AutoRefreshLoop({
      intervalSeconds: () => ctx.settings.current.autoRefreshSeconds,
      isVisible: () => view.visible,
      pool: (id) => {
        const item = ctx.items.get(id);
        return item instanceof PoolItem ? item : undefined;
      },
      onDidExpandPool: (listener) =>
        view.onDidExpandElement((e) => {
          if (e.element instanceof PoolItem) {
            listener(e.element.id);
          }
        }),
      onDidCollapse: (listener) => view.onDidCollapseElement((e) => listener(e.element.id)),
      onDidChangeVisibility: (listener) => view.onDidChangeVisibility(listener),
      onDidChangeSettings: (listener) => ctx.settings.onDidChange(listener),
      log: ctx.log,
      clock,
    });
  }

  /** Failed rounds in a row (0 after a success). */
  get failures(): number {
    return this.loop.failures;
  }

  /** Completed rounds, for tests and the log. */
  get ticks(): number {
    return this.loop.ticks;
  }

  /** Delay before the next round, or undefined when there is nothing to do. */
  nextDelayMs(): number | undefined {
    return this.loop.nextDelayMs();
  }

  /** One round now (see AutoRefreshLoop.tick). */
  tick(): Promise<void> {
    return this.loop.tick();
  }

  dispose(): void {
    this.loop.dispose();
  }
}
