import * as assert from 'node:assert/strict';
import { screenshot, uiSession } from '../harness/uiSession';
import { collapseAll, contextMenu, expandRow, openAzureBatch } from './actions';

describe('node files from the tree, as a person does it', () => {
  it('right-click a start-task-failed node → Open Start Task Output: stdout and stderr side by side, stderr says why', async () => {
    const { page } = uiSession().workbench;
    await openAzureBatch(page);
    await collapseAll(page);
    await expandRow(page, /^Subscription Contoso Production/);
    await expandRow(page, /^Batch Accounts/);
    await expandRow(page, /^Batch account contosoprod/);
    await expandRow(page, /^Pool linux-small/);
    const node = page.getByRole('treeitem', { name: /^Node \S+, start task failed ·/ }).first();
    await node.waitFor({ state: 'visible', timeout: 30_000 });

    await contextMenu(page, node, /^Open Start Task Output/);
    const groups = page.locator('.editor-group-container');
    await page.getByRole('tab', { name: /^stderr\.txt/ }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByRole('tab', { name: /^stdout\.txt/ }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await groups.count(), 2, 'two editor columns');
    const left = groups.nth(0).locator('.monaco-editor .view-lines');
    const right = groups.nth(1).locator('.monaco-editor .view-lines');
    await right.filter({ hasText: 'Could not get lock /var/lib/dpkg/lock-frontend' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await left.innerText()).replace(/\u00a0/g, ' '), /Reading package lists/);
    assert.match(await groups.nth(0).locator('[role="tab"]').first().innerText(), /stdout\s*\.txt/);
    assert.match(await groups.nth(1).locator('[role="tab"]').first().innerText(), /stderr\s*\.txt/);
    await screenshot('node-files-start-task-output');
  });
});
