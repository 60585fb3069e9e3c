import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { startTestEnvironment } from './environment';
import { repoRoot } from './paths';
import { readLayerResult, type LayerResult } from './results';
import { openWorkbench } from './workbench';

const TIMEOUT_MS = Number(process.env.AZB_INTEGRATION_TIMEOUT_MS ?? 20 * 60_000);

/**
 * Starts code-server, opens the workbench in headless Chromium with the extension under development and the tests
 * module in the payload, and waits for the results the tests module writes. Fails on any test failure, on a timeout,
 * and when the extension never activated.
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
  try {
    const deadline = started + TIMEOUT_MS;
    let result: LayerResult | undefined;
    while (!result && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      result = fs.existsSync(options.resultsFile) ? readLayerResult(options.resultsFile) : undefined;
    }
    if (!result) {
      return {
        layer: 'integration', passed: 0, failed: 1, pending: 0, tests: [],
        fatal: `timed out after ${TIMEOUT_MS} ms without results: the extension never activated or the tests hung (see ${server.logFile})`,
      };
    }
    console.log(`[integration] ran in VS Code ${result.vscodeVersion ?? '?'} (extension activated: ${result.activated === true})`);
    for (const test of result.tests) {
      console.log(`  ${test.state === 'passed' ? '✔' : '✘'} ${test.title} (${test.durationMs} ms)`);
      if (test.error) {
        console.log(test.error.split('\n').map((line) => `      ${line}`).join('\n'));
      }
    }
    if (result.activated !== true && !result.fatal) {
      result.fatal = 'the extension never activated';
      result.failed = Math.max(1, result.failed);
    }
    return result;
  } finally {
    await workbench.close();
    await server.stop();
    await environment.stop();
  }
}
