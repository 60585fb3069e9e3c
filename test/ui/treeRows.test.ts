/**
 * The tree as a person reads and uses it: rows that fit a 300 px side bar, the node filter's marker and Clear Filter,
 * "Load more… (1,000 of 10,000)", Open in Portal (the link read from the workbench, never opened), image versions
 * under a definition, and nodes grouped by state.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot, uiSession } from '../harness/uiSession';
import { collapseAll, contextMenu, expandRow, openAzureBatch } from './actions';

/** Drags the side bar's edge until the side bar is `width` px wide (narrower or wider). */
async function sideBarWidth(page: Page, width: number): Promise<number> {
  for (let i = 0; i < 3; i++) {
    const box = await page.locator('.part.sidebar').boundingBox();
    if (!box || Math.abs(box.width - width) <= 2) {
      break;
    }
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width + 1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + width + 1, y, { steps: 8 });
    await page.mouse.up();
  }
  return (await page.locator('.part.sidebar').boundingBox())?.width ?? 0;
}

interface RowText {
  label: string;
  description: string;
  /** The part of the description a person sees (up to the side bar's edge, before any ellipsis). */
  visible: string;
  clipped: boolean;
  /** How many px of the row's label and description do not fit (0 when nothing is cut), to 0.1 px. */
  overflowPx: number;
}

/** What the row whose accessible name matches shows: its description and how much of it is on screen. */
async function rowText(page: Page, name: RegExp): Promise<RowText> {
  const row = page.getByRole('treeitem', { name }).first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  return row.evaluate((el) => {
    const container = el.querySelector('.monaco-icon-label-container') as HTMLElement;
    const description = el.querySelector('.label-description') as HTMLElement | null;
    const label = (el.querySelector('.label-name') as HTMLElement | null)?.innerText ?? '';
    const text = description?.textContent ?? '';
    const right = Math.min(container.getBoundingClientRect().right, (el.closest('.part.sidebar') as HTMLElement).getBoundingClientRect().right);
    // Where the text ends, to the fraction of a pixel: scrollWidth is rounded, and a text 0.6 px too wide already ends
    // in an ellipsis.
    const textRight = (description ?? container.querySelector('.monaco-icon-name-container') ?? container).getBoundingClientRect().right;
    const overflowPx = Math.round(Math.max(0, textRight - right, container.scrollWidth - container.clientWidth) * 10) / 10;
    const clipped = overflowPx > 0;
    let visible = text;
    const node = description ? document.createTreeWalker(description, NodeFilter.SHOW_TEXT).nextNode() : null;
    if (clipped && node) {
      const range = document.createRange();
      visible = '';
      const own = node.textContent ?? '';
      for (let i = 0; i < own.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        if (range.getBoundingClientRect().right > right - 12) { // the ellipsis takes the last ~12 px
          break;
        }
        visible += own[i];
      }
    }
    return { label, description: text, visible, clipped, overflowPx };
  });
}

/** Runs a command from the palette by its title, as a person does (F1, type, Enter). */
async function palette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  // The palette closes when the command starts: wait for it, or the next click lands on the closing widget.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Sets a user setting in the Settings editor, as a person does: search its id, then choose the value in its dropdown
 * (`choice`) or type it in its text box (`text`, '' clears it). Closes the Settings editor afterwards.
 */
async function setSetting(page: Page, id: string, title: RegExp, value: { choice: string } | { text: string }): Promise<void> {
  await palette(page, 'Preferences: Open User Settings');
  const search = page.locator('.settings-editor .settings-header .monaco-editor').first();
  await search.waitFor({ state: 'visible', timeout: 30_000 });
  await search.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(`@id:${id}`);
  const item = page.locator('.settings-editor .setting-item-contents', { hasText: title }).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  if ('choice' in value) {
    // The dropdown as the keyboard drives it (focus, arrows): the select element's change is what the editor applies.
    const select = item.locator('select').first();
    await select.focus();
    await select.selectOption(value.choice);
    await page.waitForFunction((wanted) => (document.querySelector('.settings-editor .setting-item-contents select') as HTMLSelectElement | null)?.value === wanted, value.choice, { timeout: 10_000 });
  } else {
    const input = item.locator('input').first();
    await input.fill(value.text);
    await input.press('Tab');
  }
  await palette(page, 'View: Close Editor');
  await page.locator('.settings-editor').waitFor({ state: 'hidden', timeout: 10_000 });
}

async function openAccount(page: Page, subscription: RegExp, account: RegExp): Promise<void> {
  await openAzureBatch(page);
  await collapseAll(page);
  await expandRow(page, subscription);
  await expandRow(page, /^Batch Accounts/);
  await expandRow(page, account);
}

