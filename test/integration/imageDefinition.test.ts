import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import type { JsonEditorPanel } from '../../src/webviews/jsonEditor/jsonEditorPanel';
import { api, contextValue, description, emulator, labels, path, waitFor, withCancellableProgress, withPrompts } from './helpers';

const PROD = 'Contoso Production';
const GALLERY = 'contosoImages';
const RG = 'images-rg';

/** A name no other run or test uses. */
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

interface GalleryInfoLike { id: string; name: string; location: string; subscriptionId: string; resourceGroup: string }

async function galleryNode(): Promise<TreeNode> {
  const node = await path(PROD, 'Compute Galleries', GALLERY);
  assert.match(await contextValue(node), /\bazureBatchGallery\b/);
  return node;
}

const galleryOf = (node: TreeNode): GalleryInfoLike => (node as unknown as { gallery: GalleryInfoLike }).gallery;

async function ready(find: () => JsonEditorPanel | undefined, what: string): Promise<JsonEditorPanel> {
  const panel = await waitFor(async () => find(), what);
  await waitFor(async () => panel.basedOn !== undefined && panel.lastMessage('analysis') !== undefined, `${what} loaded`);
  await panel.whenEditorReady();
  return panel;
}

async function openCreate(): Promise<{ panel: JsonEditorPanel; gallery: GalleryInfoLike; node: TreeNode }> {
  const node = await galleryNode();
  const gallery = galleryOf(node);
  await vscode.commands.executeCommand('azureBatch.createImageDefinition', node);
  assert.equal(api().lastCommandResult('azureBatch.createImageDefinition')?.result, 'Succeeded');
  const panel = await ready(() => api().imageDefinition.findImageDefinitionEditor({ gallery }), 'the new-definition editor');
  return { panel, gallery, node };
}

async function openEdit(name: string): Promise<JsonEditorPanel> {
  const node = await waitFor(async () => (await labels(await galleryNode())).includes(name) && path(PROD, 'Compute Galleries', GALLERY, name), `${name} in the tree`);
  assert.match(await contextValue(node), /\bazureBatchImageDefinition\b/);
  await vscode.commands.executeCommand('azureBatch.editImageDefinition', node);
  assert.equal(api().lastCommandResult('azureBatch.editImageDefinition')?.result, 'Succeeded');
  const gallery = galleryOf(await galleryNode());
  return ready(() => api().imageDefinition.findImageDefinitionEditor({ gallery, imageName: name }), `the editor of ${name}`);
}

function draftOf(panel: JsonEditorPanel): Record<string, any> {
  return JSON.parse(panel.draftText);
}

function newDraft(offer: string, sku: string, extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    location: 'westeurope',
    properties: {
      identifier: { publisher: 'Contoso', offer, sku },
      osType: 'Linux',
      osState: 'Generalized',
      hyperVGeneration: 'V2',
      description: 'Made by the integration tests.',
      recommended: { vCPUs: { min: 2, max: 32 }, memory: { min: 4, max: 128 } },
      endOfLifeDate: '2031-12-31T00:00:00Z',
      features: [{ name: 'SecurityType', value: 'TrustedLaunchSupported' }],
      releaseNoteUri: 'https://contoso.example/images/notes',
      ...extra,
    },
    tags: { createdBy: 'tests' },
  };
}

async function puts(name: string) {
  return emulator().requests({ path: `/galleries/${GALLERY}/images/${name}$`, method: 'PUT' });
}

async function allImagePuts() {
  return emulator().requests({ path: '/images/[^/]+$', method: 'PUT' });
}

/**
 * Answers the next modal warning with `answer` (a button title; undefined = dismiss) and records its text and detail.
 */
async function withModal<T>(answer: string | undefined, body: () => Thenable<T>): Promise<{ result: T; modals: { message: string; detail?: string; modal?: boolean; buttons: string[] }[] }> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const saved = window.showWarningMessage;
  const modals: { message: string; detail?: string; modal?: boolean; buttons: string[] }[] = [];
  window.showWarningMessage = async (message: string, ...rest: unknown[]) => {
    const options = rest[0] && typeof rest[0] === 'object' && !('title' in (rest[0] as object)) ? rest[0] as vscode.MessageOptions : undefined;
    const buttons = rest.filter((r) => typeof r === 'string') as string[];
    modals.push({ message, detail: options?.detail, modal: options?.modal, buttons });
    return buttons.find((b) => b === answer);
  };
  try {
    return { result: await body(), modals };
  } finally {
    window.showWarningMessage = saved;
  }
}

