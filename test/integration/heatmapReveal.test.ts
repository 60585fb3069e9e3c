/**
 * A heatmap click with `azureBatch.nodes.groupBy: state`, in real VS Code against the emulator: the node is revealed
 * under the group row of its state (loading that group's pages), found under its current state's group when the
 * emulator moved it after the heatmap read it, and a node filter that hides its state is said without loading pages.
 * The heatmap refreshes only when asked (refreshSeconds = 0), so its cells keep the states of its first read.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoolItem } from '../../src/tree/poolItem';
import type { TreeNode } from '../../src/tree/treeNode';
import type { HeatmapPanel } from '../../src/webviews/heatmap/heatmapPanel';
import { api, emulator, path, waitFor } from './helpers';

describe('Heatmap reveal with nodes grouped by state', function () {
  this.timeout(180_000);
  let pool: PoolItem;
  let panel: HeatmapPanel;
  const settings = () => vscode.workspace.getConfiguration('azureBatch');
  const hpc10k = () => path('Contoso Production', 'Batch Accounts', 'contosohpc', 'hpc-10k') as Promise<PoolItem>;

  /** What the page posts on a plain click, through the panel's own validation and handling. */
  const click = (nodeId: string) => (panel as unknown as { receive(raw: unknown): void }).receive({ type: 'reveal', nodeId });

  /** Waits for the explorer to select the node's row; returns it. */
  const selected = (nodeId: string) => {
    const rowId = `${pool.id}/nodes/${nodeId}`;
    return waitFor(async () => api().treeView.selection.find((n) => n.id === rowId), `the explorer to select ${rowId}`, 90_000);
  };

  /** Records the error notifications (what the panel shows when a reveal fails) until `restore`. */
  const captureErrors = () => {
    const window = vscode.window as unknown as Record<string, unknown>;
    const saved = window.showErrorMessage;
    const shown: string[] = [];
    window.showErrorMessage = async (message: string) => {
      shown.push(message);
      return undefined;
    };
    return { shown, restore: () => { window.showErrorMessage = saved; } };
  };

  before(async () => {
    await settings().update('heatmap.refreshSeconds', 0, vscode.ConfigurationTarget.Global);
    await settings().update('nodes.groupBy', 'state', vscode.ConfigurationTarget.Global);
    await settings().update('nodes.pageSize', undefined, vscode.ConfigurationTarget.Global);
    pool = await hpc10k();
    await vscode.commands.executeCommand('azureBatch.showHeatmap', pool);
    panel = api().heatmaps.find(pool.parent.account.key, 'hpc-10k')!;
    assert.ok(panel, 'Show Heatmap opened a heatmap of hpc-10k');
    await waitFor(async () => panel.snapshot.length === 10_000, 'the heatmap to read the 10,000 nodes', 90_000);
  });

  beforeEach(async () => {
    // The root hook reset the emulator and the tree: the pool's row (with its node counts) is listed again, and the
    // view shows it (so that the node counts a test starts from are the ones the explorer keeps).
    pool = await hpc10k();
    await api().treeView.reveal(pool, { expand: true, select: false, focus: false });
    pool = (api().tree.ctx.items.get(pool.id) as PoolItem | undefined) ?? pool;
    await waitFor(async () => (await api().tree.getChildren(pool)).some((g) => g.id === `${pool.id}/states/idle`), 'the state groups of hpc-10k');
  });

  afterEach(async () => {
    // VS Code re-expands (and so reloads) the groups a test expanded when the next one refreshes the tree: collapse them.
    await vscode.commands.executeCommand('workbench.actions.treeView.azureBatch.explorer.collapseAll');
  });

  /** The `$filter` of each page of hpc-10k's nodes the emulator served since the last clearRequests. */
  const pageFilters = async () => (await emulator().requests({ path: '/pools/hpc-10k/nodes$', method: 'GET' })).map((r) => r.query['$filter']);

  after(async () => {
    for (const open of api().heatmaps.all()) {
      open.dispose();
    }
    await settings().update('nodes.groupBy', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('heatmap.refreshSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('reveals an idle node under "Idle (5,244)", loading that group\'s pages up to its third (1,000 a page)', async () => {
    const idle = panel.snapshot.filter((c) => c.state === 'idle');
    assert.equal(idle.length, 5_244);
    const nodeId = idle[2_500]!.id; // the 2,501st idle node: on the third page of the group
    await emulator().clearRequests();
    click(nodeId);
    const row = await selected(nodeId);
    const group = api().tree.getParent(row) as TreeNode & { state: string; loadedNodes: readonly unknown[] };
    assert.equal(group.id, `${pool.id}/states/idle`, 'shown under the group of its state');
    assert.equal(group.state, 'idle');
    assert.equal(group.loadedNodes.length, 3_000, 'three pages of the group loaded, no more');
    assert.deepEqual(await pageFilters(), ["state eq 'idle'", "state eq 'idle'", "state eq 'idle'"], 'only the idle group\'s pages were read');
    assert.equal(api().tree.getParent(group)?.id, pool.id, 'the group is under the pool');
  });

  it('reveals a node of a small group ("Start task failed") under that group, with one page', async () => {
    const nodeId = panel.snapshot.filter((c) => c.state === 'starttaskfailed').at(-1)!.id;
    await emulator().clearRequests();
    click(nodeId);
    const row = await selected(nodeId);
    assert.equal(api().tree.getParent(row)?.id, `${pool.id}/states/starttaskfailed`);
    assert.deepEqual(await pageFilters(), ["state eq 'starttaskfailed'"], 'the group\'s one page, no other');
  });

  it('finds a node the emulator moved out of its heatmap state under the group of its current state', async () => {
    const cell = panel.snapshot.filter((c) => c.state === 'idle')[4_000]!;
    await emulator().setNodeState('contosohpc', 'hpc-10k', cell.id, 'starttaskfailed');
    assert.equal(cell.state, 'idle', 'the heatmap still shows the state of its read');
    await emulator().clearRequests();
    click(cell.id);
    const row = await selected(cell.id);
    assert.equal(api().tree.getParent(row)?.id, `${pool.id}/states/starttaskfailed`, 'shown under the group of its state now');
    assert.equal((row as unknown as { node: { state?: string } }).node.state, 'starttaskfailed');
    const reads = await emulator().requests({ path: `/pools/hpc-10k/nodes/${cell.id}$`, method: 'GET' });
    assert.equal(reads.length, 1, 'one fresh read of the node told its current state');
    const filters = await pageFilters();
    assert.equal(filters.filter((f) => f === "state eq 'idle'").length, 6, `the idle group read to its end (5,243 nodes): ${filters.join(', ')}`);
    assert.ok(filters.lastIndexOf("state eq 'starttaskfailed'") > filters.lastIndexOf("state eq 'idle'"), `then the group of its current state: ${filters.join(', ')}`);
  });

  it('says what failed and to refresh when the group of the node\'s current state is not listed yet', async () => {
    assert.ok(!panel.snapshot.some((c) => c.state === 'creating'), 'hpc-10k has no creating node: the explorer lists no "Creating" group');
    const cell = panel.snapshot.filter((c) => c.state === 'starttaskfailed')[0]!;
    await emulator().setNodeState('contosohpc', 'hpc-10k', cell.id, 'creating');
    const { shown, restore } = captureErrors();
    try {
      await emulator().clearRequests();
      click(cell.id);
      const [message] = await waitFor(async () => shown.length > 0 && shown, 'the error message', 60_000);
      assert.equal(message, `Could not reveal node ${cell.id} in the Azure Batch explorer: Node ${cell.id} is not listed under "creating" in pool hpc-10k: its state changed since the explorer read the pool's nodes. Refresh the pool in the Azure Batch explorer and click the node again.`);
      assert.deepEqual(await pageFilters(), ["state eq 'starttaskfailed'"], 'the group of its heatmap state, read to its end');
      assert.equal((await emulator().requests({ path: `/pools/hpc-10k/nodes/${cell.id}$`, method: 'GET' })).length, 1, 'one fresh read of the node');
    } finally {
      restore();
    }
  });

  it('says that the pool\'s node filter hides the node\'s state, without loading any page', async () => {
    const nodeId = panel.snapshot.find((c) => c.state === 'starttaskfailed')!.id;
    await pool.setFilterStates(['idle']);
    const { shown, restore } = captureErrors();
    try {
      await emulator().clearRequests();
      click(nodeId);
      const [message] = await waitFor(async () => shown.length > 0 && shown, 'the error message', 60_000);
      assert.equal(message, `Could not reveal node ${nodeId} in the Azure Batch explorer: Node ${nodeId} is not listed under pool hpc-10k: the pool's node filter (idle) hides it. Clear the filter with Filter Nodes… and click the node again.`);
      assert.deepEqual(await pageFilters(), [], 'no page of nodes was read');
      const reads = await emulator().requests({ path: `/pools/hpc-10k/nodes/${nodeId}$`, method: 'GET' });
      assert.equal(reads.length, 1, 'one read of the node confirmed its state');
      assert.ok(!api().treeView.selection.some((n) => n.id === `${pool.id}/nodes/${nodeId}`));
    } finally {
      restore();
      await pool.setFilterStates([]);
    }
  });

  it('without grouping too, a filter that hides the node\'s state is said at once instead of reading the filtered pages', async () => {
    const nodeId = panel.snapshot.find((c) => c.state === 'starttaskfailed')!.id;
    await settings().update('nodes.groupBy', 'none', vscode.ConfigurationTarget.Global);
    await pool.setFilterStates(['idle']);
    const { shown, restore } = captureErrors();
    try {
      pool = await hpc10k();
      await emulator().clearRequests();
      click(nodeId);
      const [message] = await waitFor(async () => shown.length > 0 && shown, 'the error message', 60_000);
      assert.match(message!, /^Could not reveal node \S+ in the Azure Batch explorer: Node \S+ is not listed under pool hpc-10k: the pool's node filter \(idle\) hides it\. Clear the filter with Filter Nodes… and click the node again\.$/);
      // The expanded pool shows its first page of idle nodes (VS Code may read it again after the filter's refresh); no "Load more…" page.
      const lists = await emulator().requests({ path: '/pools/hpc-10k/nodes$', method: 'GET' });
      assert.deepEqual(lists.filter((r) => r.query['$skiptoken'] !== undefined).map((r) => r.query['$filter']), [], 'no further page of the filtered list was read');
      assert.ok(lists.every((r) => r.query['$filter'] === "state eq 'idle'"), lists.map((r) => r.query['$filter']).join(', '));
      assert.equal((await emulator().requests({ path: `/pools/hpc-10k/nodes/${nodeId}$`, method: 'GET' })).length, 1, 'one read of the node confirmed its state');
    } finally {
      restore();
      await pool.setFilterStates([]);
      await settings().update('nodes.groupBy', 'state', vscode.ConfigurationTarget.Global);
    }
  });
});
