/**
 * What makes a layer's green run trustworthy, checked after the run: it ran tests at all, it ran exactly the tests
 * its source files define (none lost to a `.only`, a failed hook, a crash or a file that registers nothing), and it
 * skipped none that CI does not expect to skip.
 */
import type { LayerResult } from './results';
import type { StaticTests } from './staticTests';

/**
 * Full titles of the tests CI expects to be skipped. Keep it empty: a skipped test is a test that did not run, and
 * every entry needs a reason next to it.
 */
export const EXPECTED_SKIPS: readonly string[] = [];

export interface LayerCheckInput {
  result: LayerResult;
  found: StaticTests;
  /** Mocha's grep for this run (mocha's own RegExp for the --grep text), if any. */
  grep?: RegExp;
  expectedSkips?: readonly string[];
}

/** Titles in `a` and not in `b`, counting repeats. */
function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const t of b) {
    left.set(t, (left.get(t) ?? 0) + 1);
  }
  const out: string[] = [];
  for (const t of a) {
    const n = left.get(t) ?? 0;
    if (n > 0) {
      left.set(t, n - 1);
    } else {
      out.push(t);
    }
  }
  return out;
}

/** A test the fault-matrix registry declared (test/faultMatrix/registry.ts titles cells "<column> × <row>"). */
export const isFaultMatrixCell = (title: string): boolean => /^fault matrix\b[^×]* × /.test(title);

/** "419" or "419 + 67 fault-matrix cells": what the sources define, and the cells the matrix declared at run time. */
export function foundText(found: number, tests: readonly { title: string }[]): string {
  const cells = tests.filter((t) => isFaultMatrixCell(t.title)).length;
  return cells > 0 ? `${found} + ${cells} fault-matrix cells` : String(found);
}

const list = (titles: string[]) => titles.slice(0, 10).map((t) => `"${t}"`).join(', ') + (titles.length > 10 ? `, and ${titles.length - 10} more` : '');

/** The tests found in the sources (after grep), and every problem that turns the layer red besides failed tests. */
export function checkLayer(input: LayerCheckInput): { found: string[]; problems: string[] } {
  const { result, grep } = input;
  const found = input.found.titles.filter((t) => !grep || grep.test(t));
  const problems = [...input.found.problems];
  if (result.fatal) {
    problems.push(`the layer did not run to the end: ${result.fatal}`);
  }
  if (found.length === 0) {
    problems.push(grep ? `no test matches the grep ${grep}` : 'the layer has no tests');
  }
  const ran = result.tests.filter((t) => t.state !== 'notRun').map((t) => t.title);
  if (ran.length === 0 && found.length > 0) {
    problems.push('no test ran');
  }
  // Tests that never ran after a failed hook already count as failures: compare what mocha accounted for.
  // Fault-matrix cells ("<column> × <row>" under a "fault matrix" suite) are declared through test/faultMatrix, often
  // from tables: they are counted by the matrix instead (its completeness test requires every row of every column to
  // be a test or a reason, and the run prints "fault matrix: N cells, N passed, N not applicable").
  const accounted = result.tests.map((t) => t.title).filter((title) => !isFaultMatrixCell(title));
  const missing = missingFrom(found, accounted);
  const unknown = missingFrom(accounted, found);
  if (missing.length > 0 || unknown.length > 0) {
    problems.push(
      `found ${found.length} tests in the sources, mocha accounted for ${accounted.length}` +
        (missing.length > 0 ? `; never registered or never reported: ${list(missing)}` : '') +
        (unknown.length > 0 ? `; ran but not found in the sources: ${list(unknown)}` : ''),
    );
  }
  const expected = new Set(input.expectedSkips ?? EXPECTED_SKIPS);
  for (const skipped of result.tests.filter((t) => t.state === 'skipped' && !expected.has(t.title))) {
    problems.push(`skipped, and CI does not expect it to be: "${skipped.title}"`);
  }
  return { found, problems };
}
