import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, children, contextValue, emulator, label, labels, path, withPrompts } from './helpers';

describe('sign out', function () {
  this.timeout(60_000);

  it('stops every use of the account’s tokens (an attached Entra ID account shows Sign in…) until Sign in', async () => {
    const info = await emulator().info();
    const prod = info.batchAccounts.find((a) => a.name === 'contosoprod')!;
    await withPrompts([prod.url, 'Microsoft Entra ID', 'contosoprod'], () => vscode.commands.executeCommand('azureBatch.attachAccount'));
    try {
      assert.deepEqual(await labels(await path('Attached Accounts', 'contosoprod')), ['gpu-empty', 'linux-small', 'win-render']);

      await vscode.commands.executeCommand('azureBatch.signOut');
      assert.deepEqual(await labels(), ['Sign in to Azure…', 'Attached Accounts']);
      await emulator().clearRequests();
      const account = await path('Attached Accounts', 'contosoprod');
      const [error] = await children(account);
      assert.match(await contextValue(error), /\bazureBatchError\b/);
      assert.match(await label(error), /signed out/i);
      assert.deepEqual(await labels(error), ['Retry', 'Sign in…']);
      assert.equal((await emulator().requests({ path: '/batch/contosoprod/' })).length, 0, 'no request carried a token');

      await vscode.commands.executeCommand('azureBatch.signIn');
      assert.equal(api().lastCommandResult('azureBatch.signIn')?.result, 'Succeeded');
      assert.deepEqual(await labels(await path('Attached Accounts', 'contosoprod')), ['gpu-empty', 'linux-small', 'win-render']);
    } finally {
      const attached = await path('Attached Accounts', 'contosoprod').catch(() => undefined);
      if (attached) {
        await withPrompts(['Detach'], () => vscode.commands.executeCommand('azureBatch.detachAccount', attached));
      }
      api().tree.refresh();
    }
  });
});
