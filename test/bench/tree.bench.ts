/**
 * The first page of the 10,000-node pool as the tree asks for it: time to the first 1000 nodes, and bytes on the
 * wire per page with and without $select.
 */
import { NODE_SELECT } from '../../src/tree/nodeSelect';
import { startEmulator } from '../emulator/server';
import { batchClientFor, report } from './benchSupport';

async function main(): Promise<void> {
  const emulator = await startEmulator({ quiet: true, data: 'demo' });
  try {
    const client = batchClientFor(emulator, 'contosohpc');
    await client.listNodesPage('hpc-10k', { maxResults: 1 }); // warm the connection
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const page = await client.listNodesPage('hpc-10k', { select: NODE_SELECT.split(','), maxResults: 1000 });
      runs.push(performance.now() - started);
      if (page.items.length !== 1000) {
        throw new Error(`expected 1000 nodes, got ${page.items.length}`);
      }
    }
    runs.sort((a, b) => a - b);
    report('hpc-10k first page (1000 nodes, $select), median of 5', runs[2], 'ms', `min ${runs[0].toFixed(0)} ms, max ${runs[4].toFixed(0)} ms`);
    emulator.clearRequests();
    await client.listNodesPage('hpc-10k', { select: NODE_SELECT.split(','), maxResults: 1000 });
    await client.listNodesPage('hpc-10k', { maxResults: 1000 });
    const [selected, full] = emulator.requests({ path: /\/pools\/hpc-10k\/nodes$/ });
    report('bytes per 1000-node page with $select', selected.responseBytes / 1024, 'KiB');
    report('bytes per 1000-node page without $select', full.responseBytes / 1024, 'KiB', `${(full.responseBytes / selected.responseBytes).toFixed(1)}x more`);
  } finally {
    await emulator.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
