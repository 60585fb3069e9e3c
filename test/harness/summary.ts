/**
 * Adds up the layers' results and prints, per layer, the tests found in the sources and the tests that ran, then the
 * closing line of the whole run: "N passed, N failed, N skipped" (CI reads that last line).
 */
import * as path from 'node:path';
import { resultsDir } from './paths';
import { foundText } from './layerChecks';
import { countsLine, failureCount, readLayerResult } from './results';

const layers = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const layer of layers) {
  const result = readLayerResult(path.join(resultsDir, `${layer}.json`));
  if (!result || result.found === undefined) {
    console.log(`${layer}: no results (the layer did not run to the end)`);
    failed += 1;
    continue;
  }
  const ran = result.tests.filter((t) => t.state !== 'notRun').length;
  const extra = result.vscodeVersion ? ` (VS Code ${result.vscodeVersion})` : '';
  const checks = result.problems?.length ? ` [${result.problems.length} failed check(s)]` : '';
  console.log(`${layer}: found ${foundText(result.found, result.tests)}, ran ${ran}: ${countsLine(result)}${extra}${checks}`);
  passed += result.passed;
  failed += failureCount(result);
  skipped += result.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
