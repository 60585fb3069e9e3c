import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { draftKey, type DraftRecord } from '../../src/jsonEditing/draftStore';
import type { JsonEditorPanel } from '../../src/webviews/jsonEditor/jsonEditorPanel';
import { api, emulator, labels, path, waitFor, withPrompts } from './helpers';

const PROD = 'Contoso Production';
const POOL_VIEW = 'azureBatch.poolPatch';

function editorOf(poolId: string): JsonEditorPanel | undefined {
  return api().jsonEditors.all().find((p) => p.spec.viewType === POOL_VIEW && p.spec.key.endsWith(`/pools/${poolId}`));
}

/** Opens the pool's editor from its row; waits until its page is ready and it has its first state (loaded or not). */
async function openPool(...rowPath: string[]): Promise<JsonEditorPanel> {
  const poolId = rowPath[rowPath.length - 1]!;
  await vscode.commands.executeCommand('azureBatch.editPoolProperties', await path(...rowPath));
  const panel = await waitFor(async () => editorOf(poolId), `the editor of ${poolId}`);
  await waitFor(async () => panel.lastMessage('init') !== undefined && panel.lastMessage('analysis') !== undefined, `the editor of ${poolId} opened`);
  await panel.whenEditorReady();
  return panel;
}

const recordOf = (panel: JsonEditorPanel): DraftRecord | undefined => api().draftStorage.get<DraftRecord>(draftKey(POOL_VIEW, panel.spec.key));
const text = (value: unknown) => JSON.stringify(value, null, 2);

