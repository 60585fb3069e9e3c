import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EmulatorHttp } from '../emulator/testClient';
import { api, emulator, withPrompts } from './helpers';

const pick = (want: RegExp) => (items: readonly vscode.QuickPickItem[]) => items.find((i) => want.test(i.label));
const walk = () => [pick(/^Contoso Production$/), pick(/^contosohpc$/), pick(/^hpc-10k$/)];
const TITLE = 'Nodes of hpc-10k to reimage (type a state to filter)';
/** The $filter of Reimage…'s own list: the states a reimage accepts. */
const REIMAGEABLE = "state eq 'idle' or state eq 'running'";
const nodeItems = (items: readonly vscode.QuickPickItem[]) => items.filter((i) => (i as { node?: unknown }).node !== undefined);

/** The running nodes of hpc-10k as GET /nodecounts says (dedicated + spot), read straight from the emulator. */
async function runningByNodeCounts(): Promise<number> {
  const info = await emulator().info();
  const http = new EmulatorHttp(info);
  try {
    const account = info.batchAccounts.find((a) => a.name === 'contosohpc')!;
    const res = await http.send('GET', `${account.url}/nodecounts?api-version=2025-06-01.21.0`, { headers: { authorization: `Bearer ${await http.batchToken()}` } });
    assert.equal(res.status, 200, res.text);
    const pool = (res.json as { value: { poolId: string; dedicated: { running: number }; lowPriority: { running: number } }[] }).value.find((p) => p.poolId === 'hpc-10k')!;
    return pool.dedicated.running + pool.lowPriority.running;
  } finally {
    await http.close();
  }
}

