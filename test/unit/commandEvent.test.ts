import * as assert from 'node:assert/strict';
import { buildCommandEvent } from '../../src/telemetry/commandEvent';

describe('command telemetry event', () => {
  const userData = [
    'https://mybatch.westeurope.batch.azure.com/pools/render-pool/nodes/tvm-123_1-20240101',
    'render-pool',
    'tvm-123_1-20240101',
    '/subscriptions/5a6b7c8d-0000-4000-8000-123456789abc/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/acct',
    'alice@contoso.com',
  ];

  it('records only the command id, result, duration and a well-formed error code', () => {
    const event = buildCommandEvent({ commandId: 'azureBatch.reimage', result: 'Failed', durationMs: 12.6, errorCode: 'NodeNotInValidState' });
    assert.deepEqual(event.properties, { commandId: 'azureBatch.reimage', result: 'Failed', errorCode: 'NodeNotInValidState' });
    assert.deepEqual(event.measurements, { durationMs: 13 });
  });

  it('replaces error codes, properties and command ids that could carry user data', () => {
    const event = buildCommandEvent({
      commandId: `azureBatch.x ${userData[0]}`,
      result: 'Failed',
      durationMs: 1,
      errorCode: userData[0],
      properties: { source: userData[1], reimageOption: 'terminate', poolId: userData[1], message: userData[4] },
      measurements: { nodeCount: 3, [userData[2]]: 1 },
    });
    assert.deepEqual(event.properties, { commandId: 'other', result: 'Failed', errorCode: 'Unknown', source: 'other', reimageOption: 'terminate' });
    assert.deepEqual(event.measurements, { durationMs: 1, nodeCount: 3 });
    const serialized = JSON.stringify(event);
    for (const value of userData) {
      assert.ok(!serialized.includes(value), `event must not contain ${value}`);
    }
  });
});
