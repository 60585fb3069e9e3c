import * as assert from 'node:assert/strict';
import { formatJsonPath } from '../../../src/jsonEditing/editorModel';
import { changeLine, foldedText, pathDiff, pathRows } from '../../../src/jsonEditing/pathDiff';
import { previewRows } from '../../../src/poolPatch/preview';
import { diffPoolPatch } from '../../../src/poolPatch/diff';

const startTask = (retries: number, extra: Record<string, unknown> = {}) => ({
  commandLine: '/bin/bash -c "apt-get update && apt-get install -y nfs-common && mount -t nfs fileserver:/exports/data /mnt/data"',
  maxTaskRetryCount: retries,
  waitForSuccess: true,
  userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'admin' } },
  ...extra,
});

describe('path diff: what changed inside a replaced property, path by path', () => {
  it('a replaced startTask whose only change is its retry count is one line: startTask.maxTaskRetryCount: 2 → 3', () => {
    const rows = pathRows('startTask', 'replaced', startTask(2), startTask(3));
    assert.deepEqual(rows, [{ label: 'startTask.maxTaskRetryCount', kind: 'replaced', before: '2', after: '3', note: undefined }]);
    assert.equal(changeLine(rows[0]!, '(absent)'), 'startTask.maxTaskRetryCount: 2 → 3');
  });

  it('added and removed members are said as such, nested objects down to their leaves', () => {
    const before = startTask(2, { environmentSettings: [{ name: 'A', value: '1' }] });
    const after = startTask(2, { userIdentity: { autoUser: { scope: 'task', elevationLevel: 'admin' } }, containerSettings: { imageName: 'ubuntu' } });
    delete (after as Record<string, unknown>)['waitForSuccess'];
    const changes = pathDiff(before, after, ['startTask']);
    assert.deepEqual(changes.map((c) => [formatJsonPath(c.path), c.kind, c.before, c.after]), [
      ['startTask.waitForSuccess', 'cleared', true, undefined],
      ['startTask.userIdentity.autoUser.scope', 'replaced', 'pool', 'task'],
      ['startTask.environmentSettings', 'cleared', [{ name: 'A', value: '1' }], undefined],
      ['startTask.containerSettings', 'added', undefined, { imageName: 'ubuntu' }],
    ]);
    assert.deepEqual(pathDiff({ a: 1 }, { a: 1 }), [], 'equal values: no change');
  });

  it('arrays: whole when short on both sides, by index when long (an added item, a changed member of an item)', () => {
    assert.deepEqual(pathDiff(['a', 'b'], ['a', 'c'], ['tags']).map((c) => [formatJsonPath(c.path), c.before, c.after]), [['tags', ['a', 'b'], ['a', 'c']]]);
    const metadata = [{ name: 'owner', value: 'build-team' }, { name: 'costCenter', value: 'CC-1042' }];
    const more = [...metadata, { name: 'ticket', value: 'OPS-1' }];
    assert.deepEqual(pathRows('metadata', 'replaced', metadata, more).map((r) => [r.label, r.kind, r.before, r.after]), [['metadata[2]', 'added', undefined, '{"name":"ticket","value":"OPS-1"}']]);
    const renamed = [{ name: 'owner', value: 'render-team' }, ...more.slice(1)];
    assert.deepEqual(pathRows('metadata', 'replaced', more, renamed).map((r) => r.label), ['metadata[0].value']);
  });

  it('a property that is not an object on both sides keeps its own row; the note goes on the first row', () => {
    assert.deepEqual(pathRows('targetNodeCommunicationMode', 'replaced', 'default', 'classic', 'n'), [{ label: 'targetNodeCommunicationMode', kind: 'replaced', before: '"default"', after: '"classic"', note: 'n' }]);
    assert.deepEqual(pathRows('metadata', 'cleared', [{ name: 'a', value: 'b' }], []).map((r) => [r.label, r.kind]), [['metadata', 'cleared']]);
    const rows = pathRows('startTask', 'replaced', startTask(1, { maxWallClock: 'x' }), startTask(2), 'first');
    assert.deepEqual(rows.map((r) => [r.label, r.note]), [['startTask.maxTaskRetryCount', 'first'], ['startTask.maxWallClock', undefined]]);
    assert.equal(changeLine(rows[1]!, '(absent)'), 'startTask.maxWallClock: "x" → (absent)');
  });

  it('the pool preview speaks paths: startTask.maxTaskRetryCount, not two blobs', () => {
    const rows = previewRows(diffPoolPatch({ startTask: startTask(2) }, { startTask: startTask(3) }));
    assert.deepEqual(rows.filter((r) => r.kind !== 'unchanged').map((r) => changeLine(r, '(absent)')), ['startTask.maxTaskRetryCount: 2 → 3']);
  });

  it('long values are folded to their first characters with an ellipsis; short ones are not', () => {
    const long = JSON.stringify(startTask(2).commandLine);
    assert.equal(foldedText('"short"'), undefined);
    const folded = foldedText(long, 80)!;
    assert.equal(folded.length, 80);
    assert.ok(folded.endsWith('…') && long.startsWith(folded.slice(0, 79)));
  });
});
