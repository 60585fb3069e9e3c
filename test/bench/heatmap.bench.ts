/**
 * Benchmark of the pool heatmap's page in real headless Chromium (playwright-core, the Debian chromium): the page's
 * own bundle (dist/webview/heatmapMain.js) under the panel's CSP, fed the nodes of the emulator's 10,000-node pool
 * (hpc-10k) and 50,000-node pool (hpc-50k, data set `large`), read over HTTPS with the heatmap's $select. Prints:
 *   - full render (snapshot message → canvas drawn, measured in the page): median, min, max of several runs;
 *   - update of 100 changed cells (the emulator changes 100 nodes, the next read's diff is sent as `changes`);
 *   - the page's JS heap (CDP Runtime.getHeapUsage after a forced GC) before and after the cells;
 *   - for context: reading the pool's nodes over HTTPS, and message → next frame presented.
 * Speed targets (full render of 10,000 cells < 50 ms, 100 changed cells < 5 ms) are reported, not asserted.
 * Screenshots go to test-output/screenshots/heatmap-bench-*.png.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { toColumns } from '../../src/heatmap/heatmapColumns';
import { countStates, diffCells, toCells, type HeatmapCell } from '../../src/heatmap/heatmapModel';
import type { HeatmapHostMessage, HeatmapWebviewMessage } from '../../src/heatmap/heatmapProtocol';
import { batchHeatmapSource } from '../../src/heatmap/heatmapSource';
import { startEmulator, type Emulator } from '../emulator/server';
import { openHeatmapPage, PAGE_STRINGS, treeStateLooks } from '../harness/heatmapPageHost';
import { repoRoot, screenshotsDir } from '../harness/paths';
import { batchClientFor, report } from './benchSupport';

const RUNS = Number(process.env.AZB_BENCH_RUNS ?? 9);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const spread = (values: number[]) => `min ${Math.min(...values).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms, ${values.length} runs`;

/** What `send` posts: a message, or a snapshot/changes built in the page from the cells stored there (not re-sent). */
type Outgoing = { message: HeatmapHostMessage } | { stored: 'snapshot' | 'changes'; generation: number };

/** Posts a host message; resolves with the page's `rendered` report and the time to the next presented frame. */
async function send(page: Page, outgoing: Outgoing): Promise<{ rendered?: Extract<HeatmapWebviewMessage, { type: 'rendered' }>; frameMs: number }> {
  return page.evaluate(async (o: any) => {
    const w = window as any;
    const fetchedAt = new Date().toISOString();
    const message = o.message ?? (o.stored === 'snapshot'
      ? { type: 'snapshot', generation: o.generation, columns: w.__columns, poolCounts: w.__poolCounts, fetchedAt }
      : { type: 'changes', generation: o.generation, changes: w.__changes, fetchedAt });
    const before = w.__sent.length;
    const started = performance.now();
    window.postMessage(message, '*');
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const frameMs = performance.now() - started;
    const rendered = w.__sent.slice(before).find((x: { type: string }) => x.type === 'rendered');
    return { rendered, frameMs };
  }, outgoing);
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / (1024 * 1024);
}

