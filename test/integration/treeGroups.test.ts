import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, children, contextValue, description, emulator, label, labels, path, waitFor } from './helpers';

describe('image versions and state groups in the tree', function () {
  this.timeout(180_000);

  it('lists image versions a page at a time, Copy ID on one, "No image versions", and an error row with Retry', async () => {
    const definition = await path('Contoso Production', 'Compute Galleries', 'contosoImages', 'ubuntu-2204-batch');
    let rows = await labels(definition);
    for (let i = 0; i < 5 && rows.some((l) => l.startsWith('Load more…')); i++) {
      await vscode.commands.executeCommand('azureBatch.loadMore', definition);
      rows = await labels(definition);
    }
    assert.deepEqual(rows, ['1.0.0', '1.1.0', '1.2.0']);
    const versions = await children(definition);
    assert.equal(await contextValue(versions[0]!), 'imageVersion');
    assert.equal(await description(versions[0]!), 'succeeded · end of life', 'ended 2025-04-30');
    assert.equal(await description(versions[2]!), 'succeeded');
    await vscode.env.clipboard.writeText('(before)');
    await vscode.commands.executeCommand('azureBatch.copyId', versions[2]);
    assert.match(await vscode.env.clipboard.readText(), /\/galleries\/contosoImages\/images\/ubuntu-2204-batch\/versions\/1\.2\.0$/);

    const empty = await path('Fabrikam Research', 'Compute Galleries', 'fabrikam_ml_gallery', 'win11-dev-specialized');
    assert.deepEqual(await labels(empty), ['No image versions']);
    const failed = await path('Fabrikam Research', 'Compute Galleries', 'fabrikam_ml_gallery', 'alma-hpc-9');
    assert.deepEqual(await Promise.all((await children(failed)).map(async (v) => `${await label(v)} ${await description(v)}`)), ['9.3.0 failed']);

    await emulator().addFault({ route: '/images/rhel9-specialized/versions$', method: 'GET', kind: 'status', status: 403, count: 20 });
    const broken = await path('Contoso Production', 'Compute Galleries', 'contosoImages', 'rhel9-specialized');
    const [error] = await children(broken);
    assert.equal(await contextValue(error!), 'azureBatchError');
    assert.match(await label(error!), /403|AuthorizationFailed|not authorized/i);
    assert.deepEqual(await labels(error), ['Retry']);
    await emulator().clearFaults();
  });

  it('groups nodes by state with azureBatch.nodes.groupBy: a row per state with its count, each loading its nodes with $filter', async () => {
    const config = vscode.workspace.getConfiguration('azureBatch');
    await config.update('nodes.groupBy', 'state', vscode.ConfigurationTarget.Global);
    try {
      const pool = await path('Contoso Production', 'Batch Accounts', 'contosohpc', 'hpc-10k');
      const groups = await waitFor(async () => {
        const rows = await labels(pool);
        return rows.includes('Idle (5,244)') && rows;
      }, 'the state groups');
      assert.ok(groups.includes('Start task failed (268)'), groups.join(', '));
      assert.ok(groups.every((g) => /^[A-Z][a-zA-Z ]+ \([\d,]+\)$/.test(g)), groups.join(', '));
      await emulator().clearRequests();
      const idle = await path('Contoso Production', 'Batch Accounts', 'contosohpc', 'hpc-10k', 'Idle (5,244)');
      const nodes = await labels(idle);
      assert.equal(nodes.length, 1_001);
      assert.equal(nodes.at(-1), 'Load more… (1,000 of 5,244)');
      const [request] = await emulator().requests({ path: '/pools/hpc-10k/nodes$', method: 'GET' });
      assert.equal(request!.query['$filter'], "state eq 'idle'");
      await vscode.commands.executeCommand('azureBatch.loadMore', idle);
      assert.equal((await labels(idle)).at(-1), 'Load more… (2,000 of 5,244)');
      assert.equal(api().tree.getParent((await children(idle))[0]!), idle, 'a node is shown under its group');
    } finally {
      await config.update('nodes.groupBy', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
