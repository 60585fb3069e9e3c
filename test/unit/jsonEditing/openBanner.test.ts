import * as assert from 'node:assert/strict';
import { DraftSession } from '../../../src/jsonEditing/draftSession';
import { DraftStore, type DraftStorage } from '../../../src/jsonEditing/draftStore';
import type { JsonEditorSpec } from '../../../src/jsonEditing/editorSpec';
import { SchemaChecker } from '../../../src/jsonEditing/schemaCheck';
import { MemorySecrets } from './draftSession.test';

/** Storage like vscode.Memento, in memory. */
class MemoryStorage implements DraftStorage {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, structuredClone(value));
    }
  }
}

const doc = { name: 'img', size: 1 };

function session(extra: Partial<JsonEditorSpec>): DraftSession {
  const spec: JsonEditorSpec = {
    viewType: 'test.banner', key: 'img', title: 'Edit image definition img', subtitle: '', schema: { type: 'object' }, submitLabel: 'Update', revival: {},
    load: async () => ({ current: doc, initial: doc, version: 'e1', versionLabel: 'ETag e1' }),
    validate: () => [],
    preview: () => ({ summary: '', rows: [], notices: [] }),
    submit: async () => ({ kind: 'nothing', message: '' }),
    ...extra,
  };
  const view = { showText: () => undefined, showAnalysis: () => undefined, resultObsolete: () => undefined, progress: () => undefined, warn: () => undefined };
  return new DraftSession(spec, new DraftStore(new MemoryStorage(), spec.viewType, spec.key, { secrets: new MemorySecrets(), writer: 'window-1', retentionDays: () => 30 }), view, new SchemaChecker());
}

describe('the banner an editor opens with (a create panel that became the editor of what it created)', () => {
  it('opens with the spec\'s banner ("Created …"); the next edit drops it, so a reloaded page does not show it again', async () => {
    const s = session({ openBanner: { severity: 'info', message: 'Created: image definition img.' } });
    await s.open();
    assert.equal(s.banner?.message, 'Created: image definition img.');
    await s.edit(JSON.stringify(doc, null, 2), {});
    assert.equal(s.banner?.message, 'Created: image definition img.', 'the same text again is no edit');
    await s.edit(JSON.stringify({ ...doc, size: 2 }, null, 2), {});
    assert.equal(s.banner, undefined);
  });

  it('a banner with a button (rebase, try again) stays through edits: it still applies', async () => {
    const s = session({ openBanner: { severity: 'warning', message: 'Newer version', action: { id: 'x', label: 'Do it' } } });
    await s.open();
    await s.edit('{"name":"other"}', {});
    assert.equal(s.banner?.action?.id, 'x');
  });
});
