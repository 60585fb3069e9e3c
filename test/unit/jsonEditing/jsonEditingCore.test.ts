import * as assert from 'node:assert/strict';
import { AzureRequestError } from '../../../src/azure/errors/azureRequestError';
import { changeText } from '../../../src/jsonEditing/changeText';
import { conflictModel } from '../../../src/jsonEditing/conflictModel';
import { analyzeDraft, oneWordingPerProblem } from '../../../src/jsonEditing/draftAnalysis';
import type { LoadedDocument } from '../../../src/jsonEditing/editorModel';
import type { JsonEditorSpec } from '../../../src/jsonEditing/editorSpec';
import { SchemaChecker } from '../../../src/jsonEditing/schemaCheck';
import { errorText, failedWrite, isPreconditionFailedAfterRetry, settlePreconditionFailure } from '../../../src/jsonEditing/writeFailure';

const azureError = (init: Partial<ConstructorParameters<typeof AzureRequestError>[0]> = {}) =>
  new AzureRequestError({ code: 'ConditionNotMet', message: 'The condition specified using HTTP conditional header(s) is not met.', kind: 'batch', method: 'PATCH', url: 'https://acct.westeurope.batch.azure.com/pools/p1', status: 412, ...init });

const version = (current: Record<string, unknown>, etag: string): LoadedDocument => ({ current, initial: current, version: etag, versionLabel: `ETag ${etag}` });

describe('json editing core: the one 412 and service-failure translation of both editors', () => {
  it('after a 412 of a retried write, the resource equal to what was sent means the first attempt was applied', async () => {
    const told: number[] = [];
    const retried = azureError({ attempts: 2 });
    assert.equal(isPreconditionFailedAfterRetry(retried), true);
    const applied = await settlePreconditionFailure(retried, { reread: async () => ({ size: 3 }), hasWhatWasSent: (now) => now.size === 3, onAppliedByFirstAttempt: (n) => told.push(n) });
    assert.deepEqual(applied, { kind: 'appliedByFirstAttempt', now: { size: 3 } });
    assert.deepEqual(told, [2]);
    const other = await settlePreconditionFailure(retried, { reread: async () => ({ size: 4 }), hasWhatWasSent: (now) => now.size === 3 });
    assert.equal(other?.kind, 'changedMeanwhile', 'someone else changed it');
  });

  it('a 412 at the first attempt is a change by someone else, even when the resource now equals the draft', async () => {
    const first = azureError({ attempts: 1 });
    assert.equal(isPreconditionFailedAfterRetry(first), false);
    const settled = await settlePreconditionFailure(first, { reread: async () => ({ size: 3 }), hasWhatWasSent: () => true });
    assert.equal(settled?.kind, 'changedMeanwhile');
    assert.equal(await settlePreconditionFailure(first, { reread: async () => undefined, hasWhatWasSent: () => true }), undefined, 'cannot be read: undecided');
  });

  it('a refusal of the service: nothing changed, its words and issues; anything else: it may or may not have arrived', () => {
    const wording = { refusal: (e: AzureRequestError) => ({ text: `${e.code}: ${e.serviceMessage}`, issues: [{ path: ['size'], message: e.code, severity: 'error' as const, source: 'service' }] }), checkHint: 'reload to check.' };
    const refused = failedWrite(azureError({ code: 'InvalidPropertyValue', message: 'size is too big', status: 400 }), wording);
    assert.equal(refused.message, 'Nothing was changed: the service refused the request: InvalidPropertyValue: size is too big. Your draft is kept.');
    assert.deepEqual(refused.issues.map((i) => i.path), [['size']]);
    const network = azureError({ code: 'ECONNRESET', message: 'socket hang up', kind: 'network', status: undefined });
    const unknown = failedWrite(network, wording);
    assert.equal(unknown.message, `The request failed: ${network.message} The service may or may not have received it: reload to check. Your draft is kept.`);
    assert.match(unknown.message, /ECONNRESET/);
    assert.deepEqual(unknown.issues, []);
    assert.equal(errorText('plain'), 'plain');
  });
});

