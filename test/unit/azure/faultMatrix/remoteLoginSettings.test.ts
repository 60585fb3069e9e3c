/**
 * Fault matrix, column "remote login settings" at client level: GET …/pools/linux-small/nodes/{idle node}/remoteloginsettings
 * (what Connect via SSH/RDP… reads) under every fault. Sees = the address and port or the typed error (and the
 * notification text for refusals); kept = the node is untouched (a read changes nothing) and the settings read the
 * same once the fault is gone; received = the emulator's request records. A GET: retried like any read.
 */
import { AzureRequestError } from '../../../../src/azure/errors/azureRequestError';
import { closeSharedTransport } from '../../../../src/azure/http/sharedTransport';
import type { BatchNodeRemoteLoginSettings } from '../../../../src/azure/batch/nodeOperationModels';
import { explainNodeActionError } from '../../../../src/nodeActions/explainNodeActionError';
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { rejectionOf, useFaultCellFixture } from '../helpers/faultCellFixture';
import { ACCOUNT, dropNode, idleNodeId, POOL, prodNode } from '../helpers/nodeTargets';
import {
  assertCancelled, assertConnectionRefused, assertLastingInternalError, assertOnlyTheCancelledRequest, assertRefusal,
  assertRepeatedAfterStall, assertRepeatedOnceAfter, assertSignInAgain, assertThrottledThenServed, cancelOnTheWire, LOST_ANSWER_FAULTS,
  PASSING_THEN_LASTING_5XX, readAfterExpiredTokens, readThroughPassingThenLasting5xx, validTokensAgain,
} from '../helpers/readCells';
import { assertRefreshedOnceThenStopped } from '../helpers/tokenRefresh';

faultMatrix.reportAtEnd('unit');

