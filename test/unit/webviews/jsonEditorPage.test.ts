import * as assert from 'node:assert/strict';
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import type { EditorIssue } from '../../../src/jsonEditing/editorModel';
import type { AnalysisMessage, InitMessage } from '../../../src/webviews/protocol';
import { rangeForPath } from '../../../src/webviews/ui/jsonEditor/jsonPathRange';
import { acceptAnalysis, createPageState, initTouched, isDirty, listedIssues, markedIssues, shownIssues, uiText } from '../../../src/webviews/ui/jsonEditor/pageState';
import { errorCount, fieldProblem, formatJsonText, issueWhere, requestText, resultLook, splitRows } from '../../../src/webviews/ui/jsonEditor/presentation';

const issue = (message: string, extra: Partial<EditorIssue> = {}): EditorIssue => ({ path: [], message, severity: 'error', source: 'rules', ...extra });
const analysis = (seq: number, issues: EditorIssue[]): AnalysisMessage => ({ type: 'analysis', seq, issues, preview: { summary: '', rows: [], notices: [] }, canSubmit: false });

describe('json editor page: its state and how it words what the host sends (no DOM)', () => {
  it('ignores an analysis of an older draft than the last one sent', () => {
    const state = createPageState();
    state.seq = 3;
    assert.equal(acceptAnalysis(state, analysis(2, [issue('old')])), false);
    const lastMessage = () => state.lastAnalysis?.issues[0]?.message;
    assert.equal(lastMessage(), undefined, 'not taken');
    assert.equal(acceptAnalysis(state, analysis(3, [issue('current')])), true);
    assert.equal(lastMessage(), 'current');
  });

  it('lists the service\'s issues after the host\'s, without repeating one the host already says; marks all of them', () => {
    const state = createPageState();
    acceptAnalysis(state, analysis(0, [issue('size is too big', { path: ['size'] })]));
    state.serviceIssues = [issue('size is too big', { source: 'service' }), issue('InvalidPropertyValue (HTTP 400)', { source: 'service' })];
    assert.deepEqual(listedIssues(state).map((i) => i.message), ['size is too big', 'InvalidPropertyValue (HTTP 400)']);
    assert.equal(markedIssues(state).length, 3);
  });

  it('dirty = the draft differs from the server\'s text; texts fall back to their key', () => {
    const state = createPageState();
    state.pristineText = '{}';
    assert.equal(isDirty(state, '{}'), false);
    assert.equal(isDirty(state, '{ }'), true);
    assert.equal(isDirty(state, undefined), false, 'no editor yet');
    state.strings = { apply: 'Apply' };
    assert.equal(uiText(state, 'apply'), 'Apply');
    assert.equal(uiText(state, 'missing'), 'missing');
  });

  it('formats JSON, and leaves a draft that does not parse alone', () => {
    assert.equal(formatJsonText('{"a":[1,2]}'), '{\n  "a": [\n    1,\n    2\n  ]\n}');
    assert.equal(formatJsonText('{"a":'), undefined);
  });

  it('says where an issue is, the worst problem of a field, and how many errors there are', () => {
    const fields = [{ id: 'name', label: 'Name', value: '' }];
    assert.equal(issueWhere(issue('x', { field: 'name' }), fields), 'Name');
    assert.equal(issueWhere(issue('x', { field: 'other' }), fields), 'other');
    assert.equal(issueWhere(issue('x', { path: ['startTask', 'resourceFiles', 0, 'httpUrl'] }), fields), 'startTask.resourceFiles[0].httpUrl');
    const issues = [issue('exists', { field: 'name', severity: 'warning' }), issue('bad name', { field: 'name' }), issue('doc', { severity: 'warning' })];
    assert.equal(fieldProblem(issues, 'name')?.message, 'bad name', 'an error before a warning');
    assert.equal(fieldProblem(issues.slice(0, 1), 'name')?.message, 'exists');
    assert.equal(errorCount(issues), 1);
  });

  it('groups the preview rows and writes the exact request; results look like what they are', () => {
    const rows = [{ label: 'a', kind: 'unchanged' as const }, { label: 'b', kind: 'replaced' as const }];
    assert.deepEqual(splitRows(rows), { changed: [rows[1]], unchanged: [rows[0]] });
    assert.equal(requestText({ method: 'PATCH', url: 'https://x/pools/p?api-version=1', headers: { 'If-Match': '0x1' }, body: '{}' }), 'PATCH https://x/pools/p?api-version=1\nIf-Match: 0x1\n\n{}');
    assert.deepEqual(resultLook('applied'), { className: 'result applied', role: 'status', icon: 'check' });
    assert.deepEqual(resultLook('nothing'), { className: 'result info', role: 'status', icon: 'info' });
    assert.deepEqual(resultLook('failed'), { className: 'result error', role: 'alert', icon: 'error' });
  });

  it('finds the editor range of a JSON path: a value, an object by its name, the deepest part that exists', () => {
    const doc = JSON.stringify({ startTask: { resourceFiles: [{ httpUrl: 'x' }, { filePath: 'y' }] }, metadata: [], size: 2 }, null, 2);
    const state = EditorState.create({ doc, extensions: [json()] });
    const text = (path: (string | number)[]) => {
      const { from, to } = rangeForPath(state, path);
      return doc.slice(from, to);
    };
    assert.equal(text(['size']), '2');
    assert.equal(text(['startTask', 'resourceFiles', 1, 'filePath']), '"y"');
    assert.equal(text(['startTask']), '"startTask"', 'an object value is marked at its name');
    assert.equal(text(['startTask', 'resourceFiles', 0]), '{', 'an object in an array at its brace');
    assert.equal(text(['metadata', 4]), '[', 'past the end of an array: its bracket');
    assert.equal(text(['nothing', 'here']), '{', 'an unknown property: the document');
  });
});