describe('tree rows in the workbench', () => {
  it('fits the pool and node rows to a 300 px side bar: counts and states stay visible', async () => {
    const { page } = uiSession().workbench;
    await openAccount(page, /^Subscription Contoso Production/, /^Batch account contosoprod/);
    const width = await sideBarWidth(page, 300);
    assert.ok(Math.abs(width - 300) <= 2, `the side bar is 300 px wide (it is ${width})`);
    await expandRow(page, /^Pool linux-small/);
    const shown = (name: string, row: RowText) => `${name} "${row.visible}"${row.clipped ? ` (clipped by ${row.overflowPx} px)` : ''}`;
    // Only what departs from normal: the whole description of each contosoprod pool is on screen.
    const pool = await rowText(page, /^Pool linux-small/);
    assert.equal(pool.description, '3 · 1 failing');
    assert.equal(pool.clipped, false, `the whole description is on screen: ${shown('linux-small', pool)}`);
    assert.equal(pool.visible, '3 · 1 failing');
    assert.equal(await page.getByRole('treeitem', { name: /^Pool linux-small, 3 of 3 dedicated nodes, steady, 1 failing$/ }).count(), 1, 'screen readers hear it all in words');
    // win-render's 12 failing nodes: the numbers are on screen, the word "failing" is cut by ~18 px (measured with the
    // workbench's font; the tooltip and the screen-reader label have it whole).
    const render = await rowText(page, /^Pool win-render/);
    assert.match(render.description, /^200 · 50 spot · \d+ failing$/);
    const failingCount = /· (\d+) failing$/.exec(render.description)![1]!;
    assert.ok(render.visible.startsWith(`200 · 50 spot · ${failingCount}`), `the counts and the failing number are on screen: ${shown('win-render', render)}`);
    const empty = await rowText(page, /^Pool gpu-empty/);
    assert.equal(empty.description, 'no nodes');
    assert.equal(empty.clipped, false, `the whole description is on screen: ${shown('gpu-empty', empty)}`);
    assert.equal(empty.visible, 'no nodes');
    const failed = await rowText(page, /^Node \S+, start task failed/);
    assert.match(failed.description, /^start task failed · dedicated · \d+\.\d+\.\d+\.\d+$/);
    // A node's id (e.g. tvm-1735093667_23-20250305t082002z) takes most of a 300 px row at this depth: its state shows
    // as the row's icon there, and in words as soon as the row is wider.
    assert.equal(await page.getByRole('treeitem', { name: /^Node \S+, start task failed/ }).first().locator('.codicon-warning').count(), 1, 'the state\'s icon');
    console.log(`      at 300 px: ${[shown('linux-small', pool), shown('win-render', render), shown('gpu-empty', empty), shown('node', failed)].join(', ')}`);
    await screenshot('tree-300px-contosoprod');

    await expandRow(page, /^Batch Accounts/);
    await expandRow(page, /^Batch account contosohpc/);
    // The 10,000-node pool: "7K · 3K spot · 576 failing" is ~0.6 px wider than the room beside "hpc-10k" (measured with
    // the workbench's font): the numbers are on screen, the end of "failing" is under the ellipsis.
    const hpc = await rowText(page, /^Pool hpc-10k/);
    assert.match(hpc.description, /^7K · 3K spot · \d+ failing$/);
    const hpcFailing = /· (\d+) failing$/.exec(hpc.description)![1]!;
    assert.ok(hpc.visible.startsWith(`7K · 3K spot · ${hpcFailing}`), `the counts, spot included, and the failing number are on screen: ${shown('hpc-10k', hpc)}`);
    console.log(`      at 300 px: ${shown('hpc-10k', hpc)}`);
    await screenshot('tree-300px-hpc');
    await sideBarWidth(page, 560);
  });

  it('filters a pool by state: a marker on the pool row, Clear Filter brings every node back', async () => {
    const { page } = uiSession().workbench;
    await openAccount(page, /^Subscription Contoso Production/, /^Batch account contosoprod/);
    await expandRow(page, /^Pool linux-small/);
    await page.getByRole('treeitem', { name: /^Node / }).nth(2).waitFor({ state: 'visible', timeout: 30_000 });
    const pool = page.getByRole('treeitem', { name: /^Pool linux-small/ }).first();
    await contextMenu(page, pool, /^Filter Nodes…/);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    const counts = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(counts.some((t) => /start task failed/.test(t) && /1 node/.test(t)), `the picker counts nodes per state: ${counts.join(' | ')}`);
    await input.fill('start task failed');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'start task failed' }).first().click();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });

    const filtered = page.getByRole('treeitem', { name: /^Pool linux-small, .*Filter: start task failed$/ }).first();
    await filtered.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await filtered.locator('.codicon-filter-filled').count(), 1, 'the pool row shows the funnel');
    await page.waitForFunction(() => document.querySelectorAll('[role="treeitem"][aria-label^="Node "]').length === 1, undefined, { timeout: 30_000 });
    await filtered.hover();
    await screenshot('tree-filter-marker');
    await filtered.getByRole('button', { name: 'Clear Filter' }).click();

    const cleared = page.getByRole('treeitem', { name: /^Pool linux-small, 3 of 3 dedicated nodes, steady, 1 failing$/ }).first();
    await cleared.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await cleared.locator('.codicon-filter-filled').count(), 0, 'the funnel is gone');
    await page.waitForFunction(() => document.querySelectorAll('[role="treeitem"][aria-label^="Node "]').length === 3, undefined, { timeout: 30_000 });
  });

  it('says "Load more… (1,000 of 10,000)" under the 10,000-node pool', async () => {
    const { page } = uiSession().workbench;
    await openAccount(page, /^Subscription Contoso Production/, /^Batch account contosohpc/);
    await expandRow(page, /^Pool hpc-10k/);
    const first = page.getByRole('treeitem', { name: /^Node tvm-/ }).first();
    await first.waitFor({ state: 'visible', timeout: 60_000 });
    await first.click();
    await page.keyboard.press('End');
    // An action row ("button" for screen readers), at the end of the first page.
    const more = page.locator('.part.sidebar .monaco-list-row[aria-label="Load more… (1,000 of 10,000)"]');
    await more.waitFor({ state: 'visible', timeout: 30_000 });
    // At a 300 px side bar the whole label is on screen (the row has no icon, so it starts where a node's icon does).
    const width = await sideBarWidth(page, 300);
    assert.ok(Math.abs(width - 300) <= 2, `the side bar is 300 px wide (it is ${width})`);
    await more.scrollIntoViewIfNeeded();
    const fit = await more.evaluate((row) => {
      const container = row.querySelector('.monaco-icon-label-container') as HTMLElement;
      const name = row.querySelector('.label-name') as HTMLElement;
      const right = Math.min(container.getBoundingClientRect().right, (row.closest('.part.sidebar') as HTMLElement).getBoundingClientRect().right);
      return { text: name.textContent ?? '', overflowPx: Math.max(0, name.getBoundingClientRect().right - right, container.scrollWidth - container.clientWidth) };
    });
    console.log(`      at 300 px: "${fit.text}", overflow ${fit.overflowPx.toFixed(1)} px`);
    assert.equal(fit.text, 'Load more… (1,000 of 10,000)');
    assert.equal(fit.overflowPx, 0, 'the whole "Load more… (1,000 of 10,000)" is on screen at 300 px');
    await screenshot('tree-300px-load-more');
    await sideBarWidth(page, 560);
  });

  it('opens an account in the portal of the custom cloud: the link is shown, not opened', async () => {
    const { page } = uiSession().workbench;
    const context = page.context();
    let requested: string | undefined; // the URL a popup asked for (aborted: nothing leaves the machine)
    await context.route('https://portal.contoso-cloud.example/**', (route) => {
      requested = route.request().url();
      return route.abort();
    });
    await setSetting(page, 'azureBatch.customCloud.portalEndpoint', /Portal Endpoint/, { text: 'https://portal.contoso-cloud.example/' });
    try {
      await openAzureBatch(page);
      await collapseAll(page);
      await expandRow(page, /^Subscription Contoso Production/);
      await expandRow(page, /^Batch Accounts/);
      const account = page.getByRole('treeitem', { name: /^Batch account contosoprod/ }).first();
      // Without the dialog the workbench opens a popup at once; its URL is the request the route saw (the page's own
      // URL stays empty once the navigation is aborted).
      const popup = context.waitForEvent('page', { timeout: 30_000 }).then(async (p) => {
        // Up to 20 s: on a loaded machine the popup's navigation (and so the route's request) came after 5 s.
        for (let i = 0; i < 200 && !requested; i++) {
          const url = p.url();
          if (url && url !== 'about:blank') {
            return url;
          }
          await page.waitForTimeout(100);
        }
        return requested ?? p.url();
      }).catch(() => undefined);
      await contextMenu(page, account, /^Open in Portal/);
      const dialog = page.locator('.monaco-dialog-box');
      const link = await Promise.race([
        dialog.waitFor({ state: 'visible', timeout: 30_000 }).then(async () => {
          // The dialog shortens a long link in the middle; its full text is the element's title.
          const titled = await dialog.locator('[title^="https://"]').first().getAttribute('title', { timeout: 2_000 }).catch(() => null);
          const text = titled ?? await dialog.innerText();
          await dialog.getByRole('button', { name: 'Cancel' }).click();
          return text;
        }),
        popup,
      ]);
      console.log(`      the workbench asks to open: ${link}`);
      assert.match(link ?? '', /https:\/\/portal\.contoso-cloud\.example\/#(@\/resource\/subscriptions\/[^/\s]+\/resourceGroups\/batch-prod-rg\/providers\/Microsoft\.Batch\/batchAccounts|\.\.\.chAccounts)\/contosoprod/);
    } finally {
      // A dialog or popup left open (the other branch of the race) would make the workbench inert for what follows.
      const dialog = page.locator('.monaco-dialog-box');
      if (await dialog.isVisible().catch(() => false)) {
        await dialog.getByRole('button', { name: 'Cancel' }).click({ timeout: 5_000 }).catch(() => undefined);
      }
      for (const other of context.pages().filter((p) => p !== page)) {
        await other.close().catch(() => undefined);
      }
      await page.bringToFront();
      await setSetting(page, 'azureBatch.customCloud.portalEndpoint', /Portal Endpoint/, { text: '' });
      await context.unroute('https://portal.contoso-cloud.example/**');
    }
  });

  it('lists the image versions of a definition: state in words, end of life, failed, none', async () => {
    const { page } = uiSession().workbench;
    await openAzureBatch(page);
    await collapseAll(page);
    await expandRow(page, /^Subscription Contoso Production/);
    await expandRow(page, /^Compute Galleries/);
    await expandRow(page, /^Compute gallery contosoImages/);
    await expandRow(page, /^Image definition ubuntu-2204-batch/);
    await page.getByRole('treeitem', { name: /^Image version 1\.0\.0, succeeded · end of life$/ }).waitFor({ state: 'visible', timeout: 30_000 });
    // The tests' emulator answers ARM lists two items a page: the third version comes with "Load more…".
    await page.locator('.part.sidebar .monaco-list-row[aria-label="Load more… (2 loaded)"]').click();
    await page.getByRole('treeitem', { name: /^Image version 1\.2\.0, succeeded$/ }).waitFor({ state: 'visible', timeout: 30_000 });
    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Replication regions' }).first();
    // As a person does: point at the row and wait; if the workbench's hover did not come (the row appeared under the
    // pointer, or another hover was closing), move away and point again.
    for (let attempt = 0; attempt < 3 && !(await tooltip.isVisible()); attempt++) {
      await page.mouse.move(900, 500);
      await page.getByRole('treeitem', { name: /^Image version 1\.2\.0/ }).locator('.monaco-icon-label').hover();
      await tooltip.waitFor({ state: 'visible', timeout: 8_000 }).catch(() => undefined);
    }
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await tooltip.innerText(), /West Europe \(3\), North Europe \(1\), East US \(2\)/);
    await screenshot('tree-image-versions');

    await collapseAll(page);
    await expandRow(page, /^Subscription Fabrikam Research/);
    await expandRow(page, /^Compute Galleries/);
    await expandRow(page, /^Compute gallery fabrikam_ml_gallery/);
    await expandRow(page, /^Image definition alma-hpc-9/);
    await page.getByRole('treeitem', { name: /^Image version 9\.3\.0, failed$/ }).waitFor({ state: 'visible', timeout: 30_000 });
    await expandRow(page, /^Image definition win11-dev-specialized/);
    await page.locator('.part.sidebar .monaco-list-row[aria-label="No image versions"]').waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('groups a pool\'s nodes by state with counts when azureBatch.nodes.groupBy is "state"', async () => {
    const { page } = uiSession().workbench;
    await setSetting(page, 'azureBatch.nodes.groupBy', /Group By/, { choice: 'state' });
    try {
      await openAccount(page, /^Subscription Contoso Production/, /^Batch account contosohpc/);
      await expandRow(page, /^Pool hpc-10k/);
      const group = page.getByRole('treeitem', { name: /^Nodes in state start task failed, \d+$/ });
      await group.waitFor({ state: 'visible', timeout: 60_000 });
      const labels = await page.locator('[role="treeitem"] .label-name').allInnerTexts();
      assert.ok(labels.some((l) => /^Start task failed \(\d+\)$/.test(l)), `a row "Start task failed (N)": ${labels.join(' | ')}`);
      assert.ok(labels.some((l) => /^Idle \(\d{1,3}(,\d{3})*\)$/.test(l)), `a row "Idle (N)": ${labels.join(' | ')}`);
      assert.equal(await page.getByRole('treeitem', { name: /^Node tvm-/ }).count(), 0, 'no node rows before a group opens');
      await expandRow(page, /^Nodes in state start task failed/);
      const node = page.getByRole('treeitem', { name: /^Node tvm-\S+, start task failed/ }).first();
      await node.waitFor({ state: 'visible', timeout: 60_000 });
      await screenshot('tree-group-by-state');
    } finally {
      await setSetting(page, 'azureBatch.nodes.groupBy', /Group By/, { choice: 'none' });
    }
  });
});
