import * as assert from 'node:assert/strict';
import { EmulatorControl } from '../emulator/control';
import { screenshot, uiSession } from '../harness/uiSession';
import { collapseAll, contextMenu, expandRow, openAzureBatch } from './actions';

describe('reboot from the tree, as a person does it', () => {
  it('right-click an idle node → Reboot… → requeue → Reboot: the emulator gets it, the node shows Rebooting… then idle', async () => {
    const { page } = uiSession().workbench;
    const info = uiSession().environment.emulator!;
    const emulator = new EmulatorControl(info.baseUrl, { ca: info.certificatePath });
    await openAzureBatch(page);
    await collapseAll(page);
    await expandRow(page, /^Subscription Contoso Production/);
    await expandRow(page, /^Batch Accounts/);
    await expandRow(page, /^Batch account contosoprod/);
    await expandRow(page, /^Pool linux-small/);
    const node = page.getByRole('treeitem', { name: /^Node \S+, idle ·/ }).first();
    await node.waitFor({ state: 'visible', timeout: 30_000 });
    const nodeId = ((await node.getAttribute('aria-label')) ?? '').match(/^Node (\S+),/)![1];
    await emulator.clearRequests();

    await contextMenu(page, node, /^Reboot…/);
    const options = page.locator('.quick-input-widget [role="option"]');
    await options.first().waitFor({ state: 'visible', timeout: 15_000 });
    const labels = await options.evaluateAll((rows) => rows.map((r) => (r.getAttribute('aria-label') ?? '').split(/[,:]/)[0].trim()));
    assert.deepEqual(labels.map((l) => l.split(' ')[0]), ['requeue', 'terminate', 'taskcompletion', 'retaineddata']);
    await page.locator('.quick-input-widget [role="option"][aria-label^="requeue"]').first().click();

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await dialog.innerText(), new RegExp(`Reboot node ${nodeId} of pool linux-small\\?`));
    await dialog.getByRole('button', { name: 'Reboot' }).click();

    const row = page.getByRole('treeitem', { name: new RegExp(`^Node ${nodeId}, Rebooting…`) });
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot('reboot-1-rebooting');
    const posts = await emulator.requests({ path: `/nodes/${nodeId}/reboot$`, method: 'POST' });
    assert.equal(posts.length, 1);
    assert.equal(posts[0].body, '{"nodeRebootOption":"requeue"}');
    assert.equal(posts[0].status, 202);

    await page.getByRole('treeitem', { name: new RegExp(`^Node ${nodeId}, idle ·`) }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot('reboot-2-idle-again');
    await emulator.close();
  });
});
