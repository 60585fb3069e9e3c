import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Opens the "Azure Batch" container from the activity bar (clicking only when it is not already open). */
export async function openAzureBatch(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: /^Azure Batch/ });
  await tab.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await tab.getAttribute('aria-selected')) !== 'true' && !(await page.locator('[id="workbench.view.extension.azureBatch"]').isVisible())) {
    await tab.click();
  }
  await page.locator('[id="workbench.view.extension.azureBatch"]').waitFor({ state: 'visible', timeout: 30_000 });
  await widenSideBar(page, 560);
}

/** Drags the side bar's edge so rows show their descriptions (state · size · …) in screenshots. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width - 5) {
    return;
  }
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/** Clicks a tree row found by its accessible name, as a person would, and waits until it is expanded. */
export async function expandRow(page: Page, name: RegExp): Promise<void> {
  const row = page.getByRole('treeitem', { name }).first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.click();
  }
  await page.waitForFunction(
    (source) => [...document.querySelectorAll('[role="treeitem"]')].some((e) => new RegExp(source).test(e.getAttribute('aria-label') ?? '') && e.getAttribute('aria-expanded') === 'true'),
    name.source,
    { timeout: 60_000 },
  );
}

/**
 * Opens a row's context menu with the mouse and chooses an entry with the keyboard (arrows, Enter), as a person
 * may: a mouse click that lands while the menu is still opening is ignored by the workbench, the keyboard is not.
 */
export async function contextMenu(page: Page, row: ReturnType<Page['getByRole']>, entry: RegExp): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.getByRole('menuitem', { name: entry });
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  const entries = await page.getByRole('menuitem').count();
  for (let i = 0; i <= entries; i++) {
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) {
        el = el.shadowRoot.activeElement;
      }
      return (el?.getAttribute('aria-label') || el?.textContent || '').trim();
    });
    if (entry.test(focused)) {
      await page.keyboard.press('Enter');
      await item.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    }
  }
  throw new Error(`the context menu has no entry ${entry}`);
}

/** "Collapse All" in the view's title bar, so a test starts from the top-level rows. */
export async function collapseAll(page: Page): Promise<void> {
  const view = page.locator('[id="workbench.view.extension.azureBatch"]');
  // A row's tooltip (e.g. a pool's table) left open by an earlier test would take the pointer: dismiss it first.
  await page.mouse.move(1, 1);
  await page.keyboard.press('Escape');
  await page.locator('.context-view .monaco-hover').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  await view.hover({ position: { x: 20, y: 10 } });
  const button = page.locator('.part.sidebar').getByRole('button', { name: /^Collapse All/ });
  if (await button.isVisible()) {
    await button.click();
  }
}

/** The newest webview's page: the workbench nests it in two iframes (the webview host and the active frame). */
export function editorFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** Puts the cursor at the end of the JSON editor's line that contains `text`. */
export async function endOfLine(page: Page, frame: FrameLocator, text: string): Promise<void> {
  await frame.locator('.cm-line', { hasText: text }).first().click();
  await page.keyboard.press('End');
}

/**
 * Reloads the window as a person does ("Developer: Reload Window": VS Code saves its state, the open editors included,
 * before it reloads) and waits for the newest webview's editor to come back with the "Restored your unsaved draft"
 * banner; returns the reloaded editor's page. Call it once the page shows the host's analysis of the last edit: the
 * host saves the draft before it analyses it.
 */
export async function reloadWithDraft(page: Page): Promise<FrameLocator> {
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Developer: Reload Window');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Developer: Reload Window' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await reloaded;
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  const frame = editorFrame(page);
  await frame.locator('.cm-content').waitFor({ state: 'visible', timeout: 60_000 });
  await frame.locator('.banner', { hasText: /Restored your unsaved draft/ }).waitFor({ timeout: 20_000 });
  return frame;
}

/** Waits until the element's text (trimmed) is `expected`; fails with what it showed last after 10 s. */
export async function waitForText(locator: Locator, expected: string, what: string): Promise<void> {
  let last = '';
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    last = (await locator.innerText()).trim();
    if (last === expected) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: expected ${JSON.stringify(expected)}, the page shows ${JSON.stringify(last)}`);
}

/** Opens the pool editor of a contosoprod pool from the tree: right-click → Edit Pool Properties…. */
export async function openPoolEditor(page: Page, poolId: string): Promise<FrameLocator> {
  await openAzureBatch(page);
  await collapseAll(page);
  await expandRow(page, /^Subscription Contoso Production/);
  await expandRow(page, /^Batch Accounts/);
  await expandRow(page, /^Batch account contosoprod/);
  const row = page.getByRole('treeitem', { name: new RegExp(`^Pool ${poolId}`) }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await contextMenu(page, row, /^Edit Pool Properties…/);
  const frame = editorFrame(page);
  await frame.locator('.cm-content').waitFor({ state: 'visible', timeout: 30_000 });
  await frame.getByRole('heading', { name: new RegExp(`^Edit pool ${poolId}`) }).waitFor({ timeout: 15_000 });
  return frame;
}
