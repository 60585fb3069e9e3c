/**
 * One cold activation in a fresh Node process (run by activation.bench): `require` of the bundle and `activate()`
 * against the `vscode` stand-in; prints {requireMs, activateMs, selfMs} as JSON.
 */
import { contextStub, vscodeStub } from './activationStub';

const bundle = process.argv[2]!;
/** The extension's global storage (the entry keeps its code cache there); absent: none. */
const storage = process.argv[3];
const vscode = vscodeStub();
// The CommonJS loader object itself (a namespace import is read-only in Node 24).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loader = require('node:module') as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const original = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : original.call(this, request, ...rest);
};
const cpuStart = process.cpuUsage();
const started = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle is what is measured
const extension = require(bundle) as { activate(context: unknown): { activationMs: number; codeCache?: { cache: string; compileMs: number } } };
const loaded = performance.now();
const api = extension.activate(contextStub(process.cwd(), storage));
const done = performance.now();
const cpu = process.cpuUsage(cpuStart);
// The lazy bundles activation loaded (none is the point: each loads at its first use).
const lazyLoaded = Object.keys(require.cache).filter((file) => /[\\/]lazy[\\/][^\\/]+\.js$/.test(file)).map((file) => file.split(/[\\/]/).pop());
console.log(JSON.stringify({ requireMs: loaded - started, activateMs: done - loaded, selfMs: api.activationMs, cpuMs: (cpu.user + cpu.system) / 1000, codeCache: api.codeCache, lazyLoaded }));
