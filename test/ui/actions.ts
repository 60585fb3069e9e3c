import type { Page } from 'playwright-core';

/** Opens the "Azure Batch" container from the activity bar (clicking only when it is not already open). */
export async function openAzureBatch(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: /^Azure Batch/ });
  await tab.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await tab.getAttribute('aria-selected')) !== 'true' && !(await page.locator('[id="workbench.view.extension.azureBatch"]').isVisible())) {
    await tab.click();
  }
  await page.locator('[id="workbench.view.extension.azureBatch"]').waitFor({ state: 'visible', timeout: 30_000 });
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
