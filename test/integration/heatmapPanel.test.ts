/**
 * The heatmap panel's host side in real VS Code: the panel opened directly (its command and menus come with the
 * tree wiring), reading the emulator's 10,000-node pool over HTTPS; the real webview page loads under the CSP, says
 * ready, validates and draws what the host sends and reports it back (`rendered`).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { SharedKeyAuthorizer } from '../../src/azure/auth/sharedKeyAuthorizer';
import { BatchAccountClient } from '../../src/azure/batch/batchAccountClient';
import { AzureHttpClient } from '../../src/azure/http/azureHttpClient';
import { countStates, poolCountsByState } from '../../src/heatmap/heatmapModel';
import type { HeatmapRenderedMessage } from '../../src/heatmap/heatmapProtocol';
import { batchHeatmapSource } from '../../src/heatmap/heatmapSource';
import { HeatmapPanel } from '../../src/webviews/heatmap/heatmapPanel';
import { extensionId } from '../harness/paths';
import { emulator, waitFor } from './helpers';

async function hpcClient(): Promise<BatchAccountClient> {
  const info = await emulator().info();
  const account = info.batchAccounts.find((a) => a.name === 'contosohpc')!;
  const http = new AzureHttpClient({ userAgent: 'azure-batch-operator-tests/0.0.0', transport: { ca: readFileSync(info.certificatePath, 'utf8') } });
  return new BatchAccountClient(http, { url: account.url, authorizer: new SharedKeyAuthorizer(account.name, () => account.primaryKey), apiVersion: '2025-06-01.21.0' });
}

describe('heatmap panel (host side, real webview)', function () {
  this.timeout(120_000);
  let panel: HeatmapPanel | undefined;
  let client: BatchAccountClient;
  const rendered: HeatmapRenderedMessage[] = [];
  const log = vscode.window.createOutputChannel('Heatmap tests', { log: true });

  before(async () => {
    client = await hpcClient();
    panel = HeatmapPanel.open({ extensionUri: vscode.extensions.getExtension(extensionId)!.extensionUri, log, poolId: 'hpc-10k', source: batchHeatmapSource(client) });
    panel.onDidRender((m) => rendered.push(m));
  });

  after(async () => {
    panel?.dispose();
    log.dispose();
    await emulator().clearFaults();
    await emulator().reset();
  });

  it('opens "Heatmap: hpc-10k"; the page draws all 10,000 nodes, counted as the pool\'s node counts', async () => {
    assert.equal(panel!.panel.title, 'Heatmap: hpc-10k');
    const first = await waitFor(async () => rendered.find((m) => m.kind === 'snapshot'), 'the page to draw the first snapshot', 60_000);
    assert.equal(first.cells, 10_000);
    const [pool] = await client.listPoolNodeCounts({ filter: "poolId eq 'hpc-10k'" });
    const expected = Object.fromEntries(Object.entries(poolCountsByState(pool as never)).filter(([, n]) => n > 0));
    assert.deepEqual(countStates(panel!.snapshot), expected);
    assert.match(panel!.statusLine?.text ?? '', /^Updated .*; refreshes every 10 s while visible\.$/);
  });

  it('a node the emulator moves to unusable reaches the page as the one changed cell of the next refresh', async () => {
    const index = panel!.snapshot.findIndex((c) => c.state === 'idle');
    const nodeId = panel!.snapshot[index]!.id;
    await emulator().setNodeState('contosohpc', 'hpc-10k', nodeId, 'unusable');
    const from = rendered.length;
    await panel!.refresh();
    const update = await waitFor(async () => rendered.slice(from).find((m) => m.kind === 'changes' && m.cells > 0), 'the page to draw the change', 30_000);
    assert.equal(update.cells, 1);
    assert.equal(panel!.snapshot[index]!.state, 'unusable');
    assert.match(panel!.snapshot[index]!.errors[0] ?? '', /^DiskFull: /);
  });

  it('a throttled read (429 with Retry-After) is shown with what failed and when it retries; the next success clears it', async () => {
    await emulator().addFault({ kind: 'status', status: 429, retryAfterSeconds: 120, route: '/pools/hpc-10k/nodes$' });
    await panel!.refresh();
    const line = panel!.statusLine!;
    assert.equal(line.severity, 'warning');
    assert.match(line.text, /throttling/);
    assert.match(line.text, /HTTP 429/);
    assert.match(line.text, /Retrying at /);
    await emulator().clearFaults();
    await panel!.refresh();
    assert.equal(panel!.statusLine!.severity, 'info');
  });
});
