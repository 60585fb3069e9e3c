import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { screenshot, uiSession } from '../harness/uiSession';
import { collapseAll, contextMenu, editorFrame, endOfLine, expandRow, openAzureBatch, reloadWithDraft } from './actions';

/** Runs a command from the palette, as a person does. */
async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

describe('the image-definition editor in the workbench, as a person uses it', function () {
  this.timeout(240_000); // a long scenario with a window reload (a bound for a stuck run, not a speed target)

  it('right-click a gallery → Create Image Definition… → no red on open → type the name and the identifier → Create: progress, then the panel becomes “Edit image definition …” with a Created banner, the definition in the tree', async () => {
    const { page } = uiSession().workbench;
    const info = uiSession().environment.emulator!;
    const emulator = new EmulatorControl(info.baseUrl, { ca: info.certificatePath });
    const name = `ui-ubuntu-${Date.now().toString(36)}`;
    try {
      await openAzureBatch(page);
      await collapseAll(page);
      await expandRow(page, /^Subscription Contoso Production/);
      await expandRow(page, /^Compute Galleries/);
      await expandRow(page, /^Compute gallery contosoImages/);
      await page.getByRole('treeitem', { name: /^Image definition ubuntu-2204-batch/ }).first().waitFor({ timeout: 30_000 });
      await emulator.clearRequests();

      const gallery = page.getByRole('treeitem', { name: /^Compute gallery contosoImages/ }).first();
      await contextMenu(page, gallery, /^Create Image Definition…/);
      let frame = editorFrame(page);
      await frame.locator('.cm-content').waitFor({ state: 'visible', timeout: 30_000 });
      await frame.getByRole('heading', { name: 'New image definition in contosoImages' }).waitFor({ timeout: 15_000 });
      // The starting document: the gallery's location and the common choices.
      const doc = await frame.locator('.cm-content').innerText();
      assert.match(doc, /"location": "westeurope"/);
      assert.match(doc, /"osType": "Linux"/);
      assert.match(doc, /"osState": "Generalized"/);
      assert.match(doc, /"hyperVGeneration": "V2"/);
      const nameInput = frame.getByLabel('Name', { exact: true });
      await nameInput.waitFor({ state: 'visible', timeout: 10_000 });
      // No red on open: the host's analysis has come (the preview says what Create would do), and nothing is shown yet.
      await frame.locator('.preview .summary').filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
      await frame.locator('.problems-list li.none').waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await frame.locator('#problems-heading').innerText(), 'Problems (0)');
      assert.equal(await nameInput.getAttribute('aria-invalid'), 'false');
      assert.equal(await frame.locator('.field-message', { hasText: /\S/ }).count(), 0);
      assert.equal(await frame.locator('.cm-lintRange-error').count(), 0);
      await screenshot('image-definition-1-new');
      // Leaving the Name field empty (Tab, as a person moves on) shows its problem, beside the field and in the list.
      await nameInput.focus();
      await page.keyboard.press('Tab');
      await frame.locator('.field-message', { hasText: 'Enter a name' }).waitFor({ timeout: 10_000 });
      await frame.locator('.problems-list', { hasText: 'Enter a name' }).waitFor({ timeout: 10_000 });
      assert.equal(await nameInput.getAttribute('aria-invalid'), 'true');

      // A name with a space: refused as it is typed, beside the field.
      await nameInput.click();
      await nameInput.pressSequentially('ui ubuntu', { delay: 20 });
      await frame.locator('.field-message', { hasText: /contains a space/ }).waitFor({ timeout: 10_000 });
      assert.equal(await nameInput.getAttribute('aria-invalid'), 'true');
      await screenshot('image-definition-2-bad-name');
      await nameInput.selectText();
      await nameInput.pressSequentially(name, { delay: 20 });
      assert.equal(await nameInput.inputValue(), name);
      await frame.locator('.field-message', { hasText: /contains a space/ }).waitFor({ state: 'detached', timeout: 10_000 });

      // Fill in the identifier and add a description, in the JSON editor.
      await endOfLine(page, frame, '"offer"');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type('ubuntu-batch');
      await endOfLine(page, frame, '"sku"');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type(`24_04-${name}`);
      await endOfLine(page, frame, '"hyperVGeneration"');
      await page.keyboard.type(',');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      // Completion offers the definition's properties.
      await page.keyboard.type('"descr');
      const completion = frame.locator('.cm-tooltip-autocomplete');
      await completion.filter({ hasText: 'description' }).waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot('image-definition-2b-completion');
      await page.keyboard.press('Escape');
      await page.keyboard.type('iption": "Ubuntu 24.04, typed in the UI test');
      await page.keyboard.press('Escape');

      // Hover shows the REST reference's description, with the service rule.
      // (A hover that lands while the editor is still busy shows nothing: move away and back, as a person would.)
      const hover = frame.locator('.cm-tooltip-hover');
      const described = hover.filter({ hasText: /whether the virtual machines created under this image are .Generalized. or .Specialized./ });
      for (let attempt = 1; !(await described.isVisible()); attempt++) {
        await page.mouse.move(5, 500);
        await frame.locator('.cm-line', { hasText: '"osState"' }).locator('span', { hasText: 'osState' }).first().hover();
        await described.waitFor({ state: 'visible', timeout: 3_000 }).catch((error: unknown) => {
          if (attempt === 4) {
            throw error;
          }
        });
      }
      assert.match(await hover.innerText(), /cannot be changed after the image definition is created/);
      await screenshot('image-definition-2c-hover');

      await frame.locator('.problems-list li.none').waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await nameInput.getAttribute('aria-invalid'), 'false');
      assert.match(await frame.locator('.preview .summary').innerText(), new RegExp(`^Creates image definition ${name} in gallery contosoImages: Linux · Generalized · V2, identifier Contoso/ubuntu-batch/24_04-${name}`));
      const request = await frame.locator('details.request pre').innerText();
      assert.match(request, new RegExp(`^PUT https://\\S+/galleries/contosoImages/images/${name}\\?api-version=2024-03-03\\n`));
      assert.match(request, /If-None-Match: \*/);
      // The editor's marks follow the host's analysis a moment later.
      await frame.locator('.cm-lintRange-error').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      assert.equal(await frame.locator('.cm-lintRange-error').count(), 0);
      await page.mouse.move(5, 500);
      await screenshot('image-definition-3-ready');

      // The draft, name included, survives a window reload (webview serializer + the draft kept per gallery).
      frame = await reloadWithDraft(page);
      assert.equal(await frame.getByLabel('Name', { exact: true }).inputValue(), name);
      assert.match(await frame.locator('.cm-content').innerText(), new RegExp(`"sku": "24_04-${name}"`));
      await frame.locator('.problems-list li.none').waitFor({ state: 'visible', timeout: 15_000 });
      // The reloaded window shows the explorer collapsed: open the gallery again to watch it.
      await expandRow(page, /^Subscription Contoso Production/);
      await expandRow(page, /^Compute Galleries/);
      await expandRow(page, /^Compute gallery contosoImages/);
      await page.getByRole('treeitem', { name: /^Image definition ubuntu-2204-batch/ }).first().waitFor({ timeout: 60_000 });
      await page.mouse.move(5, 500);
      await screenshot('image-definition-3b-restored');

      // Slow the operation's status down a little so that its progress can be seen.
      await emulator.addFault({ route: '/capsOperations/', method: 'GET', kind: 'latency', delayMs: 2500, count: 1 });
      await frame.getByRole('button', { name: 'Create', exact: true }).click();
      const status = frame.locator('footer .status');
      await status.filter({ hasText: new RegExp(`Creating ${name}: provisioningState Creating`) }).waitFor({ timeout: 15_000 });
      await screenshot('image-definition-4a-progress-in-panel');
      // The notification with the provisioningState (the headless workbench announces it but shows no toast: open the
      // notification centre, as a person would with the bell).
      await page.locator('.monaco-alert', { hasText: new RegExp(`Creating image definition ${name}: provisioningState Creating`) }).first().waitFor({ state: 'attached', timeout: 10_000 });
      await page.locator('.statusbar-item', { has: page.locator('.codicon-bell, .codicon-bell-dot') }).first().click();
      const centre = page.locator('.notifications-center');
      await centre.filter({ hasText: new RegExp(`Creating image definition ${name}`) }).waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot('image-definition-4b-progress-notification');
      // The panel becomes the editor of the new definition: its title and heading, a "Created" banner, Update.
      await page.locator('.tab', { hasText: `Edit image definition ${name}` }).waitFor({ timeout: 30_000 });
      const edit = editorFrame(page);
      await edit.getByRole('heading', { name: `Edit image definition ${name}` }).waitFor({ timeout: 30_000 });
      await edit.locator('.banner', { hasText: new RegExp(`Created: image definition ${name} in gallery contosoImages \\(provisioningState Succeeded\\)`) }).waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('.tab', { hasText: 'New image definition in contosoImages' }).count(), 0, 'the create panel is gone');
      await edit.getByRole('button', { name: 'Update', exact: true }).waitFor({ state: 'visible', timeout: 10_000 });
      await edit.locator('.cm-content').filter({ hasText: '"description": "Ubuntu 24.04, typed in the UI test"' }).waitFor({ timeout: 30_000 });
      const row = page.getByRole('treeitem', { name: new RegExp(`^Image definition ${name}, Linux · Generalized · V2`) }).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      await screenshot('image-definition-5-created-now-edit');
      await page.keyboard.press('Escape');

      const puts = await emulator.requests({ path: `/images/${name}$`, method: 'PUT' });
      assert.equal(puts.length, 1);
      assert.equal(puts[0]!.status, 201);
      assert.deepEqual(JSON.parse(puts[0]!.body), {
        location: 'westeurope',
        properties: {
          identifier: { publisher: 'Contoso', offer: 'ubuntu-batch', sku: `24_04-${name}` },
          osType: 'Linux',
          osState: 'Generalized',
          hyperVGeneration: 'V2',
          description: 'Ubuntu 24.04, typed in the UI test',
        },
      });
      assert.deepEqual(await emulator.conformance(), []);

      // The next edit clears the banner.
      await endOfLine(page, edit, '"description"');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type(' (edited)');
      await edit.locator('.banner').waitFor({ state: 'detached', timeout: 10_000 });
      await screenshot('image-definition-6-edit');
    } finally {
      await emulator.clearFaults().catch(() => undefined);
      await emulator.close();
      await runFromPalette(page, 'View: Close All Editors').catch(() => undefined);
    }
  });
});