describe('the palette node picker', function () {
  this.timeout(180_000);

  it('pages a 10,000-node pool 1,000 at a time, says it is capped, keeps the picks across "Load more…", states in words', async () => {
    let first: readonly vscode.QuickPickItem[] = [];
    let second: readonly vscode.QuickPickItem[] = [];
    const { prompts } = await withPrompts([...walk(), (items) => {
      first = items;
      return [items[0]!, items.at(-1)!];
    }, (items) => {
      second = items;
      return items.filter((i) => i.picked || i === items[1_500]);
    }, 'requeue', undefined], () => vscode.commands.executeCommand('azureBatch.reimage'));

    // Reimage asks the service for idle and running nodes only: 5,244 + 2,923 of them in the demo data.
    assert.equal(first.length, 1_001, 'a page of 1,000 and "Load more…"');
    assert.equal(first.at(-1)!.label, 'Load more… (1,000 of 8,167)');
    assert.ok(first.slice(0, -1).every((i) => /^(idle|running)( · |$)/.test(i.description ?? '')), 'states in words');
    const titles = prompts.filter((p) => p.startsWith('pick:Nodes of hpc-10k'));
    assert.deepEqual(titles, [
      'pick:Nodes of hpc-10k to reimage (type a state to filter) — first 1,000 of 8,167 nodes loaded',
      'pick:Nodes of hpc-10k to reimage (type a state to filter) — first 2,000 of 8,167 nodes loaded',
    ]);
    assert.equal(second.length, 2_001);
    assert.equal(second.at(-1)!.label, 'Load more… (2,000 of 8,167)');
    assert.deepEqual(second.filter((i) => i.picked).map((i) => i.label), [first[0]!.label], 'the first pick is kept');
    // The confirmation names both nodes' count; answered with Escape, nothing is sent.
    assert.ok(prompts.includes('warning:Reimage 2 nodes of pool hpc-10k?'), prompts.join(' | '));
    assert.equal(api().lastCommandResult('azureBatch.reimage')?.result, 'Canceled');
    const pages = await emulator().requests({ path: '/pools/hpc-10k/nodes$', method: 'GET' });
    assert.ok(pages.length >= 2, `${pages.length} node pages read`);
    assert.deepEqual(await emulator().requests({ path: '/reimage$', method: 'POST' }), []);
  });

  it('lists a typed state on the service (paged, with its total from the node counts), keeps the picks, and goes back to the loaded list without reading it again', async () => {
    const running = await runningByNodeCounts();
    assert.ok(running > 1_000, `${running} running nodes: more than a page`);
    const total = running.toLocaleString('en');
    let unfiltered: readonly vscode.QuickPickItem[] = [];
    let filtered: readonly vscode.QuickPickItem[] = [];
    let second: readonly vscode.QuickPickItem[] = [];
    let back: readonly vscode.QuickPickItem[] = [];
    let idle: vscode.QuickPickItem | undefined;
    let unfilteredReads = -1;
    const { prompts } = await withPrompts([...walk(), (items) => {
      unfiltered = items;
      idle = items.find((i) => /^idle · /.test(i.description ?? ''));
      return { type: 'running', select: [idle!] }; // check an idle node, then type a state
    }, (items) => {
      filtered = items;
      return [items[0]!, items.at(-1)!]; // a running node, and Load more…
    }, async (items) => {
      second = items;
      unfilteredReads = (await emulator().requests({ path: '/pools/hpc-10k/nodes$', method: 'GET' })).filter((r) => r.query['$filter'] === REIMAGEABLE).length;
      return { type: '' }; // cleared: the first list again
    }, (items) => {
      back = items;
      return items.filter((i) => i.picked);
    }, 'requeue', undefined], () => vscode.commands.executeCommand('azureBatch.reimage'));

    // The service listed the running nodes: a page of 1,000, Load more… with the node counts' total, then a second page.
    assert.equal(nodeItems(filtered).length, 1_000);
    assert.ok(nodeItems(filtered).every((i) => /^running · (dedicated|spot)( · |$)/.test(i.description ?? '')), 'all running nodes');
    assert.equal(filtered.at(-1)!.label, `Load more… (1,000 of ${total})`);
    assert.equal(nodeItems(second).length, 2_000);
    assert.ok(nodeItems(second).every((i) => (i.description ?? '').startsWith('running · ')));
    assert.equal(second.at(-1)!.label, `Load more… (2,000 of ${total})`);
    assert.deepEqual(nodeItems(second).filter((i) => i.picked).map((i) => i.label), [filtered[0]!.label], 'the running pick is kept');
    const titles = prompts.filter((p) => p.startsWith(`pick:${TITLE}`));
    assert.deepEqual(titles, [
      `pick:${TITLE} — first 1,000 of 8,167 nodes loaded`,
      `pick:${TITLE} — running nodes (filtered on the service): first 1,000 of ${total} loaded`,
      `pick:${TITLE} — running nodes (filtered on the service): first 2,000 of ${total} loaded`,
      `pick:${TITLE} — first 1,000 of 8,167 nodes loaded`,
    ]);
    // The tree may read hpc-10k too (its own rows): the picker's requests are the ones with its $filter.
    const reads = await emulator().requests({ path: '/pools/hpc-10k/nodes$', method: 'GET' });
    const first = reads.filter((r) => r.query['$filter'] === REIMAGEABLE);
    const byState = reads.filter((r) => r.query['$filter'] === "state eq 'running'");
    assert.equal(byState.length, 2, 'the running nodes listed with $filter=state eq \'running\', two pages');
    assert.equal(byState[0]!.query['$select'], first[0]!.query['$select'], 'the same $select as the first list');
    assert.equal(byState[0]!.query['maxresults'], '1000');
    assert.equal(unfilteredReads, 1, 'the first list was read once');
    assert.equal(first.length, unfilteredReads, 'clearing the text read nothing again');

    // Cleared: the first list as it was, with both picks (the idle one made there, the running one made in the filtered list).
    assert.deepEqual(back.map((i) => i.label), unfiltered.map((i) => i.label));
    assert.ok(back.find((i) => i.label === idle!.label)?.picked, 'the idle pick is kept');
    assert.ok(prompts.includes('warning:Reimage 2 nodes of pool hpc-10k?'), prompts.join(' | '));
    assert.equal(api().lastCommandResult('azureBatch.reimage')?.result, 'Canceled');
    // Rows read like the tree's: the VM size is the pool's, so it is not repeated.
    for (const item of [...unfiltered, ...filtered]) {
      assert.ok(!/standard_hb120rs_v3/i.test(`${item.description ?? ''} ${item.detail ?? ''}`), item.description);
    }
    assert.deepEqual(await emulator().requests({ path: '/reimage$', method: 'POST' }), []);
  });

  it('shows a failed state listing in the picker, which stays usable: changing the text lists again', async () => {
    let failed: readonly vscode.QuickPickItem[] = [];
    let failedBusy: boolean | undefined;
    let retried: readonly vscode.QuickPickItem[] = [];
    const { prompts } = await withPrompts([...walk(), async () => {
      await emulator().addFault({ route: '/pools/hpc-10k/nodes$', method: 'GET', query: { $filter: "state eq 'running'" }, kind: 'status', status: 403, count: 1 });
      return { type: 'running' };
    }, (items, quickPick) => {
      failed = items;
      failedBusy = quickPick.busy;
      return { type: 'Running' };
    }, (items) => {
      retried = items;
      return undefined;
    }], () => vscode.commands.executeCommand('azureBatch.reimage'));

    assert.equal(failed.length, 1, failed.map((i) => i.label).join(' | '));
    assert.match(failed[0]!.label, /^Could not list the running nodes: .*\w/);
    assert.equal((failed[0]!.iconPath as vscode.ThemeIcon | undefined)?.id, 'error');
    assert.match(failed[0]!.detail ?? '', /^Change the text to try again, or clear it to go back to the nodes already loaded\./);
    assert.equal(failedBusy, false, 'not busy after the failure');
    assert.ok(prompts.includes(`pick:${TITLE} — listing the running nodes failed`), prompts.join(' | '));
    assert.equal(nodeItems(retried).length, 1_000, 'listed again after the text changed');
    assert.ok(nodeItems(retried).every((i) => (i.description ?? '').startsWith('running · ')));
    const byState = (await emulator().requests({ path: '/pools/hpc-10k/nodes$', method: 'GET' })).filter((r) => r.query['$filter'] === "state eq 'running'");
    assert.deepEqual(byState.map((r) => r.status), [403, 200]);
    assert.equal(api().lastCommandResult('azureBatch.reimage')?.result, 'Canceled');
  });
});
