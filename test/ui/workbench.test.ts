import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { screenshot, uiSession } from '../harness/uiSession';
import { openAzureBatch } from './actions';

describe('the Azure Batch container in the workbench', () => {
  it('opens from the activity bar and shows the view', async () => {
    const { page } = uiSession().workbench;
    await openAzureBatch(page);
    const title = await page.locator('.part.sidebar .composite.title h2').first().innerText();
    assert.match(title, /azure batch/i);
    const file = await screenshot('workbench-azure-batch-container');
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot holds a rendered workbench');
  });
});