async function imageRow(name: string): Promise<string> {
  return waitFor(async () => {
    const node = await galleryNode();
    const rows = await api().tree.getChildren(node);
    for (const row of rows) {
      const item = await row.getTreeItem();
      if (item.label === name) {
        return (await description(row)) || ' ';
      }
    }
    return undefined;
  }, `${name} in the tree`);
}

describe('Image definitions (create and edit in the JSON editor) on the emulator', function () {
  this.timeout(120_000);
  const opened: JsonEditorPanel[] = [];

  beforeEach(async () => {
    await emulator().clearFaults();
    await emulator().clearRequests();
  });

  afterEach(async () => {
    for (const panel of opened.splice(0)) {
      if (!panel.isDisposed) {
        await panel.discard().catch(() => undefined);
        panel.dispose();
      }
    }
  });

  it('creates a definition through Succeeded: starting document, live checks, the exact PUT, progress with the provisioningState, the tree', async () => {
    const { panel, gallery, node } = await openCreate();
    opened.push(panel);
    // The starting document: the gallery's location, the common choices, an identifier to fill in.
    const start = draftOf(panel);
    assert.equal(start.location, 'westeurope');
    assert.deepEqual(start.properties, { identifier: { publisher: 'Contoso', offer: '', sku: '' }, osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V2' });
    const first = panel.lastMessage('analysis')!;
    assert.equal(first.canSubmit, false);
    assert.ok(first.issues.some((i) => i.field === 'name' && /Enter a name/.test(i.message)), 'the name is asked for');
    assert.ok(first.issues.some((i) => i.path.join('/') === 'properties/identifier/offer'), 'the offer is asked for');
    const init = panel.lastMessage('init')!;
    assert.deepEqual(init.fields.map((f) => f.id), ['name']);
    assert.equal(init.submitLabel, 'Create');
    assert.deepEqual(panel.cspViolations, []);

    // The name is checked as it is typed.
    const name = unique('it-create');
    const draft = newDraft('it-offer', name);
    const typed = await panel.setDraft(JSON.stringify(draft, null, 2), { name: 'my image!' });
    assert.match(typed.issues.find((i) => i.field === 'name')!.message, /contains a space, '!'/);
    assert.equal(typed.canSubmit, false);

    const good = await panel.setDraft(JSON.stringify(draft, null, 2), { name });
    assert.deepEqual(good.issues.filter((i) => i.severity === 'error'), []);
    assert.equal(good.canSubmit, true);
    assert.match(good.preview.summary, new RegExp(`^Creates image definition ${name} in gallery ${GALLERY}: Linux · Generalized · V2`));
    assert.match(good.preview.request!.url, new RegExp(`/subscriptions/${gallery.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.Compute/galleries/${GALLERY}/images/${name}\\?api-version=2024-03-03$`));
    assert.equal(good.preview.request!.headers['If-None-Match'], '*');

    const { result, reports } = await withCancellableProgress(() => false, () => panel.pressSubmit());
    assert.equal(result.outcome, 'applied', result.message);
    assert.match(result.message, new RegExp(`Image definition ${name} created in gallery ${GALLERY}: provisioningState Succeeded`));
    assert.ok(reports.some((r) => /^provisioningState Creating$/.test(r)), `progress shows Creating: ${reports.join(' | ')}`);
    assert.ok(reports.some((r) => /provisioningState Succeeded/.test(r)), `progress shows Succeeded: ${reports.join(' | ')}`);

    const sent = await puts(name);
    assert.equal(sent.length, 1, 'one PUT');
    assert.equal(sent[0]!.status, 201);
    assert.deepEqual(JSON.parse(sent[0]!.body), draft, 'the body is the draft');
    assert.equal(sent[0]!.headers['if-none-match'], '*');
    assert.equal(sent[0]!.query['api-version'], '2024-03-03');
    assert.deepEqual(await emulator().conformance(), []);
    const stored = await emulator().getImage(gallery.subscriptionId, RG, GALLERY, name) as any;
    assert.equal(stored.properties.provisioningState, 'Succeeded');
    assert.deepEqual(stored.properties.identifier, draft.properties.identifier);

    // The tree lists it; the create panel became the editor of the new definition ("Created" banner), nothing kept.
    assert.equal(await imageRow(name), 'Linux · Generalized · V2');
    assert.equal(panel.hasStoredDraft, false);
    assert.equal(panel.isDisposed, true, 'the create panel closed');
    const edit = await ready(() => api().imageDefinition.findImageDefinitionEditor({ gallery, imageName: name }), `the editor of ${name}`);
    opened.push(edit);
    assert.equal(edit.spec.title, `Edit image definition ${name}`);
    assert.equal(edit.panel.title, `Edit image definition ${name}`);
    const editInit = edit.lastMessage('init')!;
    assert.equal(editInit.submitLabel, 'Update');
    assert.match(editInit.banner?.message ?? '', new RegExp(`^Created: image definition ${name} in gallery ${GALLERY} \\(provisioningState Succeeded\\)`));
    assert.ok(await api().tree.getChildren(node));

    // Further edits are updates of that definition (gallery images carry no ETag: the editor re-reads and compares
    // before it sends, and sends no If-None-Match).
    const edited = draftOf(edit);
    edited.properties.description = 'Updated after create.';
    assert.equal((await edit.setDraft(JSON.stringify(edited, null, 2))).canSubmit, true);
    const updated = await withCancellableProgress(() => false, () => edit.pressSubmit());
    assert.equal(updated.result.outcome, 'applied', updated.result.message);
    const all = await puts(name);
    assert.equal(all.length, 2);
    assert.equal(all[1]!.status, 200);
    assert.equal(all[1]!.headers['if-none-match'], undefined, 'an update, not a create');
    assert.equal(JSON.parse(all[1]!.body).properties.description, 'Updated after create.');
    assert.match(updated.result.message, new RegExp(`Image definition ${name} updated: description replaced`));
  });

  it('an operation that ends Failed: the error (code, message) inline, the draft kept through close and reopen; sending again asks before replacing', async () => {
    let { panel } = await openCreate();
    opened.push(panel);
    const name = unique('it-fail');
    const draft = newDraft('it-offer', name);
    const text = JSON.stringify(draft, null, 2);
    await panel.setDraft(text, { name });
    await emulator().failNextImagePut('GalleryImageProvisioningFailed', 'The platform could not provision the image definition in westeurope.');
    const failed = await withCancellableProgress(() => false, () => panel.pressSubmit());
    assert.equal(failed.result.outcome, 'failed', failed.result.message);
    assert.match(failed.result.message, /the operation ended Failed: GalleryImageProvisioningFailed: The platform could not provision the image definition in westeurope/);
    assert.match(failed.result.message, /Your draft is kept/);
    const issue = failed.result.issues[0]!;
    assert.equal(issue.source, 'service');
    assert.match(issue.message, /^GalleryImageProvisioningFailed: /);
    assert.equal((await puts(name)).length, 1);
    assert.equal(panel.hasStoredDraft, true);
    assert.equal(panel.draftText, text);
    assert.match(await imageRow(name), /Failed$/, 'the tree shows the definition Failed');

    // Close and reopen: the draft and the name come back.
    panel.dispose();
    ({ panel } = await openCreate());
    opened.push(panel);
    assert.equal(panel.draftText, text);
    assert.equal(panel.lastMessage('init')!.fields[0]!.value, name);
    assert.match(panel.lastMessage('init')!.banner?.message ?? '', /Restored your unsaved draft/);
    const analysis = panel.lastMessage('analysis')!;
    assert.ok(analysis.issues.some((i) => i.field === 'name' && i.severity === 'warning' && /already exists/.test(i.message)));

    // Sending again replaces the Failed definition, after asking.
    const { result, modals } = await withModal('Replace', () => panel.pressSubmit());
    assert.equal(modals.length, 1);
    assert.equal(modals[0]!.modal, true);
    assert.match(modals[0]!.message, new RegExp(`"${name}" already exists in gallery ${GALLERY} \\(provisioningState Failed\\)`));
    assert.equal(result.outcome, 'applied', result.message);
    const sent = await puts(name);
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.status, 200);
    assert.equal(sent[1]!.headers['if-none-match'], undefined);
    assert.equal(((await emulator().getImage(galleryOf(await galleryNode()).subscriptionId, RG, GALLERY, name)) as any).properties.provisioningState, 'Succeeded');
    assert.deepEqual(await emulator().conformance(), []);
  });

  it('a request the service refuses at once (CloudError): nothing changed, code and message inline, the draft kept', async () => {
    const { panel } = await openCreate();
    opened.push(panel);
    const name = unique('it-refused');
    const text = JSON.stringify(newDraft('it-offer', name), null, 2);
    await panel.setDraft(text, { name });
    await emulator().addFault({ route: `/images/${name}$`, method: 'PUT', kind: 'status', status: 400, count: 1 });
    const result = await panel.pressSubmit();
    assert.equal(result.outcome, 'failed', result.message);
    assert.match(result.message, /^Nothing was changed: the service refused the request: BadRequest: The request is not valid \[HTTP 400\]\. Your draft is kept\.$/);
    assert.deepEqual(result.issues.map((i) => [i.source, i.message]), [['service', 'BadRequest: The request is not valid [HTTP 400]']]);
    assert.equal((await puts(name)).length, 1);
    assert.equal(panel.hasStoredDraft, true);
    assert.equal(panel.draftText, text);
    await assert.rejects(emulator().getImage(galleryOf(await galleryNode()).subscriptionId, RG, GALLERY, name), /\(404\): image not found/, 'nothing was created');
  });

  it('rejects an invalid name and an invalid recommended range, says where, and sends nothing', async () => {
    const { panel } = await openCreate();
    opened.push(panel);
    const draft = newDraft('it-offer', unique('sku'));
    draft.properties.recommended = { vCPUs: { min: 16, max: 4 }, memory: { min: -2, max: 8 } };
    const analysis = await panel.setDraft(JSON.stringify(draft, null, 2), { name: '-starts-with-dash' });
    assert.equal(analysis.canSubmit, false);
    const errors = analysis.issues.filter((i) => i.severity === 'error');
    assert.match(errors.find((i) => i.field === 'name')!.message, /must start with a letter or a digit/);
    assert.match(errors.find((i) => i.path.join('/') === 'properties/recommended/vCPUs/min')!.message, /min \(16\) is greater than max \(4\)/);
    assert.match(errors.find((i) => i.path.join('/') === 'properties/recommended/memory/min')!.message, /at least 0; got -2/);
    const result = await panel.pressSubmit();
    assert.equal(result.outcome, 'invalid');
    assert.match(result.message, /Nothing was sent/);

    // A good name alone is not enough: the range still blocks.
    const stillBad = await panel.setDraft(JSON.stringify(draft, null, 2), { name: unique('it-range') });
    assert.equal(stillBad.canSubmit, false);
    assert.equal((await panel.pressSubmit()).outcome, 'invalid');
    // A name too long.
    const long = await panel.setDraft(JSON.stringify(newDraft('it-offer', unique('sku')), null, 2), { name: 'a'.repeat(81) });
    assert.match(long.issues.find((i) => i.field === 'name')!.message, /at most 80/);
    assert.equal((await panel.pressSubmit()).outcome, 'invalid');
    assert.equal((await allImagePuts()).length, 0, 'no request');
  });

  it('catches a duplicate identifier before sending and says which definition holds it', async () => {
    const { panel } = await openCreate();
    opened.push(panel);
    const draft = newDraft('ubuntu-batch', '22_04-LTS-gen2'); // ubuntu-2204-batch has Contoso/ubuntu-batch/22_04-lts-gen2
    const analysis = await panel.setDraft(JSON.stringify(draft, null, 2), { name: unique('it-dup') });
    assert.equal(analysis.canSubmit, false);
    const duplicate = analysis.issues.find((i) => i.path.join('/') === 'properties/identifier')!;
    assert.equal(duplicate.severity, 'error');
    assert.match(duplicate.message, /already used by image definition "ubuntu-2204-batch" in gallery contosoImages/);
    const result = await panel.pressSubmit();
    assert.equal(result.outcome, 'invalid');
    assert.equal((await allImagePuts()).length, 0, 'no request');
  });

  it('creating over an existing definition asks first, with what would change; dismissing sends nothing; what cannot change is refused before asking', async () => {
    const { panel, gallery } = await openCreate();
    opened.push(panel);
    const before = await emulator().getImage(gallery.subscriptionId, RG, GALLERY, 'win2019-legacy') as any;
    const original = { location: before.location, properties: { ...before.properties } };
    delete original.properties.provisioningState;
    const draft = structuredClone(original);
    draft.properties.description = 'Windows Server 2019 (replaced by the integration tests).';
    draft.properties.recommended = { vCPUs: { min: 4, max: 16 } };
    const analysis = await panel.setDraft(JSON.stringify(draft, null, 2), { name: 'win2019-legacy' });
    assert.deepEqual(analysis.issues.filter((i) => i.severity === 'error'), []);
    assert.ok(analysis.issues.some((i) => i.field === 'name' && /already exists/.test(i.message)));
    assert.match(analysis.preview.notices[0]!.message, /"win2019-legacy" already exists in gallery contosoImages.*asked to confirm/);
    assert.match(analysis.preview.summary, /^Replaces the existing definition win2019-legacy: 3 changes: description replaced, recommended\.vCPUs\.min added, recommended\.vCPUs\.max added/);

    // Dismissed: nothing is sent, the draft stays.
    const dismissed = await withModal(undefined, () => panel.pressSubmit());
    assert.equal(dismissed.modals.length, 1);
    assert.equal(dismissed.modals[0]!.modal, true);
    assert.match(dismissed.modals[0]!.message, /An image definition named "win2019-legacy" already exists in gallery contosoImages \(provisioningState Succeeded\)\. Replace it with your draft\?/);
    assert.match(dismissed.modals[0]!.detail!, /What would change \(3\)/);
    assert.match(dismissed.modals[0]!.detail!, /~ description: "Windows Server 2019 for the legacy render farm\." → "Windows Server 2019 \(replaced by the integration tests\)\."/);
    assert.match(dismissed.modals[0]!.detail!, /\+ recommended\.vCPUs\.max: 16/);
    assert.deepEqual(dismissed.modals[0]!.buttons, ['Replace']);
    assert.equal(dismissed.result.outcome, 'nothing');
    assert.match(dismissed.result.message, /Nothing was sent: win2019-legacy already exists and was left as it is/);
    assert.equal((await allImagePuts()).length, 0);
    assert.equal(panel.hasStoredDraft, true);

    // Replace: sent; then put the original back the same way.
    const replaced = await withModal('Replace', () => panel.pressSubmit());
    assert.equal(replaced.result.outcome, 'applied', replaced.result.message);
    assert.match(replaced.result.message, /win2019-legacy in gallery contosoImages replaced: provisioningState Succeeded/);
    let sent = await puts('win2019-legacy');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.status, 200);
    assert.deepEqual(JSON.parse(sent[0]!.body), draft);
    await panel.setDraft(JSON.stringify(original, null, 2), { name: 'win2019-legacy' });
    assert.equal((await withModal('Replace', () => panel.pressSubmit())).result.outcome, 'applied');
    sent = await puts('win2019-legacy');
    assert.equal(sent.length, 2);
    assert.deepEqual(await emulator().conformance(), []);

    // What cannot change after creation blocks before any question.
    const immutable = structuredClone(original);
    immutable.properties.osType = 'Linux';
    immutable.properties.hyperVGeneration = 'V2';
    const blocked = await panel.setDraft(JSON.stringify(immutable, null, 2), { name: 'win2019-legacy' });
    assert.equal(blocked.canSubmit, false);
    assert.match(blocked.issues.find((i) => i.path.join('/') === 'properties/osType')!.message, /cannot be changed after the definition is created/);
    const refused = await withModal('Replace', () => panel.pressSubmit());
    assert.equal(refused.modals.length, 0);
    assert.equal(refused.result.outcome, 'invalid');
    assert.equal((await puts('win2019-legacy')).length, 2, 'nothing more sent');
  });

  it('edits an existing definition: what needs allowUpdateImage or can never change is explained before sending; Update sends the PUT', async () => {
    // A definition of this test's own.
    const { panel: creator } = await openCreate();
    opened.push(creator);
    const name = unique('it-edit');
    await creator.setDraft(JSON.stringify(newDraft('it-offer', name), null, 2), { name });
    assert.equal((await creator.pressSubmit()).outcome, 'applied');
    creator.dispose();

    const panel = await openEdit(name);
    opened.push(panel);
    assert.equal(panel.lastMessage('init')!.submitLabel, 'Update');
    assert.deepEqual(panel.lastMessage('init')!.fields, []);
    assert.match(panel.basedOn!.versionLabel, /provisioningState Succeeded/);
    const current = draftOf(panel);
    assert.deepEqual(current, newDraft('it-offer', name), 'the definition as it is, without read-only members');
    assert.equal(panel.lastMessage('analysis')!.preview.request, undefined, 'nothing to send yet');

    // Can never change.
    const osType = structuredClone(current);
    osType.properties.osType = 'Windows';
    osType.properties.identifier.offer = 'other-offer';
    const refused = await panel.setDraft(JSON.stringify(osType, null, 2));
    assert.equal(refused.canSubmit, false);
    assert.match(refused.issues.find((i) => i.path.join('/') === 'properties/osType')!.message, /cannot be changed after the definition is created \(the service answers 409 PropertyChangeNotAllowed\)/);
    assert.ok(refused.issues.some((i) => i.path.join('/') === 'properties/identifier' && i.severity === 'error'));

    // features need allowUpdateImage.
    const features = structuredClone(current);
    features.properties.features = [{ name: 'SecurityType', value: 'TrustedLaunchAndConfidentialVmSupported' }];
    const needsAllow = await panel.setDraft(JSON.stringify(features, null, 2));
    assert.equal(needsAllow.canSubmit, false);
    assert.match(needsAllow.issues.find((i) => i.path.join('/') === 'properties/features')!.message, /needs "allowUpdateImage": true/);
    features.properties.allowUpdateImage = true;
    features.properties.description = 'Edited by the integration tests.';
    features.properties.recommended.vCPUs.max = 64;
    features.properties.endOfLifeDate = '2020-01-01T00:00:00Z';
    const ok = await panel.setDraft(JSON.stringify(features, null, 2));
    assert.deepEqual(ok.issues.filter((i) => i.severity === 'error'), []);
    assert.match(ok.issues.find((i) => i.path.join('/') === 'properties/endOfLifeDate')!.message, /in the past/, 'a past date warns');
    assert.equal(ok.canSubmit, true, 'a warning does not block');
    assert.match(ok.preview.summary, /^5 changes: description replaced, recommended\.vCPUs\.max replaced, endOfLifeDate replaced, features replaced, allowUpdateImage added/);

    const { result, reports } = await withCancellableProgress(() => false, () => panel.pressSubmit());
    assert.equal(result.outcome, 'applied', result.message);
    assert.match(result.message, new RegExp(`Image definition ${name} updated: description replaced, .*; provisioningState Succeeded`));
    assert.ok(reports.some((r) => /provisioningState Updating/.test(r)), reports.join(' | '));
    const sent = await puts(name);
    assert.equal(sent.length, 2, 'the create and the update');
    assert.equal(sent[1]!.status, 200);
    assert.deepEqual(JSON.parse(sent[1]!.body), features);
    assert.deepEqual(await emulator().conformance(), []);
    const stored = await emulator().getImage(galleryOf(await galleryNode()).subscriptionId, RG, GALLERY, name) as any;
    assert.equal(stored.properties.description, 'Edited by the integration tests.');
    assert.equal(stored.properties.recommended.vCPUs.max, 64);
    // The editor now shows the new version, with nothing kept.
    assert.equal(panel.hasStoredDraft, false);
    assert.equal(draftOf(panel).properties.description, 'Edited by the integration tests.');
    assert.equal(panel.lastMessage('analysis')!.preview.request, undefined);
  });

  it('edit: a definition changed by someone else meanwhile → conflict, nothing sent; rebase keeps the edit on top', async () => {
    const { panel: creator } = await openCreate();
    opened.push(creator);
    const name = unique('it-conflict');
    const original = newDraft('it-offer', name);
    await creator.setDraft(JSON.stringify(original, null, 2), { name });
    assert.equal((await creator.pressSubmit()).outcome, 'applied');

    const panel = await openEdit(name);
    opened.push(panel);
    const mine = draftOf(panel);
    mine.properties.description = 'My edit.';
    await panel.setDraft(JSON.stringify(mine, null, 2));

    // Someone else (here: the create editor, replacing it) changes the end-of-life date.
    const theirs = structuredClone(original);
    theirs.properties.endOfLifeDate = '2032-06-30T00:00:00Z';
    await creator.setDraft(JSON.stringify(theirs, null, 2), { name });
    assert.equal((await withModal('Replace', () => creator.pressSubmit())).result.outcome, 'applied');
    assert.equal((await puts(name)).length, 2);

    const conflict = await panel.pressSubmit();
    assert.equal(conflict.outcome, 'conflict', conflict.message);
    assert.match(conflict.message, new RegExp(`Nothing was sent: ${name} was changed by someone else`));
    assert.ok(conflict.conflict!.rows.some((r) => r.label === 'properties'), 'the changed part is shown');
    assert.equal((await puts(name)).length, 2, 'nothing sent');
    assert.equal(panel.hasStoredDraft, true);

    const rebase = await panel.rebase();
    assert.deepEqual(rebase.conflicts, []);
    assert.deepEqual(rebase.taken, ['properties.endOfLifeDate']);
    const rebased = draftOf(panel);
    assert.equal(rebased.properties.description, 'My edit.');
    assert.equal(rebased.properties.endOfLifeDate, '2032-06-30T00:00:00Z');
    const applied = await panel.pressSubmit();
    assert.equal(applied.outcome, 'applied', applied.message);
    const sent = await puts(name);
    assert.equal(sent.length, 3);
    assert.deepEqual(JSON.parse(sent[2]!.body), rebased);
    assert.deepEqual(await emulator().conformance(), []);
  });

  it('opens both editors from the palette with pickers, and one editor per gallery (create) or per definition (edit)', async () => {
    const pick = (want: RegExp) => (items: readonly vscode.QuickPickItem[]) => items.find((i) => want.test(i.label));
    const { prompts } = await withPrompts([pick(/^Contoso Production$/), pick(/^contosoImages$/)], () => vscode.commands.executeCommand('azureBatch.createImageDefinition'));
    assert.equal(api().lastCommandResult('azureBatch.createImageDefinition')?.result, 'Succeeded');
    assert.deepEqual(prompts, ['pick:Create an image definition in which gallery?', 'pick:Create an image definition in which gallery?'], 'a subscription, then a gallery');
    const gallery = galleryOf(await galleryNode());
    const create = await ready(() => api().imageDefinition.findImageDefinitionEditor({ gallery }), 'the new-definition editor');
    opened.push(create);
    await vscode.commands.executeCommand('azureBatch.createImageDefinition', await galleryNode());
    assert.equal(api().jsonEditors.all().filter((p) => p.spec.viewType === 'azureBatch.imageDefinition' && p.spec.key === create.spec.key).length, 1, 'revealed, not opened twice');

    // The subscription has one gallery: the picker opens it without asking.
    const editPrompts = await withPrompts([pick(/^Contoso Production$/), pick(/^rhel9-specialized$/)], () => vscode.commands.executeCommand('azureBatch.editImageDefinition'));
    assert.equal(editPrompts.prompts.length, 2, editPrompts.prompts.join(' | '));
    assert.equal(api().lastCommandResult('azureBatch.editImageDefinition')?.result, 'Succeeded');
    const edit = await ready(() => api().imageDefinition.findImageDefinitionEditor({ gallery, imageName: 'rhel9-specialized' }), 'the editor of rhel9-specialized');
    opened.push(edit);
    assert.equal(draftOf(edit).properties.osState, 'Specialized');
    assert.equal(edit.spec.title, 'Edit image definition rhel9-specialized');
  });
});