describe('fault matrix (client): remote login settings', function () {
  this.timeout(20_000);
  let nodeId: string;
  let route: RegExp;
  /** The settings read without faults: what every recovered read must return. */
  let expected: BatchNodeRemoteLoginSettings;
  const f = useFaultCellFixture({}, async () => {
    nodeId = idleNodeId(f);
    route = new RegExp(`/pools/${POOL}/nodes/${nodeId}/remoteloginsettings$`);
    expected = await read();
  });

  const read = (abortSignal?: AbortSignal) => f.prod.nodes.getRemoteLoginSettings(POOL, nodeId, { abortSignal });
  const operation = () => `Get remote login settings of node ${nodeId} of pool ${POOL}`;
  /** The node is as it was (idle, no action) and the settings read the same. */
  const untouched = async (assert: Asserts) => {
    const node = prodNode(f, nodeId)!;
    assert.deepEqual([node.state, node.lastAction], ['idle', undefined]);
    assert.deepEqual(await read(), expected);
  };

  faultMatrix.cell('throttled429', 'remoteLoginSettings', async (cell) => {
    f.emulator.addFault({ route: route.source, kind: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    const settings = await read();
    await cell.sees('the address and port, and one throttle report (Retry-After 1 s, retried)', (assert: Asserts) => {
      assert.deepEqual(settings, expected);
      assert.match(settings.remoteLoginIPAddress ?? '', /^\d+\.\d+\.\d+\.\d+$/);
      assert.deepEqual(f.throttles.map((t) => [t.retryAfterMs, t.willRetry]), [[1000, true]]);
    });
    await cell.received('two GETs with one client-request-id, the second at least 1 s after the first', (assert: Asserts) => {
      assertThrottledThenServed(assert, f.emulator.requests({ path: route }));
    });
    await cell.kept('the node is untouched', untouched);
  });

  faultMatrix.cell('serverError5xx', 'remoteLoginSettings', async (cell) => {
    const { result: settings, error } = await readThroughPassingThenLasting5xx(f, route, () => read());
    await cell.sees('a 503 and a 500 are retried away; a lasting 500 ends in InternalError with "try again later"', (assert: Asserts) => {
      assert.deepEqual(settings, expected);
      assertLastingInternalError(assert, error, operation());
    });
    await cell.received('3 GETs for the first read (503, 500, 200); 4 (1 + maxRetries 3) for the lasting 500', (assert: Asserts) => {
      assert.deepEqual(f.emulator.requests({ path: route }).map((r) => r.status), PASSING_THEN_LASTING_5XX);
    });
    await cell.kept('the node is untouched; the settings read once the service recovers', async (assert: Asserts) => {
      f.emulator.clearFaults();
      await untouched(assert);
    });
  });

  for (const [row, kind] of LOST_ANSWER_FAULTS) {
    faultMatrix.cell(row, 'remoteLoginSettings', async (cell) => {
      f.emulator.addFault({ route: route.source, kind, count: 1 });
      const settings = await read();
      await cell.sees('the address and port: a read is repeated after a lost or unreadable answer', (assert: Asserts) => {
        assert.deepEqual(settings, expected);
        assert.match(f.logger.text, /retrying in \d+ ms/);
      });
      await cell.received(`two GETs with one client-request-id, the first answered by "${kind}"`, (assert: Asserts) => {
        assertRepeatedOnceAfter(assert, f.emulator.requests({ path: route }), kind);
      });
      await cell.kept('exactly the two fields of the good answer (nothing from the broken one); the node is untouched', async (assert: Asserts) => {
        assert.deepEqual(Object.keys(settings).sort(), ['remoteLoginIPAddress', 'remoteLoginPort']);
        await untouched(assert);
      });
    });
  }

  faultMatrix.cell('headersTimeout', 'remoteLoginSettings', async (cell) => {
    f.emulator.addFault({ route: route.source, kind: 'latency', delayMs: 2500, count: 1 });
    const settings = await read();
    await cell.sees('the address and port after the 1 s headers timeout and one retry', (assert: Asserts) => {
      assert.deepEqual(settings, expected);
      assert.match(f.logger.text, /UND_ERR_HEADERS_TIMEOUT/);
    });
    await cell.received('two GETs with one client-request-id (the stalled one is recorded when it ends)', async (assert: Asserts) => {
      await assertRepeatedAfterStall(assert, f, route);
    });
    await cell.kept('the node is untouched', untouched);
  });

  faultMatrix.cell('expiredToken401', 'remoteLoginSettings', async (cell) => {
    const { result: settings, refreshed, error } = await readAfterExpiredTokens(f, route, () => read());
    await cell.sees('one refresh recovers; a token that stays expired ends in 401 with "sign in again"', (assert: Asserts) => {
      assert.deepEqual(settings, expected);
      assertSignInAgain(assert, error);
    });
    await cell.received('401 then 200 with a new token and one client-request-id; then exactly two 401s (refresh once, no loop)', (assert: Asserts) => {
      assertRefreshedOnceThenStopped(assert, refreshed, f.emulator.requests({ path: route }));
    });
    await cell.kept('the settings read once a valid token comes; the node is untouched', async (assert: Asserts) => {
      validTokensAgain(f);
      await untouched(assert);
    });
  });

  faultMatrix.cell('forbidden403', 'remoteLoginSettings', async (cell) => {
    f.emulator.addFault({ route: route.source, kind: 'status', status: 403, count: 1 });
    const error = await rejectionOf(read());
    await cell.sees('AuthorizationFailure naming the read; the notification asks for the Batch role', (assert: Asserts) => {
      assertRefusal(assert, error, 403, 'AuthorizationFailure', operation());
      assert.match(explainNodeActionError('remoteLogin', error), /^You lack permission for this in the Batch account\. Ask for the Azure Batch Contributor role .* Service: AuthorizationFailure: /);
    });
    await cell.received('one GET: not retried', (assert: Asserts) => {
      assert.equal(f.emulator.requests({ path: route }).length, 1);
    });
    await cell.kept('the node is untouched', untouched);
  });

  faultMatrix.cell('notFound404', 'remoteLoginSettings', async (cell) => {
    dropNode(f, nodeId);
    const error = await rejectionOf(read());
    await cell.sees('NodeNotFound, never an address; the notification says to refresh the pool', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && error.status === 404, String(error));
      assert.equal(error.code, 'NodeNotFound');
      assert.match(explainNodeActionError('remoteLogin', error), /^The node is no longer in the pool\. Refresh the pool\. Service: NodeNotFound: /);
    });
    await cell.received('one GET: a 404 is not retried', (assert: Asserts) => {
      assert.deepEqual(f.emulator.requests({ path: route }).map((r) => r.status), [404]);
    });
    await cell.kept('the other nodes of the pool are untouched', (assert: Asserts) => {
      assert.deepEqual(f.emulator.state.accounts.get(ACCOUNT)!.pools.get(POOL)!.nodes.map((n) => n.lastAction), [undefined, undefined]);
    });
  });

  faultMatrix.cell('conflict409', 'remoteLoginSettings', async (cell) => {
    f.emulator.setNodeState(ACCOUNT, POOL, nodeId, 'deallocated');
    const error = await rejectionOf(read());
    f.emulator.setNodeState(ACCOUNT, POOL, nodeId, 'idle');
    await cell.sees('OperationNotValidOnNode with the node state (a deallocated node has no login endpoint)', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && error.status === 409, String(error));
      assert.equal(error.code, 'OperationNotValidOnNode');
      assert.equal(error.values.find((v) => v.key === 'NodeState')?.value, 'deallocated');
      assert.match(explainNodeActionError('remoteLogin', error), /^The node is deallocated\. .* Service: OperationNotValidOnNode: /);
    });
    await cell.received('one GET: a 409 is not retried', (assert: Asserts) => {
      assert.deepEqual(f.emulator.requests({ path: route }).map((r) => r.status), [409]);
    });
    await cell.kept('once the node is back, the same settings read', async (assert: Asserts) => {
      assert.deepEqual(await read(), expected);
    });
  });

  faultMatrix.notApplicable('precondition412', 'remoteLoginSettings', 'reading the remote login settings sends no If-Match / If-None-Match / If-Modified-Since, so the service has no condition to refuse with 412');
  faultMatrix.notApplicable('precondition412AfterRetry', 'remoteLoginSettings', 'reading the remote login settings sends no conditional header: no 412, after a retry or not');

  faultMatrix.cell('offline', 'remoteLoginSettings', async (cell) => {
    await f.emulator.goOffline();
    await closeSharedTransport(); // no kept-alive connection either: every attempt is refused
    const error = await rejectionOf(read());
    await f.emulator.goOnline();
    await cell.sees('ECONNREFUSED after 4 attempts, with the network advice', (assert: Asserts) => {
      assertConnectionRefused(assert, error, operation());
    });
    await cell.received('nothing (the connection was refused)', (assert: Asserts) => {
      assert.equal(f.emulator.requests({ path: route }).length, 0);
    });
    await cell.kept('back online, the node is untouched and the settings read', untouched);
  });

  faultMatrix.cell('cancellation', 'remoteLoginSettings', async (cell) => {
    const { error } = await cancelOnTheWire(f, route, (abortSignal) => read(abortSignal));
    await cell.sees('RequestCancelledError ("… was cancelled."), not a failure', (assert: Asserts) => {
      assertCancelled(assert, error, operation());
    });
    await cell.received('the one GET that was on the wire, not repeated', async (assert: Asserts) => {
      await assertOnlyTheCancelledRequest(assert, f, route);
    });
    await cell.kept('the node is untouched', untouched);
  });

  faultMatrix.notApplicable('crossOriginLink', 'remoteLoginSettings', 'the answer is an IP address and a port for the user’s SSH / RDP client; the HTTP client follows no link from it and sends no token to it');
});
