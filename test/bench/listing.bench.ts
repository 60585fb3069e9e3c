/**
 * Listing the 10,000-node pool, 10 pages of 1000 at 20 ms emulator latency per request: the project's client against,
 * in the same process and interleaved, a bare undici loop (same agent settings, SharedKey signed, JSON parsed, next
 * link followed). Real HTTPS to the emulator.
 * @azure/batch (10.2.0, in node_modules as the SharedKey oracle of the unit tests) is NOT compared here: its URL builder
 * drops the operation path when the Batch URL has a path of its own (the emulator serves accounts under
 * /batch/<account>): it requests `…/batch/contosohpc?api-version=…` and gets 404.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { sharedKeyAuthorizationHeader } from '../../src/azure/auth/sharedKeySignature';
import { startEmulator } from '../emulator/server';
import { batchClientFor } from './benchSupport';
import { benchRow, median } from './benchTable';

const POOL = 'hpc-10k';
const PAGE = 1000;
const RUNS = 5;

async function main(): Promise<void> {
  const emulator = await startEmulator({ quiet: true, data: 'demo' });
  try {
    const account = emulator.info.batchAccounts.find((a) => a.name === 'contosohpc')!;
    const ca = readFileSync(emulator.info.certificatePath, 'utf8');
    const client = batchClientFor(emulator, 'contosohpc');
    const agent = new Agent({ connect: { ca }, keepAliveTimeout: 30_000 });

    const project = async () => {
      let n = 0;
      for await (const page of client.iterateNodePages(POOL, { maxResults: PAGE })) {
        n += page.items.length;
      }
      return n;
    };
    const bare = async () => {
      let n = 0;
      let next: string | undefined = `${account.url}/pools/${POOL}/nodes?api-version=2025-06-01.21.0&maxresults=${PAGE}`;
      while (next) {
        const url = new URL(next);
        const headers: Record<string, string> = { 'ocp-date': new Date().toUTCString(), accept: 'application/json' };
        headers.authorization = sharedKeyAuthorizationHeader(account.name, account.primaryKey, { method: 'GET', url, headers });
        const response = await request(url, { dispatcher: agent, method: 'GET', headers });
        const body = (await response.body.json()) as { value: unknown[]; 'odata.nextLink'?: string };
        n += body.value.length;
        next = body['odata.nextLink'];
      }
      return n;
    };

    const contenders = { project, bare } as const;
    for (const run of Object.values(contenders)) {
      await run(); // warm: connections, JIT
    }
    emulator.addFault({ kind: 'latency', delayMs: 20 });
    const times: Record<keyof typeof contenders, number[]> = { project: [], bare: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const [name, run] of Object.entries(contenders) as [keyof typeof contenders, () => Promise<number>][]) {
        const started = performance.now();
        const count = await run();
        times[name].push(performance.now() - started);
        if (count !== 10_000) {
          throw new Error(`${name}: expected 10000 nodes, got ${count}`);
        }
      }
    }
    const p = median(times.project);
    benchRow('node listing, 10k nodes (10 pages, 20 ms latency), project client', 'ms', times.project, {
      ratio: `${(p / median(times.bare)).toFixed(2)}x bare undici`,
      goal: '≤ 1.05x bare undici',
    });
    benchRow('node listing, same, bare undici loop (baseline)', 'ms', times.bare);
    await agent.close();
  } finally {
    await emulator.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