async function benchPool(emulator: Emulator, page: Page, account: string, poolId: string, generationBase: number): Promise<void> {
  const source = batchHeatmapSource(batchClientFor(emulator, account));
  const signal = new AbortController().signal;
  const listStarted = performance.now();
  const [nodes, poolCounts] = await Promise.all([source.listNodes(poolId, signal), source.nodeCounts!(poolId, signal)]);
  const listMs = performance.now() - listStarted;
  let cells: HeatmapCell[] = toCells(nodes);
  const label = `${cells.length.toLocaleString('en')} cells (${poolId})`;
  report(`heatmap: read ${poolId} over HTTPS ($select, pages of 1000)`, listMs, 'ms', `${cells.length} nodes`);
  const counts = countStates(cells);
  if (Object.entries(counts).some(([state, n]) => poolCounts?.[state] !== n)) {
    throw new Error(`legend counts differ from the pool's node counts: ${JSON.stringify(counts)} vs ${JSON.stringify(poolCounts)}`);
  }
  const heapBefore = await heapMb(page);
  await page.evaluate(([c, p]) => {
    const w = window as unknown as { __columns: unknown; __poolCounts: unknown };
    w.__columns = c;
    w.__poolCounts = p;
  }, [toColumns(cells), poolCounts] as const);
  const full: number[] = [];
  const fullFrames: number[] = [];
  let generation = generationBase;
  for (let run = 0; run < RUNS; run++) {
    const { rendered, frameMs } = await send(page, { stored: 'snapshot', generation: ++generation });
    if (!rendered || rendered.cells !== cells.length || rendered.generation !== generation) {
      throw new Error(`no rendered report for snapshot ${generation}: ${JSON.stringify(rendered)}`);
    }
    full.push(rendered.ms);
    fullFrames.push(frameMs);
  }
  // The page's own heap: without the copy the benchmark keeps in the page to post from.
  await page.evaluate(() => delete (window as unknown as { __columns?: unknown }).__columns);
  const heapAfter = await heapMb(page);
  report(`heatmap: full render, ${label}, median`, median(full), 'ms', `${spread(full)}${cells.length <= 10_000 ? '; target < 50 ms' : ''}`);
  report(`heatmap:   message → next frame presented, median`, median(fullFrames), 'ms', 'incl. structured clone and frame wait');
  fs.mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `heatmap-bench-${poolId}.png`) });

  const updates: number[] = [];
  const updateFrames: number[] = [];
  const states = ['unusable', 'offline', 'running', 'idle', 'starttaskfailed'];
  for (let run = 0; run < RUNS; run++) {
    // The emulator changes 100 nodes spread over the pool; the next read's diff says which cells changed.
    for (let k = 0; k < 100; k++) {
      const index = (run * 7919 + k * 97) % cells.length;
      const wanted = states[(run + k) % states.length]!;
      emulator.setNodeState(account, poolId, cells[index]!.id, wanted === cells[index]!.state ? states[(run + k + 1) % states.length]! : wanted);
    }
    const fresh = toCells(await source.listNodes(poolId, signal));
    const diff = diffCells(cells, fresh);
    if (diff.kind !== 'cells' || diff.changed.length !== 100) {
      throw new Error(`expected 100 changed cells, got ${JSON.stringify(diff.kind === 'cells' ? diff.changed.length : diff)}`);
    }
    const changes = diff.changed.map((index) => ({ index, cell: fresh[index]! }));
    cells = fresh;
    await page.evaluate((c) => {
      (window as unknown as { __changes: unknown }).__changes = c;
    }, changes);
    const { rendered, frameMs } = await send(page, { stored: 'changes', generation });
    if (!rendered || rendered.kind !== 'changes' || rendered.cells !== 100) {
      throw new Error(`no rendered report for the changes: ${JSON.stringify(rendered)}`);
    }
    updates.push(rendered.ms);
    updateFrames.push(frameMs);
  }
  report(`heatmap: 100 changed cells, ${label}, median`, median(updates), 'ms', `${spread(updates)}; target < 5 ms`);
  report(`heatmap:   message → next frame presented, median`, median(updateFrames), 'ms', 'incl. frame wait (flash animation starts)');
  report(`heatmap: page JS heap, ${label}`, heapAfter, 'MiB', `before this pool ${heapBefore.toFixed(1)} MiB (CDP Runtime.getHeapUsage after a GC)`);
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ quiet: true, data: 'large', nodeTransitionMs: 600_000 });
  const host = await openHeatmapPage();
  const page = host.page;
  try {
    await send(page, { message: { type: 'init', poolId: 'bench', title: 'Heatmap: bench', strings: PAGE_STRINGS, states: treeStateLooks() } });
    report('heatmap: page JS heap, empty page', await heapMb(page), 'MiB', `bundle ${(fs.statSync(path.join(repoRoot, 'dist', 'webview', 'heatmapMain.js')).size / 1024).toFixed(0)} KiB`);
    await benchPool(emulator, page, 'contosohpc', 'hpc-10k', 0);
    await benchPool(emulator, page, 'contososcale', 'hpc-50k', 1000);
    if (host.errors.length) {
      throw new Error(`the page reported errors: ${host.errors.join('; ')}`);
    }
  } finally {
    await host.close();
    await emulator.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
