/**
 * One cold activation in a fresh Node process (run by activation.bench): `require` of the bundle and `activate()`
 * against the `vscode` stand-in; prints {requireMs, activateMs, selfMs} as JSON.
 */
import * as Module from 'node:module';
import { contextStub, vscodeStub } from './activationStub';

const bundle = process.argv[2]!;
const vscode = vscodeStub();
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const original = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : original.call(this, request, ...rest);
};
const started = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle is what is measured
const extension = require(bundle) as { activate(context: unknown): { activationMs: number } };
const loaded = performance.now();
const api = extension.activate(contextStub(process.cwd()));
const done = performance.now();
console.log(JSON.stringify({ requireMs: loaded - started, activateMs: done - loaded, selfMs: api.activationMs }));
