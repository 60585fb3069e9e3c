/**
 * `npm run screenshots`: the README's pictures, made from the demo the way a person sees it. Starts the emulator with
 * the `demo` data and a real VS Code (code-server) like the UI tests, drives it with Playwright at 1500×950, and
 * writes media/readme/explorer.png (the tree down to compute nodes, an unusable node's properties beside it),
 * pool-editor.png and image-definition-editor.png (the editors with one change each in their preview, not sent). Nothing is sent to the emulator
 * that changes it. Not a test: test/harness/testFiles.ts collects only `*.test.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { collapseAll, contextMenu, editorFrame, endOfLine, expandRow, openAzureBatch } from '../ui/actions';
import { startCodeServer } from './codeServer';
import { startTestEnvironment } from './environment';
import { repoRoot, screenshotsDir } from './paths';
import { openWorkbench } from './workbench';

const OUT_DIR = path.join(repoRoot, 'media', 'readme');
const VIEWPORT = { width: 1500, height: 950 };

async function save(page: Page, name: string): Promise<void> {
  // Let spinners, hovers and layout settle, and keep the mouse out of the picture.
  await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2);
  await page.waitForTimeout(800);
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`  ${path.relative(repoRoot, file)} (${Math.round(fs.statSync(file).size / 1024)} KiB)`);
}

async function closeEditors(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>View: Close All Editors');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'View: Close All Editors' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

/** Expands the `index`-th row named `name` (rows of different parents can share a name, e.g. "Batch Accounts"). */
async function expandRowAt(page: Page, name: RegExp, index: number): Promise<void> {
  const row = page.getByRole('treeitem', { name }).nth(index);
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.click();
  }
  for (let i = 0; i < 120 && (await row.getAttribute('aria-expanded')) !== 'true'; i++) {
    await page.waitForTimeout(500);
  }
}

async function explorer(page: Page): Promise<void> {
  await openAzureBatch(page);
  await collapseAll(page);
  await expandRow(page, /^Subscription Contoso Production/);
  await expandRow(page, /^Batch Accounts/);
  await expandRow(page, /^Batch account contosoprod/);
  await expandRow(page, /^Pool linux-small/);
  await page.getByRole('treeitem', { name: /^Node / }).nth(2).waitFor({ state: 'visible', timeout: 60_000 });
  await expandRow(page, /^Compute Galleries/);
  await expandRow(page, /^Compute gallery contosoImages/);
  await page.getByRole('treeitem', { name: /^Image definition / }).nth(4).waitFor({ state: 'visible', timeout: 60_000 });
  await expandRow(page, /^Subscription Fabrikam Research/);
  await expandRowAt(page, /^Batch Accounts/, 1);
  await expandRow(page, /^Batch account fabrikamresearch/);
  await expandRow(page, /^Pool ml-train/);
  await page.getByRole('treeitem', { name: /^Node / }).nth(12).waitFor({ state: 'visible', timeout: 60_000 });
  // An unusable node of ml-train: selected, its properties (with its errors) beside the tree.
  const unusable = page.getByRole('treeitem', { name: /^Node .*unusable/ }).first();
  await unusable.click();
  await contextMenu(page, unusable, /^View Properties/);
  await page.locator('.monaco-editor .view-lines', { hasText: '"errors"' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await unusable.click();
  await save(page, 'explorer');
  await closeEditors(page);
}

async function poolEditor(page: Page): Promise<void> {
  await collapseAll(page);
  await expandRow(page, /^Subscription Contoso Production/);
  await expandRow(page, /^Batch Accounts/);
  await expandRow(page, /^Batch account contosoprod/);
  await contextMenu(page, page.getByRole('treeitem', { name: /^Pool linux-small/ }).first(), /^Edit Pool Properties…/);
  const frame = editorFrame(page);
  await frame.getByRole('heading', { name: /^Edit pool linux-small/ }).waitFor({ timeout: 30_000 });
  await frame.locator('.cm-content').waitFor({ state: 'visible', timeout: 30_000 });
  // A change, so the preview shows what the PATCH does (not applied).
  await endOfLine(page, frame, '"maxTaskRetryCount": 2,');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3,');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home'); // back to the top left, so the long command line starts at its beginning
  await frame.locator('ul.changes li').first().waitFor({ state: 'visible', timeout: 15_000 });
  await save(page, 'pool-editor');
  await closeEditors(page);
}

async function imageDefinitionEditor(page: Page): Promise<void> {
  await collapseAll(page);
  await expandRow(page, /^Subscription Contoso Production/);
  await expandRow(page, /^Compute Galleries/);
  await expandRow(page, /^Compute gallery contosoImages/);
  await contextMenu(page, page.getByRole('treeitem', { name: /^Image definition ubuntu-2204-batch/ }).first(), /^Edit Image Definition…/);
  const frame = editorFrame(page);
  await frame.getByRole('heading', { name: 'Edit image definition ubuntu-2204-batch' }).waitFor({ timeout: 30_000 });
  await frame.locator('.cm-content').waitFor({ state: 'visible', timeout: 30_000 });
  // A change (recommended vCPUs 2–64 → 2–96), so the preview shows the PUT (not sent).
  await endOfLine(page, frame, '"max": 64');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('96');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  await frame.locator('ul.changes li').first().waitFor({ state: 'attached', timeout: 15_000 });
  await save(page, 'image-definition-editor');
  await closeEditors(page);
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const environment = await startTestEnvironment('screenshots', { settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  const server = await startCodeServer({ name: 'screenshots', settings: environment.settings, env: environment.env });
  const workbench = await openWorkbench(server.workbenchUrl({ extensionDevelopmentPath: repoRoot }), 'screenshots');
  try {
    await workbench.page.setViewportSize(VIEWPORT);
    console.log(`Screenshots of VS Code ${server.vscodeVersion} at ${VIEWPORT.width}×${VIEWPORT.height}:`);
    await explorer(workbench.page);
    await poolEditor(workbench.page);
    await imageDefinitionEditor(workbench.page);
  } catch (error) {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, 'readme-screenshots-failure.png');
    await workbench.page.screenshot({ path: file }).catch(() => undefined);
    console.error(`Failed; the workbench at that moment: ${file}`);
    throw error;
  } finally {
    await workbench.close();
    await server.stop();
    await environment.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