describe('editor drafts: kept offline, secrets, cleared with the account, expired, shared by windows', function () {
  this.timeout(180_000);
  const opened: JsonEditorPanel[] = [];

  beforeEach(async () => {
    await emulator().clearFaults();
    await emulator().clearRequests();
  });

  afterEach(async () => {
    await emulator().clearFaults();
    for (const panel of opened.splice(0)) {
      if (!panel.isDisposed) {
        await panel.discard().catch(() => undefined);
        panel.dispose();
      }
    }
  });

  it('a draft typed while the pool could not be loaded survives closing the editor, is back on reopen, and is rebased on the load that works', async () => {
    await emulator().addFault({ route: '/pools/gpu-empty$', method: 'GET', kind: 'status', status: 403 });
    const first = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'gpu-empty');
    assert.equal(first.basedOn, undefined, 'the first load failed');
    assert.match(first.lastMessage('init')?.banner?.message ?? '', /Could not load the resource/);
    const typed = { metadata: [{ name: 'owner', value: 'typed-offline' }] };
    await first.setDraft(text(typed));
    assert.equal(recordOf(first)?.text, text(typed), 'kept with no base version');
    assert.equal(recordOf(first)?.based, undefined);
    first.dispose();

    const reopened = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'gpu-empty');
    opened.push(reopened);
    assert.equal(reopened.draftText, text(typed), 'the typed draft is back, with no prompt on close');
    assert.match(reopened.lastMessage('init')?.banner?.message ?? '', /Showing your saved draft; the current version could not be fetched/);

    await emulator().clearFaults();
    await reopened.reload();
    const etag = reopened.basedOn?.version;
    assert.ok(etag, 'based on the version loaded now');
    assert.deepEqual(JSON.parse(reopened.draftText).metadata, typed.metadata, 'what was typed wins');
    assert.equal(recordOf(reopened)?.based?.version, etag);
    await emulator().clearRequests();
    const result = await reopened.pressSubmit();
    assert.equal(result.outcome, 'applied', result.message);
    const [patch] = await emulator().requests({ path: '/pools/gpu-empty$', method: 'PATCH' });
    assert.equal(patch?.headers['if-match'], etag);
    assert.deepEqual((await emulator().getPool('contosoprod', 'gpu-empty'))['metadata'], typed.metadata);
    assert.equal(recordOf(reopened), undefined, 'applied: forgotten');
  });

  it('a pool\'s start-task environment values and SAS URLs are not kept in global state; the draft is restored with them', async () => {
    const startTask = {
      commandLine: '/bin/sh -c setup.sh',
      environmentSettings: [{ name: 'DB_PASSWORD', value: 'env-secret-from-service' }],
      resourceFiles: [{ httpUrl: 'https://store.blob.core.windows.net/c/setup.sh?sv=2024-01-01&sig=SERVICESIGNATURE', filePath: 'setup.sh' }],
    };
    await emulator().touchPool('contosoprod', 'gpu-empty', { startTask });
    const panel = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'gpu-empty');
    opened.push(panel);
    assert.ok(panel.basedOn);
    const draft = JSON.parse(panel.draftText);
    draft.metadata = [{ name: 'owner', value: 'me' }];
    draft.startTask.environmentSettings.push({ name: 'API_TOKEN', value: 'typed-secret' });
    await panel.setDraft(text(draft));
    assert.deepEqual(JSON.parse(recordOf(panel)?.text ?? '{}').metadata, draft.metadata, 'the draft is kept');
    const kept = JSON.stringify(recordOf(panel));
    for (const secret of ['env-secret-from-service', 'SERVICESIGNATURE', 'typed-secret']) {
      assert.ok(!kept.includes(secret), `${secret} is not in global state: ${kept}`);
    }
    panel.dispose();
    const back = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'gpu-empty');
    opened.push(back);
    assert.deepEqual(JSON.parse(back.draftText), draft, 'restored whole: the service\'s values read again, the typed one from SecretStorage');
    assert.match(back.lastMessage('init')?.banner?.message ?? '', /Restored your unsaved draft/);
  });

  it('Sign out clears the drafts reached with the sign-in and keeps a shared-key account\'s; Detach clears that account\'s', async () => {
    const info = await emulator().info();
    const research = info.batchAccounts.find((a) => a.name === 'fabrikamresearch')!;
    await withPrompts([research.url, 'Shared key', 'fabrikamresearch', research.primaryKey], () => vscode.commands.executeCommand('azureBatch.attachAccount'));
    let signedOut = false;
    try {
      const [attachedPool] = await labels(await path('Attached Accounts', 'fabrikamresearch'));
      const shared = await openPool('Attached Accounts', 'fabrikamresearch', attachedPool!);
      await shared.setDraft(text({ ...JSON.parse(shared.draftText), metadata: [{ name: 'kept', value: 'shared-key' }] }));
      const entra = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'linux-small');
      await entra.setDraft(text({ ...JSON.parse(entra.draftText), metadata: [{ name: 'gone', value: 'on sign-out' }] }));
      const sharedKey = draftKey(POOL_VIEW, shared.spec.key);
      const entraKey = draftKey(POOL_VIEW, entra.spec.key);
      shared.dispose();
      entra.dispose();
      assert.ok(api().draftStorage.get(sharedKey) && api().draftStorage.get(entraKey), 'both drafts kept after closing');

      await vscode.commands.executeCommand('azureBatch.signOut');
      signedOut = true;
      assert.equal(api().draftStorage.get(entraKey), undefined, 'Sign out cleared the subscription account\'s draft');
      assert.ok(api().draftStorage.get(sharedKey), 'the shared-key account\'s draft does not depend on the sign-in');

      const attached = await path('Attached Accounts', 'fabrikamresearch');
      await withPrompts(['Detach'], () => vscode.commands.executeCommand('azureBatch.detachAccount', attached));
      assert.equal(api().lastCommandResult('azureBatch.detachAccount')?.result, 'Succeeded');
      assert.equal(api().draftStorage.get(sharedKey), undefined, 'Detach cleared its draft');
    } finally {
      if (signedOut) {
        await vscode.commands.executeCommand('azureBatch.signIn');
      }
      const attached = await path('Attached Accounts', 'fabrikamresearch').catch(() => undefined);
      if (attached) {
        await withPrompts(['Detach'], () => vscode.commands.executeCommand('azureBatch.detachAccount', attached));
      }
      api().tree.refresh();
    }
  });

  it('an editor left open when Sign out clears its draft closes, so no keystroke keeps the draft again', async () => {
    const entra = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'linux-small');
    opened.push(entra);
    await entra.setDraft(text({ ...JSON.parse(entra.draftText), metadata: [{ name: 'gone', value: 'on sign-out' }] }));
    const entraKey = draftKey(POOL_VIEW, entra.spec.key);
    assert.ok(api().draftStorage.get(entraKey), 'the draft is kept while the editor is open');
    await vscode.commands.executeCommand('azureBatch.signOut');
    try {
      await waitFor(async () => entra.isDisposed, 'the editor closed on Sign out');
      assert.equal(editorOf('linux-small'), undefined, 'no editor of linux-small is open');
      assert.equal(api().draftStorage.get(entraKey), undefined, 'its draft is gone and nothing wrote it again');
    } finally {
      await vscode.commands.executeCommand('azureBatch.signIn');
      api().tree.refresh();
    }
  });

  it('a draft older than azureBatch.editors.draftRetentionDays is dropped when its editor opens', async () => {
    const first = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'linux-small');
    await first.setDraft(text({ ...JSON.parse(first.draftText), metadata: [{ name: 'old', value: 'draft' }] }));
    const key = draftKey(POOL_VIEW, first.spec.key);
    const pristine = first.lastMessage('init')!.pristineText;
    first.dispose();
    const record = api().draftStorage.get<DraftRecord>(key)!;
    await api().draftStorage.update(key, { ...record, savedAt: Date.now() - 31 * 86_400_000 });

    const reopened = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'linux-small');
    opened.push(reopened);
    assert.equal(api().draftStorage.get(key), undefined, 'dropped: older than the 30 days of the default');
    assert.equal(reopened.draftText, pristine, 'the editor shows the current pool');
    assert.equal(reopened.lastMessage('init')?.banner, undefined, 'no "Restored your unsaved draft"');
  });

  it('a draft another window changed is not overwritten: the editor says so; Use Theirs shows it, Keep Mine writes over it', async () => {
    const panel = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'linux-small');
    opened.push(panel);
    const base = JSON.parse(panel.draftText);
    await panel.setDraft(text({ ...base, metadata: [{ name: 'by', value: 'this window' }] }));
    const key = draftKey(POOL_VIEW, panel.spec.key);
    // The other window (same profile: same global state) writes its draft.
    const mine = api().draftStorage.get<DraftRecord>(key)!;
    const theirsText = text({ ...base, metadata: [{ name: 'by', value: 'the other window' }] });
    await api().draftStorage.update(key, { ...mine, text: theirsText, revision: mine.revision + 1, writer: 'another-window', savedAt: Date.now() });

    await panel.setDraft(text({ ...base, metadata: [{ name: 'by', value: 'this window, again' }] }));
    assert.equal(panel.draftChangedElsewhere, true);
    const banner = panel.lastMessage('setText')?.banner;
    assert.match(banner?.message ?? '', /^This draft was changed in another window\./);
    assert.deepEqual([banner?.action?.label, ...(banner?.more ?? []).map((a) => a.label)], ['Use Theirs', 'Keep Mine']);
    assert.equal(api().draftStorage.get<DraftRecord>(key)?.text, theirsText, 'theirs is not overwritten');

    await panel.pressBannerAction('Use Theirs');
    assert.equal(panel.draftChangedElsewhere, false);
    assert.deepEqual(JSON.parse(panel.draftText).metadata, [{ name: 'by', value: 'the other window' }]);
    assert.match(panel.lastMessage('setText')?.banner?.message ?? '', /Showing the draft from the other window/);

    // Again, and this time "Keep Mine".
    const now = api().draftStorage.get<DraftRecord>(key)!;
    await api().draftStorage.update(key, { ...now, revision: now.revision + 1, writer: 'another-window', savedAt: Date.now() });
    const keep = text({ ...base, metadata: [{ name: 'by', value: 'kept here' }] });
    await panel.setDraft(keep);
    assert.equal(panel.draftChangedElsewhere, true);
    await panel.pressBannerAction('Keep Mine');
    assert.equal(panel.draftChangedElsewhere, false);
    assert.equal(api().draftStorage.get<DraftRecord>(key)?.text, keep, 'mine written over theirs');
    assert.notEqual(api().draftStorage.get<DraftRecord>(key)?.writer, 'another-window');
  });

  it('a pool read without an ETag: Apply asks in a modal naming the pool; dismissing sends nothing and keeps the draft; "Apply Without ETag" sends the PATCH without If-Match', async () => {
    await emulator().addFault({ route: '/pools/gpu-empty$', method: 'GET', kind: 'noEtag' });
    const panel = await openPool(PROD, 'Batch Accounts', 'contosoprod', 'gpu-empty');
    opened.push(panel);
    assert.ok(panel.basedOn, 'loaded');
    assert.equal(panel.basedOn.version, undefined, 'without an ETag');
    const metadata = [{ name: 'unconditional', value: 'yes' }];
    await panel.setDraft(text({ ...JSON.parse(panel.draftText), metadata }));

    const dismissed = await withPrompts([undefined], () => panel.pressSubmit());
    assert.deepEqual(dismissed.prompts, ['warning:Apply the change to pool gpu-empty without an ETag?']);
    assert.equal(dismissed.result.outcome, 'failed');
    assert.match(dismissed.result.message, /^Nothing was sent: the pool was loaded without an ETag/);
    assert.equal((await emulator().requests({ path: '/pools/gpu-empty$', method: 'PATCH' })).length, 0, 'nothing sent');
    assert.deepEqual(JSON.parse(panel.draftText).metadata, metadata, 'the draft is kept');
    assert.ok(recordOf(panel), 'and stored');

    const accepted = await withPrompts(['Apply Without ETag'], () => panel.pressSubmit());
    assert.equal(accepted.result.outcome, 'applied', accepted.result.message);
    const sent = await emulator().requests({ path: '/pools/gpu-empty$', method: 'PATCH' });
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.headers['if-match'], undefined, 'no If-Match');
    assert.deepEqual((await emulator().getPool('contosoprod', 'gpu-empty'))['metadata'], metadata);
  });
});
