import Mocha from 'mocha';
import type { LayerResult, TestOutcome } from './results';

export interface MochaRunOptions {
  layer: string;
  files: string[];
  timeoutMs: number;
  grep?: string;
  /** Mocha's colourful console output; off inside VS Code where the console is the browser's. */
  reporter?: string;
  /** Runs after each test (e.g. a screenshot of a failure). */
  afterEach?: (test: Mocha.Test | undefined) => Promise<void>;
}

/** Runs mocha programmatically and counts every test, so each layer reports its own numbers. */
export function runMocha(options: MochaRunOptions): Promise<LayerResult> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: options.timeoutMs,
    color: process.stdout.isTTY ?? false,
    reporter: options.reporter ?? 'spec',
  });
  if (options.afterEach) {
    const hook = options.afterEach;
    mocha.rootHooks({
      afterEach(this: Mocha.Context) {
        return hook(this.currentTest);
      },
    });
  }
  if (options.grep) {
    mocha.grep(options.grep);
  }
  for (const file of options.files) {
    mocha.addFile(file);
  }
  const result: LayerResult = { layer: options.layer, passed: 0, failed: 0, pending: 0, tests: [] };
  const record = (outcome: TestOutcome) => {
    result.tests.push(outcome);
    result[outcome.state] += 1;
  };
  return new Promise((resolve) => {
    mocha.loadFilesAsync().then(
      () => {
        const runner = mocha.run(() => resolve(result));
        runner.on('pass', (test) => record({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
        runner.on('fail', (test, error: Error) =>
          record({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: String(error?.stack ?? error) }),
        );
        runner.on('pending', () => {
          result.pending += 1;
        });
      },
      (error: unknown) => {
        result.failed += 1;
        result.fatal = `could not load the test files: ${String((error as Error)?.stack ?? error)}`;
        resolve(result);
      },
    );
  });
}
