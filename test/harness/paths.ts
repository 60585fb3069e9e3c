import * as path from 'node:path';

/** The repository root: this module runs as out/test/harness/paths.js. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Git-ignored output of test runs: results, screenshots, logs, throw-away VS Code profiles (AZB_OUTPUT_DIR moves it). */
export const outputDir = process.env.AZB_OUTPUT_DIR ? path.resolve(process.env.AZB_OUTPUT_DIR) : path.join(repoRoot, 'test-output');
export const resultsDir = path.join(outputDir, 'results');
export const screenshotsDir = path.join(outputDir, 'screenshots');
export const logsDir = path.join(outputDir, 'logs');

export const extensionId = 'batch-operator.azure-batch-operator';

/** Tools installed by .ci/setup.sh; its exports name them. */
export function codeServerDir(): string {
  const dir = process.env.AZB_CODE_SERVER;
  if (!dir) {
    throw new Error('AZB_CODE_SERVER is not set: run the tests through `npm test` (it runs .ci/setup.sh first).');
  }
  return dir;
}

export function chromiumPath(): string {
  return process.env.AZB_CHROMIUM ?? '/usr/bin/chromium';
}
