import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { startTestEnvironment } from './environment';
import { runMocha } from './mochaRun';
import { repoRoot } from './paths';
import type { LayerResult } from './results';
import { testFiles } from './testFiles';
import { screenshot, setUiSession } from './uiSession';
import { openWorkbench } from './workbench';

/**
 * One code-server and one browser for the whole UI layer; the tests drive the workbench like a person through
 * `uiSession()`.
 */
export async function runUi(options: { grep?: string }): Promise<LayerResult> {
  const environment = await startTestEnvironment('ui');
  const server = await startCodeServer({ name: 'ui', settings: environment.settings, env: environment.env });
  console.log(`[ui] code-server ${server.baseUrl} (VS Code ${server.vscodeVersion} workbench)`);
  const workbench = await openWorkbench(server.workbenchUrl({ extensionDevelopmentPath: repoRoot }), 'ui');
  setUiSession({ server, workbench, environment });
  try {
    return await runMocha({
      layer: 'ui',
      files: testFiles(path.join(repoRoot, 'out', 'test', 'ui')),
      timeoutMs: 90_000,
      grep: options.grep,
      afterEach: async (test) => {
        if (test?.state === 'failed') {
          const file = await screenshot(`failed-${test.fullTitle().replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}`).catch(() => undefined);
          console.log(`      screenshot of the failure: ${file}`);
        }
      },
    });
  } finally {
    setUiSession(undefined);
    await workbench.close();
    await server.stop();
    await environment.stop();
  }
}
