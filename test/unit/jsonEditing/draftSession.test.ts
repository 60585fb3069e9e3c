import * as assert from 'node:assert/strict';
import { PLACEHOLDER_TEXT, REBASE_ACTION, RELOAD_ACTION, DraftSession, type TextUpdate } from '../../../src/jsonEditing/draftSession';
import { DraftStore, draftKey, type DraftSecrets, type DraftStorage, type StoredDraft } from '../../../src/jsonEditing/draftStore';
import type { LoadedDocument, SubmitOutcome } from '../../../src/jsonEditing/editorModel';
import type { JsonEditorSpec } from '../../../src/jsonEditing/editorSpec';
import { isJsonObject } from '../../../src/jsonEditing/jsonValue';
import { SchemaChecker } from '../../../src/jsonEditing/schemaCheck';

/** Storage like vscode.Memento: JSON values by key (copied, as the real one serializes them). */
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
}

/** Storage like vscode.SecretStorage. */
export class MemorySecrets implements DraftSecrets {
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

/** A resource on a fake server: its values and an ETag that changes with each write. */
class FakeResource {
  etag = 1;
  values: Record<string, unknown> = { name: 'a', size: 1 };
  loads = 0;
  failLoads = false;
  submits: unknown[] = [];
  /** What the next submit answers (default: applies the draft). */
  answer: ((draft: Record<string, unknown>) => Promise<SubmitOutcome>) | undefined;

  version(): LoadedDocument {
    return { current: structuredClone(this.values), initial: structuredClone(this.values), version: `e${this.etag}`, versionLabel: `ETag e${this.etag}` };
  }

