import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, emulator, withPrompts } from './helpers';

const pick = (want: RegExp) => (items: readonly vscode.QuickPickItem[]) => items.find((i) => want.test(i.label));

describe('the palette node picker', function () {
  this.timeout(180_000);

  it('pages a 10,000-node pool 1,000 at a time, says it is capped, keeps the picks across "Load more…", states in words', async () => {
    const walk = [pick(/^Contoso Production$/), pick(/^contosohpc$/), pick(/^hpc-10k$/)];
    let first: readonly vscode.QuickPickItem[] = [];
    let second: readonly vscode.QuickPickItem[] = [];
    const { prompts } = await withPrompts([...walk, (items) => {
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
});
