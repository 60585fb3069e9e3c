import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import { api, children, contextValue, description, emulator, label, labels, path, waitFor, withPrompts } from './helpers';

const PROD = 'Contoso Production';
/** A quick-pick answer: the first offered item whose label matches. */
const pick = (want: RegExp) => (items: readonly vscode.QuickPickItem[]) => items.find((i) => want.test(i.label));

async function clipboardAfter(command: string, node: TreeNode): Promise<string> {
  await vscode.env.clipboard.writeText('(before)');
  await vscode.commands.executeCommand(command, node);
  assert.equal(api().lastCommandResult(command)?.result, 'Succeeded');
  return vscode.env.clipboard.readText();
}

describe('explorer commands on the emulator', function () {
  this.timeout(120_000);

  it('Copy ID and Copy URL put the resource ID (ARM or Batch) and its URL on the clipboard', async () => {
    const info = await emulator().info();
    const prod = info.batchAccounts.find((a) => a.name === 'contosoprod')!;
    const pool = await path(PROD, 'Batch Accounts', 'contosoprod', 'linux-small');
    assert.equal(await clipboardAfter('azureBatch.copyId', pool), 'linux-small');
    assert.equal(await clipboardAfter('azureBatch.copyUrl', pool), `${prod.url}/pools/linux-small`);
    const account = await path(PROD, 'Batch Accounts', 'contosoprod');
    assert.equal(await clipboardAfter('azureBatch.copyId', account), `/subscriptions/${prod.subscriptionId}/resourceGroups/${prod.resourceGroup}/providers/Microsoft.Batch/batchAccounts/contosoprod`);
    const image = await path(PROD, 'Compute Galleries', 'contosoImages', 'ubuntu-2204-batch');
    assert.match(await clipboardAfter('azureBatch.copyId', image), /\/providers\/Microsoft\.Compute\/galleries\/contosoImages\/images\/ubuntu-2204-batch$/);
  });

  it('Refresh fetches a node row again (its pool), and the whole tree from the view title', async () => {
    const pool = await path('Fabrikam Research', 'Batch Accounts', 'fabrikamresearch', 'ml-train');
    const [first] = await children(pool);
    const nodeId = await label(first!);
    const before = await description(first!);
    assert.doesNotMatch(before, /^offline/);
    await emulator().setNodeState('fabrikamresearch', 'ml-train', nodeId, 'offline');
    const live = () => api().tree.ctx.items.get(first!.id) ?? first!;
    assert.equal(await description(live()), before, 'the tree shows what it fetched until it is refreshed');
    await vscode.commands.executeCommand('azureBatch.refresh', first);
    assert.equal(api().lastCommandResult('azureBatch.refresh')?.result, 'Succeeded');
    const rows = await children(pool);
    const row = rows.find((r) => r.id === first!.id)!;
    assert.match(await description(row), /^offline/);

    await emulator().clearRequests();
    await vscode.commands.executeCommand('azureBatch.refresh');
    assert.deepEqual(await labels(), [PROD, 'Fabrikam Research']);
    assert.ok((await emulator().requests({ path: '^/subscriptions$', method: 'GET' })).length >= 1, 'the subscriptions were listed again');
  });

  it('shows at most 50 subscriptions with a "Select Subscriptions…" row, and Select Subscriptions… remembers the choice', async () => {
    const all = await emulator().addSubscriptions(53);
    assert.equal(all.length, 55);
    try {
      await vscode.commands.executeCommand('azureBatch.refresh');
      const rows = await children();
      const values = await Promise.all(rows.map(contextValue));
      assert.equal(values.filter((v) => /\bazureBatchSubscription\b/.test(v)).length, 50);
      const cap = rows[rows.length - 1]!;
      assert.equal(await label(cap), 'Showing 50 of 55 subscriptions: Select Subscriptions…');
      const command = (await cap.getTreeItem()).command!;
      assert.equal(command.command, 'azureBatch.selectSubscriptions');

      // The row runs the command; the picker offers every subscription with the 50 shown ones checked.
      let offered: readonly vscode.QuickPickItem[] = [];
      await withPrompts([(items) => {
        offered = items;
        return items.filter((i) => i.label === 'Fabrikam Research' || i.label === 'Extra Subscription 054');
      }], () => vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])));
      assert.equal(api().lastCommandResult('azureBatch.selectSubscriptions')?.result, 'Succeeded');
      assert.equal(offered.length, 55);
      assert.equal(offered.filter((i) => i.picked).length, 50);
      assert.deepEqual(await labels(), ['Extra Subscription 054', 'Fabrikam Research'], 'only the chosen ones, and no cap row');
    } finally {
      // Choose every subscription again (the choice is remembered across sessions).
      await withPrompts([(items) => [...items]], () => vscode.commands.executeCommand('azureBatch.selectSubscriptions'));
      await emulator().reset();
      await vscode.commands.executeCommand('azureBatch.refresh');
    }
    assert.deepEqual(await labels(), [PROD, 'Fabrikam Research']);
  });

  it('Choose Cloud… sets the cloud and, for a custom cloud, its three endpoints', async () => {
    const config = () => vscode.workspace.getConfiguration('azureBatch');
    const saved = {
      arm: config().get<string>('customCloud.resourceManagerEndpoint')!,
      aad: config().get<string>('customCloud.activeDirectoryEndpoint')!,
      batch: config().get<string>('customCloud.batchResourceId')!,
    };
    try {
      const { prompts } = await withPrompts(['AzureUSGovernment'], () => vscode.commands.executeCommand('azureBatch.chooseCloud'));
      assert.deepEqual(prompts, ['pick:Choose Cloud']);
      assert.equal(config().get('cloud'), 'AzureUSGovernment');

      // Back to the emulator as a custom cloud, typed as a person would (the boxes offer the last values).
      const arm = saved.arm.replace('127.0.0.1', 'localhost');
      const custom = await withPrompts(['custom', arm, saved.aad, saved.batch], () => vscode.commands.executeCommand('azureBatch.chooseCloud'));
      assert.equal(custom.prompts.length, 4, custom.prompts.join(' / '));
      assert.equal(config().get('cloud'), 'custom');
      assert.equal(config().get('customCloud.resourceManagerEndpoint'), arm);
      await emulator().clearRequests();
      await waitFor(async () => (await labels()).includes(PROD) && true, 'the subscriptions through the new endpoint');
      const listed = await emulator().requests({ path: '^/subscriptions$' });
      assert.ok(listed.some((r) => r.headers.host?.startsWith('localhost:')), 'the tree used the endpoint just chosen');
    } finally {
      await config().update('customCloud.resourceManagerEndpoint', saved.arm, vscode.ConfigurationTarget.Global);
      await config().update('cloud', 'custom', vscode.ConfigurationTarget.Global);
      api().tree.refresh();
    }
  });

  it('from the palette: Reimage… (pool, then nodes), Filter Nodes…, View Properties and Detach pick their target', async () => {
    // Reimage: a pool picker walks subscription → account → pool (no "Batch Accounts" level, no "Use <pool>" step; a
    // subscription's only account is opened without asking), then a multi-select of the pool's idle or running nodes.
    const poolWalk = [pick(/^Fabrikam Research$/), pick(/^ml-train$/)];
    let nodeId = '';
    const reimaged = await withPrompts([...poolWalk, (items) => {
      nodeId = items[0]!.label;
      return [items[0]!];
    }, 'requeue', 'Reimage'], () => vscode.commands.executeCommand<{ status: string }[]>('azureBatch.reimage'));
    assert.equal(api().lastCommandResult('azureBatch.reimage')?.result, 'Succeeded', reimaged.prompts.join(' / '));
    assert.deepEqual(reimaged.result?.map((o) => o.status), ['succeeded']);
    assert.equal((await emulator().requests({ path: `/pools/ml-train/nodes/${nodeId}/reimage$`, method: 'POST' })).length, 1);

    // Filter Nodes…: the same pool picker, then the states.
    await withPrompts([...poolWalk, ['unusable']], () => vscode.commands.executeCommand('azureBatch.filterNodes'));
    assert.equal(api().lastCommandResult('azureBatch.filterNodes')?.result, 'Succeeded');
    const pool = await path('Fabrikam Research', 'Batch Accounts', 'fabrikamresearch', 'ml-train');
    const filteredItem = await pool.getTreeItem();
    assert.match(String(filteredItem.contextValue), /\bfiltered\b/, 'the filter marker (and its inline Clear Filter)');
    assert.match(String((filteredItem.tooltip as vscode.MarkdownString).value), /Filter: unusable/);
    await emulator().clearRequests();
    await children(pool);
    const [filtered] = await emulator().requests({ path: '/pools/ml-train/nodes$' });
    assert.equal(filtered?.query.$filter, "state eq 'unusable'");
    await withPrompts([...poolWalk, []], () => vscode.commands.executeCommand('azureBatch.filterNodes'));

    // View Properties: any resource; an account opens to its pools with "Use contosoprod" on top.
    await withPrompts([pick(/^Contoso Production$/), pick(/^Batch Accounts$/), pick(/^contosoprod$/), pick(/Use contosoprod$/)], () => vscode.commands.executeCommand('azureBatch.viewProperties'));
    assert.equal(api().lastCommandResult('azureBatch.viewProperties')?.result, 'Succeeded');
    const editor = await waitFor(async () => vscode.window.activeTextEditor?.document.uri.scheme === 'azurebatch-properties' && vscode.window.activeTextEditor, 'the properties tab');
    assert.equal(JSON.parse(editor.document.getText()).name, 'contosoprod');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    // Detach: only attached accounts are offered.
    const info = await emulator().info();
    const research = info.batchAccounts.find((a) => a.name === 'fabrikamresearch')!;
    await withPrompts([research.url, 'Shared key', 'fabrikamresearch', research.primaryKey], () => vscode.commands.executeCommand('azureBatch.attachAccount'));
    assert.ok((await labels()).includes('Attached Accounts'));
    let offered: string[] = [];
    const detached = await withPrompts([pick(/^Attached Accounts$/), (items) => {
      offered = items.map((i) => i.label);
      return items[0];
    }, 'Detach'], () => vscode.commands.executeCommand('azureBatch.detachAccount'));
    assert.equal(detached.prompts.at(-1), 'warning:Detach Batch account fabrikamresearch?', 'Detach asks to confirm');
    assert.equal(api().lastCommandResult('azureBatch.detachAccount')?.result, 'Succeeded');
    assert.deepEqual(offered, ['fabrikamresearch']);
    assert.ok(!(await labels()).includes('Attached Accounts'));
  });
});
