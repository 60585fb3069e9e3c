import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { extensionId } from '../harness/paths';

describe('activation', () => {
  it('measures itself, and prints the figure from the real extension host', () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    assert.ok(extension?.isActive, 'the extension is active');
    const ms = extension.exports.activationMs;
    assert.ok(Number.isFinite(ms) && ms > 0, `activationMs is a positive number (got ${ms})`);
    // A figure for the bench table, not an assertion: the machine's load decides it.
    const { activationCpuMs: cpu, codeCache } = extension.exports;
    console.log(`[activation] module load → end of activate: ${ms.toFixed(1)} ms, CPU ${cpu?.toFixed(1) ?? '?'} ms, code cache ${codeCache?.cache ?? '?'} (extension host, ${extension.extensionPath})`);
  });

  it('never loads the telemetry bundle when no connection string is built in', () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId)!;
    const telemetryBundle = path.join(extension.extensionPath, 'dist', 'lazy', 'telemetry.js');
    const loaded = Object.keys(require.cache).filter((file) => file.startsWith(path.join(extension.extensionPath, 'dist')));
    assert.ok(loaded.includes(path.join(extension.extensionPath, 'dist', 'extension.js')), `the main bundle is in the module cache (${loaded.join(', ')})`);
    assert.ok(!loaded.includes(telemetryBundle), `dist/lazy/telemetry.js was loaded: ${loaded.join(', ')}`);
  });
});
