import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, children, description, emulator, label, path, waitFor } from './helpers';

describe('auto-refresh of expanded pools', function () {
  this.timeout(90_000);

  after(async () => {
    await emulator().clearFaults();
    await vscode.workspace.getConfiguration('azureBatch').update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('redraws a changed node while the view is visible, backs off on errors and recovers', async () => {
    await emulator().reset();
    api().tree.refresh();
    await vscode.commands.executeCommand('azureBatch.explorer.focus');
    const pool = await path('Fabrikam Research', 'Batch Accounts', 'fabrikamresearch', 'legacy-cs');
    const [first] = await children(pool);
    await api().treeView.reveal(pool, { expand: true, select: false, focus: false });
    await vscode.workspace.getConfiguration('azureBatch').update('autoRefreshSeconds', 1, vscode.ConfigurationTarget.Global);

    const nodeId = await label(first);
    // The view holds its own row objects (same ids): read the live one, as the view draws it.
    const live = () => api().tree.ctx.items.get(first.id) ?? first;
    await emulator().setNodeState('fabrikamresearch', 'legacy-cs', nodeId, 'offline');
    await waitFor(async () => (await description(live())).startsWith('offline'), 'the node row to show offline', 15_000);

    await emulator().addFault({ route: '/batch/fabrikamresearch/', kind: 'status', status: 500, count: 1000 });
    await waitFor(async () => api().autoRefresh.failures >= 1, 'a failed round', 30_000);
    assert.ok((api().autoRefresh.nextDelayMs() ?? 0) >= 2000, 'the next round waits longer');
    await emulator().clearFaults();
    await emulator().setNodeState('fabrikamresearch', 'legacy-cs', nodeId, 'idle');
    await waitFor(async () => api().autoRefresh.failures === 0 && (await description(live())).startsWith('idle'), 'recovery', 30_000);
  });
});
