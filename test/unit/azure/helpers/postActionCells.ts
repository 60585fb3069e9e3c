/**
 * Fault-matrix cells shared by the client-level columns of the node and pool actions (reboot, remove nodes, disable /
 * enable scheduling, deallocate, start, resize, stop resize, add user, upload logs): a POST that the service accepts
 * (202, or `acceptedStatus`), with no body or a small JSON one. POSTs are not idempotent: once sent, never repeated
 * (not even on 429: the bulk runners resend at their own pace); only a request that provably never left is retried.
 */
import { AzureRequestError } from '../../../../src/azure/errors/azureRequestError';
import { OutcomeUnknownError } from '../../../../src/azure/errors/outcomeErrors';
import { RequestCancelledError } from '../../../../src/azure/errors/specificErrors';
import { closeSharedTransport } from '../../../../src/azure/http/sharedTransport';
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import type { FaultColumnId } from '../../../faultMatrix/matrix';
import { explainNodeActionError, type ExplainedAction } from '../../../../src/nodeActions/explainNodeActionError';
import type { RecordedRequest } from '../../../emulator/api';
import { rejectionOf, type FaultCellFixture } from './faultCellFixture';
import { assertRefreshedOnce } from './tokenRefresh';

export interface PostActionColumn {
  column: FaultColumnId;
  /** Route regex source of the POST. */
  route: string;
  /** "Reboot node n1 of pool linux-small": the start of every error text. */
  operation: RegExp;
  fixture: () => FaultCellFixture;
  send: (signal?: AbortSignal) => Promise<unknown>;
  /** Whether the emulator carried the action out (the node rebooting, the nodes leaving). */
  applied: () => boolean;
  /** Makes the target disappear (404). */
  remove: () => void;
  /** Its NotFound code. */
  notFoundCode: string;
  /** Why the 412 rows do not apply (no If-Match is sent). */
  why412: string;
  /** The 2xx the service accepts it with (default 202). */
  acceptedStatus?: number;
  /** A real refusal for the 409 row (the target made to be in the wrong state), instead of an injected 409. */
  conflict?: { arrange: () => void; code: string };
  /** Also checks the notification text the command shows for 403 / 404 / 409 (explainNodeActionError). */
  explain?: { action: ExplainedAction; conflict: RegExp };
  /** What the sent request must carry (body, headers): checked on the accepted POST of the 401 row. */
  sentRequest?: (assert: Asserts, sent: RecordedRequest) => void;
  /** A value sent in the body that must never reach the log (a password, a SAS). */
  secret?: string;
  /** Why the cross-origin row does not apply, when the answer has a body (default: "a 202 without a body …"). */
  whyNoLink?: string;
}