  change(values: Record<string, unknown>): void {
    this.values = { ...this.values, ...values };
    this.etag++;
  }
}

function specOf(resource: FakeResource, extra: Partial<JsonEditorSpec> = {}): JsonEditorSpec {
  return {
    viewType: 'test.editor',
    key: 'resource-1',
    title: 'Edit resource-1',
    subtitle: '',
    schema: { type: 'object', properties: { name: { type: 'string' }, size: { type: 'integer' } }, additionalProperties: false },
    submitLabel: 'Apply',
    revival: {},
    async load() {
      resource.loads++;
      if (resource.failLoads) {
        throw new Error('GET failed: ServerBusy (HTTP 503).');
      }
      return resource.version();
    },
    validate: (draft) => (isJsonObject(draft) && draft['size'] === 0 ? [{ path: ['size'], message: 'size must not be 0', severity: 'error', source: 'rules' }] : []),
    preview(draft, loaded) {
      const changed = isJsonObject(draft) ? Object.keys(draft).filter((k) => JSON.stringify(draft[k]) !== JSON.stringify(loaded.current[k])) : [];
      return { summary: `${changed.length} changed`, rows: [], notices: [], request: changed.length ? { method: 'PATCH', url: 'https://x/r', headers: {}, body: '{}' } : undefined };
    },
    async submit(draft, _loaded, _fields, progress) {
      progress('Patching…');
      resource.submits.push(draft);
      if (resource.answer) {
        return resource.answer(draft as Record<string, unknown>);
      }
      resource.change(draft as Record<string, unknown>);
      return { kind: 'applied', message: 'applied' };
    },
    ...extra,
  };
}

/** Records what the session tells the page. */
class RecordingView {
  texts: TextUpdate[] = [];
  analyses = 0;
  obsolete = 0;
  progress: string[] = [];
  warnings: string[] = [];
  showText(update: TextUpdate) {
    this.texts.push(update);
  }
  showAnalysis() {
    this.analyses++;
  }
  resultObsolete() {
    this.obsolete++;
  }
  progressOf(label: string) {
    this.progress.push(label);
  }
  asView() {
    return { showText: (u: TextUpdate) => this.showText(u), showAnalysis: () => this.showAnalysis(), resultObsolete: () => this.resultObsolete(), progress: (l: string) => this.progressOf(l), warn: (l: string) => this.warnings.push(l) };
  }
}

function setup(extra: Partial<JsonEditorSpec> = {}) {
  const resource = new FakeResource();
  const storage = new MemoryStorage();
  const view = new RecordingView();
  const spec = specOf(resource, extra);
  const schemas = new SchemaChecker();
  const secrets = new MemorySecrets();
  const session = () => new DraftSession(spec, new DraftStore(storage, spec.viewType, spec.key, { secrets, writer: 'window-1', retentionDays: () => 30 }), view.asView(), schemas);
  /** A submit as the panel runs it: the session checks, the spec sends, the session settles. */
  const submit = async (s: DraftSession, draftText: string) => {
    const start = await s.beginSubmit(draftText, {});
    return start.kind === 'done' ? start.result : s.settle(start, () => spec.submit(start.draft, start.loaded, start.fields, (label) => view.progressOf(label)));
  };
  return { resource, storage, view, spec, session, submit, stored: () => storage.get<StoredDraft>(draftKey(spec.viewType, spec.key)) };
}

const text = (value: unknown) => JSON.stringify(value, null, 2);
const versionOf = (session: DraftSession) => session.loaded?.version;


describe('json editor: the draft session (restore, edit, rebase, reload, discard, submit)', () => {
  it('opens on the current version; an edit is kept in the store, editing it back forgets it', async () => {
    const { session, stored } = setup();
    const s = session();
    await s.open();
    assert.equal(s.text, text({ name: 'a', size: 1 }));
    assert.equal(s.loaded?.version, 'e1');
    assert.equal(s.banner, undefined);
    await s.edit(text({ name: 'b', size: 1 }), {});
    assert.equal(stored()?.text, text({ name: 'b', size: 1 }));
    assert.equal(stored()?.based?.version, 'e1');
    await s.edit(s.pristine, {});
    assert.equal(stored(), undefined, 'a draft equal to the current version is not kept');
  });

  it('restores a kept draft; when the resource changed since, offers a rebase and rebases onto what it saw', async () => {
    const { session, resource, stored } = setup();
    const first = session();
    await first.open();
    await first.edit(text({ name: 'mine', size: 1 }), {});
    resource.change({ size: 5 });

    const second = session();
    await second.open();
    assert.equal(second.text, text({ name: 'mine', size: 1 }), 'the draft came back');
    assert.equal(second.loaded?.version, 'e1', 'still based on the version it was made on');
    assert.equal(second.banner?.severity, 'warning');
    assert.equal(second.banner?.action?.id, REBASE_ACTION);
    assert.match(second.banner!.message, /based on an older version .*ETag e1.*ETag e2/);

    const loadsBefore = resource.loads;
    const rebased = await second.rebase();
    assert.equal(resource.loads, loadsBefore, 'the newer version seen on open is used');
    assert.deepEqual(rebased, { conflicts: [], taken: ['size'] });
    assert.deepEqual(JSON.parse(second.text), { name: 'mine', size: 5 });
    assert.equal(second.loaded?.version, 'e2');
    assert.equal(stored()?.based?.version, 'e2');
    assert.match(second.banner!.message, /Rebased your draft on ETag e2\. Taken from the server: size\./);
  });

  it('a kept draft whose version moved on without a change of the editable values is based on the new version', async () => {
    const { session, resource, stored } = setup();
    const first = session();
    await first.open();
    await first.edit(text({ name: 'mine', size: 1 }), {});
    resource.etag++;
    const second = session();
    await second.open();
    assert.equal(second.loaded?.version, 'e2');
    assert.equal(stored()?.based?.version, 'e2');
    assert.equal(second.banner?.severity, 'info');
    assert.match(second.banner!.message, /^Restored your unsaved draft from /);
  });

  it('a failed load: error banner with Try again; what is typed meanwhile is kept with no base and put on top of the version a reload loads', async () => {
    const { session, resource, stored } = setup();
    resource.failLoads = true;
    const s = session();
    await s.open();
    assert.equal(versionOf(s), undefined, 'nothing loaded');
    assert.equal(s.text, PLACEHOLDER_TEXT);
    assert.equal(s.banner?.action?.id, RELOAD_ACTION);
    assert.match(s.banner!.message, /Could not load the resource: GET failed: ServerBusy \(HTTP 503\)\./);
    await s.edit(text({ name: 'typed' }), {});
    assert.equal(stored()?.text, text({ name: 'typed' }), 'kept although nothing is loaded');
    assert.equal(stored()?.based, undefined, 'with no base version');
    resource.failLoads = false;
    await s.reload();
    assert.equal(s.text, text({ name: 'typed', size: 1 }), 'the typed value wins; the rest comes from the server');
    assert.equal(versionOf(s), 'e1');
    assert.equal(stored()?.text, text({ name: 'typed', size: 1 }));
    assert.equal(stored()?.based?.version, 'e1', 'now based on the loaded version');
    assert.match(s.banner!.message, /Changed on both sides, your value kept: name\./);
    assert.equal(s.banner!.severity, 'warning');
  });

  it('a kept draft and a failed load: the draft, with a warning', async () => {
    const { session, resource } = setup();
    const first = session();
    await first.open();
    await first.edit(text({ name: 'mine', size: 1 }), {});
    resource.failLoads = true;
    const second = session();
    await second.open();
    assert.equal(second.text, text({ name: 'mine', size: 1 }));
    assert.equal(second.banner?.severity, 'warning');
    assert.match(second.banner!.message, /^Showing your saved draft; the current version could not be fetched/);
  });

  it('discard forgets the draft and shows the current version, or the last one known when it cannot be fetched', async () => {
    const { session, resource, stored, view } = setup();
    const s = session();
    await s.open();
    await s.edit(text({ name: 'x', size: 1 }), {});
    resource.change({ name: 'server' });
    await s.discard();
    assert.equal(stored(), undefined);
    assert.deepEqual(JSON.parse(s.text), { name: 'server', size: 1 });
    assert.equal(view.texts.at(-1)?.baseLabel, 'ETag e2');
    assert.ok(view.obsolete > 0, 'the last result no longer applies');

    await s.edit(text({ name: 'y', size: 1 }), {});
    resource.failLoads = true;
    await s.discard();
    assert.deepEqual(JSON.parse(s.text), { name: 'server', size: 1 });
    assert.equal(s.banner?.severity, 'warning');
  });

  it('reload: a clean editor shows the new version; a draft is rebased onto it', async () => {
    const { session, resource } = setup();
    const s = session();
    await s.open();
    resource.change({ size: 2 });
    await s.reload();
    assert.deepEqual(JSON.parse(s.text), { name: 'a', size: 2 });
    await s.edit(text({ name: 'mine', size: 2 }), {});
    resource.change({ size: 3 });
    await s.reload();
    assert.deepEqual(JSON.parse(s.text), { name: 'mine', size: 3 });
    assert.equal(s.loaded?.version, 'e3');
  });

  it('a draft that does not parse is not rebased: the banner says why and nothing changes', async () => {
    const { session, resource } = setup();
    const s = session();
    await s.open();
    await s.edit('{ "name": ', {});
    resource.change({ size: 9 });
    await s.rebase();
    assert.equal(s.text, '{ "name": ');
    assert.equal(s.loaded?.version, 'e1');
    assert.match(s.banner!.message, /Fix the JSON syntax first/);
  });

  it('submit: refuses an invalid draft and sends nothing; nothing to send; not loaded', async () => {
    const { session, resource, submit } = setup();
    const s = session();
    await s.open();
    const invalid = await submit(s, text({ name: 'a', size: 0, extra: true }));
    assert.equal(invalid.outcome, 'invalid');
    assert.deepEqual(invalid.issues.map((i) => [i.source, i.path.join('/')]).sort(), [['rules', 'size'], ['schema', 'extra']]);
    assert.match(invalid.message, /the draft has 2 problem\(s\)/);
    assert.equal((await submit(s, s.pristine)).outcome, 'nothing');
    assert.deepEqual(resource.submits, []);

    resource.failLoads = true;
    const unloaded = session();
    await unloaded.open();
    assert.equal((await submit(unloaded, text({ name: 'z' }))).outcome, 'failed');
  });

  it('submit applied: the new version becomes the base and the kept draft is forgotten; progress goes to the page', async () => {
    const { session, stored, view, submit } = setup();
    const s = session();
    await s.open();
    const result = await submit(s, text({ name: 'b', size: 1 }));
    assert.equal(result.outcome, 'applied');
    assert.deepEqual(view.progress, ['Sending…', 'Patching…']);
    assert.equal(stored(), undefined);
    assert.equal(s.loaded?.version, 'e2', 'reloaded after the change');
    assert.equal(s.text, s.pristine);
  });

  it('submit applied with edits typed while it ran: they stay the draft, based on the new version', async () => {
    const { session, resource, stored, submit } = setup();
    const s = session();
    await s.open();
    resource.answer = async (draft) => {
      await s.edit(text({ ...draft, size: 7 }), {});
      resource.change(draft);
      return { kind: 'applied', message: 'applied' };
    };
    const result = await submit(s, text({ name: 'b', size: 1 }));
    assert.equal(result.outcome, 'applied');
    assert.deepEqual(JSON.parse(s.text), { name: 'b', size: 7 }, 'the later edit is kept');
    assert.equal(s.loaded?.version, 'e2');
    assert.equal(stored()?.based?.version, 'e2');
    assert.match(s.banner!.message, /^Applied what was sent; the edits you made while it was being sent are kept/);
  });

  it('submit conflict: the server values beside the draft; rebase then uses the newer version without fetching again', async () => {
    const { session, resource, submit } = setup();
    const s = session();
    await s.open();
    resource.answer = async () => {
      resource.change({ size: 4 });
      return { kind: 'conflict', latest: resource.version() };
    };
    const result = await submit(s, text({ name: 'mine', size: 1 }));
    assert.equal(result.outcome, 'conflict');
    assert.match(result.message, /changed by someone else/);
    assert.deepEqual(result.conflict!.rows.map((r) => [r.label, r.theirs, r.yours, r.conflict]), [['name', '"a"', '"mine"', false], ['size', '4', '1', false]]);
    resource.answer = undefined;
    const loads = resource.loads;
    assert.deepEqual(await s.rebase(), { conflicts: [], taken: ['size'] });
    assert.equal(resource.loads, loads);
    assert.deepEqual(JSON.parse(s.text), { name: 'mine', size: 4 });
  });

  it('a submit that throws fails with the error\'s words; the draft is kept', async () => {
    const { session, resource, stored, submit } = setup();
    const s = session();
    await s.open();
    resource.answer = async () => {
      throw new Error('socket hang up');
    };
    const result = await submit(s, text({ name: 'b', size: 1 }));
    assert.equal(result.outcome, 'failed');
    assert.equal(result.message, 'socket hang up');
    assert.equal(stored()?.text, text({ name: 'b', size: 1 }));
  });
});
