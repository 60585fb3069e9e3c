/**
 * The tests module VS Code loads into the extension host (payload key `extensionTestsPath`). It activates the
 * extension under test, runs every compiled integration test with mocha, and writes the results to the file the
 * launcher (test/harness/runIntegration.ts) waits for.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runMocha } from '../harness/mochaRun';
import { extensionId, resultsDir } from '../harness/paths';
import { writeLayerResult, type LayerResult } from '../harness/results';
import { testFiles } from '../harness/testFiles';

export async function run(): Promise<void> {
  const resultsFile = process.env.AZB_RESULTS_FILE ?? path.join(resultsDir, 'integration.json');
  let activated = false;
  try {
    const extension = vscode.extensions.getExtension(extensionId);
    if (!extension) {
      throw new Error(`extension ${extensionId} is not loaded`);
    }
    await extension.activate();
    activated = extension.isActive;
  } catch (error) {
    const result: LayerResult = {
      layer: 'integration', passed: 0, failed: 1, pending: 0, tests: [], vscodeVersion: vscode.version, activated,
      fatal: `the extension did not activate: ${String((error as Error)?.stack ?? error)}`,
    };
    writeLayerResult(resultsFile, result);
    throw error;
  }
  const result = await runMocha({
    layer: 'integration',
    files: testFiles(__dirname),
    timeoutMs: 60_000,
    grep: process.env.AZB_TEST_GREP,
    reporter: 'spec',
  });
  result.vscodeVersion = vscode.version;
  result.activated = activated;
  writeLayerResult(resultsFile, result);
  if (result.failed > 0) {
    throw new Error(`${result.failed} integration test(s) failed`);
  }
}
