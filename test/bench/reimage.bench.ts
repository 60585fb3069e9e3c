/**
 * Wall time of reimaging 500 nodes with concurrency 8 against sequentially, at 50 ms emulator latency per request
 * (each node: one GET to re-read its state, one POST). Real HTTPS to the emulator, the product's runner and client.
 */
import { runReimage, type ReimageTarget } from '../../src/reimage/reimageRunner';
import { startEmulator } from '../emulator/server';
import { batchClientFor, report } from './benchSupport';

async function main(): Promise<void> {
  const emulator = await startEmulator({ quiet: true, data: 'demo', nodeTransitionMs: 60_000 });
  try {
    const client = batchClientFor(emulator, 'contosohpc');
    const ready: ReimageTarget[] = [];
    for await (const page of client.iterateNodePages('hpc-10k', { filter: "state eq 'idle' or state eq 'running'", select: ['id'], maxResults: 1000 })) {
      ready.push(...page.items.map((n) => ({ poolId: 'hpc-10k', nodeId: n.id! })));
      if (ready.length >= 1000) {
        break;
      }
    }
    emulator.addFault({ kind: 'latency', delayMs: 50 });
    const api = {
      nodeState: async (t: ReimageTarget, signal: AbortSignal) => (await client.getNode(t.poolId, t.nodeId, { select: ['id', 'state'], abortSignal: signal })).state,
      reimage: async (t: ReimageTarget) => {
        await client.reimageNode(t.poolId, t.nodeId, 'requeue', { maxRetries: 0 });
      },
    };
    const results: Record<string, number> = {};
    for (const [name, concurrency, targets] of [['concurrency 8', 8, ready.slice(0, 500)], ['sequential', 1, ready.slice(500, 1000)]] as const) {
      const started = performance.now();
      const outcomes = await runReimage(targets, 'requeue', api, { concurrency });
      const ms = performance.now() - started;
      const ok = outcomes.filter((o) => o.status === 'succeeded').length;
      results[name] = ms;
      report(`reimage 500 nodes, ${name}, 50 ms latency`, ms, 'ms', `${ok}/500 accepted`);
    }
    report('reimage speed-up of concurrency 8 over sequential', results['sequential'] / results['concurrency 8'], 'x');
  } finally {
    await emulator.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
