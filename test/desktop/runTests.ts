/**
 * `npm run test:desktop`: the integration suite in desktop VS Code through @vscode/test-electron.
 *
 * Needs a desktop VS Code: set VSCODE_EXECUTABLE_PATH to its executable (e.g. /usr/share/code/code, or
 * "C:\\Users\\me\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"), or let test-electron download one
 * (needs internet; VSCODE_VERSION picks it, default "stable"). CI here runs the same suite in code-server instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startTestEnvironment } from '../harness/environment';
import { outputDir, repoRoot, resultsDir } from '../harness/paths';
import { readLayerResult } from '../harness/results';

async function main(): Promise<number> {
  const root = path.join(outputDir, 'vscode', 'desktop');
  fs.rmSync(root, { recursive: true, force: true });
  const userDataDir = path.join(root, 'user-data');
  const workspace = path.join(root, 'workspace');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  const environment = await startTestEnvironment('desktop');
  const resultsFile = path.join(resultsDir, 'desktop.json');
  fs.rmSync(resultsFile, { force: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', ...environment.settings }, null, 2),
  );
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: { ...environment.env, AZB_RESULTS_FILE: resultsFile },
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } catch (error) {
    console.error(`desktop integration run failed: ${String(error)}`);
  } finally {
    await environment.stop();
  }
  const result = readLayerResult(resultsFile);
  if (!result) {
    console.log('0 passed, 1 failed');
    return 1;
  }
  console.log(`[desktop] VS Code ${result.vscodeVersion}: ${result.passed} passed, ${result.failed} failed`);
  return result.failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
