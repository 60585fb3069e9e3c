/**
 * Runs one test layer and writes its results to test-output/results/<layer>.json:
 *   unit         mocha on Node, no VS Code
 *   integration  mocha inside the extension host of a real VS Code (code-server) opened in headless Chromium
 *   ui           Playwright drives that workbench like a person
 * Then checks the run (./layerChecks.ts): the tests found in test/<layer>/**\/*.test.ts (after grep) must be exactly
 * the tests that ran; a layer with no tests, an unexpected skip, a failed hook or a test that never ran fails it.
 * Usage: node out/test/harness/runLayer.js <layer> [--grep TEXT]   (AZB_TEST_GREP works too)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { checkLayer, foundText } from './layerChecks';
import { runMocha } from './mochaRun';
import { repoRoot, resultsDir } from './paths';
import { countsLine, failureCount, fatalResult, writeLayerResult, type LayerResult } from './results';
import { staticTests } from './staticTests';
import { testFiles } from './testFiles';
import { runIntegration } from './runIntegration';
import { runUi } from './runUi';

const LAYERS = ['unit', 'integration', 'ui'];

async function runTests(layer: string, grep: string | undefined, resultsFile: string): Promise<LayerResult> {
  try {
    switch (layer) {
      case 'unit':
        return await runMocha({ layer, files: testFiles(path.join(repoRoot, 'out', 'test', 'unit')), timeoutMs: 20_000, grep });
      case 'integration':
        return await runIntegration({ grep, resultsFile });
      default:
        return await runUi({ grep });
    }
  } catch (error) {
    return fatalResult(layer, String((error as Error)?.stack ?? error));
  }
}

async function main(): Promise<number> {
  const layer = process.argv[2] ?? '';
  if (!LAYERS.includes(layer)) {
    console.error(`unknown layer "${layer}": use ${LAYERS.join(', ')}`);
    return 2;
  }
  const grepIndex = process.argv.indexOf('--grep');
  const grep = (grepIndex > 0 ? process.argv[grepIndex + 1] : process.env.AZB_TEST_GREP) || undefined;
  const resultsFile = path.join(resultsDir, `${layer}.json`);
  fs.rmSync(resultsFile, { force: true });

  const result = await runTests(layer, grep, resultsFile);
  const grepRegExp = grep ? (new Mocha().grep(grep).options.grep as RegExp) : undefined;
  const checked = checkLayer({ result, found: staticTests(path.join(repoRoot, 'test', layer), repoRoot), grep: grepRegExp });
  result.found = checked.found.length;
  result.problems = checked.problems;
  writeLayerResult(resultsFile, result);

  for (const hook of result.hookFailures) {
    console.log(`\n[${layer}] hook failed: ${hook.title}\n${hook.error.split('\n').map((l) => `    ${l}`).join('\n')}`);
  }
  const notRun = result.tests.filter((t) => t.state === 'notRun');
  for (const test of notRun) {
    console.log(`[${layer}] never ran: ${test.title} (${test.error ?? ''})`);
  }
  for (const problem of result.problems) {
    console.log(`[${layer}] FAILED CHECK: ${problem}`);
  }
  const ran = result.tests.length - notRun.length;
  console.log(`\n[${layer}] found ${foundText(result.found ?? 0, result.tests)}, ran ${ran}${grep ? ` (grep ${grepRegExp})` : ''}`);
  console.log(`[${layer}] ${countsLine(result)}`);
  return failureCount(result) > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
