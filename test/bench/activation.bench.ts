/**
 * Activation and bundle sizes. Each run is a fresh Node process that requires dist/extension.js and calls activate()
 * (vscode stand-in): "require + activate" is what a cold start costs in bare Node; "self-measured" is what the
 * extension logs (from the bundle's first line to the end of activate; excludes reading and compiling the file).
 * Measures whatever dist/ holds: `npm run bench` builds it with --production first.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { benchRow } from './benchTable';

const RUNS = 9;
const root = path.resolve(__dirname, '..', '..', '..');
const dist = path.join(root, 'dist');
const kb = (file: string) => statSync(path.join(dist, file)).size / 1024;

benchRow('bundle: main dist/extension.js', 'KiB', [kb('extension.js')], { goalMax: 300 });
for (const name of readdirSync(path.join(dist, 'lazy')).sort()) {
  benchRow(`bundle: lazy dist/lazy/${name} (loaded on first use)`, 'KiB', [kb(path.join('lazy', name))]);
}
benchRow('bundle: pool/image editor webview jsonEditorMain.js', 'KiB', [kb(path.join('webview', 'jsonEditorMain.js'))]);

const runs: { requireMs: number; activateMs: number; selfMs: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'activationRun.js'), path.join(dist, 'extension.js')], { cwd: root, encoding: 'utf8' });
  runs.push(JSON.parse(out.trim().split('\n').pop()!) as (typeof runs)[number]);
}
benchRow('activation, bare Node: require + activate()', 'ms', runs.map((r) => r.requireMs + r.activateMs), { goalMax: 20 });
benchRow('activation, self-measured (logged by the extension)', 'ms', runs.map((r) => r.selfMs), { goalMax: 20 });
