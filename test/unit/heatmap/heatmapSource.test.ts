/**
 * The heatmap's node source over real HTTPS against the emulator: the 10,000-node pool listed with the heatmap's
 * $select, legend counts equal to the pool's node counts, and a node the emulator moves to `unusable` found by the
 * diff of the next read. Also the `large` data set's 50,000-node pool.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SharedKeyAuthorizer } from '../../../src/azure/auth/sharedKeyAuthorizer';
import { BatchAccountClient } from '../../../src/azure/batch/batchAccountClient';
import { AzureHttpClient } from '../../../src/azure/http/azureHttpClient';
import { countStates, diffCells, HEATMAP_NODE_SELECT, toCells } from '../../../src/heatmap/heatmapModel';
import { batchHeatmapSource } from '../../../src/heatmap/heatmapSource';
import { buildDataSet } from '../../emulator/data/demo';
import { startEmulator, type Emulator } from '../../emulator/server';

function clientFor(emulator: Emulator, accountName: string): BatchAccountClient {
  const account = emulator.info.batchAccounts.find((a) => a.name === accountName)!;
  const http = new AzureHttpClient({ userAgent: 'azure-batch-operator-tests/0.0.0', transport: { ca: readFileSync(emulator.info.certificatePath, 'utf8') } });
  return new BatchAccountClient(http, { url: account.url, authorizer: new SharedKeyAuthorizer(account.name, () => account.primaryKey), apiVersion: '2025-06-01.21.0' });
}

describe('heatmap node source (emulator, HTTPS)', function () {
  this.timeout(60_000);
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({ quiet: true, data: 'demo' });
  });
  after(async () => {
    await emulator.stop();
  });

  it('lists all 10,000 nodes of hpc-10k with the heatmap $select, and its counts equal the pool node counts', async () => {
    const source = batchHeatmapSource(clientFor(emulator, 'contosohpc'));
    emulator.clearRequests();
    const signal = new AbortController().signal;
    const [nodes, poolCounts] = await Promise.all([source.listNodes('hpc-10k', signal), source.nodeCounts!('hpc-10k', signal)]);
    assert.equal(nodes.length, 10_000);
    const lists = emulator.requests({ path: /\/pools\/hpc-10k\/nodes$/ });
    assert.equal(lists.length, 10, 'ten pages of 1000');
    assert.equal(lists[0]!.query['$select'], HEATMAP_NODE_SELECT.join(','));
    const fields = new Set(nodes.flatMap((n) => Object.keys(n)));
    assert.deepEqual([...fields].sort(), [...HEATMAP_NODE_SELECT].sort(), 'the selected fields only (errors on nodes that have some)');
    const counts = countStates(toCells(nodes));
    const nonZero = Object.fromEntries(Object.entries(poolCounts!).filter(([, n]) => n > 0));
    assert.deepEqual(counts, nonZero);
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), 10_000);
  });

  it('finds a node that the emulator moved to unusable as the only changed cell of the next read', async () => {
    const source = batchHeatmapSource(clientFor(emulator, 'contosohpc'));
    const signal = new AbortController().signal;
    const before = toCells(await source.listNodes('hpc-10k', signal));
    const index = before.findIndex((c) => c.state === 'idle');
    emulator.setNodeState('contosohpc', 'hpc-10k', before[index]!.id, 'unusable');
    const after = toCells(await source.listNodes('hpc-10k', signal));
    assert.deepEqual(diffCells(before, after), { kind: 'cells', changed: [index] });
    assert.equal(after[index]!.state, 'unusable');
    assert.match(after[index]!.errors[0]!, /^DiskFull: /);
  });

  it('the large data set adds a 50,000-node pool and keeps the demo as it is', () => {
    const large = buildDataSet('large');
    const demo = buildDataSet('demo');
    const scale = large.accounts.get('contososcale')!.pools.get('hpc-50k')!;
    assert.equal(scale.nodes.length, 50_000);
    assert.equal(new Set(scale.nodes.map((n) => n.id)).size, 50_000);
    assert.equal(demo.accounts.has('contososcale'), false);
    for (const [name, account] of demo.accounts) {
      const same = large.accounts.get(name)!;
      assert.equal(same.primaryKey, account.primaryKey, name);
      assert.deepEqual([...same.pools.keys()], [...account.pools.keys()]);
    }
    assert.deepEqual(large.accounts.get('contosohpc')!.pools.get('hpc-10k')!.nodes.map((n) => n.id), demo.accounts.get('contosohpc')!.pools.get('hpc-10k')!.nodes.map((n) => n.id));
  });
});
