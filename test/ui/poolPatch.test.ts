import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { outputDir } from '../harness/paths';
import { screenshot, uiSession } from '../harness/uiSession';
import { collapseAll, contextMenu, expandRow, openAzureBatch } from './actions';

/** The pool editor's page: the workbench nests it in two iframes (the webview host and the active frame). */
function editorFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** The user settings file of the running code-server (see test/harness/codeServer.ts). */
function userSettingsFile(): string {
  return path.join(outputDir, 'vscode', 'ui', 'user-data', 'User', 'settings.json');
}

async function setColorTheme(page: Page, theme: string): Promise<void> {
  const file = userSettingsFile();
  const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  settings['workbench.colorTheme'] = theme;
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  const light = /light/i.test(theme);
  await page.waitForFunction((wantLight) => document.body.classList.contains(wantLight ? 'vs' : 'vs-dark'), light, { timeout: 20_000 });
  await page.waitForTimeout(500);
}

async function openPoolEditor(page: Page): Promise<FrameLocator> {
  await openAzureBatch(page);
  await collapseAll(page);
  await expandRow(page, /^Subscription Contoso Production/);
  await expandRow(page, /^Batch Accounts/);
  await expandRow(page, /^Batch account contosoprod/);
  const row = page.getByRole('treeitem', { name: /^Pool linux-small/ }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await contextMenu(page, row, /^Edit Pool Properties…/);
  const frame = editorFrame(page);
  await frame.locator('.cm-content').waitFor({ state: 'visible', timeout: 30_000 });
  await frame.getByRole('heading', { name: /^Edit pool linux-small/ }).waitFor({ timeout: 15_000 });
  return frame;
}

/** Puts the cursor at the end of the editor line that contains `text`. */
async function endOfLine(page: Page, frame: FrameLocator, text: string): Promise<void> {
  await frame.locator('.cm-line', { hasText: text }).first().click();
  await page.keyboard.press('End');
}

describe('the pool editor in the workbench, as a person uses it', () => {
  it('right-click a pool → Edit Pool Properties… → a bad value is marked → fixed → preview → Apply: the emulator gets exactly that PATCH', async () => {
    const { page } = uiSession().workbench;
    const info = uiSession().environment.emulator!;
    const emulator = new EmulatorControl(info.baseUrl, { ca: info.certificatePath });
    try {
      let frame = await openPoolEditor(page);
      const before = (await emulator.getPool('contosoprod', 'linux-small')) as { targetNodeCommunicationMode?: string; eTag?: string };
      const current = before.targetNodeCommunicationMode ?? 'default';
      const wanted = current === 'classic' ? 'simplified' : 'classic';
      await emulator.clearRequests();

      // Type an invalid value for targetNodeCommunicationMode: the schema check marks it and the problems list says where.
      await endOfLine(page, frame, '"targetNodeCommunicationMode"');
      for (let i = 0; i < JSON.stringify(current).length; i++) {
        await page.keyboard.press('Backspace');
      }
      await page.keyboard.type('"fast');
      await frame.locator('.cm-lintRange-error').first().waitFor({ state: 'visible', timeout: 10_000 });
      const problem = frame.locator('.problems-list button.problem', { hasText: 'targetNodeCommunicationMode' }).first();
      await problem.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await problem.innerText(), /Must be one of "default", "classic", "simplified"/);
      await frame.locator('.cm-lintRange-error').first().hover();
      await frame.locator('.cm-tooltip-lint').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
      await screenshot('pool-patch-1-invalid-dark');

      // Fix it: the list empties, the preview says what the PATCH does and shows the exact body.
      await endOfLine(page, frame, '"targetNodeCommunicationMode"');
      for (let i = 0; i < '"fast"'.length; i++) {
        await page.keyboard.press('Backspace');
      }
      await page.keyboard.type(`"${wanted}`);
      await frame.locator('.problems-list li.none').waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await frame.locator('.cm-lintRange-error').count(), 0);
      const changed = frame.locator('table.changes tr.kind-replaced');
      await changed.first().waitFor({ state: 'visible', timeout: 10_000 });
      assert.deepEqual(await changed.locator('th').allInnerTexts(), ['targetNodeCommunicationMode']);
      assert.match(await frame.locator('.preview .summary').innerText(), /^1 property changes: targetNodeCommunicationMode replaced/);
      const request = await frame.locator('details.request pre').innerText();
      assert.match(request, /^PATCH https:\/\/\S+\/pools\/linux-small\?api-version=2025-06-01\.21\.0\n/);
      assert.match(request, /If-Match: \S+/);
      assert.ok(request.endsWith(JSON.stringify({ targetNodeCommunicationMode: wanted }, null, 2)), request);
      await screenshot('pool-patch-2-preview-dark');

      // The draft survives a window reload (webview serializer + stored draft).
      await page.waitForTimeout(800);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
      frame = editorFrame(page);
      await frame.locator('.cm-content').waitFor({ state: 'visible', timeout: 60_000 });
      await frame.locator('.banner', { hasText: /Restored your unsaved draft/ }).waitFor({ timeout: 20_000 });
      assert.match(await frame.locator('.cm-content').innerText(), new RegExp(`"targetNodeCommunicationMode": "${wanted}"`));

      // Light theme too.
      await setColorTheme(page, 'Default Light Modern');
      await frame.locator('table.changes tr.kind-replaced').first().waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot('pool-patch-3-preview-light');

      // Apply, with the mouse.
      await frame.getByRole('button', { name: 'Apply', exact: true }).click();
      await frame.getByRole('heading', { name: 'Applied' }).waitFor({ timeout: 20_000 });
      assert.match(await frame.locator('.result.applied').innerText(), /Pool linux-small updated: targetNodeCommunicationMode replaced/);
      await screenshot('pool-patch-4-applied-light');
      const patches = await emulator.requests({ path: '/pools/linux-small$', method: 'PATCH' });
      assert.equal(patches.length, 1);
      assert.deepEqual(JSON.parse(patches[0].body), { targetNodeCommunicationMode: wanted });
      assert.equal(patches[0].headers['if-match'], before.eTag);
      assert.equal(patches[0].status, 200);
      assert.deepEqual(await emulator.conformance(), []);

      await setColorTheme(page, 'Default Dark Modern');
      await screenshot('pool-patch-5-applied-dark');
    } finally {
      await emulator.close();
    }
  });
});
