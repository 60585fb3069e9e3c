import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { screenshot, uiSession } from '../harness/uiSession';
import { endOfLine, openPoolEditor } from './actions';

/** Replaces the value of "targetNodeCommunicationMode" by typing, as a person does. */
async function typeMode(page: Page, frame: FrameLocator, from: string, to: string): Promise<void> {
  await endOfLine(page, frame, '"targetNodeCommunicationMode"');
  for (let i = 0; i < JSON.stringify(from).length; i++) {
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(`"${to}`);
  await page.keyboard.press('Escape');
}

const banner = (frame: FrameLocator, text: RegExp) => frame.locator('.banner', { hasText: text });

describe('the editor’s buttons, clicked in the webview', () => {
  it('Apply into a conflict → Rebase keeps the edit on the newer version; Discard draft forgets it; Reload shows the newest', async () => {
    const { page } = uiSession().workbench;
    const info = uiSession().environment.emulator!;
    const emulator = new EmulatorControl(info.baseUrl, { ca: info.certificatePath });
    try {
      const frame = await openPoolEditor(page, 'gpu-empty');
      const server = (await emulator.getPool('contosoprod', 'gpu-empty')) as { targetNodeCommunicationMode?: string };
      const current = server.targetNodeCommunicationMode ?? 'default';
      const wanted = current === 'classic' ? 'simplified' : 'classic';
      await typeMode(page, frame, current, wanted);
      const replaced = frame.locator('ul.changes li.kind-replaced');
      await replaced.first().waitFor({ state: 'visible', timeout: 10_000 });

      // Someone else changes the pool; Apply meets a conflict.
      await emulator.touchPool('contosoprod', 'gpu-empty', { metadata: [{ name: 'owner', value: 'someone-else' }] });
      await frame.locator('#apply').click();
      const conflict = frame.locator('section.conflict');
      await conflict.getByRole('heading', { name: /Conflict: the resource changed meanwhile/ }).waitFor({ timeout: 20_000 });
      await screenshot('editor-buttons-1-conflict');

      // Rebase: the server's metadata comes in, the edit stays on top.
      await frame.locator('#rebase').click();
      await banner(frame, /Rebased your draft on .*Taken from the server: metadata\./).waitFor({ timeout: 15_000 });
      assert.equal(await conflict.isVisible(), false);
      const text = frame.locator('.cm-content');
      assert.match(await text.innerText(), /"value": "someone-else"/);
      assert.match(await text.innerText(), new RegExp(`"targetNodeCommunicationMode": "${wanted}"`));
      await frame.locator('ul.changes li.kind-replaced .path', { hasText: 'targetNodeCommunicationMode' }).waitFor({ timeout: 10_000 });
      assert.deepEqual(await replaced.locator('.path').allInnerTexts(), ['targetNodeCommunicationMode'], 'only the edit is left to send');
      await screenshot('editor-buttons-2-rebased');

      // Discard draft: back to the current version, nothing left to send.
      await frame.locator('#discard').click();
      await banner(frame, /Draft discarded; showing the current version\./).waitFor({ timeout: 15_000 });
      await replaced.first().waitFor({ state: 'detached', timeout: 10_000 });
      assert.doesNotMatch(await text.innerText(), new RegExp(`"targetNodeCommunicationMode": "${wanted}"`));

      // Reload: a clean editor shows what the service has now.
      await emulator.touchPool('contosoprod', 'gpu-empty', { metadata: [{ name: 'reloaded', value: 'yes' }] });
      assert.doesNotMatch(await text.innerText(), /"reloaded"/);
      await frame.locator('#reload').click();
      await text.filter({ hasText: '"reloaded"' }).waitFor({ timeout: 15_000 });
      await screenshot('editor-buttons-3-reloaded');

      const patches = await emulator.requests({ path: '/pools/gpu-empty$', method: 'PATCH' });
      assert.deepEqual(patches.map((p) => p.status), [412], 'one Apply, refused with 412; nothing sent since');
    } finally {
      await page.locator('.tab', { hasText: 'Edit pool gpu-empty' }).locator('.codicon-close').first().click({ timeout: 5_000 }).catch(() => undefined);
      await emulator.close();
    }
  });
});
