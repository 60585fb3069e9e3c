import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import { api, child, children, contextValue, emulator, label, labels, nodeState, path, waitFor, withPrompts } from './helpers';

const ACCOUNT = 'contosoprod';
const POOL = 'linux-small';

/** A linux-small node row whose data (NodeItem's `node.state`) is `state`, e.g. "starttaskfailed". */
async function nodeIn(state: string): Promise<TreeNode> {
  const pool = await path('Contoso Production', 'Batch Accounts', ACCOUNT, POOL);
  api().tree.refresh(pool);
  for (const row of await children(pool)) {
    if (/\bazureBatchNode\b/.test(await contextValue(row)) && nodeState(row) === state) {
      return row;
    }
  }
  assert.fail(`no ${state} node in ${POOL}`);
}

/** Walks from a node row: Files, then folder names. */
async function under(node: TreeNode, ...names: string[]): Promise<TreeNode> {
  let row = await child(node, 'Files');
  for (const name of names) {
    row = await child(row, name);
  }
  return row;
}

async function tooltipOf(row: TreeNode): Promise<string> {
  const tooltip = (await row.getTreeItem()).tooltip;
  return typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '';
}

function editorOf(pathEnd: string): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'azurebatch-node' && e.document.uri.path.endsWith(pathEnd));
}

