import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer, type CodeServer } from './codeServer';
import { startTestEnvironment } from './environment';
import { repoRoot } from './paths';
import { fatalResult, notRunReason, readLayerResult, withNotRun, type LayerResult } from './results';
import { openWorkbench, type Workbench } from './workbench';

/** An outer bound for the whole layer (the watchers below end a broken run much sooner). */
const TIMEOUT_MS = Number(process.env.AZB_INTEGRATION_TIMEOUT_MS ?? 20 * 60_000);
/** How long the extension host may go without finishing a test (tests allow themselves at most 2 minutes). */
const STALL_MS = Number(process.env.AZB_INTEGRATION_STALL_MS ?? 4 * 60_000);
/** What code-server logs when the extension host process ends. */
const HOST_EXIT = /Extension Host Process exited with code: (\S+), signal: (\S+)\./;

/** Why the run can no longer finish, or undefined while it can. */
function brokenRun(server: CodeServer, workbench: Workbench, crashed: { page?: string }, lastProgress: number): string | undefined {
  const exit = server.exitStatus();
  if (exit) {
    return `${exit} while the tests ran`;
  }
  if (crashed.page) {
    return crashed.page;
  }
  const log = fs.existsSync(server.logFile) ? fs.readFileSync(server.logFile, 'utf8') : '';
  const host = HOST_EXIT.exec(log);
  if (host) {
    return `the extension host ended while the tests ran (exit code ${host[1]}, signal ${host[2]}; see ${server.logFile})`;
  }
  if (Date.now() - lastProgress > STALL_MS) {
    return `no test finished for ${Math.round(STALL_MS / 1000)} s: the extension host hangs (see ${server.logFile})`;
  }
  if (workbench.page.isClosed()) {
    return 'the workbench page closed while the tests ran';
  }
  return undefined;
}

/** Prints what ran inside VS Code (its mocha output went to the browser's console). */
function report(result: LayerResult): LayerResult {
  console.log(`[integration] ran in VS Code ${result.vscodeVersion ?? '?'} (extension activated: ${result.activated === true})`);
  for (const test of result.tests) {
    const mark = { passed: '✔', failed: '✘', skipped: '-', notRun: '✘ (never ran)' }[test.state];
    console.log(`  ${mark} ${test.title} (${test.durationMs} ms)`);
    if (test.error && test.state !== 'notRun') {
      console.log(test.error.split('\n').map((line) => `      ${line}`).join('\n'));
    }
  }
  if (result.activated !== true && !result.fatal) {
    result.fatal = 'the extension never activated';
  }
  return result;
}

/**
 * Starts code-server, opens the workbench in headless Chromium with the extension under development and the tests
 * module in the payload, and follows the results the tests module writes after every test. Ends the run within
 * seconds when code-server exits, the extension host ends, the page crashes or no test finishes for a while; then the
 * tests that never ran are reported as such.
 */
export async function runIntegration(options: { grep?: string; resultsFile: string }): Promise<LayerResult> {
  const started = Date.now();
  const environment = await startTestEnvironment('integration');
  const server = await startCodeServer({
    name: 'integration',
    settings: environment.settings,
    env: { ...environment.env, AZB_RESULTS_FILE: options.resultsFile, ...(options.grep ? { AZB_TEST_GREP: options.grep } : {}) },
  });
  console.log(`[integration] code-server ${server.baseUrl} (VS Code ${server.vscodeVersion} workbench)`);
  const url = server.workbenchUrl({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
  });
  const workbench = await openWorkbench(url, 'integration');
  const crashed: { page?: string } = {};
  workbench.page.on('crash', () => (crashed.page = 'the workbench page crashed'));
  try {
    let lastProgress = Date.now();
    let lastMtime = 0;
    let broken: string | undefined;
    while (!broken) {
      await new Promise((r) => setTimeout(r, 500));
      const mtime = fs.existsSync(options.resultsFile) ? fs.statSync(options.resultsFile).mtimeMs : 0;
      if (mtime !== lastMtime) {
        lastMtime = mtime;
        lastProgress = Date.now();
      }
      const current = readLayerResult(options.resultsFile);
      if (current?.complete) {
        return report(current);
      }
      broken = brokenRun(server, workbench, crashed, lastProgress) ?? (Date.now() - started > TIMEOUT_MS ? `timed out after ${TIMEOUT_MS} ms` : undefined);
    }
    // Whatever the host wrote before it broke (it may have just finished), and every selected test it did not reach.
    await new Promise((r) => setTimeout(r, 1000));
    const partial = readLayerResult(options.resultsFile);
    if (partial?.complete) {
      return report(partial);
    }
    if (!partial) {
      return fatalResult('integration', `${broken}, before any test ran (the extension never activated or the tests module never started)`);
    }
    const ran = partial.tests.filter((t) => t.state !== 'notRun');
    return report({ ...partial, complete: true, fatal: broken, tests: withNotRun(partial.loaded, ran, notRunReason(partial.hookFailures, broken!)) });
  } finally {
    await workbench.close();
    await server.stop();
    await environment.stop();
  }
}
