/**
 * The heatmap page in real headless Chromium (its built bundle under the panel's CSP): what it draws (pixels read back
 * from the canvas), the legend and the live regions, and what it posts for pointer and keyboard input, including the
 * `data-vscode-context` that VS Code's webview/context menu reads when the contextmenu event reaches the window.
 */
import * as assert from 'node:assert/strict';
import { layoutGrid, cellOrigin, type GridLayout } from '../../../src/heatmap/gridLayout';
import { toColumns } from '../../../src/heatmap/heatmapColumns';
import type { HeatmapCell } from '../../../src/heatmap/heatmapModel';
import type { HeatmapMenuContext } from '../../../src/heatmap/heatmapProtocol';
import { openHeatmapPage, PAGE_STRINGS, THEME_COLORS, treeStateLooks, type HeatmapPageHost } from '../../harness/heatmapPageHost';

const STATES = ['idle', 'running', 'idle', 'unusable', 'reimaging', 'running', 'idle', 'offline'];
const cells: HeatmapCell[] = Array.from({ length: 60 }, (_, i) => {
  const state = STATES[i % STATES.length]!;
  return {
    id: `tvm-1_${i + 1}`, state, dedicated: i % 3 !== 0, since: '2025-03-10T08:15:02Z', ip: `10.0.0.${i + 4}`,
    errors: state === 'unusable' ? ['DiskFull: There is not enough disk space on the node'] : [],
  };
});
const poolCounts = { idle: 23, running: 15, unusable: 8, reimaging: 7, offline: 7 };

const hex = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));