describe('node files in editors', function () {
  this.timeout(120_000);

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator().clearFaults();
    await emulator().reset();
    await emulator().clearRequests();
    api().tree.refresh();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('azureBatch').update('nodes.pageSize', undefined, vscode.ConfigurationTarget.Global);
  });

  it('lists a node’s files under a Files row; folders expand; size and last-modified in the tooltip', async () => {
    const node = await nodeIn('running');
    assert.deepEqual(await labels(node), ['Files']);
    const files = await under(node);
    assert.match(await contextValue(files), /\bazureBatchNodeFiles\b/);
    assert.deepEqual(await labels(files), ['applications', 'fsmounts', 'shared', 'startup', 'workitems']);
    const startup = await under(node, 'startup');
    assert.deepEqual(await labels(startup), ['stderr.txt', 'stdout.txt', 'wd']);
    const stdout = await child(startup, 'stdout.txt');
    assert.equal(await contextValue(stdout), 'azureBatchNodeFile');
    const tip = await tooltipOf(stdout);
    assert.match(tip, /\*\*startup\/stdout\\\.txt\*\*/);
    assert.match(tip, /Size.*\d+ bytes/);
    assert.match(tip, /Last modified/);
    const nodeId = await label(node);
    const lists = await emulator().requests({ path: `/pools/${POOL}/nodes/${nodeId}/files$`, method: 'GET' });
    assert.ok(lists.some((r) => r.query.recursive === 'false' && r.query.$filter === "startswith(name,'startup/')"), JSON.stringify(lists.map((r) => r.query)));
  });

  it('pages a folder with Load more…', async () => {
    const settings = vscode.workspace.getConfiguration('azureBatch');
    await settings.update('nodes.pageSize', 2, vscode.ConfigurationTarget.Global);
    try {
      const node = await nodeIn('idle');
      const files = await under(node);
      // The setting reaches the extension a moment later: reload the row until the page has 2 entries.
      await waitFor(async () => {
        api().tree.refresh(files);
        return (await labels(files)).length === 3;
      }, 'pages of 2 entries');
      await emulator().clearRequests();
      api().tree.refresh(files);
      assert.deepEqual(await labels(files), ['applications', 'fsmounts', 'Load more…']);
      const more = (await children(files)).at(-1)!;
      const command = (await more.getTreeItem()).command!;
      assert.equal(command.command, 'azureBatch.loadMoreNodeFiles');
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      assert.deepEqual(await labels(files), ['applications', 'fsmounts', 'shared', 'startup', 'Load more…']);
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      assert.deepEqual(await labels(files), ['applications', 'fsmounts', 'shared', 'startup', 'workitems']);
      const sent = await emulator().requests({ path: `/pools/${POOL}/nodes/${await label(node)}/files$`, method: 'GET' });
      assert.deepEqual(sent.map((r) => r.query.maxresults), ['2', '2', '2']);
    } finally {
      await settings.update('nodes.pageSize', undefined, vscode.ConfigurationTarget.Global);
      await waitFor(async () => {
        const pool = await path('Contoso Production', 'Batch Accounts', ACCOUNT, POOL);
        api().tree.refresh(pool);
        return !(await labels(pool)).includes('Load more…');
      }, 'the page size back to 1000');
    }
  });

  it('opens the last 1 MiB of a large log with a first line saying so; Load Whole File reads it all', async () => {
    const node = await nodeIn('running');
    const workitems = await under(node, 'workitems');
    let folder = workitems;
    while (!(await labels(folder)).includes('stdout.txt')) {
      folder = (await children(folder))[0]!;
    }
    const log = await child(folder, 'stdout.txt');
    const command = (await log.getTreeItem()).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor(async () => editorOf('/stdout.txt'), 'the log in an editor');
    const text = editor.document.getText();
    assert.match(text.split('\n')[0]!, /^\[Showing the last 1 MiB of 1\.\d MB — run 'Load Whole File' to read all of it\.\]$/);
    assert.equal(editor.document.languageId, 'plaintext');
    const ranged = await emulator().requests({ path: '/workitems/.*/stdout\\.txt$', method: 'GET' });
    assert.match(ranged.at(-1)!.headers['ocp-range'] ?? '', /^bytes=\d+-\d+$/);

    await emulator().clearRequests();
    await vscode.commands.executeCommand('azureBatch.loadWholeNodeFile', editor.document.uri);
    const whole = await waitFor(async () => !editor.document.getText().startsWith('[Showing') && editor.document.getText(), 'the whole file');
    assert.ok(whole.length > 1024 * 1024, `${whole.length} characters`);
    assert.match(whole, /^-- The CXX compiler identification is GNU/);
    const sent = await emulator().requests({ path: '/workitems/.*/stdout\\.txt$', method: 'GET' });
    assert.equal(sent.at(-1)!.headers['ocp-range'], undefined, 'no range: the whole file');
    assert.equal(api().lastCommandResult('azureBatch.loadWholeNodeFile')?.result, 'Succeeded');
  });

  it('Open Start Task Output shows stdout and stderr side by side; Refresh re-reads an open file', async () => {
    const failed = await nodeIn('starttaskfailed');
    const nodeId = await label(failed);
    assert.match(await contextValue(failed), /\bfilesReadable\b/);
    const tooltip = api().tree.resolveTreeItem(await failed.getTreeItem(), failed).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /\[Open Start Task Output\]\(command:azureBatch\.openStartTaskOutput\?/);
    assert.deepEqual((tooltip.isTrusted as { enabledCommands: string[] }).enabledCommands, ['azureBatch.openStartTaskOutput']);

    await emulator().setNodeState(ACCOUNT, POOL, nodeId, 'waitingforstarttask');
    const editors = await vscode.commands.executeCommand<vscode.TextEditor[]>('azureBatch.openStartTaskOutput', failed);
    assert.equal(editors?.length, 2, JSON.stringify(api().lastCommandResult('azureBatch.openStartTaskOutput')));
    const stdout = editorOf('/startup/stdout.txt')!;
    const stderr = editorOf('/startup/stderr.txt')!;
    assert.deepEqual([stdout.viewColumn, stderr.viewColumn], [vscode.ViewColumn.One, vscode.ViewColumn.Two]);
    assert.equal(stdout.document.getText().split('\n').length, 3, 'the start task is still running: 3 lines so far');
    assert.equal(stderr.document.getText(), '');

    await emulator().setNodeState(ACCOUNT, POOL, nodeId, 'starttaskfailed');
    await vscode.commands.executeCommand('azureBatch.refreshNodeFile', stderr.document.uri);
    await waitFor(async () => stderr.document.getText().includes('Could not get lock /var/lib/dpkg/lock-frontend'), 'stderr re-read after Refresh');
    await vscode.commands.executeCommand('azureBatch.refreshNodeFile', stdout.document.uri);
    await waitFor(async () => stdout.document.getText().split('\n').length > 3, 'stdout re-read after Refresh');
    assert.match(stdout.document.getText(), /Reading package lists/);
    assert.ok(stdout.document.uri.authority === ACCOUNT && !/key|sig=/i.test(stdout.document.uri.toString()), 'no secret in the URI');
  });

  it('Open Start Task Output from the palette (account → pool → node, start-task-failed first) and from the tooltip link', async () => {
    const failed = await nodeIn('starttaskfailed');
    const { prompts } = await withPrompts([
      'Contoso Production', 'contosoprod', 'linux-small',
      (items) => {
        assert.equal((items[0] as { node?: { state?: string } }).node?.state, 'starttaskfailed', 'start-task-failed nodes come first');
        return items[0];
      },
    ], () => vscode.commands.executeCommand('azureBatch.openStartTaskOutput'));
    assert.equal(prompts.at(-1), 'pick:Open the start task output of which node of linux-small?');
    assert.equal(api().lastCommandResult('azureBatch.openStartTaskOutput')?.result, 'Succeeded');
    const stderr = await waitFor(async () => editorOf('/startup/stderr.txt'), 'stderr in an editor');
    assert.ok(stderr.document.uri.path.includes(`/${await label(failed)}/`), stderr.document.uri.path);
    assert.match(stderr.document.getText(), /Unable to acquire the dpkg frontend lock/);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editors = await vscode.commands.executeCommand<vscode.TextEditor[]>('azureBatch.openStartTaskOutput', { nodeRowId: failed.id });
    assert.deepEqual(editors?.map((e) => e.document.uri.path.split('/').at(-1)), ['stdout.txt', 'stderr.txt']);
  });

  it('explains a file that is gone and a node that is not reachable, and keeps the open document', async () => {
    const node = await nodeIn('running');
    const nodeId = await label(node);
    let folder = await under(node, 'workitems');
    while (!(await labels(folder)).includes('stderr.txt')) {
      folder = (await children(folder))[0]!;
    }
    const item = await child(folder, 'stderr.txt');
    const command = (await item.getTreeItem()).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor(async () => editorOf('/stderr.txt'), 'the task stderr in an editor');
    const before = editor.document.getText();
    assert.match(before, /ninja: warning/);

    await emulator().setNodeState(ACCOUNT, POOL, nodeId, 'idle'); // the task ended: its folder is gone
    await vscode.commands.executeCommand('azureBatch.refreshNodeFile', editor.document.uri);
    const gone = api().lastCommandResult('azureBatch.refreshNodeFile');
    assert.equal(gone?.result, 'Failed');
    assert.equal(gone?.errorCode, 'FileNotFound');
    assert.match(gone?.message ?? '', /^Could not read workitems\/.*stderr\.txt on node .* of pool linux-small\. The file is not on the node \(any more\).*Refresh the folder\. Service: FileNotFound: HTTP 404 to HEAD, and the folder listing does not have the file\.$/);
    assert.equal(editor.document.getText(), before, 'the open document keeps its text');

    await emulator().setNodeState(ACCOUNT, POOL, nodeId, 'rebooting');
    await vscode.commands.executeCommand('azureBatch.openStartTaskOutput', node);
    const busy = api().lastCommandResult('azureBatch.openStartTaskOutput');
    assert.equal(busy?.result, 'Failed');
    assert.equal(busy?.errorCode, 'NodeBeingRebooted');
    assert.match(busy?.message ?? '', /The node is busy \(rebooting\)\. Wait until it is idle or running, refresh, and try again\..*The node agent answers file requests only while/);
  });
});
