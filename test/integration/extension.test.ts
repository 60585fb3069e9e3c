import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TelemetryMeasurements, TelemetryProperties, TelemetrySink } from '../../src/telemetry/telemetry';
import { extensionId } from '../harness/paths';

function api(): NonNullable<ExtensionApi['test']> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  assert.ok(extension?.isActive, 'the extension is active');
  assert.ok(extension.exports.test, 'the test API is exported in test mode');
  return extension.exports.test;
}

class RecordingSink implements TelemetrySink {
  readonly enabled = true;
  readonly events: { name: string; properties: TelemetryProperties; measurements: TelemetryMeasurements; error: boolean }[] = [];
  sendEvent(name: string, properties: TelemetryProperties, measurements: TelemetryMeasurements): void {
    this.events.push({ name, properties, measurements, error: false });
  }
  sendErrorEvent(name: string, properties: TelemetryProperties, measurements: TelemetryMeasurements): void {
    this.events.push({ name, properties, measurements, error: true });
  }
  async dispose(): Promise<void> {}
}

describe('the activated extension', () => {
  it('contributes the Azure Batch container, its view and its commands', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const contributes = extension.packageJSON.contributes;
    assert.equal(contributes.viewsContainers.activitybar[0].id, 'azureBatch');
    assert.equal(contributes.views.azureBatch[0].id, 'azureBatch.explorer');
    const commands = await vscode.commands.getCommands(true);
    for (const contributed of contributes.commands as { command: string }[]) {
      assert.ok(commands.includes(contributed.command), `${contributed.command} is registered`);
    }
    // The view itself is registered with the workbench: its focus command exists and runs.
    assert.ok(commands.includes('azureBatch.explorer.focus'));
    await vscode.commands.executeCommand('azureBatch.explorer.focus');
  });

  it('runs a command through the command wrapper', async () => {
    await vscode.commands.executeCommand('azureBatch.showLog');
    assert.deepEqual(api().lastCommandResult('azureBatch.showLog'), { result: 'Succeeded' });
  });

  it('records a failed command without user data, and a cancelled one as Canceled', async () => {
    const sink = new RecordingSink();
    const previous = api().setTelemetrySink(sink);
    try {
      const secretUrl = 'https://acct.westeurope.batch.azure.com/pools/render-pool/nodes/tvm-1';
      await api().runCommand('azureBatch.showLog', () => {
        const error = new Error(`Reimage of ${secretUrl} failed`) as Error & { code: string };
        error.code = 'NodeNotInValidState';
        throw error;
      }, []);
      await api().runCommand('azureBatch.showLog', () => {
        throw new vscode.CancellationError();
      }, []);
      assert.equal(sink.events.length, 2);
      const [failed, canceled] = sink.events;
      assert.equal(failed.error, true);
      assert.deepEqual(Object.keys(failed.properties).sort(), ['commandId', 'errorCode', 'result']);
      assert.equal(failed.properties.result, 'Failed');
      assert.equal(failed.properties.errorCode, 'NodeNotInValidState');
      assert.ok(!JSON.stringify(failed).includes('render-pool'));
      assert.ok(typeof failed.measurements.durationMs === 'number');
      assert.equal(canceled.properties.result, 'Canceled');
      assert.equal(api().lastCommandResult('azureBatch.showLog')?.result, 'Canceled');
    } finally {
      api().setTelemetrySink(previous);
    }
  });
});
