/**
 * Runs one test layer and writes its results to test-output/results/<layer>.json:
 *   unit         mocha on Node, no VS Code
 *   integration  mocha inside the extension host of a real VS Code (code-server) opened in headless Chromium
 *   ui           Playwright drives that workbench like a person
 * Usage: node out/test/harness/runLayer.js <layer> [--grep TEXT]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMocha } from './mochaRun';
import { repoRoot, resultsDir } from './paths';
import { writeLayerResult, type LayerResult } from './results';
import { testFiles } from './testFiles';
import { runIntegration } from './runIntegration';
import { runUi } from './runUi';

async function main(): Promise<number> {
  const layer = process.argv[2];
  const grepIndex = process.argv.indexOf('--grep');
  const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : process.env.AZB_TEST_GREP;
  const resultsFile = path.join(resultsDir, `${layer}.json`);
  fs.rmSync(resultsFile, { force: true });
  let result: LayerResult;
  try {
    switch (layer) {
      case 'unit':
        result = await runMocha({ layer, files: testFiles(path.join(repoRoot, 'out', 'test', 'unit')), timeoutMs: 20_000, grep });
        break;
      case 'integration':
        result = await runIntegration({ grep, resultsFile });
        break;
      case 'ui':
        result = await runUi({ grep });
        break;
      default:
        console.error(`unknown layer "${layer}": use unit, integration or ui`);
        return 2;
    }
  } catch (error) {
    result = { layer, passed: 0, failed: 1, pending: 0, tests: [], fatal: String((error as Error)?.stack ?? error) };
  }
  if (result.fatal) {
    console.error(`\n[${layer}] FATAL: ${result.fatal}`);
  }
  writeLayerResult(resultsFile, result);
  console.log(`\n[${layer}] ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''}`);
  return result.failed > 0 || result.fatal ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
