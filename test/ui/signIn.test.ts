import * as assert from 'node:assert/strict';
import { screenshot, uiSession } from '../harness/uiSession';
import { openAzureBatch } from './actions';

describe('signing out and in', () => {
  it('shows the welcome view with its links when signed out, and the subscriptions after Sign in to Azure…', async () => {
    const { page } = uiSession().workbench;
    await openAzureBatch(page);
    await page.getByRole('treeitem', { name: /^Subscription Contoso Production/ }).waitFor({ state: 'visible', timeout: 60_000 });

    // Sign out from the view's "…" menu, as a person would.
    await page.locator('.part.sidebar').getByRole('button', { name: /^(More Actions|Views and More Actions)/ }).first().click();
    await page.getByRole('menuitem', { name: /^Sign out/ }).click();
    const welcome = page.locator('.part.sidebar .welcome-view-content');
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    const links = await welcome.getByRole('button').allInnerTexts();
    assert.deepEqual(links.map((l) => l.trim()), ['Sign in to Azure…', 'Attach Batch Account…', 'Choose Cloud…']);
    await screenshot('welcome-signed-out');

    await welcome.getByRole('button', { name: 'Sign in to Azure…' }).click();
    await page.getByRole('treeitem', { name: /^Subscription Contoso Production/ }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await welcome.isVisible(), false);
  });
});
