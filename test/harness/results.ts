import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

/** What one layer (unit, integration, ui) reports; the summary adds them up. */
export interface LayerResult {
  layer: string;
  passed: number;
  failed: number;
  pending: number;
  tests: TestOutcome[];
  /** Integration layer: where the tests ran. */
  vscodeVersion?: string;
  activated?: boolean;
  /** Set when the layer could not run its tests at all (crash, timeout). */
  fatal?: string;
}

export function writeLayerResult(file: string, result: LayerResult): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
}

export function readLayerResult(file: string): LayerResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LayerResult;
  } catch {
    return undefined;
  }
}