describe('json editing core: change phrases, conflict rows, draft analysis', () => {
  it('one phrase per kind of change', () => {
    assert.deepEqual((['replaced', 'cleared', 'added', 'unchanged'] as const).map((k) => changeText('metadata', k)), ['metadata replaced', 'metadata cleared', 'metadata added', 'metadata unchanged']);
  });

  it('conflict rows: what the server changed, what the draft has differently, and where both changed it differently', () => {
    const from = version({ a: 1, b: 1, c: 1 }, 'e1');
    const to = version({ a: 2, b: 2, c: 1 }, 'e2');
    const model = conflictModel({ a: 1, b: 3, c: 5 }, from, to);
    assert.deepEqual(model.rows.map((r) => [r.label, r.base, r.theirs, r.yours, r.conflict]), [
      ['a', '1', '2', '1', false],
      ['b', '1', '2', '3', true],
      ['c', '1', '1', '5', false],
    ]);
    assert.equal(model.theirsVersionLabel, 'ETag e2');
    assert.match(model.message, /newer version \(ETag e2\)/);
  });

  it('analysis: syntax first, then the schema, the rules and the fields; only a clean draft with a request can be submitted', () => {
    const spec: JsonEditorSpec = {
      viewType: 'v', key: 'k', title: 't', subtitle: '', submitLabel: 'Apply', revival: {},
      schema: { type: 'object', properties: { size: { type: 'integer' } }, additionalProperties: false },
      fields: [{ id: 'name', label: 'Name', initial: () => '', validate: (value) => (value ? undefined : 'Enter a name.') }],
      load: async () => version({}, 'e1'),
      validate: (draft) => ((draft as { size?: number }).size === 0 ? [{ path: ['size'], message: 'not 0', severity: 'error', source: 'rules' }] : []),
      preview: () => ({ summary: 'changes', rows: [], notices: [], request: { method: 'PUT', url: 'u', headers: {}, body: '{}' } }),
      submit: async () => ({ kind: 'nothing', message: '' }),
    };
    const loaded = version({}, 'e1');
    const schemas = new SchemaChecker();
    const broken = analyzeDraft(schemas, spec, loaded, '{ "size": ', { name: 'x' });
    assert.deepEqual(broken.issues.map((i) => i.source), ['json']);
    assert.equal(broken.canSubmit, false);
    assert.match(broken.preview.summary, /Fix the JSON syntax/);
    const bad = analyzeDraft(schemas, spec, loaded, '{ "size": 0, "other": 1 }', { name: '' });
    assert.deepEqual(bad.issues.map((i) => `${i.source}:${i.field ?? i.path.join('/')}`).sort(), ['field:name', 'rules:size', 'schema:other']);
    assert.equal(bad.canSubmit, false);
    const good = analyzeDraft(schemas, spec, loaded, '{ "size": 2 }', { name: 'x' });
    assert.deepEqual(good.issues, []);
    assert.equal(good.canSubmit, true);
    assert.equal(analyzeDraft(schemas, spec, undefined, '{ "size": 2 }', { name: 'x' }).canSubmit, false, 'not loaded: nothing to submit against');
  });

  it('analysis: one wording per problem — a rule at a path replaces the schema\'s words there, not elsewhere', () => {
    const spec: JsonEditorSpec = {
      viewType: 'v', key: 'k', title: 't', subtitle: '', submitLabel: 'Apply', revival: {},
      schema: { type: 'object', properties: { size: { type: 'integer' }, count: { type: 'integer' } }, additionalProperties: false },
      load: async () => version({}, 'e1'),
      validate: (draft) => (typeof (draft as { size?: unknown }).size === 'string'
        ? [{ path: ['size'], message: 'size must be a whole number; got "x".', severity: 'error', source: 'rules' }] : []),
      preview: () => ({ summary: 'changes', rows: [], notices: [], request: { method: 'PUT', url: 'u', headers: {}, body: '{}' } }),
      submit: async () => ({ kind: 'nothing', message: '' }),
    };
    const analysis = analyzeDraft(new SchemaChecker(), spec, version({}, 'e1'), '{ "size": "x", "count": "y" }', {});
    assert.deepEqual(analysis.issues.map((i) => `${i.source}:${i.path.join('/')}`).sort(), ['rules:size', 'schema:count'],
      'size: only the rule\'s words; count (no rule): the schema\'s');
    assert.equal(analysis.issues.find((i) => i.path[0] === 'size')?.message, 'size must be a whole number; got "x".');
    assert.equal(analysis.canSubmit, false);
    // A rule's warning does not hide the schema's error at the same path (the draft must stay unsendable).
    const warned = oneWordingPerProblem(
      [{ path: ['a'], message: 'Must be of type integer.', severity: 'error', source: 'schema' }],
      [{ path: ['a'], message: 'odd value', severity: 'warning', source: 'rules' }]);
    assert.deepEqual(warned.map((i) => i.severity), ['error', 'warning']);
  });
});