describe('json editor page: problems of a new resource appear once touched', () => {
  const init = (problemsAfterTouch: boolean | undefined) => ({ type: 'init', title: 't', subtitle: '', schema: {}, text: '{}', fields: [], baseLabel: '', pristineText: '{}', submitLabel: 'Create', strings: {}, revival: {}, problemsAfterTouch }) as InitMessage;
  const issues = [issue('Enter a name.', { field: 'name' }), issue('offer is empty', { path: ['properties', 'identifier', 'offer'] })];

  it('on open nothing is shown (no red), a field once typed in or left, the draft once edited, everything on Create', () => {
    const state = createPageState();
    state.init = init(true);
    state.pristineText = '{}';
    initTouched(state, '{}', { name: '' });
    acceptAnalysis(state, analysis(0, issues));
    assert.deepEqual(listedIssues(state), [], 'nothing on open');
    assert.deepEqual(markedIssues(state), [], 'nothing marked on open');
    state.touched.fields.add('name');
    assert.deepEqual(listedIssues(state).map((i) => i.message), ['Enter a name.']);
    state.touched.draft = true;
    assert.deepEqual(listedIssues(state).map((i) => i.message), ['Enter a name.', 'offer is empty']);
    const other = createPageState();
    other.init = init(true);
    initTouched(other, '{}', { name: '' });
    acceptAnalysis(other, analysis(0, issues));
    other.touched.submitted = true;
    assert.equal(shownIssues(other, issues).length, 2, 'Create shows all');
  });

  it('a restored draft and a field with a value count as touched; editors of existing resources show everything at once', () => {
    const state = createPageState();
    state.init = init(true);
    state.pristineText = '{}';
    initTouched(state, '{"a":1}', { name: 'my image' });
    assert.deepEqual({ fields: [...state.touched.fields], draft: state.touched.draft }, { fields: ['name'], draft: true });
    const edit = createPageState();
    edit.init = init(undefined);
    initTouched(edit, '{}', {});
    assert.equal(shownIssues(edit, issues).length, 2);
  });
});
