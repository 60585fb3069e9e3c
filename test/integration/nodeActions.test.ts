import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import { api, children, contextValue, description, emulator, label, nodeState, path, waitFor, withPrompts } from './helpers';

type Outcome = { status: string; reason?: string; target: { nodeId: string } };

async function nodesIn(subscription: string, account: string, pool: string): Promise<TreeNode[]> {
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

/** The first `count` nodes whose data (NodeItem's `node.state`) is `state` (e.g. "idle", "starttaskfailed"). */
async function nodesWithState(subscription: string, account: string, pool: string, state: string, count = 1): Promise<TreeNode[]> {
  const found: TreeNode[] = [];
  for (const n of await nodesIn(subscription, account, pool)) {
    if (nodeState(n) === state) {
      found.push(n);
    }
    if (found.length === count) {
      break;
    }
  }
  assert.equal(found.length, count, `${count} ${state} node(s) in ${pool}`);
  return found;
}

async function run<T>(command: string, answers: (string | undefined | string[])[], ...args: unknown[]) {
  const { result, prompts } = await withPrompts(answers, () => vscode.commands.executeCommand<T>(command, ...args)).catch(async (error: Error) => {
    // Say how the command ended: a refusal before any prompt explains unasked answers.
    const sent = (await emulator().requests({ method: 'POST' })).map((r) => `${r.path} ${r.status}`);
    throw new Error(`${error.message}; ${command} ended: ${JSON.stringify(api().lastCommandResult(command))}; POSTs so far: ${sent.join(', ') || '(none)'}`);
  });
  return { result, prompts, last: api().lastCommandResult(command) };
}

async function posts(pathRe: string) {
  return emulator().requests({ path: pathRe, method: 'POST' });
}

describe('node and pool actions', function () {
  this.timeout(120_000);

  beforeEach(async () => {
    await api().reimage.stopFollowers();
    await emulator().clearFaults();
    await emulator().clearRequests();
    await emulator().reset();
    api().tree.refresh();
  });

  it('gives start-task-failed nodes Reboot… and Remove from Pool…, idle nodes their tokens', async () => {
    const [failed] = await nodesWithState('Contoso Production', 'contosoprod', 'linux-small', 'starttaskfailed');
    const failedTokens = await contextValue(failed!);
    assert.match(failedTokens, /\brebootable\b/);
    assert.match(failedTokens, /\bremovable\b/);
    assert.doesNotMatch(failedTokens, /\breimageable\b/);
    const [idle] = await nodesWithState('Contoso Production', 'contosoprod', 'linux-small', 'idle');
    const idleTokens = await contextValue(idle!);
    for (const token of ['reimageable', 'rebootable', 'removable', 'schedulingEnabled', 'deallocatable', 'remoteLogin', 'addUser', 'uploadLogs']) {
      assert.match(idleTokens, new RegExp(`\\b${token}\\b`), token);
    }
    assert.doesNotMatch(idleTokens, /\b(startable|schedulingDisabled)\b/);
    const pool = await path('Contoso Production', 'Batch Accounts', 'contosoprod', 'linux-small');
    assert.match(await contextValue(pool), /\bresizable\b/);
    assert.doesNotMatch(await contextValue(pool), /\bresizing\b/);
  });

  it('Reboot… sends {"nodeRebootOption"} and follows the node through Rebooting… to idle', async () => {
    const [idle] = await nodesWithState('Contoso Production', 'contosoprod', 'win-render', 'idle');
    const nodeId = await label(idle!);
    const { result, prompts, last } = await run<Outcome[]>('azureBatch.rebootNodes', ['requeue', 'Reboot'], idle);
    assert.equal(last?.result, 'Succeeded', JSON.stringify(last));
    assert.deepEqual(result.map((o) => o.status), ['succeeded']);
    assert.ok(prompts.some((p) => p === `warning:Reboot node ${nodeId} of pool win-render?`), prompts.join(' / '));
    const [post] = await posts(`/pools/win-render/nodes/${nodeId}/reboot$`);
    assert.equal(post!.body, JSON.stringify({ nodeRebootOption: 'requeue' }));
    assert.equal(post!.status, 202);
    assert.match(await description(idle!), /^Rebooting…/);
    const followed = await api().reimage.followResult(idle!.id);
    assert.equal(followed.kind, 'idle');
    assert.match(await description(idle!), /^idle/);
    assert.deepEqual(await emulator().conformance(), []);
  });

  it('Reboot… on a start-task-failed node is sent; without the modal nothing is', async () => {
    const [failed] = await nodesWithState('Contoso Production', 'contosoprod', 'linux-small', 'starttaskfailed');
    await run('azureBatch.rebootNodes', ['terminate', undefined], failed);
    assert.equal(api().lastCommandResult('azureBatch.rebootNodes')?.result, 'Canceled');
    assert.equal((await posts('/reboot$')).length, 0);
    const { result } = await run<Outcome[]>('azureBatch.rebootNodes', ['terminate', 'Reboot'], failed);
    assert.deepEqual(result.map((o) => o.status), ['succeeded']);
    const [post] = await posts('/reboot$');
    assert.equal(post!.body, JSON.stringify({ nodeRebootOption: 'terminate' }));
  });

  it('a reboot that ends in starttaskfailed again is reported with the remedies as buttons', async () => {
    const [failed] = await nodesWithState('Fabrikam Research', 'fabrikamresearch', 'ml-train', 'starttaskfailed');
    const window = vscode.window as unknown as Record<string, unknown>;
    const saved = window.showErrorMessage;
    const shown: { text: string; buttons: unknown[] }[] = [];
    window.showErrorMessage = async (text: string, ...buttons: unknown[]) => {
      shown.push({ text, buttons });
      return undefined;
    };
    try {
      await run('azureBatch.rebootNodes', ['requeue', 'Reboot'], failed);
      const followed = await api().reimage.followResult(failed!.id);
      assert.equal(followed.kind, 'failed');
      const report = await waitFor(async () => shown.find((m) => m.text.startsWith('After its reboot')), 'the failure report');
      assert.match(report.text, /is starttaskfailed \(.+\)\. Open Start Task Output/);
      assert.ok(report.buttons.includes('Reboot…') && report.buttons.includes('Remove from Pool…'), JSON.stringify(report.buttons));
    } finally {
      window.showErrorMessage = saved;
    }
  });

  it('Reboot… on many nodes: one runner, a node whose state changed is skipped, not sent', async () => {
    const [a, b, c] = await nodesWithState('Contoso Production', 'contosoprod', 'win-render', 'idle', 3);
    await emulator().setNodeState('contosoprod', 'win-render', await label(c!), 'deallocated');
    const { result } = await run<Outcome[]>('azureBatch.rebootNodes', ['requeue', 'Reboot'], a, [a, b, c]);
    assert.deepEqual(result.map((o) => o.status), ['succeeded', 'succeeded', 'skipped']);
    assert.match(result[2]!.reason ?? '', /deallocated/);
    assert.equal((await posts('/reboot$')).length, 2);
  });

  it('Disable Scheduling… then Enable Scheduling; the row shows the scheduling state', async () => {
    const [idle] = await nodesWithState('Contoso Production', 'contosoprod', 'win-render', 'idle');
    const nodeId = await label(idle!);
    const { prompts } = await run('azureBatch.disableScheduling', ['taskcompletion'], idle);
    assert.ok(!prompts.some((p) => p.includes('retaineddata')));
    const [disable] = await posts(`/nodes/${nodeId}/disablescheduling$`);
    assert.equal(disable!.body, JSON.stringify({ nodeDisableSchedulingOption: 'taskcompletion' }));
    const row = await waitFor(async () => {
      const found = (await nodesIn('Contoso Production', 'contosoprod', 'win-render')).find((n) => n.id === idle!.id);
      return found && /scheduling disabled/.test(await description(found)) ? found : undefined;
    }, 'the row shows scheduling disabled');
    assert.match(await contextValue(row), /\bschedulingDisabled\b/);
    assert.doesNotMatch(await contextValue(row), /\bschedulingEnabled\b/);
    await run('azureBatch.enableScheduling', [], row);
    assert.equal(api().lastCommandResult('azureBatch.enableScheduling')?.result, 'Succeeded');
    const [enable] = await posts(`/nodes/${nodeId}/enablescheduling$`);
    assert.equal(enable!.status, 200);
  });

  it('Deallocate… then Start', async () => {
    const [idle] = await nodesWithState('Contoso Production', 'contosoprod', 'win-render', 'idle');
    const nodeId = await label(idle!);
    await run('azureBatch.deallocateNodes', ['retaineddata', 'Deallocate'], idle);
    const [dealloc] = await posts(`/nodes/${nodeId}/deallocate$`);
    assert.equal(dealloc!.body, JSON.stringify({ nodeDeallocateOption: 'retaineddata' }));
    await waitFor(async () => (await emulator().getNode('contosoprod', 'win-render', nodeId)).state === 'deallocated', 'deallocated');
    api().tree.refresh();
    const [deallocated] = (await nodesIn('Contoso Production', 'contosoprod', 'win-render')).filter((n) => n.id === idle!.id);
    assert.match(await contextValue(deallocated!), /\bstartable\b/);
    await run('azureBatch.startNodes', [], deallocated);
    assert.equal(api().lastCommandResult('azureBatch.startNodes')?.result, 'Succeeded');
    const [start] = await posts(`/nodes/${nodeId}/start$`);
    assert.equal(start!.status, 202);
  });

  it('Remove from Pool… sends the ids and the option; refused while the pool resizes', async () => {
    const [a, b] = await nodesWithState('Contoso Production', 'contosoprod', 'win-render', 'idle', 2);
    const { prompts } = await run('azureBatch.removeNodes', ['taskcompletion', 'Remove'], a, [a, b]);
    assert.ok(prompts.some((p) => p === 'warning:Remove 2 nodes from pool win-render?'), prompts.join(' / '));
    const [post] = await posts('/pools/win-render/removenodes$');
    assert.deepEqual(JSON.parse(post!.body), { nodeList: [await label(a!), await label(b!)], nodeDeallocationOption: 'taskcompletion' });
    assert.equal(post!.status, 202);
    // The pool is resizing now: a second removal is refused before anything is sent.
    const [c] = await nodesWithState('Contoso Production', 'contosoprod', 'win-render', 'idle');
    const refusedRemove = await run('azureBatch.removeNodes', [], c); // refused before any prompt
    assert.deepEqual(refusedRemove.prompts, []);
    const last = api().lastCommandResult('azureBatch.removeNodes');
    assert.equal(last?.errorCode, 'PoolNotSteady');
    assert.match(last?.message ?? '', /only while it is steady/);
    assert.equal((await posts('/removenodes$')).length, 1);
  });

  it('Resize… sends both targets and the option when shrinking; Stop Resize; a refusal is explained', async () => {
    const pool = await path('Contoso Production', 'Batch Accounts', 'contosoprod', 'linux-small');
    await run('azureBatch.resizePool', ['1', '0', 'requeue'], pool);
    assert.equal(api().lastCommandResult('azureBatch.resizePool')?.result, 'Succeeded', JSON.stringify(api().lastCommandResult('azureBatch.resizePool')));
    const [resize] = await posts('/pools/linux-small/resize$');
    assert.deepEqual(JSON.parse(resize!.body), { targetDedicatedNodes: 1, targetLowPriorityNodes: 0, nodeDeallocationOption: 'requeue' });
    // While it resizes, Resize… is refused before anything is sent, and the row shows the progress.
    const refusedResize = await run('azureBatch.resizePool', [], pool); // refused before any prompt
    assert.deepEqual(refusedResize.prompts, []);
    assert.equal(api().lastCommandResult('azureBatch.resizePool')?.errorCode, 'PoolNotSteady');
    assert.equal((await posts('/pools/linux-small/resize$')).length, 1);
    await run('azureBatch.stopResize', [], pool);
    const [stop] = await posts('/pools/linux-small/stopresize$');
    assert.equal(stop!.status, 202, JSON.stringify(api().lastCommandResult('azureBatch.stopResize')));
    await waitFor(async () => (api().tree.refresh(pool), !/resizing|stopping/.test(await description(pool))), 'the pool is steady again', 30_000);
    // Stop Resize on a steady pool: the service refuses, and the message explains it with its code.
    await run('azureBatch.stopResize', [], pool);
    const last = api().lastCommandResult('azureBatch.stopResize');
    assert.equal(last?.result, 'Failed');
    assert.match(last?.message ?? '', /Service: \w+: /);
  });

  it('Copy SSH Command copies ssh -p PORT USER@IP; Show Remote Login Settings', async () => {
    const [idle] = await nodesWithState('Contoso Production', 'contosoprod', 'linux-small', 'idle');
    const { result } = await run<string>('azureBatch.copySshCommand', ['batchuser'], idle);
    assert.match(result, /^ssh -p \d+ batchuser@[0-9a-f.:]+$/);
    assert.equal(await vscode.env.clipboard.readText(), result);
    const shown = await run<string[]>('azureBatch.showRemoteLoginSettings', [], idle);
    assert.ok(shown.result.some((l) => l.includes('ssh -p')), shown.result.join(' / '));
  });

  it('Add User… with a pasted SSH key (Linux) and a password asked twice (Windows)', async () => {
    const [linux] = await nodesWithState('Contoso Production', 'contosoprod', 'linux-small', 'idle');
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test@example';
    await run('azureBatch.addNodeUser', ['ops', 'Administrator', '1', 'Paste a public key…', key], linux);
    assert.equal(api().lastCommandResult('azureBatch.addNodeUser')?.result, 'Succeeded', JSON.stringify(api().lastCommandResult('azureBatch.addNodeUser')));
    const [post] = await posts('/users$');
    const body = JSON.parse(post!.body) as Record<string, unknown>;
    assert.equal(body['name'], 'ops');
    assert.equal(body['isAdmin'], true);
    assert.equal(body['sshPublicKey'], key);
    assert.equal(post!.status, 201);
    const [windows] = await nodesWithState('Contoso Production', 'contosoprod', 'win-render', 'idle');
    await run('azureBatch.addNodeUser', ['winops', 'Standard user', '2', 'S3cret!Passw0rd', 'S3cret!Passw0rd'], windows);
    assert.equal(api().lastCommandResult('azureBatch.addNodeUser')?.result, 'Succeeded', JSON.stringify(api().lastCommandResult('azureBatch.addNodeUser')));
    const users = await posts('/users$');
    assert.equal(JSON.parse(users[1]!.body).password, 'S3cret!Passw0rd');
    // A second user of the same name: refused, explained.
    await run('azureBatch.addNodeUser', ['winops', 'Standard user', '1', 'S3cret!Passw0rd', 'S3cret!Passw0rd'], windows);
    assert.match(api().lastCommandResult('azureBatch.addNodeUser')?.message ?? '', /already exists.*NodeUserExists/);
  });

  it('Upload Batch Service Logs… sends the container URL and says how many files went where', async () => {
    const [idle] = await nodesWithState('Contoso Production', 'contosoprod', 'linux-small', 'idle');
    const url = 'https://logs.blob.core.windows.net/batchlogs?sv=2022-11-02&sp=cw&sig=SECRETSIGNATURE';
    const { result } = await run<{ numberOfFilesUploaded: number; virtualDirectoryName: string }>('azureBatch.uploadBatchServiceLogs', [url, 'Last 2 hours'], idle);
    assert.equal(api().lastCommandResult('azureBatch.uploadBatchServiceLogs')?.result, 'Succeeded', JSON.stringify(api().lastCommandResult('azureBatch.uploadBatchServiceLogs')));
    assert.ok(result.numberOfFilesUploaded >= 0);
    const [post] = await posts('/uploadbatchservicelogs$');
    const body = JSON.parse(post!.body) as { containerUrl: string; startTime: string };
    assert.equal(body.containerUrl, url);
    assert.ok(Math.abs(Date.parse(body.startTime) - (Date.now() - 2 * 3_600_000)) < 10 * 60_000, body.startTime);
  });
});
