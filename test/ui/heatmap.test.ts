import * as assert from 'node:assert/strict';
import { screenshot, uiSession } from '../harness/uiSession';
import { collapseAll, contextMenu, editorFrame, expandRow, openAzureBatch } from './actions';

/** "1,234" → 1234 (the page formats numbers in the display language; the UI tests run in English). */
const num = (text: string) => Number(text.replace(/[^\d]/g, ''));

describe('the pool heatmap in the workbench, as a person uses it', () => {
  it('right-click hpc-10k → Show Heatmap: the canvas, legend counts equal to the pool\'s node counts, right-click a cell → Reimage…', async () => {
    const { page } = uiSession().workbench;
    await openAzureBatch(page);
    await collapseAll(page);
    await expandRow(page, /^Subscription Contoso Production/);
    await expandRow(page, /^Batch Accounts/);
    await expandRow(page, /^Batch account contosohpc/);
    const row = page.getByRole('treeitem', { name: /^Pool hpc-10k/ }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await contextMenu(page, row, /^Show Heatmap/);

    const frame = editorFrame(page);
    await frame.getByRole('heading', { name: 'Heatmap: hpc-10k' }).waitFor({ timeout: 30_000 });
    const canvas = frame.locator('canvas').first();
    await canvas.waitFor({ state: 'visible', timeout: 30_000 });
    // The page sizes the canvas to the panel on its first layout (ResizeObserver): give it that frame.
    let box = await canvas.boundingBox();
    for (let i = 0; i < 50 && !(box && box.width > 100 && box.height > 50); i++) {
      await page.waitForTimeout(200);
      box = await canvas.boundingBox();
    }
    assert.ok(box && box.width > 100 && box.height > 50, `the canvas fills the panel (${JSON.stringify(box)})`);

    // The legend: one button per state, "state: N nodes listed, M in the pool's node counts"; the two agree and add up.
    const labelled = frame.locator('.legend-item:not([hidden])');
    await frame.locator('.legend-item:not([hidden])[aria-label*="in the pool"]').first().waitFor({ timeout: 60_000 });
    const labels = await labelled.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    let total = 0;
    for (const label of labels) {
      const match = /^(\w+): ([\d,.\s]+) nodes listed, ([\d,.\s]+) in the pool's node counts$/.exec(label);
      assert.ok(match, `legend entry "${label}"`);
      assert.equal(num(match[2]!), num(match[3]!), `${match[1]}: the list's count equals the pool's node count`);
      total += num(match[2]!);
    }
    assert.equal(total, 10_000, `the legend counts ${labels.join(' | ')}`);

    // Right-click a cell: VS Code's own menu for the webview, with the node commands.
    await canvas.click({ button: 'right', position: { x: 4, y: 4 } });
    const reimage = page.getByRole('menuitem', { name: /^Reimage…/ });
    await reimage.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot('heatmap-hpc-10k-context-menu');
    await page.keyboard.press('Escape');
    await reimage.waitFor({ state: 'hidden', timeout: 5_000 });
  });
});
