/** Adds up the layers' results and prints the closing line of the whole run: "N passed, N failed". */
import * as path from 'node:path';
import { resultsDir } from './paths';
import { readLayerResult } from './results';

const layers = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const layer of layers) {
  const result = readLayerResult(path.join(resultsDir, `${layer}.json`));
  if (!result) {
    console.log(`${layer}: no results (the layer did not run to the end)`);
    failed += 1;
    continue;
  }
  const extra = result.vscodeVersion ? ` (VS Code ${result.vscodeVersion})` : '';
  console.log(`${layer}: ${result.passed} passed, ${result.failed} failed${extra}${result.fatal ? ' [fatal]' : ''}`);
  passed += result.passed;
  failed += result.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
