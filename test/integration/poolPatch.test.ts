import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { JsonEditorPanel } from '../../src/webviews/jsonEditor/jsonEditorPanel';
import { api, contextValue, emulator, path, waitFor, withPrompts } from './helpers';

const PROD = 'Contoso Production';

/** The open pool editor of `account/poolId` (panels come from the extension's bundle: found through the test API). */
function editorOf(account: string, poolId: string): JsonEditorPanel | undefined {
  return api().jsonEditors.all().find((p) => p.spec.viewType === 'azureBatch.poolPatch' && new RegExp(`/${account}/pools/${poolId}$`).test(p.spec.key));
}

async function openFromTree(account: string, poolId: string, subscription = PROD): Promise<JsonEditorPanel> {
  const pool = await path(subscription, 'Batch Accounts', account, poolId);
  assert.match(await contextValue(pool), /\bazureBatchPool\b/);
  await vscode.commands.executeCommand('azureBatch.editPoolProperties', pool);
  assert.equal(api().lastCommandResult('azureBatch.editPoolProperties')?.result, 'Succeeded');
  const panel = await waitFor(async () => editorOf(account, poolId), `the editor of ${poolId}`);
  await waitFor(async () => panel.basedOn !== undefined && panel.lastMessage('analysis') !== undefined, 'the pool loaded');
  await panel.whenEditorReady();
  return panel;
}

async function patches(poolId: string) {
  return emulator().requests({ path: `/pools/${poolId}$`, method: 'PATCH' });
}

function draftOf(panel: JsonEditorPanel): Record<string, any> {
  return JSON.parse(panel.draftText);
}

async function close(panel: JsonEditorPanel | undefined): Promise<void> {
  if (panel && !panel.isDisposed) {
    panel.dispose();
  }
}