export function postActionCells(c: PostActionColumn): void {
  const f = () => c.fixture();
  const posts = () => f().emulator.requests({ path: new RegExp(c.route), method: 'POST' });
  const is = (applied: boolean, why: string) => (assert: Asserts) => assert.equal(c.applied(), applied, why);
  const accepted = c.acceptedStatus ?? 202;
  /** The notification of an unknown outcome says so and to refresh, never "failed" or "try again". */
  const unknownExplained = (assert: Asserts, error: OutcomeUnknownError) => {
    if (c.explain) {
      assert.match(explainNodeActionError(c.explain.action, error), /: the request was sent, but its answer was lost \(.*\), so it is not known whether it took effect\. Refresh to see the current state before trying again\.$/);
    }
  };
  const explains = (assert: Asserts, error: AzureRequestError, meaning: RegExp) => {
    if (c.explain) {
      const text = explainNodeActionError(c.explain.action, error);
      assert.match(text, meaning);
      // A refusal the command explains names the service's code after its meaning; any other error keeps its own text.
      assert.ok(text.includes(`Service: ${error.code}: `) || text === error.message, text);
    }
  };

  faultMatrix.cell('throttled429', c.column, async (cell) => {
    f().emulator.addFault({ route: c.route, method: 'POST', kind: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    const error = await rejectionOf(c.send());
    await cell.sees('a 429 error with the service\'s wait (the bulk runner waits and resends), one throttle report', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && error.status === 429, String(error));
      assert.equal((error as AzureRequestError & { retryAfterMs?: number }).retryAfterMs, 1000);
      assert.deepEqual(f().throttles.map((t) => [t.method, t.retryAfterMs]), [['POST', 1000]]);
    });
    await cell.received('one POST: the client does not repeat it', (assert: Asserts) => {
      assert.deepEqual(posts().map((r) => r.status), [429]);
    });
    await cell.kept('nothing happened: the caller can send it again', is(false, 'not applied'));
  });

  faultMatrix.cell('serverError5xx', c.column, async (cell) => {
    f().emulator.addFault({ route: c.route, method: 'POST', kind: 'status', status: 500, count: 1 });
    const error = await rejectionOf(c.send());
    await cell.sees('a 500 on a POST: InternalError with "try again later" (the client reports it as failed, not "outcome unknown")', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && !(error instanceof OutcomeUnknownError) && error.status === 500, String(error));
      assert.match(error.toString(), /InternalError: .*try again later/);
      explains(assert, error, /InternalError: .*try again later/);
      assert.match(String(error), c.operation);
    });
    await cell.received('one POST, not repeated', (assert: Asserts) => {
      assert.deepEqual(posts().map((r) => r.status), [500]);
    });
    await cell.kept('the emulator applied none of it', is(false, 'not applied'));
  });

  faultMatrix.cell('resetBeforeAnswer', c.column, async (cell) => {
    f().emulator.addFault({ route: c.route, method: 'POST', kind: 'reset', count: 1 });
    const error = await rejectionOf(c.send());
    await cell.sees('"outcome unknown": the client cannot tell that the reset came before processing', (assert: Asserts) => {
      assert.ok(error instanceof OutcomeUnknownError, String(error));
      unknownExplained(assert, error);
      assert.match(error.toString(), /so it is not known whether it took effect/);
    });
    await cell.received('one POST, not repeated', (assert: Asserts) => {
      assert.deepEqual(posts().map((r) => r.fault ?? r.status), ['reset']);
    });
    await cell.kept('the dropped request changed nothing (a refresh shows it; the message says to refresh)', is(false, 'not applied'));
  });

  faultMatrix.cell('resetAfterSent', c.column, async (cell) => {
    f().emulator.addFault({ route: c.route, method: 'POST', kind: 'resetAfterProcessing', count: 1 });
    const error = await rejectionOf(c.send());
    await cell.sees('"outcome unknown", never "failed"', (assert: Asserts) => {
      assert.ok(error instanceof OutcomeUnknownError, String(error));
      unknownExplained(assert, error);
      assert.match(error.toString(), c.operation);
    });
    await cell.received('one POST, not repeated (repeating could act twice)', (assert: Asserts) => {
      assert.equal(posts().length, 1);
    });
    await cell.kept('the action did take effect, which is why "failed" would have been false', is(true, 'applied'));
  });

  faultMatrix.cell('cutBody', c.column, async (cell) => {
    f().emulator.addFault({ route: c.route, method: 'POST', kind: 'cutBody', count: 1 });
    const outcome = await c.send().then(() => 'receipt', (e: unknown) => e);
    await cell.sees(`a ${accepted} whose connection closed early is "outcome unknown" (never "failed")`, (assert: Asserts) => {
      assert.ok(outcome instanceof OutcomeUnknownError, String(outcome));
      unknownExplained(assert, outcome);
      assert.equal(outcome.status, accepted);
    });
    await cell.received('one POST: a write whose 2xx arrived is never repeated', (assert: Asserts) => {
      assert.deepEqual(posts().map((r) => r.status), [accepted]);
    });
    await cell.kept('applied once', is(true, 'applied'));
  });

  faultMatrix.cell('headersTimeout', c.column, async (cell) => {
    f().emulator.addFault({ route: c.route, method: 'POST', kind: 'latency', delayMs: 2500, count: 1 });
    const error = await rejectionOf(c.send());
    await cell.sees('"outcome unknown" after the 1 s headers timeout', (assert: Asserts) => {
      assert.ok(error instanceof OutcomeUnknownError, String(error));
      unknownExplained(assert, error);
    });
    await cell.received('one POST, not repeated; the stalled one is processed', async (assert: Asserts) => {
      const sent = await f().requests({ path: new RegExp(c.route), method: 'POST' }, 1);
      assert.equal(sent.length, 1);
    });
    await cell.kept('the stalled POST took effect once', async (assert: Asserts) => {
      await f().requests({ path: new RegExp(c.route), method: 'POST' }, 1);
      assert.equal(c.applied(), true);
    });
  });

  faultMatrix.cell('malformedJson', c.column, async (cell) => {
    f().emulator.addFault({ route: c.route, method: 'POST', kind: 'malformedJson', count: 1 });
    const outcome = await c.send().then(() => 'receipt', (e: unknown) => e);
    await cell.sees('a 2xx (the fault answers 200) with an unreadable body is "outcome unknown" (never "failed")', (assert: Asserts) => {
      assert.ok(outcome instanceof OutcomeUnknownError, String(outcome));
      unknownExplained(assert, outcome);
      assert.equal(outcome.status, 200);
    });
    await cell.received('one POST, not repeated', (assert: Asserts) => {
      assert.equal(posts().length, 1);
    });
    await cell.kept('applied once', is(true, 'applied'));
  });

  faultMatrix.cell('expiredToken401', c.column, async (cell) => {
    f().newTokenCache();
    f().credential.expired = 1;
    await c.send();
    await cell.sees('one token refresh recovers: a receipt', (assert: Asserts) => {
      assert.equal(c.applied(), true);
    });
    await cell.received(`401 then ${accepted} with a new token and one client-request-id (a 401 was never processed), the Batch headers${c.sentRequest ? ', the body the service needs' : ''}${c.secret ? ', the secret only in the body, never in the log' : ''}`, (assert: Asserts) => {
      const sent = posts();
      assertRefreshedOnce(assert, sent, accepted);
      const headers = sent[1]!.headers;
      assert.match(headers['authorization'] ?? '', /^Bearer /);
      assert.ok(headers['ocp-date'] && headers['return-client-request-id'] === 'true');
      assert.equal(headers['content-type'], sent[1]!.body === '' ? undefined : 'application/json; odata=minimalmetadata');
      c.sentRequest?.(assert, sent[1]!);
      if (c.secret !== undefined) {
        assert.ok(sent[1]!.body.includes(c.secret));
        assert.ok(!f().logger.text.includes(c.secret), 'the secret is not logged');
      }
    });
    await cell.kept('applied once', is(true, 'applied'));
  });

  for (const [row, status, injected] of [['forbidden403', 403, 'AuthorizationFailure'], ['conflict409', 409, 'OperationInvalidForCurrentState']] as const) {
    const real = row === 'conflict409' ? c.conflict : undefined;
    const code = real?.code ?? injected;
    faultMatrix.cell(row, c.column, async (cell) => {
      if (real) {
        real.arrange();
      } else {
        f().emulator.addFault({ route: c.route, method: 'POST', kind: 'status', status, count: 1 });
      }
      const error = await rejectionOf(c.send());
      await cell.sees(`${code} naming the action${c.explain ? ', and the notification says what it means and what to do' : ''}`, (assert: Asserts) => {
        assert.ok(error instanceof AzureRequestError && error.status === status && !(error instanceof OutcomeUnknownError), String(error));
        assert.match(error.toString(), c.operation);
        assert.match(error.toString(), new RegExp(code));
        explains(assert, error, row === 'conflict409' ? c.explain?.conflict ?? /./ : /You lack permission for this in the Batch account/);
      });
      await cell.received('one POST, not retried', (assert: Asserts) => {
        assert.equal(posts().length, 1);
      });
      await cell.kept('nothing changed: it can be sent again', is(false, 'not applied'));
    });
  }

  faultMatrix.cell('notFound404', c.column, async (cell) => {
    c.remove();
    const error = await rejectionOf(c.send());
    await cell.sees(`${c.notFoundCode}, naming the action`, (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && error.status === 404, String(error));
      assert.equal(error.code, c.notFoundCode);
      explains(assert, error, /no longer (in the pool|exists)/);
    });
    await cell.received('one POST: a 404 is not retried', (assert: Asserts) => {
      assert.deepEqual(posts().map((r) => r.status), [404]);
    });
    await cell.kept('nothing to keep: the target is gone, and nothing else changed', is(false, 'not applied'));
  });

  faultMatrix.cell('offline', c.column, async (cell) => {
    await f().emulator.goOffline();
    // The emulator closed the kept-alive connections too; a POST written on one before the client noticed is lost
    // after sending ("outcome unknown": the reset rows). This row is the other case: no connection can be opened.
    await closeSharedTransport();
    const error = await rejectionOf(c.send());
    await f().emulator.goOnline();
    await cell.sees('ECONNREFUSED (provably never left, so retried): a plain failure, not "outcome unknown"', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && !(error instanceof OutcomeUnknownError), String(error));
      assert.equal(error.code, 'ECONNREFUSED');
      assert.match(error.toString(), /Check the network connection/);
      explains(assert, error, /ECONNREFUSED: .*Check the network connection/);
    });
    await cell.received('nothing', (assert: Asserts) => {
      assert.equal(posts().length, 0);
    });
    await cell.kept('back online the same request works', async (assert: Asserts) => {
      assert.equal(c.applied(), false);
      await c.send();
      assert.equal(c.applied(), true);
    });
  });

  faultMatrix.cell('cancellation', c.column, async (cell) => {
    const before = new AbortController();
    before.abort();
    const notSent = await rejectionOf(c.send(before.signal));
    f().emulator.addFault({ route: c.route, method: 'POST', kind: 'latency', delayMs: 1000, count: 1 });
    const during = new AbortController();
    const pending = rejectionOf(c.send(during.signal));
    await f().faultsUsed();
    during.abort();
    const onTheWire = await pending;
    await cell.sees('cancelled before sending: "was cancelled"; cancelled on the wire: "outcome unknown"', (assert: Asserts) => {
      assert.ok(notSent instanceof RequestCancelledError && !(notSent instanceof OutcomeUnknownError), String(notSent));
      assert.ok(onTheWire instanceof OutcomeUnknownError, String(onTheWire));
      unknownExplained(assert, onTheWire);
    });
    await cell.received('one POST (the one on the wire), processed after its stall', async (assert: Asserts) => {
      const sent = await f().requests({ path: new RegExp(c.route), method: 'POST' }, 1);
      assert.deepEqual(sent.map((r) => r.status), [accepted]);
    });
    await cell.kept('the "cancelled" POST did take effect: reporting it as cancelled would have been false', is(true, 'applied'));
  });

  faultMatrix.notApplicable('precondition412', c.column, c.why412);
  faultMatrix.notApplicable('precondition412AfterRetry', c.column, c.why412);
  faultMatrix.notApplicable('crossOriginLink', c.column, c.whyNoLink ?? `a ${accepted} without a body: no next link or operation URL to follow`);
}
