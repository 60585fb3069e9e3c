/**
 * "Show Heatmap" in real VS Code against the emulator: the command on the tree's hpc-10k row opens one panel per
 * pool (through the services gateway), its counts equal the emulator's node counts, a node the emulator moves to
 * unusable arrives with the next timed refresh (refreshSeconds = 2), and Reimage… driven with the context argument
 * the page sets on a cell (`data-vscode-context`) sends the reimage for that node.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { SharedKeyAuthorizer } from '../../src/azure/auth/sharedKeyAuthorizer';
import { BatchAccountClient } from '../../src/azure/batch/batchAccountClient';
import { AzureHttpClient } from '../../src/azure/http/azureHttpClient';
import { countStates, poolCountsByState } from '../../src/heatmap/heatmapModel';
import type { HeatmapMenuContext, HeatmapRenderedMessage } from '../../src/heatmap/heatmapProtocol';
import type { PoolItem } from '../../src/tree/poolItem';
import type { HeatmapPanel } from '../../src/webviews/heatmap/heatmapPanel';
import { api, emulator, path, waitFor, withPrompts } from './helpers';

/** The emulator's own node counts of hpc-10k (GET /nodecounts, read apart from the extension). */
async function emulatorCounts(): Promise<Record<string, number>> {
  const info = await emulator().info();
  const account = info.batchAccounts.find((a) => a.name === 'contosohpc')!;
  const http = new AzureHttpClient({ userAgent: 'azure-batch-operator-tests/0.0.0', transport: { ca: readFileSync(info.certificatePath, 'utf8') } });
  const client = new BatchAccountClient(http, { url: account.url, authorizer: new SharedKeyAuthorizer(account.name, () => account.primaryKey), apiVersion: '2025-06-01.21.0' });
  const [pool] = await client.listPoolNodeCounts({ filter: "poolId eq 'hpc-10k'" });
  return Object.fromEntries(Object.entries(poolCountsByState(pool as never)).filter(([, n]) => n > 0));
}

describe('Show Heatmap (command, tree, node commands)', function () {
  this.timeout(180_000);
  let pool: PoolItem;
  let panel: HeatmapPanel;
  const rendered: HeatmapRenderedMessage[] = [];
  const settings = () => vscode.workspace.getConfiguration('azureBatch');

  before(async () => {
    await api().reimage.stopFollowers();
    await emulator().clearFaults();
    await emulator().reset();
    api().tree.refresh();
    await settings().update('heatmap.refreshSeconds', 2, vscode.ConfigurationTarget.Global);
    pool = (await path('Contoso Production', 'Batch Accounts', 'contosohpc', 'hpc-10k')) as PoolItem;
    await vscode.commands.executeCommand('azureBatch.showHeatmap', pool);
    panel = api().heatmaps.find(pool.parent.account.key, 'hpc-10k')!;
    assert.ok(panel, 'Show Heatmap opened a heatmap of hpc-10k');
    panel.onDidRender((m) => rendered.push(m));
  });

  after(async () => {
    for (const open of api().heatmaps.all()) {
      open.dispose();
    }
    await settings().update('heatmap.refreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await api().reimage.stopFollowers();
    await emulator().reset();
  });

  it('opens "Heatmap: hpc-10k" once: a second Show Heatmap reveals the same panel', async () => {
    assert.equal(panel.panel.title, 'Heatmap: hpc-10k');
    await vscode.commands.executeCommand('azureBatch.showHeatmap', pool);
    assert.equal(api().heatmaps.all().length, 1);
    assert.equal(api().heatmaps.find(pool.parent.account.key, 'hpc-10k'), panel);
    assert.equal(api().lastCommandResult('azureBatch.showHeatmap')?.result, 'Succeeded');
  });

  it('draws all 10,000 nodes; the counts per state equal the emulator\'s node counts of the pool', async () => {
    const first = await waitFor(async () => rendered.find((m) => m.kind === 'snapshot'), 'the page to draw the first snapshot', 90_000);
    assert.equal(first.cells, 10_000);
    const expected = await emulatorCounts();
    assert.equal(Object.values(expected).reduce((a, b) => a + b, 0), 10_000);
    assert.deepEqual(countStates(panel.snapshot), expected);
  });

  it('a node the emulator moves to unusable changes on the next timed refresh (refreshSeconds = 2)', async () => {
    const index = panel.snapshot.findIndex((c) => c.state === 'idle');
    const nodeId = panel.snapshot[index]!.id;
    const from = rendered.length;
    await emulator().setNodeState('contosohpc', 'hpc-10k', nodeId, 'unusable');
    const update = await waitFor(async () => rendered.slice(from).find((m) => m.kind === 'changes' && m.cells > 0), 'a timed refresh to draw the change', 30_000);
    assert.equal(update.cells, 1);
    assert.equal(panel.snapshot[index]!.state, 'unusable');
  });

  it('Reimage… with the context a cell sets sends the reimage for that node, and the heatmap marks it', async () => {
    const node = panel.snapshot.find((c) => c.state === 'idle')!;
    const context: HeatmapMenuContext = {
      webviewSection: 'heatmapNode', preventDefaultContextMenuItems: true, accountKey: pool.parent.account.key, poolId: 'hpc-10k', nodeIds: [node.id], nodeCount: 1,
    };
    await emulator().clearRequests();
    const { result, prompts } = await withPrompts(['requeue', 'Reimage'], () =>
      vscode.commands.executeCommand<{ status: string; target: { nodeId: string } }[] | undefined>('azureBatch.reimage', context));
    assert.deepEqual(result?.map((o) => [o.status, o.target.nodeId]), [['succeeded', node.id]], JSON.stringify(api().lastCommandResult('azureBatch.reimage')));
    assert.ok(prompts.includes(`warning:Reimage node ${node.id} of pool hpc-10k?`), prompts.join(' | '));
    const posts = await emulator().requests({ path: '/pools/hpc-10k/nodes/[^/]+/reimage$', method: 'POST' });
    assert.deepEqual(posts.map((p) => [p.path.replace(/\?.*$/, '').split('/').at(-2), p.status]), [[node.id, 202]]);
    assert.ok((await emulator().getNode('contosohpc', 'hpc-10k', node.id)).reimages.length >= 1);
    assert.deepEqual(Object.keys(panel.pendingOperations), [node.id], 'the heatmap marks the node the follower watches');
    await api().reimage.stopFollowers();
    assert.deepEqual(panel.pendingOperations, {}, 'the mark goes when following ends');
  });

  it('a click on a cell selects and reveals its node in the explorer, loading the pool\'s pages up to it', async () => {
    const nodeId = panel.snapshot[2_500]!.id; // on the third page of 1,000
    // What the page posts on a plain click, through the panel's own validation and handling.
    (panel as unknown as { receive(raw: unknown): void }).receive({ type: 'reveal', nodeId });
    const rowId = `${pool.id}/nodes/${nodeId}`;
    await waitFor(async () => api().treeView.selection.some((n) => n.id === rowId), `the explorer to select ${rowId}`, 60_000);
    const shown = api().tree.ctx.items.get(pool.id) as PoolItem; // the pool row the view shows
    assert.ok(shown.loadedNodes.length >= 2_501, `${shown.loadedNodes.length} nodes loaded`);
  });
});
