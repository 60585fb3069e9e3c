import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { JsonEditorPanel } from '../../src/webviews/jsonEditor/jsonEditorPanel';
import { api, emulator, path, waitFor } from './helpers';

const PROD = 'Contoso Production';

async function openPool(poolId: string): Promise<JsonEditorPanel> {
  await vscode.commands.executeCommand('azureBatch.editPoolProperties', await path(PROD, 'Batch Accounts', 'contosoprod', poolId));
  const panel = await waitFor(async () => api().jsonEditors.all().find((p) => p.spec.viewType === 'azureBatch.poolPatch' && p.spec.key.endsWith(`/pools/${poolId}`)), `the editor of ${poolId}`);
  await waitFor(async () => panel.basedOn !== undefined && panel.lastMessage('analysis') !== undefined, 'the pool loaded');
  await panel.whenEditorReady();
  return panel;
}

/** Sets the draft's metadata. */
async function editMetadata(panel: JsonEditorPanel, metadata: { name: string; value: string }[]): Promise<void> {
  const draft = JSON.parse(panel.draftText) as Record<string, unknown>;
  draft['metadata'] = metadata;
  await panel.setDraft(JSON.stringify(draft, null, 2));
}

async function patches(poolId: string) {
  return emulator().requests({ path: `/pools/${poolId}$`, method: 'PATCH' });
}

/**
 * Answers the editor's notifications (information and error messages) with `answer`, and records them.
 */
async function withNotifications<T>(answer: string | undefined, body: () => Promise<T>): Promise<{ result: T; shown: string[] }> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const saved = { info: window.showInformationMessage, error: window.showErrorMessage };
  const shown: string[] = [];
  const fake = async (message: string, ...items: unknown[]) => {
    shown.push(message);
    return items.find((i) => i === answer);
  };
  window.showInformationMessage = fake;
  window.showErrorMessage = fake;
  try {
    return { result: await body(), shown };
  } finally {
    window.showInformationMessage = saved.info;
    window.showErrorMessage = saved.error;
  }
}

describe('editors recover from lost answers and hidden pages', function () {
  this.timeout(120_000);
  const opened: JsonEditorPanel[] = [];

  afterEach(async () => {
    for (const panel of opened.splice(0)) {
      if (!panel.isDisposed) {
        await panel.discard();
        panel.dispose();
      }
    }
  });

  /**
   * A PATCH is retried after a 503 while someone else changes the pool: the retry's If-Match fails (412 after a
   * retry). Whether the first attempt went through cannot be known from the 412, so the editor compares the pool
   * with the draft.
   */
  async function retriedPatch(poolId: string, draftMetadata: { name: string; value: string }[], otherWriter: { name: string; value: string }[]) {
    const panel = await openPool(poolId);
    opened.push(panel);
    await editMetadata(panel, draftMetadata);
    await emulator().addFault({ route: `/pools/${poolId}$`, method: 'PATCH', kind: 'status', status: 503, retryAfterSeconds: 2, count: 1 });
    const submitted = panel.pressSubmit();
    await waitFor(async () => (await patches(poolId)).some((p) => p.status === 503), 'the first attempt (503)');
    await emulator().touchPool('contosoprod', poolId, { metadata: otherWriter });
    const result = await submitted;
    assert.deepEqual((await patches(poolId)).map((p) => p.status), [503, 412], 'retried once, refused by If-Match');
    return { panel, result };
  }

  it('412 after a retry, and the pool differs from the draft: the conflict view, nothing lost', async () => {
    const mine = [{ name: 'owner', value: 'me' }];
    const theirs = [{ name: 'owner', value: 'someone-else' }];
    const { panel, result } = await retriedPatch('gpu-empty', mine, theirs);
    assert.equal(result.outcome, 'conflict', result.message);
    assert.match(result.message, /changed by someone else/);
    assert.equal(panel.hasStoredDraft, true);
    assert.deepEqual(JSON.parse(panel.draftText).metadata, mine);
    assert.deepEqual((await emulator().getPool('contosoprod', 'gpu-empty'))['metadata'], theirs);
  });

  it('412 after a retry, and the pool now equals the draft: reported as applied, the draft forgotten', async () => {
    const mine = [{ name: 'owner', value: 'me' }];
    const { panel, result } = await retriedPatch('gpu-empty', mine, mine);
    assert.equal(result.outcome, 'applied', result.message);
    assert.match(result.message, /Pool gpu-empty updated: metadata added/);
    assert.equal(panel.hasStoredDraft, false);
  });

  it('a submit that ends while the editor is hidden: a notification with "Show Editor", and the page shows the result when back', async () => {
    const panel = await openPool('gpu-empty');
    opened.push(panel);
    await editMetadata(panel, [{ name: 'hidden', value: 'yes' }]);
    await emulator().addFault({ route: '/pools/gpu-empty$', method: 'PATCH', kind: 'latency', delayMs: 1500, count: 1 });
    const { result, shown } = await withNotifications('Show Editor', async () => {
      const submitted = panel.pressSubmit();
      await waitFor(async () => panel.lastMessage('busy')?.busy === true, 'the submit to start');
      // Another editor in front (the pool's read-only properties): the panel is hidden and its page destroyed.
      await vscode.commands.executeCommand('azureBatch.viewProperties', await path(PROD, 'Batch Accounts', 'contosoprod', 'gpu-empty'));
      await waitFor(async () => !panel.panel.visible, 'the editor to be hidden');
      const initBefore = panel.lastMessage('init');
      const outcome = await submitted;
      // "Show Editor" brings it back; its new page gets the whole state, the result included.
      await waitFor(async () => panel.panel.visible && panel.lastMessage('init') !== initBefore, 'the editor shown again, with a new page');
      return outcome;
    });
    assert.equal(result.outcome, 'applied', result.message);
    assert.equal(shown.length, 1, shown.join(' | '));
    assert.match(shown[0]!, /^Edit pool gpu-empty: Pool gpu-empty updated: metadata added/);
    assert.deepEqual(panel.lastMessage('submitResult'), result, 'the result is replayed to the new page');
    assert.equal(panel.lastMessage('busy')?.busy, false);
    const properties = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'azurebatch-properties');
    await vscode.window.tabGroups.close(properties);
  });
});
