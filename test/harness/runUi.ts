import * as path from 'node:path';
import { EmulatorControl } from '../emulator/control';
import { startCodeServer } from './codeServer';
import { conformanceProblem } from './conformanceCheck';
import { startTestEnvironment } from './environment';
import { runMocha } from './mochaRun';
import { repoRoot } from './paths';
import type { LayerResult } from './results';
import { testFiles } from './testFiles';
import { screenshot, setUiSession } from './uiSession';
import { openWorkbench } from './workbench';

/**
 * One code-server and one browser for the whole UI layer; the tests drive the workbench like a person through
 * `uiSession()`. Every test starts from a freshly reset emulator and passes only if the emulator saw nothing the
 * official specs do not allow.
 */
export async function runUi(options: { grep?: string }): Promise<LayerResult> {
  const environment = await startTestEnvironment('ui');
  const info = environment.emulator!;
  const control = new EmulatorControl(info.baseUrl, { ca: info.certificatePath });
  const server = await startCodeServer({ name: 'ui', settings: environment.settings, env: environment.env });
  console.log(`[ui] code-server ${server.baseUrl} (VS Code ${server.vscodeVersion} workbench)`);
  const workbench = await openWorkbench(server.workbenchUrl({ extensionDevelopmentPath: repoRoot }), 'ui');
  setUiSession({ server, workbench, environment });
  try {
    return await runMocha({
      layer: 'ui',
      files: testFiles(path.join(repoRoot, 'out', 'test', 'ui')),
      timeoutMs: 90_000,
      retries: 1,
      grep: options.grep,
      rootHooks: {
        beforeEach: () => control.reset(),
        afterEach: async function (this: Mocha.Context) {
          const test = this.currentTest;
          if (test?.state === 'failed') {
            const file = await screenshot(`failed-${test.fullTitle().replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}`).catch(() => undefined);
            console.log(`      screenshot of the failure: ${file}`);
          }
        },
      },
      checkAfterEach: () => conformanceProblem(control),
    });
  } finally {
    setUiSession(undefined);
    await control.close();
    await workbench.close();
    await server.stop();
    await environment.stop();
  }
}
