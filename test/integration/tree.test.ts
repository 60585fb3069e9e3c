import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PoolItem } from '../../src/tree/poolItem';
import { api, child, contextValue, children, description, emulator, label, labels, path, waitFor, withPrompts } from './helpers';

const PROD = 'Contoso Production';

describe('the explorer tree on the emulator', function () {
  this.timeout(120_000);

  beforeEach(async () => {
    await emulator().clearFaults();
    await emulator().clearRequests();
  });

  it('is signed in through the configured method and lists the subscriptions; signed out it is empty (welcome view)', async () => {
    api().tree.refresh();
    assert.deepEqual(await labels(), ['Contoso Production', 'Fabrikam Research']);
    assert.deepEqual(await labels(await path(PROD)), ['Batch Accounts', 'Compute Galleries']);

    const secret = process.env.AZURE_CLIENT_SECRET;
    try {
      // Without the service principal's secret the method yields no token: signed out, the tree is empty and the
      // welcome view (Sign in to Azure…, Attach Batch Account…, Choose Cloud…) shows.
      delete process.env.AZURE_CLIENT_SECRET;
      await vscode.workspace.getConfiguration('azureBatch').update('authentication.tenant', 'force-rebuild', vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('azureBatch').update('authentication.tenant', undefined, vscode.ConfigurationTarget.Global);
      api().tree.refresh();
      assert.deepEqual(await children(), []);
      const welcome = (vscode.extensions.getExtension('batch-operator.azure-batch-operator')!.packageJSON.contributes.viewsWelcome as { contents: string; when: string }[])
        .find((w) => w.when === '!azureBatch.signedIn')!;
      assert.ok(welcome, 'a welcome view for the signed-out state');
    } finally {
      process.env.AZURE_CLIENT_SECRET = secret;
      await vscode.workspace.getConfiguration('azureBatch').update('authentication.tenant', 'force-rebuild', vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('azureBatch').update('authentication.tenant', undefined, vscode.ConfigurationTarget.Global);
      api().tree.refresh();
    }
    assert.deepEqual(await labels(), ['Contoso Production', 'Fabrikam Research']);
  });

  it('shows account → pools (sizes, allocation state, node counts) → nodes (state, size, dedicated/spot, IP)', async () => {
    const account = await path(PROD, 'Batch Accounts', 'contosoprod');
    assert.match(await description(account), /westeurope/);
    assert.deepEqual(await labels(account), ['gpu-empty', 'linux-small', 'win-render']);
    const pool = await child(account, 'linux-small');
    assert.equal(await description(pool), '3 · 1 failing');
    assert.equal((await pool.getTreeItem()).accessibilityInformation?.label, 'Pool linux-small, 3 of 3 dedicated nodes, steady, 1 failing');
    assert.match(await description(await child(account, 'win-render')), /^200 · 50 spot · \d+ failing$/);
    assert.equal(await description(await child(account, 'gpu-empty')), 'no nodes');
    const poolTip = String(((await pool.getTreeItem()).tooltip as vscode.MarkdownString).value);
    assert.match(poolTip, /VM size: standard\\?_d2s\\?_v3 · Allocation: steady/, 'steady is in the tooltip');
    assert.match(poolTip, /\| \*\*start task failed\*\* \| 1 \| 0 \|/, 'the breakdown by state, dedicated/spot, in the tooltip');
    const nodes = await children(pool);
    assert.equal(nodes.length, 3);
    // A node row's tooltip is built on hover: VS Code asks the provider's resolveTreeItem for it.
    const rows = await Promise.all(nodes.map(async (n) => ({ label: await label(n), description: await description(n), item: api().tree.resolveTreeItem(await n.getTreeItem(), n) })));
    const failed = rows.find((r) => r.description.startsWith('start task failed'))!;
    assert.ok(failed, 'a start-task-failed node');
    assert.match(failed.description, /^start task failed · dedicated · 10\.\d+\.\d+\.\d+$/, 'no VM size: it is the pool\'s');
    assert.match(String((failed.item.tooltip as vscode.MarkdownString).value), /State: start task failed/);
    assert.doesNotMatch(String(failed.item.contextValue), /reimageable/);
    assert.match(String((failed.item.tooltip as vscode.MarkdownString).value), /\*\*[A-Za-z]+\*\*/, 'the node errors are in the tooltip');
    const idle = rows.find((r) => r.description.startsWith('idle'))!;
    assert.match(String(idle.item.contextValue), /\breimageable\b/);
    assert.equal((idle.item.iconPath as vscode.ThemeIcon).id, 'pass');
  });

  it('pages through the 10,000-node pool with Load more… and asks only for the shown fields ($select)', async () => {
    const pool = (await path(PROD, 'Batch Accounts', 'contosohpc', 'hpc-10k')) as PoolItem;
    api().tree.refresh(pool);
    let rows = await children(pool);
    assert.equal(rows.length, 1001, '1000 nodes and Load more…');
    assert.equal(await label(rows[1000]), 'Load more… (1,000 of 10,000)');
    for (let page = 2; page <= 10; page++) {
      await vscode.commands.executeCommand('azureBatch.loadMore', pool);
      assert.equal(api().lastCommandResult('azureBatch.loadMore')?.result, 'Succeeded');
    }
    rows = await children(pool);
    assert.equal(rows.length, 10_000, 'all nodes, no Load more…');
    const values = await Promise.all(rows.map(contextValue));
    assert.ok(values.every((v) => /\bazureBatchNode\b/.test(v)));
    assert.equal(new Set(rows.map((r) => r.id)).size, 10_000);
    const lists = await emulator().requests({ path: '/batch/contosohpc/pools/hpc-10k/nodes$', method: 'GET' });
    assert.equal(lists.length, 10);
    for (const request of lists) {
      assert.equal(request.query.$select, 'id,state,vmSize,isDedicated,ipAddress,errors,stateTransitionTime,schedulingState,startTaskInfo');
      assert.equal(request.query.maxresults, '1000');
    }
  });

  it('filters nodes by state on the server ($filter), remembers it and shows it on the pool', async () => {
    const pool = (await path('Fabrikam Research', 'Batch Accounts', 'fabrikamresearch', 'ml-train')) as PoolItem;
    let offered: readonly vscode.QuickPickItem[] = [];
    await withPrompts([(items) => {
      offered = items;
      return items.filter((i) => i.label === 'unusable' || i.label === 'preempted');
    }], () => vscode.commands.executeCommand('azureBatch.filterNodes', pool));
    assert.equal(api().lastCommandResult('azureBatch.filterNodes')?.result, 'Succeeded');
    assert.ok(offered.some((i) => i.label === 'start task failed'), 'states in words');
    const counted = offered.map((i) => Number(/^(\d+) nodes?$/.exec(i.description ?? '')?.[1] ?? NaN));
    assert.ok(counted.every((n) => Number.isInteger(n)), `a count per state: ${offered.map((i) => i.description).join(', ')}`);
    assert.equal(counted.reduce((a, b) => a + b, 0), 10, 'the counts per state add up to the pool\'s 10 nodes');
    const rows = await children(pool);
    const states = await Promise.all(rows.map(async (r) => (await description(r)).split(' · ')[0]));
    assert.deepEqual([...new Set(states)].sort(), ['preempted', 'unusable']);
    const item = await pool.getTreeItem();
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'filter-filled', 'the filter marker');
    assert.match(String(item.contextValue), /\bfiltered\b/);
    assert.match(String((item.tooltip as vscode.MarkdownString).value), /Filter: unusable, preempted/);
    const [request] = (await emulator().requests({ path: '/pools/ml-train/nodes$' })).slice(-1);
    assert.equal(request.query.$filter, "state eq 'unusable' or state eq 'preempted'");
    await vscode.commands.executeCommand('azureBatch.clearNodeFilter', pool);
    assert.equal(api().lastCommandResult('azureBatch.clearNodeFilter')?.result, 'Succeeded');
    assert.equal((await children(pool)).length, 10);
    const cleared = await pool.getTreeItem();
    assert.notEqual((cleared.iconPath as vscode.ThemeIcon).id, 'filter-filled', 'the marker is gone');
    assert.doesNotMatch(String(cleared.contextValue), /\bfiltered\b/, 'and so is the inline Clear Filter');
  });

  it('shows an error row on an injected 500 and recovers through Retry', async () => {
    const account = await path('Fabrikam Research', 'Batch Accounts', 'fabrikamresearch');
    await emulator().addFault({ route: '/batch/fabrikamresearch/pools$', kind: 'status', status: 500, count: 20 });
    api().tree.refresh(account);
    const [error] = await children(account);
    assert.match(await contextValue(error), /\bazureBatchError\b/, 'an error row');
    assert.match(await label(error), /500|InternalServerError|ServerError/i);
    const [retry] = await children(error);
    assert.equal(await label(retry), 'Retry');
    // The rest of the tree keeps working meanwhile.
    assert.deepEqual(await labels(await path(PROD, 'Batch Accounts', 'contosoprod')), ['gpu-empty', 'linux-small', 'win-render']);
    await emulator().clearFaults();
    const command = (await retry.getTreeItem()).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    assert.deepEqual(await labels(account), ['legacy-cs', 'ml-train']);
  });

  it('View Properties opens the full resource, fetched fresh, read-only JSON', async () => {
    const pool = await path(PROD, 'Batch Accounts', 'contosoprod', 'win-render');
    await emulator().clearRequests();
    await vscode.commands.executeCommand('azureBatch.viewProperties', pool);
    const editor = await waitFor(async () => vscode.window.activeTextEditor?.document.uri.scheme === 'azurebatch-properties' && vscode.window.activeTextEditor, 'the properties tab');
    const json = JSON.parse(editor.document.getText());
    assert.equal(json.id, 'win-render');
    assert.equal(json.vmSize, 'standard_d8s_v5');
    assert.ok(json.startTask?.commandLine, 'the full pool, not the list projection');
    assert.equal(editor.document.languageId, 'json');
    assert.equal((await emulator().requests({ path: '/pools/win-render$', method: 'GET' })).length, 1, 'fetched fresh');
    assert.notEqual(vscode.workspace.fs.isWritableFileSystem('azurebatch-properties'), true, 'nothing can save it back');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('lists a gallery’s image definitions with OS, state, generation, architecture and non-Succeeded provisioning', async () => {
    const galleries = await path('Fabrikam Research', 'Compute Galleries');
    const [gallery] = await children(galleries);
    const images = await children(gallery);
    const rows = Object.fromEntries(await Promise.all(images.map(async (i) => [await label(i), await description(i)])));
    assert.equal(rows['cuda-ubuntu-2204'], 'Linux · Generalized · V2 · x64');
    assert.equal(rows['alma-hpc-9'], 'Linux · Generalized · V2 · x64 · Failed');
    assert.equal(rows['win11-dev-specialized'], 'Windows · Specialized · V2 · x64');
    const prodImages = await labels(await child(await path(PROD, 'Compute Galleries'), /./));
    assert.ok(prodImages.includes('ubuntu-2204-arm64'));
  });

  it('attaches an account with a shared key (key in secret storage) and detaches it', async () => {
    const info = await emulator().info();
    const research = info.batchAccounts.find((a) => a.name === 'fabrikamresearch')!;
    const { prompts } = await withPrompts([research.url, 'Shared key', 'fabrikamresearch', research.primaryKey], () =>
      vscode.commands.executeCommand('azureBatch.attachAccount'));
    assert.equal(api().lastCommandResult('azureBatch.attachAccount')?.result, 'Succeeded', JSON.stringify(api().lastCommandResult('azureBatch.attachAccount')));
    assert.equal(prompts.length, 4);
    const attached = await path('Attached Accounts', 'fabrikamresearch');
    assert.match(await description(attached), /shared key/);
    assert.deepEqual(await labels(attached), ['legacy-cs', 'ml-train']);
    // (The subscription's own fabrikamresearch row lists its pools too, with a bearer token.)
    const signed = await emulator().requests({ path: '/batch/fabrikamresearch/pools$' });
    assert.ok(signed.some((r) => /^SharedKey fabrikamresearch:/.test(r.headers.authorization ?? '')), 'the attached account signs with its key');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('azureBatch')).includes(research.primaryKey), 'the key is not in settings');
    const { prompts: asked } = await withPrompts([undefined], () => vscode.commands.executeCommand('azureBatch.detachAccount', attached));
    assert.deepEqual(asked, ['warning:Detach Batch account fabrikamresearch?'], 'Detach asks once');
    assert.equal(api().lastCommandResult('azureBatch.detachAccount')?.result, 'Canceled');
    assert.ok((await labels()).includes('Attached Accounts'), 'kept when the question is dismissed');
    await withPrompts(['Detach'], () => vscode.commands.executeCommand('azureBatch.detachAccount', attached));
    assert.ok(!(await labels()).includes('Attached Accounts'));
  });

  it('shows the AZURE_BATCH_* account as attached, with shared key auth', async () => {
    const info = await emulator().info();
    const hpc = info.batchAccounts.find((a) => a.name === 'contosohpc')!;
    Object.assign(process.env, { AZURE_BATCH_ENDPOINT: hpc.accountEndpoint, AZURE_BATCH_ACCOUNT: hpc.name, AZURE_BATCH_ACCESS_KEY: hpc.primaryKey });
    try {
      api().tree.refresh();
      const account = await path('Attached Accounts', 'contosohpc');
      assert.deepEqual(await labels(account), ['hpc-10k']);
      const [last] = (await emulator().requests({ path: '/batch/contosohpc/pools$' })).slice(-1);
      assert.match(last.headers.authorization, /^SharedKey contosohpc:/);
    } finally {
      delete process.env.AZURE_BATCH_ENDPOINT;
      delete process.env.AZURE_BATCH_ACCOUNT;
      delete process.env.AZURE_BATCH_ACCESS_KEY;
      api().tree.refresh();
    }
  });
});
