import * as assert from 'node:assert/strict';
import { REDACTED_VALUE, isSecretValue, redact, resolveRedacted } from '../../../src/jsonEditing/draftRedaction';
import { DraftSession, KEEP_MINE_ACTION, RELOAD_ACTION, USE_THEIRS_ACTION, type TextUpdate } from '../../../src/jsonEditing/draftSession';
import { DraftStore, clearDrafts, draftKey, dropExpiredDrafts, type DraftRecord, type DraftSecrets, type DraftStorage } from '../../../src/jsonEditing/draftStore';
import type { LoadedDocument } from '../../../src/jsonEditing/editorModel';
import type { JsonEditorSpec } from '../../../src/jsonEditing/editorSpec';
import { SchemaChecker } from '../../../src/jsonEditing/schemaCheck';
import { otherWindowBanner } from '../../../src/jsonEditing/draftRestore';
import { parseHostMessage } from '../../../src/webviews/protocol';

class MemoryStorage implements DraftStorage {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    const value = this.values.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, structuredClone(value));
    }
  }
  keys(): string[] {
    return [...this.values.keys()];
  }
  /** Everything kept, as one text (to search for values that must not be there). */
  dump(): string {
    return JSON.stringify([...this.values.entries()]);
  }
}

class MemorySecrets implements DraftSecrets {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

const SERVER_SAS = 'https://store.blob.core.windows.net/c/setup.sh?sv=2024&sig=SERVERSIGNATURE';
const TYPED_SAS = 'https://store.blob.core.windows.net/c/setup.sh?sv=2024&sig=TYPEDSIGNATURE';

/** A pool-like resource: a start task with an environment variable, a SAS resource file, and a password. */
class Resource {
  etag = 1;
  failLoads = false;
  values: Record<string, unknown> = {
    metadata: [{ name: 'owner', value: 'ops' }],
    startTask: { commandLine: 'setup.sh', environmentSettings: [{ name: 'DB_PASSWORD', value: 'server-env-secret' }], resourceFiles: [{ httpUrl: SERVER_SAS, filePath: 'setup.sh' }] },
    adminPassword: 'server-admin-pw',
  };
  version(): LoadedDocument {
    return { current: structuredClone(this.values), initial: structuredClone(this.values), version: `e${this.etag}`, versionLabel: `ETag e${this.etag}` };
  }
}

function specOf(resource: Resource): JsonEditorSpec {
  return {
    viewType: 'test.editor', key: 'pool-1', title: 'Edit pool-1', subtitle: '', schema: { type: 'object' }, submitLabel: 'Apply', revival: {},
    async load() {
      if (resource.failLoads) {
        throw new Error('GET failed: connection refused (offline).');
      }
      return resource.version();
    },
    validate: () => [],
    preview: () => ({ summary: '1 changed', rows: [], notices: [], request: { method: 'PATCH', url: 'https://x/p', headers: {}, body: '{}' } }),
    async submit() {
      return { kind: 'applied', message: 'applied' };
    },
  };
}

function world() {
  const storage = new MemoryStorage();
  const secrets = new MemorySecrets();
  const resource = new Resource();
  const spec = specOf(resource);
  const schemas = new SchemaChecker();
  const logs: string[] = [];
  let now = Date.parse('2026-11-01T00:00:00Z');
  const banners: (TextUpdate['banner'])[] = [];
  const view = { showText: (u: TextUpdate) => banners.push(u.banner), showAnalysis: () => undefined, resultObsolete: () => undefined, progress: () => undefined, warn: () => undefined };
  const store = (writer = 'window-1') => new DraftStore(storage, spec.viewType, spec.key, { secrets, writer, retentionDays: () => 30, now: () => now, log: (l) => logs.push(l) });
  const session = (writer = 'window-1') => new DraftSession(spec, store(writer), view, schemas);
  const record = () => storage.get<DraftRecord>(draftKey(spec.viewType, spec.key));
  return { storage, secrets, resource, logs, banners, store, session, record, advance: (ms: number) => (now += ms) };
}

const text = (value: unknown) => JSON.stringify(value, null, 2);
const versionOf = (session: DraftSession) => session.loaded?.version;

describe('json editor: drafts typed offline, secrets, expiry and other windows', () => {
  it('a draft typed while the first load failed survives closing and reopening, and is rebased on the first load that works', async () => {
    const w = world();
    w.resource.failLoads = true;
    const first = w.session();
    await first.open();
    await first.edit(text({ metadata: [{ name: 'owner', value: 'me' }] }), {});
    // The panel is closed: a new session (as a reopened panel or a reloaded window) while still offline.
    const reopened = w.session();
    await reopened.open();
    assert.equal(reopened.text, text({ metadata: [{ name: 'owner', value: 'me' }] }), 'the typed text is back');
    assert.equal(reopened.loaded, undefined, 'nothing to send it against yet');
    assert.equal(reopened.banner?.action?.id, RELOAD_ACTION);
    assert.match(reopened.banner!.message, /Showing your saved draft; the current version could not be fetched: GET failed: connection refused/);
    const start = await reopened.beginSubmit(reopened.text, {});
    assert.equal(start.kind === 'done' && start.result.outcome, 'failed', 'a submit sends nothing while nothing is loaded');
    // Online again: the next open rebases it on the loaded version; what was typed wins.
    w.resource.failLoads = false;
    const online = w.session();
    await online.open();
    const draft = JSON.parse(online.text) as Record<string, unknown>;
    assert.deepEqual(draft['metadata'], [{ name: 'owner', value: 'me' }]);
    assert.deepEqual(draft['startTask'], w.resource.values['startTask'], 'the rest comes from the server');
    assert.equal(online.loaded?.version, 'e1');
    assert.match(online.banner!.message, /Changed on both sides, your value kept: metadata/);
    assert.equal(w.record()?.based?.version, 'e1');
  });

  it('secret-bearing values: the service\'s are not kept (placeholder, read again on restore); typed ones go to SecretStorage', async () => {
    assert.equal(isSecretValue(['startTask', 'environmentSettings', 0, 'value'], 'x'), true);
    assert.equal(isSecretValue(['startTask', 'resourceFiles', 0, 'httpUrl'], SERVER_SAS), true);
    assert.equal(isSecretValue(['adminPassword'], 'x'), true);
    assert.equal(isSecretValue(['storageAccountKey'], 'x'), true);
    assert.equal(isSecretValue(['metadata', 0, 'value'], 'ops'), false);
    assert.equal(isSecretValue(['startTask', 'commandLine'], 'setup.sh'), false);
    const w = world();
    const s = w.session();
    await s.open();
    const edited = JSON.parse(s.text) as { startTask: { resourceFiles: { httpUrl: string }[] }; metadata: unknown[] };
    edited.startTask.resourceFiles[0]!.httpUrl = TYPED_SAS;
    edited.metadata = [{ name: 'owner', value: 'me' }];
    await s.edit(text(edited), {});
    const kept = w.storage.dump();
    for (const secret of ['server-env-secret', 'SERVERSIGNATURE', 'server-admin-pw', 'TYPEDSIGNATURE']) {
      assert.ok(!kept.includes(secret), `${secret} is not in global state`);
    }
    assert.ok(kept.includes(JSON.stringify(REDACTED_VALUE).slice(1, -1)), 'placeholders instead');
    assert.ok([...w.secrets.values.values()].join().includes('TYPEDSIGNATURE'), 'the typed SAS is in SecretStorage');
    assert.ok(![...w.secrets.values.values()].join().includes('server-env-secret'), 'the service\'s values are nowhere');
    // Restored: the typed value from SecretStorage, the service's read again.
    const restored = w.session();
    await restored.open();
    assert.equal(restored.text, text(edited));
    assert.equal(JSON.stringify(restored.loaded?.current).includes(REDACTED_VALUE), false, 'the base has the service\'s values again');
  });

  it('a redacted draft restored offline cannot be sent; a reload reads the values again', async () => {
    const w = world();
    const s = w.session();
    await s.open();
    const edited = { ...JSON.parse(s.text), metadata: [{ name: 'owner', value: 'me' }] };
    await s.edit(text(edited), {});
    w.resource.failLoads = true;
    const offline = w.session();
    await offline.open();
    assert.equal(offline.loaded, undefined, 'its base holds placeholders: not usable');
    assert.ok(offline.text.includes(REDACTED_VALUE));
    assert.ok(offline.analyze().issues.some((i) => i.severity === 'error' && i.message.includes(REDACTED_VALUE)), 'a placeholder in the draft is an error: it is never sent');
    await offline.edit(offline.text.replace('"me"', '"me-again"'), {});
    assert.ok(w.record()?.based, 'the kept base stays with the draft');
    w.resource.failLoads = false;
    await offline.reload();
    assert.deepEqual(JSON.parse(offline.text), { ...edited, metadata: [{ name: 'owner', value: 'me-again' }] });
    assert.equal(versionOf(offline), 'e1', 'based on the version loaded now');
  });

  it('redact and resolve are inverse for typed values and take the service\'s for the rest', () => {
    const server = { a: { password: 'p1' }, list: [{ value: 'v', environmentSettings: [{ name: 'n', value: 's1' }] }] };
    const draft = { a: { password: 'typed' }, list: [{ value: 'v', environmentSettings: [{ name: 'n', value: 's1' }] }] };
    const r = redact(draft, server);
    assert.equal(r.count, 2);
    assert.deepEqual(Object.values(r.typed), ['typed']);
    assert.deepEqual(resolveRedacted(r.value, { a: { password: 'p2' }, list: [{ environmentSettings: [{ value: 's2' }] }] }, r.typed), {
      value: { a: { password: 'typed' }, list: [{ value: 'v', environmentSettings: [{ name: 'n', value: 's2' }] }] }, unresolved: 0,
    });
    assert.equal(resolveRedacted(r.value, {}, {}).unresolved, 2);
  });

  it('a text that does not parse is kept whole in SecretStorage, not in global state', async () => {
    const w = world();
    const s = w.session();
    await s.open();
    await s.edit('{ "adminPassword": "half-typed', {});
    assert.equal(w.record()?.text, '');
    assert.equal(w.record()?.secrets, 'text');
    const back = w.session();
    await back.open();
    assert.equal(back.text, '{ "adminPassword": "half-typed');
  });

  it('expiry: a draft older than the retention is dropped on restore and at activation, one log line each', async () => {
    const w = world();
    const s = w.session();
    await s.open();
    await s.edit(text({ metadata: [] }), {});
    w.advance(29 * 86_400_000);
    assert.ok(await w.store().read(), 'kept for 29 days');
    w.advance(2 * 86_400_000);
    const reopened = w.session();
    await reopened.open();
    assert.equal(w.record(), undefined, 'dropped after 31 days');
    assert.equal(reopened.banner, undefined, 'the editor opens on the current version');
    assert.equal(w.logs.filter((l) => /^Dropped the draft .*older than 30 days/.test(l)).length, 1);
    // The sweep at activation: only the old ones.
    await w.storage.update(draftKey('v', 'old'), { text: '{}', fields: {}, savedAt: Date.parse('2026-01-01T00:00:00Z'), revision: 1, writer: 'w' });
    await w.storage.update(draftKey('v', 'new'), { text: '{}', fields: {}, savedAt: Date.parse('2026-11-30T00:00:00Z'), revision: 1, writer: 'w' });
    const lines: string[] = [];
    assert.equal(await dropExpiredDrafts(w.storage, w.secrets, 30, Date.parse('2026-12-01T00:00:00Z'), (l) => lines.push(l)), 1);
    assert.deepEqual(w.storage.keys(), [draftKey('v', 'new')]);
    assert.equal(lines.length, 1);
  });

  it('another window changed the draft: nothing is overwritten; "Use Theirs" shows theirs, "Keep Mine" writes mine', async () => {
    const w = world();
    const mine = w.session('window-1');
    await mine.open();
    await mine.edit(text({ ...w.resource.values, metadata: [{ name: 'by', value: 'one' }] }), {});
    const theirs = w.session('window-2');
    await theirs.open();
    await theirs.edit(text({ ...w.resource.values, metadata: [{ name: 'by', value: 'two' }] }), {});
    await mine.edit(text({ ...w.resource.values, metadata: [{ name: 'by', value: 'one, again' }] }), {});
    assert.equal(mine.changedElsewhere, true);
    assert.match(mine.banner!.message, /^This draft was changed in another window\./);
    assert.deepEqual([mine.banner!.action?.id, ...(mine.banner!.more ?? []).map((a) => a.id)], [USE_THEIRS_ACTION, KEEP_MINE_ACTION]);
    assert.deepEqual([mine.banner!.action?.label, mine.banner!.more?.[0]?.label], ['Use Theirs', 'Keep Mine']);
    assert.match(w.record()!.text, /"two"/, 'their draft was not overwritten');
    await mine.keepMine();
    assert.match(w.record()!.text, /"one, again"/);
    assert.equal(w.record()!.writer, 'window-1');
    assert.equal(mine.banner, undefined);
    // Now the other window is behind: its next edit is refused; it takes the draft written here.
    await theirs.edit(text({ ...w.resource.values, metadata: [{ name: 'by', value: 'two, again' }] }), {});
    assert.equal(theirs.changedElsewhere, true);
    assert.match(w.record()!.text, /"one, again"/);
    await theirs.useTheirs();
    assert.equal(theirs.changedElsewhere, false);
    assert.deepEqual(JSON.parse(theirs.text).metadata, [{ name: 'by', value: 'one, again' }]);
    assert.match(theirs.banner!.message, /Showing the draft from the other window/);
    await theirs.edit(text({ ...w.resource.values, metadata: [{ name: 'by', value: 'two, after choosing' }] }), {});
    assert.match(w.record()!.text, /"two, after choosing"/, 'it writes again after the choice');
  });

  it('the two-window banner (two buttons) passes the page\'s message check; a malformed extra button does not', () => {
    const banner = otherWindowBanner({ text: '{}', fields: {}, savedAt: 0 });
    const message = { type: 'setText', text: '{}', banner };
    assert.deepEqual(parseHostMessage(message), message);
    assert.equal(parseHostMessage({ ...message, banner: { ...banner, more: [{ id: KEEP_MINE_ACTION }] } }), undefined);
  });

  it('forget keeps a draft another window wrote since; clearDrafts by account or by sign-in', async () => {
    const w = world();
    const one = w.store('window-1');
    await one.read();
    await one.write({ text: '{"a":1}', fields: {}, savedAt: 1 });
    const two = w.store('window-2');
    await two.read();
    await two.write({ text: '{"a":2}', fields: {}, savedAt: 2 });
    assert.equal(await one.forget(), false);
    assert.equal(w.record()?.text, '{"a":2}');
    assert.equal(await two.forget(), true);
    assert.equal(w.record(), undefined);
    const url = 'https://acct.eastus.batch.azure.com';
    const put = (key: string, signIn?: boolean) => w.storage.update(key, { text: '{}', fields: {}, savedAt: 1, revision: 1, writer: 'w', ...(signIn === undefined ? {} : { scope: { signIn } }) });
    await put(draftKey('azureBatch.poolPatch', `${url}/pools/p1`), false);
    await put(draftKey('azureBatch.poolPatch', `${url}x/pools/p1`), false);
    await put(draftKey('azureBatch.poolPatch', 'https://sub.eastus.batch.azure.com/pools/p2'), true);
    await put(draftKey('azureBatch.imageDefinition', '/subscriptions/s/galleries/g/images/i'));
    await w.secrets.store(`${draftKey('azureBatch.poolPatch', `${url}/pools/p1`)}#secrets`, '{}');
    assert.deepEqual(await clearDrafts(w.storage, w.secrets, { accountUrl: url }), [draftKey('azureBatch.poolPatch', `${url}/pools/p1`)]);
    assert.equal(w.secrets.values.size, 0, 'its secrets too');
    assert.deepEqual((await clearDrafts(w.storage, w.secrets, { signIn: true })).length, 2, 'the sign-in ones (and older records without a scope)');
    assert.deepEqual(w.storage.keys(), [draftKey('azureBatch.poolPatch', `${url}x/pools/p1`)], 'a shared-key account\'s draft stays on Sign out');
  });
});
