import * as assert from 'node:assert/strict';
import { checkLayer } from '../../harness/layerChecks';
import { countsLine, emptyResult, failureCount, withNotRun, type LayerResult, type TestOutcome } from '../../harness/results';
import { testsInSource } from '../../harness/staticTests';

const SOURCE = `
import * as assert from 'node:assert/strict';
describe('outer', function () {
  this.timeout(5);
  before(() => undefined);
  it('one', () => undefined);
  it.skip('skipped', () => undefined);
  describe(\`inner\`, () => {
    xit('x-ed');
    it('two', async () => {
      it('not a test: inside a test body', () => undefined);
    });
  });
});
it('top level', () => undefined);
`;

function result(tests: TestOutcome[], extra: Partial<LayerResult> = {}): LayerResult {
  const count = (state: TestOutcome['state']) => tests.filter((t) => t.state === state).length;
  return { ...emptyResult('unit'), complete: true, tests, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), ...extra };
}

const passed = (title: string): TestOutcome => ({ title, state: 'passed', durationMs: 1 });

describe('test harness: counting the tests a layer holds', () => {
  it('lists full titles as mocha builds them, skipped ones included', () => {
    const found = testsInSource('a.test.ts', SOURCE);
    assert.deepEqual(found.titles, ['outer one', 'outer skipped', 'outer inner x-ed', 'outer inner two', 'top level']);
    assert.deepEqual(found.problems, []);
  });

  it('refuses tests it cannot count: computed titles, tests in loops or helper functions', () => {
    const found = testsInSource('b.test.ts', [
      "describe('s', () => {",
      "  for (const n of [1, 2]) { it('in a loop', () => undefined); }",
      "  [1, 2].forEach((n) => it(`case ${n}`, () => undefined));",
      "  const helper = () => it('in a helper', () => undefined);",
      '  helper();',
      '});',
    ].join('\n'));
    assert.deepEqual(found.problems.map((p) => p.replace(/:.*/, '')), ['b.test.ts', 'b.test.ts', 'b.test.ts']);
    assert.match(found.problems[0]!, /^b\.test\.ts:2: "in a loop" is defined in a loop or a helper function/);
    assert.match(found.problems[1]!, /^b\.test\.ts:3: the test title is not a literal string/);
    assert.match(found.problems[2]!, /^b\.test\.ts:4: "in a helper" is defined in a loop or a helper function/);
  });
});

describe('test harness: checking what a layer ran', () => {
  const found = { titles: ['s a', 's b', 't c'], problems: [] };

  it('passes a run that ran exactly the tests found', () => {
    const run = result([passed('s a'), passed('s b'), passed('t c')], { loaded: found.titles });
    assert.deepEqual(checkLayer({ result: run, found }), { found: found.titles, problems: [] });
    assert.equal(countsLine({ ...run, problems: [] }), '3 passed, 0 failed, 0 skipped');
  });

  it('fails a layer without tests, and a grep that matches nothing', () => {
    assert.deepEqual(checkLayer({ result: result([]), found: { titles: [], problems: [] } }).problems, ['the layer has no tests']);
    assert.deepEqual(checkLayer({ result: result([]), found, grep: /nothing/ }).problems, ['no test matches the grep /nothing/']);
  });

  it('fails when fewer tests ran than the sources define (a .only, a file that registered nothing)', () => {
    const { problems } = checkLayer({ result: result([passed('s a')]), found });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^found 3 tests in the sources, mocha accounted for 1; never registered or never reported: "s b", "t c"$/);
  });

  it('compares with the grep applied, as mocha applies it to full titles', () => {
    assert.deepEqual(checkLayer({ result: result([passed('s a'), passed('s b')]), found, grep: /^s / }).problems, []);
  });

  it('fails on a skip CI does not expect, and accepts one it does', () => {
    const run = result([passed('s a'), passed('s b'), { title: 't c', state: 'skipped', durationMs: 0 }]);
    assert.deepEqual(checkLayer({ result: run, found }).problems, ['skipped, and CI does not expect it to be: "t c"']);
    assert.deepEqual(checkLayer({ result: run, found, expectedSkips: ['t c'] }).problems, []);
  });

  it('counts tests that never ran after a failed hook as failures, with the hook', () => {
    const tests = withNotRun(found.titles, [passed('t c')], (title) => `never ran (${title})`);
    const run = result(tests, { hookFailures: [{ title: 's "before all" hook', suite: 's', error: 'boom' }] });
    assert.deepEqual(checkLayer({ result: run, found }).problems, []);
    assert.equal(failureCount(run), 3, 'two tests that never ran and the hook');
    assert.deepEqual(tests.filter((t) => t.state === 'notRun').map((t) => t.error), ['never ran (s a)', 'never ran (s b)']);
  });

  it('reports a layer that stopped (crash, timeout) with the checks it failed', () => {
    const run = result([passed('s a')], { fatal: 'the extension host ended' });
    const { problems } = checkLayer({ result: run, found });
    assert.equal(problems[0], 'the layer did not run to the end: the extension host ended');
    assert.equal(failureCount({ ...run, problems }), problems.length);
  });
});
