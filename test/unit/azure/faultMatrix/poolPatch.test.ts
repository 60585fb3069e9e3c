/**
 * Fault matrix, column "pool patch" at client level: PATCH …/pools/linux-small with the pool's ETag as If-Match
 * (the editor's conditional update), under every fault. What the caller sees = the receipt or the typed error and its
 * text (never "failed" for a change that may have been applied); kept = the update object is untouched and the pool
 * holds exactly what the answer claims (unchanged after a failure, changed once after success or an unknown outcome);
 * received = the emulator's request records (count, If-Match, client-request-id).
 */
import type { BatchPoolUpdateOptions } from '../../../../src/azure/batch/batchModels.generated';
import { AzureRequestError } from '../../../../src/azure/errors/azureRequestError';
import { OutcomeUnknownError } from '../../../../src/azure/errors/outcomeErrors';
import { PreconditionFailedError, RequestCancelledError } from '../../../../src/azure/errors/specificErrors';
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { rejectionOf, useFaultCellFixture } from '../helpers/faultCellFixture';
import { assertRefreshedOnceThenStopped } from '../helpers/tokenRefresh';

faultMatrix.reportAtEnd('unit');

const POOL = 'linux-small';
const ROUTE = /\/pools\/linux-small$/;
const PATCHES = { path: ROUTE, method: 'PATCH' };
const OURS = [{ name: 'owner', value: 'fault-matrix' }];

