import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, children, contextValue, label, path, waitFor } from './helpers';

const PROD = 'Contoso Production';

describe('Open in Portal', function () {
  this.timeout(60_000);

  it('opens accounts, pools, galleries and image definitions in the portal of the chosen cloud (links captured, not opened)', async () => {
    const opened = api().captureOpenExternal();
    const config = vscode.workspace.getConfiguration('azureBatch');
    const account = await path(PROD, 'Batch Accounts', 'contosoprod');
    // The tests run on a custom cloud (the emulator): without its portal's address there is no link, and it says why.
    await vscode.commands.executeCommand('azureBatch.openInPortal', account);
    const refused = api().lastCommandResult('azureBatch.openInPortal');
    assert.equal(refused?.result, 'Failed');
    assert.match(refused?.message ?? '', /azureBatch\.customCloud\.portalEndpoint is empty/);
    assert.equal(opened.length, 0);

    await config.update('customCloud.portalEndpoint', 'https://portal.contoso-cloud.example/', vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('azureBatch.openInPortal', account);
      assert.equal(api().lastCommandResult('azureBatch.openInPortal')?.result, 'Succeeded');
      assert.match(opened[0], /^https:\/\/portal\.contoso-cloud\.example\/#@\/resource\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Batch\/batchAccounts\/contosoprod$/);

      const pool = await path(PROD, 'Batch Accounts', 'contosoprod', 'linux-small');
      assert.match(await contextValue(pool), /\bportal\b/, 'offered on the pool of an account with an ARM id');
      await vscode.commands.executeCommand('azureBatch.openInPortal', pool);
      assert.equal(opened[1], `${opened[0]}/pools`, 'a pool opens its account\'s Pools blade');

      const gallery = await path(PROD, 'Compute Galleries', 'contosoImages');
      await vscode.commands.executeCommand('azureBatch.openInPortal', gallery);
      assert.match(opened[2], /\/providers\/Microsoft\.Compute\/galleries\/contosoImages$/);
      const [image] = await children(gallery);
      await vscode.commands.executeCommand('azureBatch.openInPortal', image);
      assert.match(opened[3], new RegExp(`/galleries/contosoImages/images/${await label(image)}$`));
      assert.equal(opened.length, 4);
    } finally {
      await config.update('customCloud.portalEndpoint', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('offers Open Settings when the custom cloud’s portal is not known: it opens the Settings editor at azureBatch.customCloud.portalEndpoint', async () => {
    const opened = api().captureOpenExternal();
    const window = vscode.window as unknown as Record<string, unknown>;
    const commands = vscode.commands as unknown as Record<string, unknown>;
    const saved = { showErrorMessage: window.showErrorMessage, executeCommand: commands.executeCommand };
    const shown: { text: string; buttons: unknown[] }[] = [];
    const ran: unknown[][] = [];
    window.showErrorMessage = async (text: string, ...buttons: unknown[]) => {
      shown.push({ text, buttons });
      return 'Open Settings'; // the person clicks the button
    };
    commands.executeCommand = (...args: unknown[]) => {
      ran.push(args);
      return (saved.executeCommand as (...a: unknown[]) => Thenable<unknown>)(...args);
    };
    try {
      const account = await path(PROD, 'Batch Accounts', 'contosoprod');
      await vscode.commands.executeCommand('azureBatch.openInPortal', account);
      assert.equal(api().lastCommandResult('azureBatch.openInPortal')?.result, 'Failed');
      assert.equal(shown.length, 1);
      assert.match(shown[0]!.text, /^Open in Portal failed: The Azure portal of this custom cloud is not known: azureBatch\.customCloud\.portalEndpoint is empty\. Set it to the portal’s https:\/\/ address\.$/);
      assert.deepEqual(shown[0]!.buttons, ['Open Settings', 'Show Log']);
      const settings = await waitFor(async () => ran.find((args) => args[0] === 'workbench.action.openSettings'), 'Open Settings runs');
      assert.deepEqual(settings, ['workbench.action.openSettings', 'azureBatch.customCloud.portalEndpoint']);
      const tab = await waitFor(async () => {
        const active = vscode.window.tabGroups.activeTabGroup.activeTab;
        return active?.label === 'Settings' ? active : undefined;
      }, 'the Settings editor');
      await vscode.window.tabGroups.close(tab);
      assert.equal(opened.length, 0, 'no link was opened');
    } finally {
      window.showErrorMessage = saved.showErrorMessage;
      commands.executeCommand = saved.executeCommand;
    }
  });
});
