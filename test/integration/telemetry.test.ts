import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createTelemetry } from '../../src/telemetry/telemetry';

describe('telemetry switches', () => {
  it('is off without a build-time connection string', () => {
    assert.equal(createTelemetry('').enabled, false);
  });

  it('is off when VS Code’s telemetry level is off, even with a connection string, and sends nothing', async () => {
    assert.equal(vscode.workspace.getConfiguration('telemetry').get('telemetryLevel'), 'off', 'the test profile turns telemetry off');
    const posts: string[] = [];
    const sink = createTelemetry('InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/', async (_url, init) => {
      posts.push(init?.body ?? '');
      return { status: 200, text: async () => '{}', headers: [] };
    });
    assert.equal(sink.enabled, false);
    sink.sendEvent('command', { commandId: 'azureBatch.refresh', result: 'Succeeded' }, { durationMs: 1 });
    sink.sendErrorEvent('command', { commandId: 'azureBatch.refresh', result: 'Failed', errorCode: 'X' }, { durationMs: 1 });
    await sink.dispose();
    assert.deepEqual(posts, [], 'nothing reached the (test) sender');
  });
});
