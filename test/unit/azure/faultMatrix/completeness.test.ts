/** The fault matrix's own rules: every row exists for the client columns, and a cell cannot pass without asserting its three things. */
import * as assert from 'node:assert/strict';
import { CellProbe } from '../../../faultMatrix/cellProbe';
import { FAULT_COLUMNS, FAULT_ROWS } from '../../../faultMatrix/matrix';
import { FaultMatrix } from '../../../faultMatrix/registry';
import { renderMarkdown, summaryLine } from '../../../faultMatrix/report';
import { faultMatrix } from '../../../faultMatrix';

describe('fault matrix machinery', () => {
  it('every row of the matrix is declared (a test or a reason) for each client column', () => {
    for (const column of FAULT_COLUMNS.filter((c) => c.level === 'client')) {
      assert.deepEqual(faultMatrix.missingRows(column.id), [], column.label);
    }
    assert.equal(FAULT_ROWS.length, 16);
  });

  it('a cell fails when one of "sees", "kept", "received" is missing, or a check asserts nothing', async () => {
    const complete = new CellProbe();
    await complete.sees('x', (a) => a.equal(1, 1));
    await complete.kept('y', (a) => a.ok(true));
    await complete.received('z', async (a) => a.deepEqual([1], [1]));
    await complete.finish();
    assert.deepEqual(complete.aspects, { sees: ['x'], kept: ['y'], received: ['z'] });

    const partial = new CellProbe();
    await partial.sees('x', (a) => a.equal(1, 1));
    await assert.rejects(partial.finish(), /asserted nothing about "kept", "received"/);

    const hollow = new CellProbe();
    await assert.rejects(hollow.kept('nothing checked', () => undefined), /cell\.kept\("nothing checked"\) made no assertion/);

    const notAwaited = new CellProbe();
    void notAwaited.sees('fails later', async (a) => a.equal(1, 2));
    void notAwaited.kept('k', (a) => a.ok(true));
    void notAwaited.received('r', (a) => a.ok(true));
    await assert.rejects(notAwaited.finish(), /Expected values to be strictly equal/);
  });

  it('refuses a cell declared twice or "not applicable" without a reason, and counts cells in the summary', () => {
    const matrix = new FaultMatrix();
    matrix.notApplicable('precondition412', 'listNodes', 'no conditional header is sent');
    assert.throws(() => matrix.notApplicable('precondition412', 'listNodes', 'declared again here'), /declared twice/);
    assert.throws(() => matrix.notApplicable('offline', 'listNodes', 'n/a'), /say why/);
    assert.equal(matrix.missingRows('listNodes').length, 15);
    const results = [
      { row: 'offline', column: 'listNodes', state: 'passed' },
      { row: 'cutBody', column: 'listNodes', state: 'failed', note: 'boom' },
      { row: 'precondition412', column: 'listNodes', state: 'notApplicable', note: 'no conditional header is sent' },
      { row: 'cancellation', column: 'poolPatch', state: 'notRun' },
    ] as const;
    assert.equal(summaryLine(results), 'fault matrix: 4 cells, 1 passed, 1 failed, 1 not applicable, 1 not run');
    const markdown = renderMarkdown(results, ['unit']);
    assert.match(markdown, /\| offline \(connection refused\) \| ✔ \| \? \(not declared\) \|/);
    assert.match(markdown, /\| cancellation \| \? \(not declared\) \| – \|/);
    assert.match(markdown, /\*\*412\*\*: not applicable: no conditional header is sent/);
    assert.match(markdown, /\*\*cut body\*\* ✘ \(boom\)/);
  });
});
