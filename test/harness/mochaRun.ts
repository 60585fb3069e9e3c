import Mocha from 'mocha';
import { emptyResult, notRunReason, withNotRun, type LayerResult, type TestOutcome } from './results';

export interface MochaRunOptions {
  layer: string;
  files: string[];
  timeoutMs: number;
  grep?: string;
  /** Mocha's colourful console output; off inside VS Code where the console is the browser's. */
  reporter?: string;
  /** Hooks around every test of the layer (e.g. reset the emulator before, screenshot a failure after). */
  rootHooks?: Mocha.RootHookObject;
  /**
   * Runs after each test that passed; a returned message fails that test (without stopping the run, as a throwing
   * afterEach hook would), e.g. "the emulator saw a request the spec does not allow".
   */
  checkAfterEach?: (test: Mocha.Test) => Promise<string | undefined>;
  /**
   * How many times a failed test runs again (UI layer only: a real workbench's timing under load). Each retry is printed
   * with the first attempt's error, so a flaky test stays visible; a test that fails every attempt fails.
   */
  retries?: number;
  /** Called with the results so far after every test and every failed hook (the integration layer saves them). */
  onProgress?: (partial: LayerResult) => void;
}

/** Every test under `suite` that the run selects (mocha's grep is applied to the full title, as mocha does). */
function selectedTitles(suite: Mocha.Suite, grep: RegExp | undefined): string[] {
  const out: string[] = [];
  const walk = (s: Mocha.Suite) => {
    for (const test of s.tests) {
      const title = test.fullTitle();
      if (!grep || grep.test(title)) {
        out.push(title);
      }
    }
    s.suites.forEach(walk);
  };
  walk(suite);
  return out;
}

/**
 * Runs mocha programmatically and accounts for every test: passed, failed, skipped, and those that never ran (after
 * a failed hook). `.only` is forbidden: a file that uses it fails to load, and the layer fails.
 */
export function runMocha(options: MochaRunOptions): Promise<LayerResult> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: options.timeoutMs,
    color: process.stdout.isTTY ?? false,
    reporter: options.reporter ?? 'spec',
    forbidOnly: true,
    retries: options.retries ?? 0,
  });
  let runner: Mocha.Runner | undefined;
  const check = options.checkAfterEach;
  mocha.rootHooks({
    ...options.rootHooks,
    ...(check
      ? {
          afterEach: [
            ...[options.rootHooks?.afterEach ?? []].flat(),
            async function (this: Mocha.Context) {
              const test = this.currentTest;
              if (test && test.state === 'passed') {
                const message = await check(test);
                if (message) {
                  runner?.emit('fail', test, new Error(message));
                }
              }
            },
          ],
        }
      : {}),
  });
  if (options.grep) {
    mocha.grep(options.grep);
  }
  for (const file of options.files) {
    mocha.addFile(file);
  }
  const result = emptyResult(options.layer);
  // One outcome per test object: a test reported twice (it passed, then an error arrived after it ended) keeps the failure.
  const outcomes = new Map<Mocha.Runnable, TestOutcome>();
  const snapshot = (): LayerResult => {
    const ran = [...outcomes.values()].filter((o) => o.state !== 'notRun');
    const why = notRunReason(result.hookFailures, 'the run ended before it');
    const tests = result.complete ? withNotRun(result.loaded, ran, why) : ran;
    const count = (state: TestOutcome['state']) => ran.filter((t) => t.state === state).length;
    return { ...result, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), tests };
  };
  const record = (test: Mocha.Runnable, outcome: TestOutcome) => {
    if (outcomes.get(test)?.state !== 'failed') {
      outcomes.set(test, outcome);
    }
    options.onProgress?.(snapshot());
  };
  return new Promise((resolve) => {
    mocha.loadFilesAsync().then(
      () => {
        result.loaded = selectedTitles(mocha.suite, mocha.options.grep as RegExp | undefined);
        options.onProgress?.(snapshot());
        runner = mocha.run(() => {
          result.complete = true;
          resolve(snapshot());
        });
        runner.on('pass', (test) => record(test, { title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
        runner.on('fail', (runnable: Mocha.Runnable, error: Error) => {
          const text = String(error?.stack ?? error);
          if ((runnable as unknown as { type?: string }).type === 'hook') {
            result.hookFailures.push({ title: runnable.fullTitle(), suite: runnable.parent?.fullTitle() ?? '', error: text });
            options.onProgress?.(snapshot());
          } else {
            record(runnable, { title: runnable.fullTitle(), state: 'failed', durationMs: runnable.duration ?? 0, error: text });
          }
        });
        runner.on('retry', (test: Mocha.Test, error: Error) => {
          const first = String(error?.message ?? error).split('\n')[0];
          console.log(`      [${options.layer}] RETRIED (an attempt failed: ${first}): ${test.fullTitle()}`);
        });
        runner.on('pending', (test) => record(test, { title: test.fullTitle(), state: 'skipped', durationMs: 0 }));
      },
      (error: unknown) => {
        result.complete = true;
        result.fatal = `could not load the test files: ${String((error as Error)?.stack ?? error)}`;
        resolve(snapshot());
      },
    );
  });
}
