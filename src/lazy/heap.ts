/**
 * The process's heap in use after a full garbage collection, for the test API (the bench's heap with 10,000 nodes in
 * the tree). `gc` is not exposed in the extension host; setting V8's `--expose-gc` at run time installs it in every
 * context created afterwards, so a fresh `vm` context hands it over. When V8 refuses, the heap is read as it is and
 * `gc` says so. Pure Node: no `vscode`.
 */
export function heapUsedAfterGc(): { bytes: number; gc: boolean } {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') {
    try {
      /* eslint-disable @typescript-eslint/no-require-imports -- test-only, loaded when called */
      (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--expose-gc');
      gc = (require('node:vm') as typeof import('node:vm')).runInNewContext('gc') as (() => void) | undefined;
      /* eslint-enable @typescript-eslint/no-require-imports */
    } catch {
      gc = undefined;
    }
  }
  if (typeof gc === 'function') {
    gc();
    gc();
  }
  return { bytes: process.memoryUsage().heapUsed, gc: typeof gc === 'function' };
}
