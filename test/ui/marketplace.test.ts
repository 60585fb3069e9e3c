import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from '../harness/codeServer';
import { outputDir, repoRoot, screenshotsDir } from '../harness/paths';
import { uiSession } from '../harness/uiSession';
import { openWorkbench } from '../harness/workbench';
import { openAzureBatch } from './actions';

function vsce(args: string[]): string {
  const run = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), args, { cwd: repoRoot, encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  assert.equal(run.status, 0, output);
  return output;
}

describe('the Marketplace listing of the packaged extension', function () {
  this.timeout(240_000);

  it('packs without warnings, shows its icon and README (screenshots at vsce.baseImagesUrl) in the Extensions view, and its walkthrough counts the steps done before it opened', async () => {
    const vsix = path.join(outputDir, 'azure-batch-operator-marketplace.vsix');
    fs.rmSync(vsix, { force: true });
    const packed = vsce(['package', '--no-dependencies', '--out', vsix]);
    assert.doesNotMatch(packed, /WARNING|WARN /, packed);
    const listed = vsce(['ls', '--no-dependencies']);
    assert.doesNotMatch(listed, /WARNING|WARN /, listed);
    const files = listed.split('\n').filter(Boolean);
    assert.ok(files.includes('media/icon.png') && files.includes('media/walkthrough/chooseCloud.svg'), files.join(', '));
    assert.ok(!files.some((f) => f.startsWith('media/readme/') || f.startsWith('tools/')), `no README screenshots or tools: ${files.join(', ')}`);

    const { environment } = uiSession();
    const server = await startCodeServer({ name: 'marketplace', installExtensions: [vsix], settings: environment.settings, env: environment.env });
    const workbench = await openWorkbench(server.workbenchUrl(), 'marketplace');
    const { page } = workbench;
    try {
      // The Extensions view lists it with its own icon (a 256×256 PNG that loaded), not the default one.
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
      await page.keyboard.press('Control+Shift+X');
      const item = page.locator('.extension-list-item', { hasText: 'Azure Batch Operator' }).first();
      await item.waitFor({ state: 'visible', timeout: 60_000 });
      const icon = item.locator('img.icon');
      await page.waitForFunction((img) => (img as HTMLImageElement | null)?.complete === true, await icon.elementHandle(), { timeout: 15_000 });
      assert.match((await icon.getAttribute('src')) ?? '', /media%2Ficon\.png/);
      assert.equal(await icon.evaluate((img) => (img as HTMLImageElement).naturalWidth), 256);
      assert.equal(await item.locator('.codicon-extension-default-icon').isVisible(), false);
      fs.mkdirSync(screenshotsDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotsDir, 'marketplace-extensions-view.png') });

      // Its details page shows the README with its three screenshots linked at vsce.baseImagesUrl. VS Code loads only
      // https images there (relative paths are dropped), so they load once that placeholder is the real repository.
      const baseImagesUrl = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { vsce: { baseImagesUrl: string } }).vsce.baseImagesUrl;
      await item.click();
      const images = async () => {
        const found: { src: string; width: number }[] = [];
        for (const frame of page.frames()) {
          found.push(...await frame.$$eval('img', (imgs) => imgs.map((i) => ({ src: decodeURIComponent(i.src), width: i.complete ? i.naturalWidth : 0 }))).catch(() => []));
        }
        return found;
      };
      let all: { src: string; width: number }[] = [];
      let readme: { src: string; width: number }[] = [];
      for (let attempt = 0; attempt < 60 && readme.length < 3; attempt++) {
        await page.waitForTimeout(500);
        all = await images();
        readme = all.filter((i) => i.src.includes('media/readme/'));
      }
      assert.equal(readme.length, 3, `README screenshots in the details page, among: ${JSON.stringify(all)}`);
      assert.deepEqual(readme.map((i) => i.src), ['explorer', 'pool-editor', 'image-definition-editor'].map((name) => `${baseImagesUrl}media/readme/${name}.png`));
      await page.screenshot({ path: path.join(screenshotsDir, 'marketplace-details-readme.png') });

      // Signed in (the session's demo account) with the Azure Batch view open, before the walkthrough ever opened.
      await openAzureBatch(page);
      await page.getByRole('treeitem', { name: /^Subscription Contoso Production/ }).first().waitFor({ state: 'visible', timeout: 60_000 });

      // The walkthrough, from the palette as a person finds it.
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill('>Welcome: Open Walkthrough');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Welcome: Open Walkthrough' }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Azure Batch' }).first().click({ timeout: 15_000 });
      const steps = page.locator('.gettingStartedSlideDetails button.getting-started-step');
      await steps.first().waitFor({ state: 'visible', timeout: 30_000 });
      assert.deepEqual(
        (await steps.locator('h3.step-title').allInnerTexts()).map((t) => t.trim()),
        ['Sign in or attach a Batch account', 'Choose your Azure cloud', 'Browse accounts, pools and compute nodes', 'Reimage compute nodes safely'],
      );
      // What was done before it opened counts: signed in, and the view was open.
      await page.waitForFunction(() => document.querySelector('button.getting-started-step[data-step-id$="#signIn"]')?.getAttribute('aria-checked') === 'true', undefined, { timeout: 15_000 });
      assert.equal(await steps.filter({ hasText: 'Browse accounts, pools and compute nodes' }).getAttribute('aria-checked'), 'true');
      const chooseCloud = steps.filter({ hasText: 'Choose your Azure cloud' });
      assert.equal(await chooseCloud.getAttribute('aria-checked'), 'false');
      await chooseCloud.click();
      await chooseCloud.getByRole('button', { name: 'Choose Cloud…' }).click();
      // The extension's cloud picker opens; leaving it unchanged still counts: the step completes on the command.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'AzureChinaCloud' }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.querySelector('button.getting-started-step[data-step-id$="#chooseCloud"]')?.getAttribute('aria-checked') === 'true', undefined, { timeout: 15_000 });
      assert.equal(await steps.filter({ hasText: 'Reimage compute nodes safely' }).getAttribute('aria-checked'), 'false', 'other steps stay open');
      await page.screenshot({ path: path.join(screenshotsDir, 'marketplace-walkthrough.png') });
    } finally {
      await workbench.close();
      await server.stop();
    }
  });
});
