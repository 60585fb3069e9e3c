import * as assert from 'node:assert/strict';
import { screenshot, uiSession } from '../harness/uiSession';
import { expandRow as expand, openAzureBatch } from './actions';

describe('the explorer in the workbench', () => {
  it('expands down to a node of the 10,000-node pool', async () => {
    const { page } = uiSession().workbench;
    await openAzureBatch(page);
    await expand(page, /^Subscription Contoso Production/);
    await expand(page, /^Batch Accounts/);
    await expand(page, /^Batch account contosohpc/);
    const started = Date.now();
    await expand(page, /^Pool hpc-10k/);
    const node = page.getByRole('treeitem', { name: /^Node tvm-/ }).first();
    await node.waitFor({ state: 'visible', timeout: 60_000 });
    const firstPageMs = Date.now() - started;
    console.log(`      first page of hpc-10k visible ${firstPageMs} ms after the click`);
    const name = (await node.getAttribute('aria-label')) ?? '';
    assert.match(name, /^Node tvm-\S+, (idle|running|unusable|start task failed|offline|preempted|starting|rebooting|reimaging|leaving pool|waiting for start task|creating|unknown) · (dedicated|spot) · /);
    assert.doesNotMatch(name, /standard_hb120rs_v3/, 'the pool\'s VM size is not repeated on its nodes');
    await node.click();
    await screenshot('explorer-hpc-10k-node');
    const poolName = (await page.getByRole('treeitem', { name: /^Pool hpc-10k/ }).first().getAttribute('aria-label')) ?? '';
    assert.match(poolName, /^Pool hpc-10k, 7,000 of 7,000 dedicated nodes, 3,000 of 3,000 spot nodes, steady, [\d,]+ failing$/);
  });
});
