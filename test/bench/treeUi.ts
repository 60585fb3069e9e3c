/**
 * The explorer with the 10,000-node pool, driven in the workbench as a person would (Playwright in code-server): from
 * the click on "Pool hpc-10k" to its first node row visible, then "Load more…" with the keyboard (End, Enter) until
 * every node is listed, with a `PerformanceObserver` for long tasks in the workbench renderer (where the tree draws).
 */
import type { Page } from 'playwright-core';
import { expandRow, openAzureBatch } from '../ui/actions';

export interface TreeUiResult {
  /** Click on the pool row → first node row visible. */
  expandMs: number;
  /** Longest renderer task while the first page appeared. */
  expandLongestTaskMs: number;
  /** First "Load more…" → no "Load more…" row left. */
  loadAllMs: number;
  loadMoreClicks: number;
  /** Longest renderer task while loading the rest, and how many tasks were over 50 ms (the long-task threshold). */
  longestTaskMs: number;
  longTasks: number;
}

/** The label of the tree's focused row (the list keeps focus itself and points at the row). */
async function focusedRowLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const list = document.activeElement;
    const id = list?.getAttribute('aria-activedescendant');
    const row = (id ? document.getElementById(id) : null) ?? document.querySelector('.part.sidebar .monaco-list-row.focused');
    return row?.getAttribute('aria-label') ?? '';
  });
}

async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __azbLongTasks: number[] };
    return w.__azbLongTasks.splice(0);
  });
}

export async function treeUi(page: Page): Promise<TreeUiResult> {
  await openAzureBatch(page);
  await expandRow(page, /^Subscription Contoso Production/);
  await expandRow(page, /^Batch Accounts/);
  await expandRow(page, /^Batch account contosohpc/);
  await page.evaluate(() => {
    const w = window as unknown as { __azbLongTasks: number[] };
    w.__azbLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        w.__azbLongTasks.push(entry.duration);
      }
    }).observe({ entryTypes: ['longtask'] });
  });
  const pool = page.getByRole('treeitem', { name: /^Pool hpc-10k/ }).first();
  await pool.waitFor({ state: 'visible', timeout: 60_000 });
  const expandStart = performance.now();
  await pool.click();
  const firstNode = page.getByRole('treeitem', { name: /^Node tvm-/ }).first();
  await firstNode.waitFor({ state: 'visible', timeout: 60_000 });
  const expandMs = performance.now() - expandStart;
  await new Promise((r) => setTimeout(r, 500));
  const expandTasks = await takeLongTasks(page);

  // Focus the list on a node row (selecting a node opens nothing). "Load more…" is the pool's last row: End goes to
  // the tree's last row (the rows below the pool), ArrowUp from there finds it; Enter runs it.
  await firstNode.click();
  let clicks = 0;
  let pressed = '';
  const loadStart = performance.now();
  for (let attempt = 0; clicks < 50 && attempt < 500; attempt++) {
    await page.keyboard.press('End');
    let label = await focusedRowLabel(page);
    for (let up = 0; up < 40 && !/^Load more/.test(label) && !/^Node tvm-/.test(label); up++) {
      await page.keyboard.press('ArrowUp');
      label = await focusedRowLabel(page);
    }
    if (!/^Load more/.test(label)) {
      break;
    }
    if (label === pressed) {
      // The row was only redrawn (auto-refresh): its page is still loading. One press per page, as a person would.
      await page.waitForTimeout(100);
      continue;
    }
    pressed = label;
    clicks++;
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (previous) => ![...document.querySelectorAll('[role="treeitem"]')].some((row) => row.getAttribute('aria-label') === previous),
      label,
      { timeout: 60_000, polling: 20 },
    );
  }
  const loadAllMs = performance.now() - loadStart;
  await new Promise((r) => setTimeout(r, 500));
  const tasks = await takeLongTasks(page);
  return {
    expandMs,
    expandLongestTaskMs: Math.max(0, ...expandTasks),
    loadAllMs,
    loadMoreClicks: clicks,
    longestTaskMs: Math.max(0, ...tasks),
    longTasks: tasks.length,
  };
}
