import * as assert from 'node:assert/strict';
import { formatJsonPath } from '../../../src/jsonEditing/editorModel';
import { parseHostMessage, parseWebviewMessage } from '../../../src/webviews/protocol';
import { contentSecurityPolicy } from '../../../src/webviews/csp';

describe('json editor: the webview message protocol', () => {
  it('accepts well-formed webview → host messages', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'editorReady', ms: 12.5 },
      { type: 'draftChanged', seq: 3, text: '{}', fields: { name: 'x' } },
      { type: 'submit', text: '{"a":1}', fields: {} },
      { type: 'rebase' }, { type: 'discard' }, { type: 'reload' },
      { type: 'action', id: 'reimage' },
      { type: 'cspViolation', directive: 'style-src', blocked: 'inline' },
    ]) {
      assert.deepEqual(parseWebviewMessage(message), message, message.type);
    }
  });

  it('drops malformed webview → host messages', () => {
    for (const message of [
      undefined, null, 'ready', [], {}, { type: 'nope' }, { type: 'toString' }, { type: '__proto__' },
      { type: 'draftChanged', seq: '3', text: '{}', fields: {} },
      { type: 'draftChanged', seq: 3, text: 42, fields: {} },
      { type: 'draftChanged', seq: 3, text: '{}', fields: { name: 1 } },
      { type: 'submit', text: '{}' },
      { type: 'submit', text: 'x'.repeat(5 * 1024 * 1024), fields: {} },
      { type: 'editorReady', ms: Number.NaN },
      { type: 'action' },
    ]) {
      assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message)?.slice(0, 80));
    }
  });

  it('accepts well-formed host → webview messages and drops malformed ones', () => {
    const preview = { summary: 's', rows: [{ label: 'metadata', kind: 'replaced', before: '[]', after: '[1]' }], notices: [{ severity: 'warning', message: 'm', path: ['a', 0], action: { id: 'reimage', label: 'Reimage' } }] };
    const good = [
      { type: 'init', title: 't', subtitle: 's', schema: {}, text: '{}', fields: [{ id: 'name', label: 'Name', value: '' }], baseLabel: 'b', pristineText: '{}', submitLabel: 'Apply', strings: { a: 'b' }, revival: { poolId: 'p' } },
      { type: 'setText', text: '{}', banner: null },
      { type: 'analysis', seq: 1, issues: [{ path: ['metadata', 0, 'name'], message: 'dup', severity: 'error', source: 'rules' }], preview, canSubmit: false },
      { type: 'busy', busy: true },
      { type: 'submitResult', outcome: 'conflict', message: 'm', issues: [], conflict: { message: 'c', theirsVersionLabel: 'v', rows: [{ label: 'metadata', theirs: '[]', conflict: true }] } },
    ];
    for (const message of good) {
      assert.deepEqual(parseHostMessage(message), message, message.type);
    }
    const bad = [
      { type: 'init', title: 't' },
      { type: 'analysis', seq: 1, issues: [{ path: ['a', -1], message: 'x', severity: 'error', source: 'r' }], preview, canSubmit: false },
      { type: 'analysis', seq: 1, issues: [{ path: [], message: 'x', severity: 'fatal', source: 'r' }], preview, canSubmit: false },
      { type: 'analysis', seq: 1, issues: [], preview: { ...preview, rows: [{ label: 'a', kind: 'deleted' }] }, canSubmit: false },
      { type: 'submitResult', outcome: 'exploded', message: 'm', issues: [] },
      { type: 'busy' },
    ];
    for (const message of bad) {
      assert.equal(parseHostMessage(message), undefined, JSON.stringify(message).slice(0, 80));
    }
  });

  it('formats JSON paths for people', () => {
    assert.equal(formatJsonPath(['startTask', 'resourceFiles', 0, 'httpUrl']), 'startTask.resourceFiles[0].httpUrl');
    assert.equal(formatJsonPath([]), '(document)');
  });

  it('writes a strict Content-Security-Policy: nothing by default, nonce scripts and styles, no unsafe-*', () => {
    const csp = contentSecurityPolicy('https://webview.example', 'abc123');
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.match(csp, /style-src https:\/\/webview\.example 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-/);
  });
});