describe('heatmap page (Chromium)', function () {
  this.timeout(60_000);
  let host: HeatmapPageHost;
  let layout: GridLayout;

  /** Client coordinates of cell i's centre. */
  async function center(i: number): Promise<{ x: number; y: number }> {
    const rect = await host.page.locator('canvas.grid').boundingBox();
    const { x, y } = cellOrigin(layout, i);
    return { x: rect!.x + x + layout.cell / 2, y: rect!.y + y + layout.cell / 2 };
  }

  /** RGBA of the canvas pixel at cell i's centre (device pixel ratio 1). */
  function pixel(i: number, dx = 0): Promise<number[]> {
    const { x, y } = cellOrigin(layout, i);
    return host.page.evaluate(([px, py]) => [...document.querySelector('canvas')!.getContext('2d')!.getImageData(px!, py!, 1, 1).data], [Math.floor(x + layout.cell / 2) + dx, Math.floor(y + layout.cell / 2)]);
  }

  const lastOfType = async (type: string) => (await host.sent()).filter((m) => m.type === type).at(-1);

  before(async () => {
    host = await openHeatmapPage({ width: 900, height: 640, reducedMotion: true });
    await host.send({ type: 'init', poolId: 'hpc-10k', title: 'Heatmap: hpc-10k', strings: PAGE_STRINGS, states: treeStateLooks() });
    await host.send({ type: 'snapshot', generation: 0, columns: toColumns(cells), poolCounts, fetchedAt: '2025-03-10T08:20:00Z' });
    const rendered = await host.waitFor('rendered');
    assert.deepEqual({ ...rendered, ms: 0 }, { type: 'rendered', kind: 'snapshot', generation: 0, cells: 60, ms: 0 });
    const size = await host.page.evaluate(() => {
      const gridHost = document.querySelector('.grid-host')!;
      return { w: gridHost.clientWidth, h: gridHost.clientHeight };
    });
    layout = layoutGrid(cells.length, size.w, size.h);
  });

  after(async () => {
    assert.deepEqual(host?.errors ?? [], [], 'no page errors, no CSP violation');
    assert.equal((await host.sent()).some((m) => m.type === 'cspViolation'), false);
    await host?.close();
  });

  it('draws each node in its state colour (the tree\'s theme colours), transient states as hollow squares', async () => {
    assert.deepEqual((await pixel(0)).slice(0, 3), hex(THEME_COLORS['testing-iconPassed']!), 'idle');
    assert.deepEqual((await pixel(1)).slice(0, 3), hex(THEME_COLORS['charts-blue']!), 'running');
    assert.deepEqual((await pixel(3)).slice(0, 3), hex(THEME_COLORS.errorForeground!), 'unusable');
    assert.deepEqual((await pixel(7)).slice(0, 3), hex(THEME_COLORS.disabledForeground!), 'offline');
    const inside = await pixel(4);
    const { x, y } = cellOrigin(layout, 4);
    const edge = await host.page.evaluate(([px, py]) => [...document.querySelector('canvas')!.getContext('2d')!.getImageData(px!, py!, 1, 1).data], [x, y]);
    assert.ok(inside[3]! < 80, `reimaging: faint inside (alpha ${inside[3]})`);
    assert.deepEqual(edge, [...hex(THEME_COLORS.foreground!), 255], 'reimaging: foreground outline');
  });

  it('shows the legend counts beside the pool\'s node counts, and a summary for screen readers', async () => {
    const count = (state: string) => host.page.locator(`button[data-state="${state}"] .count`).textContent();
    assert.equal(await count('idle'), '23');
    assert.equal(await count('unusable'), '8');
    assert.equal(await host.page.locator('button[data-state="idle"] .pool-count').textContent(), 'pool 23');
    assert.equal(await host.page.locator('button[data-state="idle"]').getAttribute('aria-label'), "idle: 23 nodes listed, 23 in the pool's node counts");
    const summary = '60 nodes: 23 idle, 15 running, 8 unusable, 7 reimaging, 7 offline';
    assert.equal(await host.page.locator('#heatmap-summary').textContent(), summary, 'read with the grid (aria-describedby)');
    assert.equal(await host.page.locator('[aria-live="polite"]').textContent(), summary, 'announced once, after the first snapshot');
    assert.equal(await host.page.locator('.legend-total').textContent(), "60 nodes listed, 60 in the pool's node counts");
  });

  it('recolours only the changed cells on `changes`, and updates the counts', async () => {
    const before = (await host.sent()).length;
    const changed = { ...cells[5]!, state: 'unusable', errors: ['DiskFull: full'] };
    await host.send({ type: 'changes', generation: 0, changes: [{ index: 5, cell: changed }], poolCounts: { ...poolCounts, running: 14, unusable: 9 }, fetchedAt: 'now' });
    const rendered = await host.waitFor('rendered', before);
    assert.equal(rendered.kind, 'changes');
    assert.deepEqual((await pixel(5)).slice(0, 3), hex(THEME_COLORS.errorForeground!));
    assert.deepEqual((await pixel(6)).slice(0, 3), hex(THEME_COLORS['testing-iconPassed']!), 'the next cell is as it was');
    assert.equal(await host.page.locator('button[data-state="unusable"] .count').textContent(), '9');
    assert.equal(await host.page.locator('button[data-state="unusable"] .pool-count').textContent(), 'pool 9');
    // Changes to another generation are ignored (the host sends a snapshot then).
    await host.send({ type: 'changes', generation: 9, changes: [{ index: 6, cell: { ...cells[6]!, state: 'offline' } }], fetchedAt: 'now' });
    await host.page.waitForTimeout(100);
    assert.deepEqual((await pixel(6)).slice(0, 3), hex(THEME_COLORS['testing-iconPassed']!));
  });

  it('click selects a node and asks to reveal it; Shift-click selects a range; Ctrl-click toggles; drag selects a rectangle', async () => {
    let p = await center(2);
    await host.page.mouse.click(p.x, p.y);
    assert.deepEqual(await lastOfType('reveal'), { type: 'reveal', nodeId: 'tvm-1_3' });
    assert.deepEqual(await lastOfType('selection'), { type: 'selection', nodeIds: ['tvm-1_3'] });
    p = await center(5);
    await host.page.keyboard.down('Shift');
    await host.page.mouse.click(p.x, p.y);
    await host.page.keyboard.up('Shift');
    assert.deepEqual(await lastOfType('selection'), { type: 'selection', nodeIds: ['tvm-1_3', 'tvm-1_4', 'tvm-1_5', 'tvm-1_6'] });
    const selectedPixel = await pixel(3, -Math.floor(layout.cell / 2)); // the left edge of an unusable (red) cell
    assert.deepEqual(selectedPixel.slice(0, 3), hex(THEME_COLORS['editor-foreground']!), 'a selected cell has a border');
    p = await center(4);
    await host.page.keyboard.down('Control');
    await host.page.mouse.click(p.x, p.y);
    await host.page.keyboard.up('Control');
    assert.deepEqual(await lastOfType('selection'), { type: 'selection', nodeIds: ['tvm-1_3', 'tvm-1_4', 'tvm-1_6'] });
    const from = await center(layout.columns + 1);
    const to = await center(2 * layout.columns + 2);
    await host.page.mouse.move(from.x, from.y);
    await host.page.mouse.down();
    await host.page.mouse.move(to.x, to.y, { steps: 4 });
    await host.page.mouse.up();
    const c = layout.columns;
    assert.deepEqual(await lastOfType('selection'), { type: 'selection', nodeIds: [c + 1, c + 2, 2 * c + 1, 2 * c + 2].map((i) => `tvm-1_${i + 1}`) });
  });

  it('shows a card on hover: id, state and since when, dedicated or spot, IP, errors', async () => {
    const p = await center(3);
    await host.page.mouse.move(p.x, p.y);
    const card = host.page.locator('.cell-tooltip');
    await card.waitFor({ state: 'visible' });
    const text = await card.innerText();
    for (const part of ['tvm-1_4', 'State: unusable', 'since ', 'spot', 'IP address: 10.0.0.7', 'DiskFull: There is not enough disk space on the node']) {
      assert.ok(text.includes(part), `${part} in ${JSON.stringify(text)}`);
    }
  });

  it('right-click acts on the selection when on a selected cell, else on that cell alone (data-vscode-context)', async () => {
    await host.page.evaluate(() => {
      const w = window as unknown as { __menus: unknown[] };
      w.__menus = [];
      // What VS Code's webview host reads: the context of the element under the event, when it reaches the window.
      window.addEventListener('contextmenu', (e) => w.__menus.push(JSON.parse((e.target as HTMLElement).dataset.vscodeContext ?? 'null')));
    });
    const menus = () => host.page.evaluate(() => (window as unknown as { __menus: HeatmapMenuContext[] }).__menus);
    const c = layout.columns;
    let p = await center(c + 1);
    await host.page.mouse.click(p.x, p.y, { button: 'right' });
    assert.deepEqual((await menus()).at(-1), {
      webviewSection: 'heatmapNode', preventDefaultContextMenuItems: true, poolId: 'hpc-10k', nodeIds: [c + 1, c + 2, 2 * c + 1, 2 * c + 2].map((i) => `tvm-1_${i + 1}`), nodeCount: 4,
    });
    p = await center(9);
    await host.page.mouse.click(p.x, p.y, { button: 'right' });
    assert.deepEqual((await menus()).at(-1), { webviewSection: 'heatmapNode', preventDefaultContextMenuItems: true, poolId: 'hpc-10k', nodeIds: ['tvm-1_10'], nodeCount: 1 });
    assert.deepEqual(await lastOfType('selection'), { type: 'selection', nodeIds: ['tvm-1_10'] }, 'the cell becomes the selection');
  });

  it('keyboard: arrows move the focus and announce "id, state", Space selects, Enter and Shift+F10 open the menu on the selection', async () => {
    await host.page.keyboard.press('Escape');
    await host.page.locator('canvas.grid').focus();
    const announce = host.page.locator('[aria-live="polite"]').first();
    await host.page.keyboard.press('ArrowRight');
    assert.equal(await announce.textContent(), 'tvm-1_11, idle');
    await host.page.keyboard.press('ArrowDown');
    const below = 10 + layout.columns;
    assert.equal(await announce.textContent(), `${cells[below]!.id}, ${cells[below]!.state}`);
    await host.page.keyboard.press('Space');
    assert.equal(await announce.textContent(), `${cells[below]!.id}, ${cells[below]!.state}, selected`);
    await host.page.keyboard.press('ArrowLeft');
    await host.page.keyboard.press('Space');
    assert.deepEqual(await lastOfType('selection'), { type: 'selection', nodeIds: [cells[below - 1]!.id, cells[below]!.id] });
    await host.page.keyboard.press('Enter');
    let menu = await host.page.evaluate(() => (window as unknown as { __menus: HeatmapMenuContext[] }).__menus.at(-1));
    assert.deepEqual(menu?.nodeIds, [cells[below - 1]!.id, cells[below]!.id]);
    assert.equal(menu?.webviewSection, 'heatmapNode');
    const count = await host.page.evaluate(() => (window as unknown as { __menus: unknown[] }).__menus.length);
    await host.page.keyboard.press('Shift+F10');
    menu = await host.page.evaluate(() => (window as unknown as { __menus: HeatmapMenuContext[] }).__menus.at(-1));
    assert.equal(await host.page.evaluate(() => (window as unknown as { __menus: unknown[] }).__menus.length), count + 1, 'one menu per Shift+F10');
    assert.deepEqual(menu?.nodeIds, [cells[below - 1]!.id, cells[below]!.id]);
    assert.equal(await host.page.locator('.focus-ring').isVisible(), true);
  });

  it('pressing legend states highlights their nodes (the rest dimmed); Filter Nodes… sends them to the tree', async () => {
    await host.page.locator('button[data-state="unusable"]').click();
    assert.equal(await host.page.locator('button[data-state="unusable"]').getAttribute('aria-pressed'), 'true');
    assert.equal((await pixel(3))[3], 255, 'an unusable node stays bright');
    assert.ok((await pixel(0))[3]! < 80, 'an idle node is dimmed');
    await host.page.locator('button', { hasText: 'Filter Nodes…' }).click();
    assert.deepEqual(await lastOfType('filterTree'), { type: 'filterTree', states: ['unusable'] });
    await host.page.locator('button', { hasText: 'Clear Highlight' }).click();
    assert.equal((await pixel(0))[3], 255);
  });

  it('marks the nodes this extension acts on, and says so on hover', async () => {
    const before = await pixel(0);
    await host.send({ type: 'operations', pending: { 'tvm-1_1': 'Reimage requested by this extension' } });
    await host.page.waitForFunction(() => true);
    const marked = await pixel(0);
    assert.deepEqual(marked.slice(0, 3), hex(THEME_COLORS['editor-background']!), `a dot in the cell (was ${before})`);
    const p = await center(0);
    await host.page.mouse.move(p.x + 1, p.y + 1);
    await host.page.locator('.tooltip-pending', { hasText: 'Reimage requested by this extension' }).waitFor();
  });

  it('shows the status line; only failures are announced', async () => {
    const status = host.page.locator('.status');
    await host.send({ type: 'status', text: 'Updated 08:20:00; refreshes every 10 s while visible.', severity: 'info', loading: false });
    assert.equal(await status.textContent(), 'Updated 08:20:00; refreshes every 10 s while visible.');
    assert.equal(await status.getAttribute('aria-live'), 'off');
    await host.send({ type: 'status', text: 'Could not read the nodes of pool hpc-10k: …', severity: 'error', loading: false });
    assert.equal(await status.getAttribute('data-severity'), 'error');
    assert.equal(await status.getAttribute('aria-live'), 'assertive');
  });

  it('drops malformed host messages without acting on them', async () => {
    const before = (await host.sent()).length;
    await host.send({ type: 'snapshot', generation: 5, columns: { ...toColumns(cells.slice(0, 2)), states: [7, 7] }, fetchedAt: 'x' } as never);
    await host.send({ type: 'status', text: 'hi', severity: 'fatal' } as never);
    await host.page.waitForTimeout(150);
    assert.equal((await host.sent()).length, before, 'nothing rendered');
    assert.equal(await host.page.locator('button[data-state="idle"] .count').textContent(), '23');
  });

  it('follows a theme change (VS Code rewrites the variables on <html>)', async () => {
    await host.page.evaluate(() => document.documentElement.style.setProperty('--vscode-errorForeground', '#ff00ff'));
    await host.page.waitForFunction(() => true);
    await host.page.waitForTimeout(50);
    assert.deepEqual((await pixel(3)).slice(0, 3), [255, 0, 255]);
    await host.page.evaluate(() => document.documentElement.style.removeProperty('--vscode-errorForeground'));
  });

  it('re-lays out on resize: a narrower panel gets fewer columns', async () => {
    const before = await host.page.locator('canvas.grid').boundingBox();
    await host.page.setViewportSize({ width: 420, height: 640 });
    await host.page.waitForFunction((w) => document.querySelector('canvas')!.getBoundingClientRect().width < w, before!.width);
    const after = await host.page.locator('canvas.grid').boundingBox();
    assert.ok(after!.width < before!.width && after!.width <= 420, `${before!.width} → ${after!.width}`);
  });
});
