/**
 * Activation and bundle sizes. Each run is a fresh Node process that requires dist/extension.js and calls activate()
 * (vscode stand-in): "require + activate" is what a cold start costs in bare Node; "self-measured" is what the
 * extension logs (from the bundle's first line to the end of activate; excludes reading and compiling the file).
 * Measures whatever dist/ holds: `npm run bench` builds it with --production first.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchRow, median } from './benchTable';

const RUNS = 9;
const root = path.resolve(__dirname, '..', '..', '..');
const dist = path.join(root, 'dist');
const kb = (file: string) => statSync(path.join(dist, file)).size / 1024;

const mainKiB = kb('extension.js') + kb('extensionMain.js');
benchRow('bundle: main (dist/extension.js entry + dist/extensionMain.js)', 'KiB', [mainKiB], { goalMax: 300, ratio: `entry ${kb('extension.js').toFixed(1)} KiB` });
for (const name of readdirSync(path.join(dist, 'lazy')).sort()) {
  benchRow(`bundle: lazy dist/lazy/${name} (loaded on first use)`, 'KiB', [kb(path.join('lazy', name))]);
}
benchRow('bundle: pool/image editor webview jsonEditorMain.js', 'KiB', [kb(path.join('webview', 'jsonEditorMain.js'))]);

interface Run { requireMs: number; activateMs: number; selfMs: number; cpuMs: number; codeCache?: { cache: string; compileMs: number }; lazyLoaded: string[] }
const activation = (storage: string): Run => {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'activationRun.js'), path.join(dist, 'extension.js'), storage], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
};
// Cold: a new global storage every run (no code cache: the bundle is compiled). Warm: the storage of the first run,
// whose entry saved the cache after activation (a second start of VS Code).
const scratch = mkdtempSync(path.join(os.tmpdir(), 'azb-activation-'));
const cold: Run[] = [];
const warm: Run[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    cold.push(activation(path.join(scratch, `cold-${i}`)));
  }
  for (let i = 0; i < RUNS; i++) {
    warm.push(activation(path.join(scratch, 'cold-0')));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const loadedAtActivation = [...new Set([...cold, ...warm].flatMap((r) => r.lazyLoaded))];
console.log(`lazy bundles loaded by activation: ${loadedAtActivation.join(', ') || 'none'}; warm runs compiled from the code cache: ${warm.filter((r) => r.codeCache?.cache === 'used').length}/${warm.length}`);
const total = (runs: Run[]) => runs.map((r) => r.requireMs + r.activateMs);
const coldTotal = median(total(cold));
benchRow('activation, bare Node: require + activate(), first start (no code cache)', 'ms', total(cold), { goalMax: 20 });
benchRow('activation, bare Node: require + activate(), with the code cache', 'ms', total(warm), { goalMax: 20, ratio: `${(median(total(warm)) / coldTotal).toFixed(2)}x the first start` });
benchRow('activation, bare Node: CPU time, first start / with the code cache', 'ms', cold.map((r) => r.cpuMs), { ratio: `with the cache: median ${median(warm.map((r) => r.cpuMs)).toFixed(1)} ms` });
benchRow('activation, self-measured (logged by the extension), with the code cache', 'ms', warm.map((r) => r.selfMs), { goalMax: 20 });
