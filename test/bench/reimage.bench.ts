/**
 * Wall time of reimaging 500 nodes with concurrency 8 against sequentially, at 50 ms emulator latency per request
 * (each node: one GET to re-read its state, one POST), with a burst of 429s (Retry-After 100 ms, 20 answers) at the
 * start of every run. Runs alternate (concurrent, sequential) three times on fresh nodes; medians, min and max.
 * Real HTTPS to the emulator, the product's runner and client.
 */
import { runReimage, type ReimageTarget } from '../../src/reimage/reimageRunner';
import { startEmulator } from '../emulator/server';
import { batchClientFor } from './benchSupport';
import { benchRow, median } from './benchTable';

const RUNS = 3;
const NODES = 500;

async function main(): Promise<void> {
  const emulator = await startEmulator({ quiet: true, data: 'demo', nodeTransitionMs: 600_000 });
  try {
    const client = batchClientFor(emulator, 'contosohpc');
    const ready: ReimageTarget[] = [];
    for await (const page of client.iterateNodePages('hpc-10k', { filter: "state eq 'idle' or state eq 'running'", select: ['id'], maxResults: 1000 })) {
      ready.push(...page.items.map((n) => ({ poolId: 'hpc-10k', nodeId: n.id! })));
      if (ready.length >= 2 * RUNS * NODES) {
        break;
      }
    }
    if (ready.length < 2 * RUNS * NODES) {
      throw new Error(`only ${ready.length} ready nodes`);
    }
    emulator.addFault({ kind: 'latency', delayMs: 50 });
    const api = {
      nodeState: async (t: ReimageTarget, signal: AbortSignal) => (await client.getNode(t.poolId, t.nodeId, { select: ['id', 'state'], abortSignal: signal })).state,
      reimage: async (t: ReimageTarget) => {
        await client.reimageNode(t.poolId, t.nodeId, 'requeue', { maxRetries: 0 });
      },
    };
    const times: Record<'concurrent' | 'sequential', number[]> = { concurrent: [], sequential: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const [name, concurrency] of [['concurrent', 8], ['sequential', 1]] as const) {
        const targets = ready.splice(0, NODES);
        emulator.addFault({ route: '/reimage$', method: 'POST', kind: 'status', status: 429, retryAfterMs: 100, count: 20 });
        const started = performance.now();
        const outcomes = await runReimage(targets, 'requeue', api, { concurrency });
        times[name].push(performance.now() - started);
        const ok = outcomes.filter((o) => o.status === 'succeeded').length;
        if (ok !== NODES) {
          throw new Error(`${name}: ${ok}/${NODES} accepted`);
        }
      }
    }
    const speedup = median(times.sequential) / median(times.concurrent);
    benchRow(`reimage ${NODES} nodes, concurrency 8, 50 ms latency, 429 bursts`, 'ms', times.concurrent, {
      ratio: `${speedup.toFixed(1)}x faster than sequential`,
      goal: '≥ 7x sequential',
      met: speedup >= 7,
    });
    benchRow(`reimage ${NODES} nodes, sequential (baseline)`, 'ms', times.sequential);
  } finally {
    await emulator.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
