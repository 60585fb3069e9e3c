/**
 * The tests module VS Code loads into the extension host (payload key `extensionTestsPath`). It activates the
 * extension under test, runs every compiled integration test with mocha, and writes the results (also partial ones,
 * after every test, so that a crash still leaves them) to the file the launcher (test/harness/runIntegration.ts)
 * watches. Every test starts from a freshly reset emulator and passes only if the emulator saw nothing the official
 * specs do not allow.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { conformanceProblem } from '../harness/conformanceCheck';
import { runMocha } from '../harness/mochaRun';
import { extensionId, resultsDir } from '../harness/paths';
import { fatalResult, writeLayerResult, type LayerResult } from '../harness/results';
import { testFiles } from '../harness/testFiles';
import { api, emulator } from './helpers';

export async function run(): Promise<void> {
  const resultsFile = process.env.AZB_RESULTS_FILE ?? path.join(resultsDir, 'integration.json');
  let activated = false;
  const save = (result: LayerResult) => writeLayerResult(resultsFile, { ...result, vscodeVersion: vscode.version, activated });
  try {
    const extension = vscode.extensions.getExtension(extensionId);
    if (!extension) {
      throw new Error(`extension ${extensionId} is not loaded`);
    }
    await extension.activate();
    activated = extension.isActive;
  } catch (error) {
    save(fatalResult('integration', `the extension did not activate: ${String((error as Error)?.stack ?? error)}`));
    throw error;
  }
  const result = await runMocha({
    layer: 'integration',
    files: testFiles(__dirname),
    timeoutMs: 60_000,
    grep: process.env.AZB_TEST_GREP || undefined,
    reporter: 'spec',
    rootHooks: {
      async beforeEach() {
        // Followers of an earlier test's nodes stop before the emulator forgets those nodes.
        await api().reimage.stopFollowers();
        await emulator().reset();
        api().tree.refresh();
      },
    },
    checkAfterEach: () => conformanceProblem(emulator()),
    onProgress: save,
  });
  save(result);
  if (result.failed > 0 || result.fatal) {
    throw new Error(`${result.failed} integration test(s) failed${result.fatal ? `; ${result.fatal}` : ''}`);
  }
}
