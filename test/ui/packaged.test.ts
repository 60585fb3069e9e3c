import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from '../harness/codeServer';
import { outputDir, repoRoot, screenshotsDir } from '../harness/paths';
import { uiSession } from '../harness/uiSession';
import { openWorkbench } from '../harness/workbench';
import { expandRow, openAzureBatch } from './actions';

describe('the packaged extension (VSIX)', function () {
  this.timeout(180_000);

  it('installs into a clean VS Code and shows the tree, without the repository’s node_modules', async () => {
    const vsix = path.join(outputDir, 'azure-batch-operator-under-test.vsix');
    fs.rmSync(vsix, { force: true });
    execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: repoRoot, stdio: 'pipe' });
    // What vsce puts in the package (the same list it packed above).
    const files = execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.ok(files.includes('dist/extension.js') && files.includes('dist/webview/jsonEditorMain.js'), files.join(', '));
    assert.ok(!files.some((f) => f.includes('node_modules/') || f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.map')), `only what runs: ${files.join(', ')}`);
    console.log(`      VSIX: ${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB, ${files.length} files`);

    const { environment } = uiSession();
    const server = await startCodeServer({ name: 'packaged', installExtensions: [vsix], settings: environment.settings, env: environment.env });
    const installed = fs.readdirSync(path.join(outputDir, 'vscode', 'packaged', 'extensions')).find((d) => d.startsWith('batch-operator.azure-batch-operator-'));
    assert.ok(installed, 'installed into the profile');
    const workbench = await openWorkbench(server.workbenchUrl(), 'packaged');
    try {
      const { page } = workbench;
      await openAzureBatch(page);
      await expandRow(page, /^Subscription Contoso Production/);
      await expandRow(page, /^Batch Accounts/);
      await expandRow(page, /^Batch account contosoprod/);
      await expandRow(page, /^Pool linux-small/);
      await page.getByRole('treeitem', { name: /^Node \S+, (idle|running|starttaskfailed) ·/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
      fs.mkdirSync(screenshotsDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotsDir, 'packaged-vsix-tree.png') });
    } finally {
      await workbench.close();
      await server.stop();
    }
  });
});