describe('Edit Pool Properties (pool patch editor) on the emulator', function () {
  this.timeout(120_000);
  let panel: JsonEditorPanel | undefined;

  beforeEach(async () => {
    await emulator().clearFaults();
    await emulator().clearRequests();
  });

  afterEach(async () => {
    if (panel && !panel.isDisposed) {
      await panel.discard().catch(() => undefined);
    }
    await close(panel);
    panel = undefined;
  });

  it('opens one editor per pool with the current values; Apply sends exactly the changed properties with If-Match', async () => {
    panel = await openFromTree('contosoprod', 'linux-small');
    const gets = await emulator().requests({ path: '/pools/linux-small$', method: 'GET' });
    assert.ok(gets.length >= 1, 'the pool was fetched fresh');
    const etag = panel.basedOn!.version!;
    assert.ok(etag, 'the ETag of the version the draft is based on');
    const draft = draftOf(panel);
    assert.deepEqual(Object.keys(draft), ['startTask', 'applicationPackageReferences', 'metadata', 'targetNodeCommunicationMode']);
    assert.deepEqual(draft.metadata, [{ name: 'owner', value: 'build-team' }, { name: 'costCenter', value: 'CC-1042' }]);
    assert.ok(panel.openMs! > 0, 'the open time is measured');
    assert.deepEqual(panel.cspViolations, [], 'the Content-Security-Policy blocked nothing');

    // A second call reveals the same panel.
    await vscode.commands.executeCommand('azureBatch.editPoolProperties', await path(PROD, 'Batch Accounts', 'contosoprod', 'linux-small'));
    assert.equal(api().jsonEditors.all().filter((p) => /\/contosoprod\/pools\/linux-small$/.test(p.spec.key)).length, 1);
    assert.equal(editorOf('contosoprod', 'linux-small'), panel);

    draft.metadata.push({ name: 'ticket', value: 'OPS-1' });
    const analysis = await panel.setDraft(JSON.stringify(draft, null, 2));
    assert.deepEqual(analysis.issues, []);
    assert.equal(analysis.canSubmit, true);
    assert.match(analysis.preview.summary, /^1 property changes: metadata replaced/);
    assert.deepEqual(JSON.parse(analysis.preview.request!.body), { metadata: draft.metadata });
    assert.equal(analysis.preview.request!.headers['If-Match'], etag);
    assert.deepEqual(analysis.preview.rows.filter((r) => r.kind !== 'unchanged').map((r) => [r.label, r.kind]), [['metadata[2]', 'added']], 'the list changes by one item');

    const result = await panel.pressSubmit();
    assert.equal(result.outcome, 'applied', result.message);
    assert.match(result.message, /Pool linux-small updated: metadata replaced/);
    const sent = await patches('linux-small');
    assert.equal(sent.length, 1, 'one PATCH');
    assert.deepEqual(JSON.parse(sent[0]!.body), { metadata: draft.metadata }, 'only the changed property');
    assert.equal(sent[0]!.headers['if-match'], etag);
    assert.equal(sent[0]!.status, 200);
    assert.deepEqual(await emulator().conformance(), []);
    const stored = await emulator().getPool('contosoprod', 'linux-small');
    assert.deepEqual((stored as any).metadata, draft.metadata);
    // The editor now shows the new version, and no draft is kept.
    assert.notEqual(panel.basedOn!.version, etag);
    assert.deepEqual(draftOf(panel).metadata, draft.metadata);
    assert.equal(panel.hasStoredDraft, false);
  });

  it('opens from the palette with a pool picker', async () => {
    const offered: string[] = [];
    const pick = (items: readonly vscode.QuickPickItem[]) => {
      offered.push(...items.map((i) => i.label));
      return items.find((i) => ['Contoso Production', 'contosoprod', 'gpu-empty'].includes(i.label));
    };
    const { prompts } = await withPrompts([pick, pick, pick], () => vscode.commands.executeCommand('azureBatch.editPoolProperties'));
    assert.equal(api().lastCommandResult('azureBatch.editPoolProperties')?.result, 'Succeeded');
    assert.equal(prompts.length, 3, 'subscription, account, pool: no "Batch Accounts" level and no "Use …" step');
    assert.ok(!offered.includes('Compute Galleries') && !offered.some((l) => /Use /.test(l)), offered.join(', '));
    panel = await waitFor(async () => editorOf('contosoprod', 'gpu-empty'), 'the editor of gpu-empty');
    await panel.whenEditorReady();
  });

  it('412: the pool changed meanwhile → conflict view → rebase keeps the edit on top → a second Apply succeeds', async () => {
    panel = await openFromTree('contosoprod', 'linux-small');
    const firstEtag = panel.basedOn!.version!;
    const draft = draftOf(panel);
    const mode = draft.targetNodeCommunicationMode === 'classic' ? 'simplified' : 'classic';
    draft.targetNodeCommunicationMode = mode;
    await panel.setDraft(JSON.stringify(draft, null, 2));
    // Another writer changes the metadata.
    const otherMetadata = [{ name: 'owner', value: 'someone-else' }];
    const touched = await emulator().touchPool('contosoprod', 'linux-small', { metadata: otherMetadata });

    const conflict = await panel.pressSubmit();
    assert.equal(conflict.outcome, 'conflict', conflict.message);
    assert.match(conflict.message, /changed by someone else/);
    const metadataRow = conflict.conflict!.rows.find((r) => r.label === 'metadata')!;
    assert.ok(metadataRow, 'the server\'s newer metadata is shown');
    assert.deepEqual(JSON.parse(metadataRow.theirs!), otherMetadata);
    assert.equal(metadataRow.conflict, false, 'the draft did not change metadata');
    const modeRow = conflict.conflict!.rows.find((r) => r.label === 'targetNodeCommunicationMode')!;
    assert.equal(modeRow.yours, JSON.stringify(mode));
    let sent = await patches('linux-small');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.status, 412);
    assert.equal(sent[0]!.headers['if-match'], firstEtag);
    assert.equal(panel.hasStoredDraft, true, 'nothing is lost');

    const rebase = await panel.rebase();
    assert.deepEqual(rebase.conflicts, []);
    assert.deepEqual(rebase.taken, ['metadata']);
    const rebased = draftOf(panel);
    assert.equal(rebased.targetNodeCommunicationMode, mode, 'the edit stays on top');
    assert.deepEqual(rebased.metadata, otherMetadata, 'the server\'s newer value is taken');
    assert.equal(panel.basedOn!.version, touched.eTag);

    const applied = await panel.pressSubmit();
    assert.equal(applied.outcome, 'applied', applied.message);
    sent = await patches('linux-small');
    assert.equal(sent.length, 2);
    assert.deepEqual(JSON.parse(sent[1]!.body), { targetNodeCommunicationMode: mode });
    assert.equal(sent[1]!.headers['if-match'], touched.eTag);
    assert.equal(sent[1]!.status, 200);
    assert.deepEqual(await emulator().conformance(), []);
  });

  it('refuses an invalid draft, says why and where, and sends nothing', async () => {
    panel = await openFromTree('contosoprod', 'linux-small');
    const draft = draftOf(panel);
    draft.metadata = [{ name: 'owner', value: 'a' }, { name: 'owner', value: 'b' }];
    draft.startTask.maxTaskRetryCount = -3;
    draft.startTask.resourceFiles = [{ httpUrl: 'https://example.invalid/a.sh', autoStorageContainerName: 'scripts', filePath: 'a.sh', fileMode: '0999' }];
    draft.startTask.userIdentity = { username: 'admin', autoUser: { scope: 'pool' } };
    draft.vmSize = 'standard_d4s_v3';
    const analysis = await panel.setDraft(JSON.stringify(draft, null, 2));
    assert.equal(analysis.canSubmit, false);
    const where = new Set(analysis.issues.filter((i) => i.severity === 'error').map((i) => i.path.join('/')));
    for (const expected of [
      'metadata/1/name', 'startTask/maxTaskRetryCount', 'startTask/resourceFiles/0/httpUrl', 'startTask/resourceFiles/0/fileMode',
      'startTask/userIdentity/autoUser', 'vmSize',
    ]) {
      assert.ok(where.has(expected), `an error at ${expected}; errors at: ${[...where].join(', ')}`);
    }
    const vmSize = analysis.issues.find((i) => i.path.join('/') === 'vmSize')!;
    assert.match(vmSize.message, /only while the pool has no nodes; pool linux-small has 3/);
    const result = await panel.pressSubmit();
    assert.equal(result.outcome, 'invalid');
    assert.match(result.message, /Nothing was sent/);
    assert.equal((await patches('linux-small')).length, 0, 'no request');

    const broken = await panel.setDraft('{ "metadata": [ }');
    assert.equal(broken.canSubmit, false);
    assert.equal(broken.issues[0]?.source, 'json');
    assert.equal((await panel.pressSubmit()).outcome, 'invalid');
    assert.equal((await patches('linux-small')).length, 0, 'still no request');
  });

  it('keeps the draft through a failed request and through closing and reopening the panel', async () => {
    panel = await openFromTree('fabrikamresearch', 'ml-train', 'Fabrikam Research');
    const draft = draftOf(panel);
    draft.metadata = [{ name: 'experiment', value: 'exp-42' }];
    const text = JSON.stringify(draft, null, 2);
    await panel.setDraft(text);
    await emulator().addFault({ route: '/pools/ml-train$', method: 'PATCH', kind: 'status', status: 500, count: 20 });
    const failed = await panel.pressSubmit();
    assert.equal(failed.outcome, 'failed', failed.message);
    assert.match(failed.message, /InternalError/);
    assert.match(failed.message, /Your draft is kept/);
    assert.ok((await patches('ml-train')).length >= 1);
    assert.equal(panel.hasStoredDraft, true);
    assert.equal(panel.draftText, text);
    await emulator().clearFaults();

    panel.dispose();
    panel = await openFromTree('fabrikamresearch', 'ml-train', 'Fabrikam Research');
    assert.equal(panel.draftText, text, 'the draft came back');
    const init = panel.lastMessage('init')!;
    assert.equal(init.text, text);
    assert.match(init.banner?.message ?? '', /Restored your unsaved draft/);

    await panel.discard();
    assert.equal(panel.hasStoredDraft, false, 'discarding is explicit, and forgets it');
    assert.deepEqual(draftOf(panel).metadata, []);
  });

  it('shows a service 400 inline, at the property the service names', async () => {
    panel = await openFromTree('contosoprod', 'gpu-empty');
    const draft = draftOf(panel);
    draft.resourceTags = { team: 'ml' };
    const analysis = await panel.setDraft(JSON.stringify(draft, null, 2));
    assert.equal(analysis.canSubmit, true, 'the pool has no nodes, so resourceTags may change');
    const result = await panel.pressSubmit();
    assert.equal(result.outcome, 'failed', result.message);
    const [issue] = result.issues;
    assert.deepEqual(issue?.path, ['resourceTags']);
    assert.equal(issue?.source, 'service');
    assert.match(issue!.message, /^InvalidPropertyValue \(HTTP 400\): .* PropertyName: resourceTags; Reason: Resource tags can only be specified when/);
    assert.equal(panel.hasStoredDraft, true);
    assert.deepEqual(await emulator().conformance(), []);
  });
  it('a double submit sends one request; text typed while the submit runs survives its success', async () => {
    panel = await openFromTree('contosoprod', 'gpu-empty');
    const etag = panel.basedOn!.version!;
    const draft = draftOf(panel);
    draft.metadata = [{ name: 'it-double', value: '1' }];
    await panel.setDraft(JSON.stringify(draft, null, 2));
    await emulator().addFault({ route: '/pools/gpu-empty$', method: 'PATCH', kind: 'latency', delayMs: 400 });
    const first = panel.pressSubmit();
    const second = panel.pressSubmit();
    const p = panel;
    await waitFor(async () => p.lastMessage('busy')?.busy === true, 'the submit is running');
    // Typed while the request is on its way: not part of it, and must not be wiped by its success.
    const later = structuredClone(draft);
    later.metadata.push({ name: 'it-later', value: '2' });
    const laterText = JSON.stringify(later, null, 2);
    await panel.setDraft(laterText);
    const [result] = await Promise.all([first, second]);
    await emulator().clearFaults();
    assert.equal(result.outcome, 'applied', result.message);
    const sent = await patches('gpu-empty');
    assert.equal(sent.length, 1, 'one PATCH for two presses');
    assert.deepEqual(JSON.parse(sent[0]!.body), { metadata: draft.metadata });
    assert.equal(panel.draftText, laterText, 'the later edit is kept');
    assert.equal(panel.hasStoredDraft, true, 'and stored as the draft');
    assert.notEqual(panel.basedOn!.version, etag, 'based on the new version');
    assert.deepEqual(panel.lastMessage('setText')?.text, laterText, 'the page shows it');
    assert.equal(panel.lastMessage('busy')?.busy, false);
    const analysis = panel.lastMessage('analysis')!;
    assert.deepEqual(JSON.parse(analysis.preview.request!.body), { metadata: later.metadata }, 'what is left to send is the later edit');
  });

  it('a reload after a failed load keeps what was typed meanwhile', async () => {
    await emulator().addFault({ route: '/pools/gpu-empty$', method: 'GET', kind: 'status', status: 500, count: 1000 });
    const pool = await path(PROD, 'Batch Accounts', 'contosoprod', 'gpu-empty');
    await vscode.commands.executeCommand('azureBatch.editPoolProperties', pool);
    const opened = await waitFor(async () => editorOf('contosoprod', 'gpu-empty'), 'the editor of gpu-empty');
    panel = opened;
    await waitFor(async () => /Could not load/.test(opened.lastMessage('init')?.banner?.message ?? ''), 'the failed load');
    assert.equal(opened.basedOn, undefined);
    const typed = JSON.stringify({ metadata: [{ name: 'it-typed', value: 'kept' }] }, null, 2);
    await opened.setDraft(typed);
    await emulator().clearFaults();
    await opened.reload();
    assert.ok(opened.basedOn, 'loaded now');
    assert.equal(opened.draftText, typed, 'the typed text is kept');
    assert.equal(opened.hasStoredDraft, true, 'and stored');
    assert.equal(opened.lastMessage('setText')?.text, typed);
    assert.equal((await patches('gpu-empty')).length, 0, 'nothing sent');
  });
});