describe('fault matrix (client): pool patch', function () {
  this.timeout(20_000);
  let etag: string;
  let seeded: unknown;
  let update: BatchPoolUpdateOptions;
  const f = useFaultCellFixture({}, async () => {
    const loaded = await f.prod.getPool(POOL);
    etag = loaded.etag!;
    seeded = f.emulator.getPool('contosoprod', POOL)!['metadata'];
    update = { metadata: structuredClone(OURS) };
  });

  const patch = (options: { ifMatch?: string | null; abortSignal?: AbortSignal } = {}) =>
    f.prod.patchPool(POOL, update, options.ifMatch === null ? {} : { ifMatch: options.ifMatch ?? etag }, { abortSignal: options.abortSignal });
  const metadata = () => f.emulator.getPool('contosoprod', POOL)!['metadata'];
  const patches = () => f.emulator.requests(PATCHES);
  /** The update object the caller passed is untouched, and the pool is unchanged / holds our change. */
  const poolIs = (state: 'unchanged' | 'ours') => (assert: Asserts) => {
    assert.deepEqual(update, { metadata: OURS });
    assert.deepEqual(metadata(), state === 'ours' ? OURS : seeded);
  };

  faultMatrix.cell('throttled429', 'poolPatch', async (cell) => {
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    const receipt = await patch();
    await cell.sees('a receipt with the new ETag, and one throttle report for bulk actions', (assert: Asserts) => {
      assert.ok(receipt.etag && receipt.etag !== etag);
      assert.deepEqual(f.throttles.map((t) => [t.method, t.retryAfterMs, t.willRetry]), [['PATCH', 1000, true]]);
    });
    await cell.received('two PATCHes, same If-Match and client-request-id, 1 s apart (a conditional PATCH may be repeated)', (assert: Asserts) => {
      const [a, b] = patches();
      assert.deepEqual([a!.status, b!.status], [429, 200]);
      assert.deepEqual([a!.headers['if-match'], b!.headers['if-match']], [etag, etag]);
      assert.equal(a!.headers['client-request-id'], b!.headers['client-request-id']);
      assert.ok(b!.time - a!.time >= 950);
    });
    await cell.kept('the pool holds the change once', poolIs('ours'));
  });

  faultMatrix.cell('serverError5xx', 'poolPatch', async (cell) => {
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'status', status: 503, count: 1 });
    const receipt = await patch();
    await f.fresh();
    etag = (await f.prod.getPool(POOL)).etag!;
    f.emulator.clearRequests();
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'status', status: 500 });
    const error = await rejectionOf(patch());
    await cell.sees('a 503 is retried away; a lasting 500 (which may follow an applied write) is "outcome unknown", not "nothing changed"', (assert: Asserts) => {
      assert.ok(receipt.etag);
      assert.ok(error instanceof OutcomeUnknownError, String(error));
      assert.equal(error.underlying.code, 'InternalError');
      assert.match(error.toString(), /^Update pool linux-small: the request was sent, but its answer was lost \(InternalError: .*\), so it is not known whether it took effect\. Refresh/);
    });
    await cell.received('1 + maxRetries (3) PATCHes for the lasting 500, all with the same If-Match', (assert: Asserts) => {
      const sent = patches();
      assert.equal(sent.length, 4);
      assert.ok(sent.every((r) => r.status === 500 && r.headers['if-match'] === etag));
    });
    await cell.kept('the emulator applied none of the 500s: the pool is unchanged and the update untouched', poolIs('unchanged'));
  });

  faultMatrix.cell('resetBeforeAnswer', 'poolPatch', async (cell) => {
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'reset', count: 1 });
    const receipt = await patch();
    await cell.sees('a receipt: the conditional PATCH was repeated after the reset', (assert: Asserts) => {
      assert.ok(receipt.etag && receipt.etag !== etag);
    });
    await cell.received('two PATCHes with one client-request-id and the same If-Match; the first dropped unprocessed', (assert: Asserts) => {
      const sent = patches();
      assert.deepEqual(sent.map((r) => r.fault ?? r.status), ['reset', 200]);
      assert.equal(sent[0]!.headers['client-request-id'], sent[1]!.headers['client-request-id']);
      assert.deepEqual(sent.map((r) => r.headers['if-match']), [etag, etag]);
    });
    await cell.kept('the pool holds the change once', poolIs('ours'));
  });

  faultMatrix.cell('resetAfterSent', 'poolPatch', async (cell) => {
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'resetAfterProcessing', count: 1 });
    const error = await rejectionOf(patch({ ifMatch: null }));
    await cell.sees('an unconditional PATCH whose answer was lost is "outcome unknown" (never "failed")', (assert: Asserts) => {
      assert.ok(error instanceof OutcomeUnknownError, String(error));
      assert.equal(error.underlying.kind, 'network');
      assert.match(error.toString(), /^Update pool linux-small: the request was sent, but its answer was lost .* so it is not known whether it took effect\./);
    });
    await cell.received('one PATCH without If-Match: not repeated (repeating it could apply it twice)', (assert: Asserts) => {
      const sent = patches();
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.headers['if-match'], undefined);
    });
    await cell.kept('the change did take effect, which is why "failed" would have been false', poolIs('ours'));
  });

  faultMatrix.cell('cutBody', 'poolPatch', async (cell) => {
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'cutBody', count: 1 });
    const error = await rejectionOf(patch());
    await cell.sees('a 200 whose body was cut is "outcome unknown" with the status', (assert: Asserts) => {
      assert.ok(error instanceof OutcomeUnknownError, String(error));
      assert.equal(error.status, 200);
    });
    await cell.received('one PATCH: a write whose 2xx arrived is never repeated', (assert: Asserts) => {
      assert.deepEqual(patches().map((r) => [r.status, r.fault]), [[200, 'cutBody']]);
    });
    await cell.kept('the pool holds the change once', poolIs('ours'));
  });

  faultMatrix.cell('headersTimeout', 'poolPatch', async (cell) => {
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'latency', delayMs: 2500, count: 1 });
    const receipt = await patch();
    await cell.sees('a receipt from the repeated conditional PATCH after the 1 s headers timeout', (assert: Asserts) => {
      assert.ok(receipt.etag && receipt.etag !== etag);
      assert.match(f.logger.text, /UND_ERR_HEADERS_TIMEOUT/);
    });
    await cell.received('two PATCHes with one If-Match: the retry applied (200), the stalled first then found the ETag changed (412)', async (assert: Asserts) => {
      const sent = await f.requests(PATCHES, 2);
      assert.deepEqual(sent.map((r) => r.status).sort(), [200, 412]);
      assert.ok(sent.every((r) => r.headers['if-match'] === etag));
    });
    await cell.kept('If-Match kept the stalled attempt from applying the change twice', poolIs('ours'));
  });

  faultMatrix.cell('malformedJson', 'poolPatch', async (cell) => {
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'malformedJson', count: 1 });
    const error = await rejectionOf(patch());
    await cell.sees('a 2xx with an unreadable body is "outcome unknown" (MalformedResponse underneath)', (assert: Asserts) => {
      assert.ok(error instanceof OutcomeUnknownError, String(error));
      assert.equal(error.underlying.code, 'MalformedResponse');
      assert.equal(error.status, 200);
    });
    await cell.received('one PATCH, not repeated', (assert: Asserts) => {
      assert.equal(patches().length, 1);
    });
    await cell.kept('the pool holds the change once', poolIs('ours'));
  });

  faultMatrix.cell('expiredToken401', 'poolPatch', async (cell) => {
    f.newTokenCache();
    f.credential.expired = 1;
    const receipt = await patch();
    const refreshed = [...patches()];
    await f.fresh();
    etag = (await f.prod.getPool(POOL)).etag!;
    f.emulator.clearRequests();
    f.newTokenCache();
    f.credential.expired = 10;
    const error = await rejectionOf(patch());
    await cell.sees('one refresh recovers; a token that stays expired ends in 401 with "sign in again"', (assert: Asserts) => {
      assert.ok(receipt.etag);
      assert.ok(error instanceof AzureRequestError && error.status === 401 && !(error instanceof OutcomeUnknownError), String(error));
      assert.match(error.toString(), /^Update pool linux-small failed: AuthenticationFailed: .*Sign in to Azure again/);
    });
    await cell.received('401 then 200 with a new token, one client-request-id, same If-Match; then exactly two 401s', (assert: Asserts) => {
      assertRefreshedOnceThenStopped(assert, refreshed, patches());
      assert.equal(refreshed[1]!.headers['if-match'], refreshed[0]!.headers['if-match']);
    });
    await cell.kept('the refused PATCHes changed nothing', poolIs('unchanged'));
  });

  for (const [row, status, code, advice] of [
    ['forbidden403', 403, 'AuthorizationFailure', /lacks a role assignment/],
    ['conflict409', 409, 'OperationInvalidForCurrentState', /in a state that does not allow this right now/],
  ] as const) {
    faultMatrix.cell(row, 'poolPatch', async (cell) => {
      f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'status', status, count: 1 });
      const error = await rejectionOf(patch());
      await cell.sees(`${code} naming the update, with what to do`, (assert: Asserts) => {
        assert.ok(error instanceof AzureRequestError && error.status === status && !error.earlierAttemptUncertain, String(error));
        assert.match(error.toString(), new RegExp(`^Update pool linux-small failed: ${code}: `));
        assert.match(error.toString(), advice);
      });
      await cell.received('one PATCH: not retried', (assert: Asserts) => {
        assert.equal(patches().length, 1);
      });
      await cell.kept('the pool is unchanged and the update untouched (it can be sent again)', poolIs('unchanged'));
    });
  }

  faultMatrix.cell('notFound404', 'poolPatch', async (cell) => {
    f.emulator.state.accounts.get('contosoprod')!.pools.delete(POOL);
    const error = await rejectionOf(patch());
    await cell.sees('PoolNotFound with "refresh the tree"', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && error.status === 404, String(error));
      assert.equal(error.code, 'PoolNotFound');
      assert.match(error.toString(), /refresh the tree\.$/);
    });
    await cell.received('one PATCH: a 404 is not retried', (assert: Asserts) => {
      assert.deepEqual(patches().map((r) => r.status), [404]);
    });
    await cell.kept('the update object is untouched', (assert: Asserts) => {
      assert.deepEqual(update, { metadata: OURS });
    });
  });

  faultMatrix.cell('precondition412', 'poolPatch', async (cell) => {
    const other = f.emulator.touchPool('contosoprod', POOL, { metadata: [{ name: 'owner', value: 'someone-else' }] });
    const error = await rejectionOf(patch());
    await cell.sees('PreconditionFailedError after one attempt, with "changed by someone else"', (assert: Asserts) => {
      assert.ok(error instanceof PreconditionFailedError, String(error));
      assert.equal(error.attempts, 1);
      assert.equal(error.earlierAttemptUncertain, false);
      assert.match(error.toString(), /changed by someone else since it was loaded/);
    });
    await cell.received('one PATCH with the stale If-Match', (assert: Asserts) => {
      const sent = patches();
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.headers['if-match'], etag);
      assert.notEqual(etag, other.eTag);
    });
    await cell.kept('the other writer\'s change stands; ours was not applied over it', (assert: Asserts) => {
      assert.deepEqual(metadata(), [{ name: 'owner', value: 'someone-else' }]);
      assert.deepEqual(update, { metadata: OURS });
    });
  });

  faultMatrix.cell('precondition412AfterRetry', 'poolPatch', async (cell) => {
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'resetAfterProcessing', count: 1 });
    const error = await rejectionOf(patch());
    await cell.sees('PreconditionFailedError after 2 attempts, flagged "an earlier attempt may have taken effect"', (assert: Asserts) => {
      assert.ok(error instanceof PreconditionFailedError, String(error));
      assert.equal(error.attempts, 2);
      assert.equal(error.earlierAttemptUncertain, true);
      assert.match(error.toLogString(), /earlier-attempt-uncertain/);
    });
    await cell.received('two PATCHes, one client-request-id, the same If-Match: the first applied and dropped, the second 412', (assert: Asserts) => {
      const sent = patches();
      assert.deepEqual(sent.map((r) => r.fault ?? r.status), ['resetAfterProcessing', 412]);
      assert.equal(sent[0]!.headers['client-request-id'], sent[1]!.headers['client-request-id']);
      assert.deepEqual(sent.map((r) => r.headers['if-match']), [etag, etag]);
    });
    await cell.kept('the pool holds our change (from the first attempt), so a caller re-reading it finds the draft applied', poolIs('ours'));
  });

  faultMatrix.cell('offline', 'poolPatch', async (cell) => {
    await f.emulator.goOffline();
    const error = await rejectionOf(patch());
    await f.emulator.goOnline();
    await cell.sees('ECONNREFUSED (the PATCH provably never left): a plain failure, not "outcome unknown"', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && !(error instanceof OutcomeUnknownError), String(error));
      assert.equal(error.code, 'ECONNREFUSED');
      assert.equal(error.attempts, 4);
      assert.match(error.toString(), /Check the network connection/);
    });
    await cell.received('nothing', (assert: Asserts) => {
      assert.equal(patches().length, 0);
    });
    await cell.kept('back online the pool is unchanged and the same update applies with the same ETag', async (assert: Asserts) => {
      poolIs('unchanged')(assert);
      assert.ok((await patch()).etag);
      assert.deepEqual(metadata(), OURS);
    });
  });

  faultMatrix.cell('cancellation', 'poolPatch', async (cell) => {
    const before = new AbortController();
    before.abort();
    const notSent = await rejectionOf(patch({ abortSignal: before.signal }));
    f.emulator.addFault({ route: ROUTE.source, method: 'PATCH', kind: 'latency', delayMs: 1000, count: 1 });
    const during = new AbortController();
    const pending = rejectionOf(patch({ abortSignal: during.signal }));
    await f.faultsUsed(); // the PATCH has arrived and is held by the stall
    during.abort();
    const onTheWire = await pending;
    await cell.sees('cancelled before sending: "was cancelled"; cancelled on the wire: "outcome unknown"', (assert: Asserts) => {
      assert.ok(notSent instanceof RequestCancelledError && !(notSent instanceof OutcomeUnknownError), String(notSent));
      assert.ok(onTheWire instanceof OutcomeUnknownError, String(onTheWire));
      assert.ok(onTheWire.underlying instanceof RequestCancelledError);
    });
    await cell.received('one PATCH (the one on the wire), processed after its stall', async (assert: Asserts) => {
      const sent = await f.requests(PATCHES, 1);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.status, 200);
    });
    await cell.kept('the "cancelled" PATCH did take effect: reporting it as cancelled would have been false', poolIs('ours'));
  });

  faultMatrix.notApplicable(
    'crossOriginLink',
    'poolPatch',
    'a pool PATCH answers 200 with no body: there is no next link or operation URL to follow (operation URLs: image create/update columns)',
  );
});
