import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import { api, children, contextValue, description, emulator, label, nodeState, path, waitFor, withCancellableProgress, withPrompts } from './helpers';

type Outcome = { status: string; reason?: string; target: { nodeId: string } };

async function nodesIn(account: string, pool: string, subscription: string): Promise<TreeNode[]> {
  const poolItem = await path(subscription, 'Batch Accounts', account, pool);
  api().tree.refresh(poolItem);
  const nodes: TreeNode[] = [];
  for (const n of await children(poolItem)) {
    if (/\bazureBatchNode\b/.test(await contextValue(n))) {
      nodes.push(n);
    }
  }
  return nodes;
}

async function readyNodes(account: string, pool: string, subscription: string, count: number): Promise<TreeNode[]> {
  const nodes = await nodesIn(account, pool, subscription);
  const ready: TreeNode[] = [];
  for (const node of nodes) {
    if (/\breimageable\b/.test(await contextValue(node))) {
      ready.push(node);
    }
    if (ready.length === count) {
      break;
    }
  }
  assert.equal(ready.length, count, `${count} idle or running nodes in ${pool}`);
  return ready;
}

/** The follow-through of `node` (by its row id, so another node's result never counts), within `ms`. */
async function followResultOf(node: TreeNode, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the follow-through of ${node.id} did not end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([api().reimage.followResult(node.id), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function reimage(answers: (string | undefined)[], clicked?: TreeNode, selection?: TreeNode[]) {
  const { result, prompts } = await withPrompts(answers, () =>
    vscode.commands.executeCommand<Outcome[] | undefined>('azureBatch.reimage', clicked, selection));
  return { outcomes: result ?? [], prompts };
}

describe('reimage compute nodes', function () {
  this.timeout(120_000);

  beforeEach(async () => {
    // Followers of an earlier test's nodes would poll the reset emulator and redraw rows: stop them first.
    await api().reimage.stopFollowers();
    assert.equal(api().reimage.following(), 0, 'no node is followed any more');
    await emulator().clearFaults();
    await emulator().clearRequests();
    await emulator().reset();
    api().tree.refresh();
  });

  it('sends exactly {"nodeReimageOption": <option>} for each of the four options', async () => {
    const nodes = await readyNodes('contosoprod', 'win-render', 'Contoso Production', 4);
    const options = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'];
    for (let i = 0; i < options.length; i++) {
      const { outcomes, prompts } = await reimage([options[i], 'Reimage'], nodes[i]);
      assert.equal(outcomes[0]?.status, 'succeeded', `${options[i]}: ${outcomes.map((o) => `${o.status} ${o.reason ?? ''}`).join('; ')} ${JSON.stringify(api().lastCommandResult('azureBatch.reimage'))}`);
      assert.ok(prompts.some((p) => p.startsWith('warning:Reimage node ')), 'a modal confirmation naming the node');
      const nodeId = await label(nodes[i]);
      const [post] = await emulator().requests({ path: `/pools/win-render/nodes/${nodeId}/reimage$`, method: 'POST' });
      assert.equal(post.body, JSON.stringify({ nodeReimageOption: options[i] }));
      assert.equal(post.status, 202);
      assert.match(post.headers['content-type'], /^application\/json; odata=minimalmetadata/);
    }
    assert.deepEqual(await emulator().conformance(), [], 'every body conforms to the official schema');
    // The option picker preselects the last choice.
    const [next] = await readyNodes('contosoprod', 'win-render', 'Contoso Production', 1);
    const { prompts } = await reimage(['requeue', undefined], next);
    assert.ok(prompts.some((p) => p.endsWith('|active:retaineddata')), prompts.join(' / '));
  });

  it('sends nothing for a node in a disallowed state, and nothing without the confirmation', async () => {
    const nodes = await nodesIn('contosoprod', 'linux-small', 'Contoso Production');
    let failedNode: TreeNode | undefined;
    for (const n of nodes) {
      if (nodeState(n) === 'starttaskfailed') {
        failedNode = n;
      }
    }
    assert.ok(failedNode);
    await reimage([], failedNode); // refused before any prompt
    assert.equal(api().lastCommandResult('azureBatch.reimage')?.result, 'Failed');
    assert.equal(api().lastCommandResult('azureBatch.reimage')?.errorCode, 'NoReimageableNodes');
    const [idle] = await readyNodes('contosoprod', 'linux-small', 'Contoso Production', 1);
    await reimage(['requeue', undefined], idle);
    assert.equal(api().lastCommandResult('azureBatch.reimage')?.result, 'Canceled');
    assert.equal((await emulator().requests({ path: '/reimage$' })).length, 0);
  });

  it('skips a node whose state changed between tree load and send', async () => {
    const [a, b] = await readyNodes('contosoprod', 'win-render', 'Contoso Production', 2);
    await emulator().setNodeState('contosoprod', 'win-render', await label(b), 'offline');
    const { outcomes } = await reimage(['requeue', 'Reimage'], a, [a, b]);
    assert.deepEqual(outcomes.map((o) => o.status), ['succeeded', 'skipped']);
    assert.match(outcomes[1].reason ?? '', /offline/);
    const posts = await emulator().requests({ path: '/reimage$' });
    assert.deepEqual(posts.map((p) => p.path.split('/')[6]), [await label(a)]);
  });

  it('reimages 50 nodes under injected 429s: all 50 reimaged, none failed', async () => {
    const nodes = await readyNodes('contosoprod', 'win-render', 'Contoso Production', 50);
    await emulator().addFault({ route: '/reimage$', method: 'POST', kind: 'status', status: 429, retryAfterMs: 200, count: 25 });
    const { outcomes } = await reimage(['terminate', 'Reimage'], nodes[0], nodes);
    assert.equal(outcomes.length, 50);
    assert.deepEqual([...new Set(outcomes.map((o) => o.status))], ['succeeded']);
    const posts = await emulator().requests({ path: '/reimage$', method: 'POST' });
    assert.equal(posts.filter((p) => p.status === 429).length, 25, 'the 429s happened');
    assert.equal(new Set(posts.filter((p) => p.status === 202).map((p) => p.path)).size, 50);
  });

  it('stops the remaining sends when cancelled mid-way', async () => {
    const nodes = await readyNodes('contosoprod', 'win-render', 'Contoso Production', 30);
    await vscode.workspace.getConfiguration('azureBatch').update('reimage.concurrency', 2, vscode.ConfigurationTarget.Global);
    try {
      await emulator().addFault({ route: '/reimage$', kind: 'latency', delayMs: 100 });
      const { result } = await withCancellableProgress((reports) => reports.length >= 6, () =>
        withPrompts(['requeue', 'Reimage'], () => vscode.commands.executeCommand<Outcome[]>('azureBatch.reimage', nodes[0], nodes)));
      const outcomes = result.result;
      const sent = (await emulator().requests({ path: '/reimage$', method: 'POST' })).length;
      const canceled = outcomes.filter((o) => o.status === 'canceled').length;
      assert.ok(canceled >= 20, `most were not sent (${canceled} canceled)`);
      assert.ok(sent <= 10, `only the ones before the cancel were sent (${sent})`);
      assert.equal(outcomes.filter((o) => o.status === 'succeeded').length, sent);
    } finally {
      await vscode.workspace.getConfiguration('azureBatch').update('reimage.concurrency', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('follows a node through Reimaging… to idle, and another to unusable', async () => {
    const [toIdle, toUnusable] = await readyNodes('fabrikamresearch', 'ml-train', 'Fabrikam Research', 2);
    await reimage(['requeue', 'Reimage'], toIdle);
    const during = await toIdle.getTreeItem();
    assert.match(String(during.description), /^Reimaging…/);
    assert.equal((during.iconPath as vscode.ThemeIcon).id, 'loading~spin');
    const followed = await followResultOf(toIdle, 30_000);
    assert.equal(followed.kind, 'idle');
    assert.equal(followed.kind === 'idle' && followed.node.id, await label(toIdle));
    assert.match(await description(toIdle), /^idle/);

    const unusableId = await label(toUnusable);
    await reimage(['requeue', 'Reimage'], toUnusable);
    await waitFor(async () => {
      const node = await emulator().getNode('fabrikamresearch', 'ml-train', unusableId);
      return node.state === 'reimaging' || node.state === 'starting';
    }, 'the node to start reimaging');
    await emulator().setNodeState('fabrikamresearch', 'ml-train', unusableId, 'unusable', [{ code: 'DiskFull', message: 'The OS disk is full.' }]);
    const ended = await followResultOf(toUnusable, 30_000);
    assert.equal(ended.kind, 'failed');
    assert.equal(ended.kind === 'failed' && ended.node.id, unusableId);
    assert.match(await description(toUnusable), /^unusable/);
  });
});
