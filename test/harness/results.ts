import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What happened to one test:
 *   passed, failed, skipped  mocha ran it (skipped: `this.skip()`, `it.skip`, an `it` without a body);
 *   notRun                   mocha never reached it: a hook before it failed, or the run stopped (crash, timeout).
 */
export type TestState = 'passed' | 'failed' | 'skipped' | 'notRun';

export interface TestOutcome {
  /** Mocha's full title: the describe titles and the test title, joined by spaces. */
  title: string;
  state: TestState;
  durationMs: number;
  error?: string;
}

/** A hook (before, beforeEach, afterEach, after) that threw. */
export interface HookFailure {
  title: string;
  /** Full title of the describe block the hook belongs to ('' for root hooks). */
  suite: string;
  error: string;
}

/** What one layer (unit, integration, ui) reports; the summary adds them up. */
export interface LayerResult {
  layer: string;
  /** Tests mocha ran, by outcome (notRun ones are in `tests` only). */
  passed: number;
  failed: number;
  skipped: number;
  tests: TestOutcome[];
  hookFailures: HookFailure[];
  /** Titles of the tests mocha loaded and selected (after grep), whether or not they ran. */
  loaded: string[];
  /** False while the run is still going (the integration layer writes partial results as it goes). */
  complete: boolean;
  /** Integration layer: where the tests ran. */
  vscodeVersion?: string;
  activated?: boolean;
  /** Set when the layer could not run its tests to the end (crash, timeout, files that do not load). */
  fatal?: string;
  /** Added by the layer runner: tests found in the source files (after grep), and every check that failed. */
  found?: number;
  problems?: string[];
}

export function emptyResult(layer: string): LayerResult {
  return { layer, passed: 0, failed: 0, skipped: 0, tests: [], hookFailures: [], loaded: [], complete: false };
}

/** A layer that could not run at all. */
export function fatalResult(layer: string, fatal: string): LayerResult {
  return { ...emptyResult(layer), complete: true, fatal };
}

/**
 * Closes a run: every selected test (`loaded`) without an outcome becomes a `notRun` outcome saying why. Returns the
 * outcomes, ran and not run.
 */
export function withNotRun(loaded: readonly string[], ran: readonly TestOutcome[], why: (title: string) => string): TestOutcome[] {
  const remaining = new Map<string, number>();
  for (const title of loaded) {
    remaining.set(title, (remaining.get(title) ?? 0) + 1);
  }
  for (const t of ran) {
    remaining.set(t.title, (remaining.get(t.title) ?? 0) - 1);
  }
  const notRun: TestOutcome[] = [];
  for (const [title, count] of remaining) {
    for (let i = 0; i < count; i++) {
      notRun.push({ title, state: 'notRun', durationMs: 0, error: why(title) });
    }
  }
  return [...ran, ...notRun];
}

/** Why a test never ran: the failed hooks of its describe blocks, else `otherwise` (the run stopped). */
export function notRunReason(hookFailures: readonly HookFailure[], otherwise: string): (title: string) => string {
  return (title) => {
    const hooks = hookFailures.filter((h) => h.suite === '' || title.startsWith(`${h.suite} `));
    return hooks.length > 0 ? `never ran: ${hooks.map((h) => h.title).join('; ')} failed` : `never ran: ${otherwise}`;
  };
}

export function writeLayerResult(file: string, result: LayerResult): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(result, null, 2));
  fs.renameSync(temporary, file); // readers never see half a file
}

export function readLayerResult(file: string): LayerResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LayerResult;
  } catch {
    return undefined;
  }
}

/**
 * Everything that counts as a failure in a layer: failed tests, tests that never ran, failed hooks and failed checks
 * (each problem of the layer runner is one). The closing line adds these up.
 */
export function failureCount(result: LayerResult): number {
  const notRun = result.tests.filter((t) => t.state === 'notRun').length;
  return result.failed + notRun + result.hookFailures.length + (result.problems?.length ?? 0);
}

/** The counts of a layer as the closing line writes them: "N passed, N failed, N skipped". */
export function countsLine(result: LayerResult): string {
  return `${result.passed} passed, ${failureCount(result)} failed, ${result.skipped} skipped`;
}
