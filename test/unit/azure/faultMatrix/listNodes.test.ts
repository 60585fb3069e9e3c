/**
 * Fault matrix, column "list nodes" at client level: "Load more…" (GET …/pools/linux-small/nodes with a stored next
 * link) under every fault. What the caller sees = the page or the typed error and its text; kept = no partial page
 * and the stored next link still loads the same page afterwards; received = the emulator's request records.
 */
import type { Page } from '../../../../src/azure/http/paging';
import type { BatchNode } from '../../../../src/azure/batch/batchModels.generated';
import { AzureRequestError } from '../../../../src/azure/errors/azureRequestError';
import { CrossOriginLinkError } from '../../../../src/azure/errors/specificErrors';
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { rejectionOf, useFaultCellFixture } from '../helpers/faultCellFixture';
import {
  assertCancelled, assertConnectionRefused, assertLastingInternalError, assertOnlyTheCancelledRequest, assertRefusal,
  assertRepeatedAfterStall, assertRepeatedOnceAfter, assertSignInAgain, assertThrottledThenServed, cancelOnTheWire, LOST_ANSWER_FAULTS,
  PASSING_THEN_LASTING_5XX, readAfterExpiredTokens, readThroughPassingThenLasting5xx, validTokensAgain,
} from '../helpers/readCells';
import { assertRefreshedOnceThenStopped } from '../helpers/tokenRefresh';

faultMatrix.reportAtEnd('unit');

const POOL = 'linux-small';
const NODES = /\/pools\/linux-small\/nodes$/;
const OPERATION = 'List nodes of pool linux-small';
const ids = (page: Page<BatchNode>): string[] => page.items.map((n) => n.id!);

describe('fault matrix (client): list nodes', function () {
  this.timeout(20_000);
  let first: Page<BatchNode>;
  /** Page 2, loaded without faults: what "Load more…" must return. */
  let expected: string[];
  const f = useFaultCellFixture({}, async () => {
    first = await f.prod.listNodesPage(POOL, { maxResults: 1 });
    expected = ids(await f.prod.listNodesPage(POOL, { nextLink: first.nextLink }));
  });

  const loadMore = (options: { abortSignal?: AbortSignal } = {}) => f.prod.listNodesPage(POOL, { nextLink: first.nextLink, ...options });
  /** The stored link still loads the page once the fault is gone ("Load more…" again). */
  const linkStillWorks = async (assert: Asserts) => {
    assert.deepEqual(ids(await loadMore()), expected);
  };

  faultMatrix.cell('throttled429', 'listNodes', async (cell) => {
    f.emulator.addFault({ route: NODES.source, kind: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    const page = await loadMore();
    await cell.sees('the page, and one throttle report (Retry-After 1 s, retried) for bulk actions to slow down', (assert: Asserts) => {
      assert.deepEqual(ids(page), expected);
      assert.deepEqual(f.throttles.map((t) => [t.retryAfterMs, t.willRetry]), [[1000, true]]);
    });
    await cell.received('two GETs with one client-request-id, the second at least 1 s after the first', (assert: Asserts) => {
      assertThrottledThenServed(assert, f.emulator.requests({ path: NODES }));
    });
    await cell.kept('the page is the undisturbed page 2 and carries its own next link', (assert: Asserts) => {
      assert.ok(page.nextLink);
      assert.equal(new URL(page.nextLink!).origin, new URL(first.nextLink!).origin);
    });
  });

  faultMatrix.cell('serverError5xx', 'listNodes', async (cell) => {
    const { result: page, error } = await readThroughPassingThenLasting5xx(f, NODES, () => loadMore());
    await cell.sees('a 503 and a 500 are retried away; a lasting 500 ends in InternalError with "try again later"', (assert: Asserts) => {
      assert.deepEqual(ids(page), expected);
      assertLastingInternalError(assert, error, OPERATION);
    });
    await cell.received('3 GETs for the first call (503, 500, 200); 4 (1 + maxRetries 3) for the lasting 500', (assert: Asserts) => {
      assert.deepEqual(f.emulator.requests({ path: NODES }).map((r) => r.status), PASSING_THEN_LASTING_5XX);
    });
    await cell.kept('no partial page; the link loads page 2 once the service recovers', async (assert: Asserts) => {
      f.emulator.clearFaults();
      await linkStillWorks(assert);
    });
  });

  for (const [row, kind] of LOST_ANSWER_FAULTS) {
    faultMatrix.cell(row, 'listNodes', async (cell) => {
      f.emulator.addFault({ route: NODES.source, kind, count: 1 });
      const page = await loadMore();
      await cell.sees('the page: a read is repeated after a lost or unreadable answer', (assert: Asserts) => {
        assert.deepEqual(ids(page), expected);
        assert.match(f.logger.text, /retrying in \d+ ms/);
      });
      await cell.received(`two GETs with one client-request-id, the first answered by "${kind}"`, (assert: Asserts) => {
        assertRepeatedOnceAfter(assert, f.emulator.requests({ path: NODES }), kind);
      });
      await cell.kept('the items are exactly page 2 (nothing from the broken answer)', (assert: Asserts) => {
        assert.equal(page.items.length, 1);
        assert.deepEqual(ids(page), expected);
      });
    });
  }

  faultMatrix.cell('headersTimeout', 'listNodes', async (cell) => {
    f.emulator.addFault({ route: NODES.source, kind: 'latency', delayMs: 2500, count: 1 });
    const started = Date.now();
    const page = await loadMore();
    const elapsed = Date.now() - started;
    await cell.sees('the page after the 1 s headers timeout and one retry, not after the 2.5 s stall', (assert: Asserts) => {
      assert.deepEqual(ids(page), expected);
      assert.ok(elapsed >= 900, `${elapsed} ms`);
      assert.match(f.logger.text, /UND_ERR_HEADERS_TIMEOUT/);
    });
    await cell.received('two GETs with one client-request-id (the stalled one is recorded when it ends)', async (assert: Asserts) => {
      await assertRepeatedAfterStall(assert, f, NODES);
    });
    await cell.kept('the link still loads page 2', linkStillWorks);
  });

  faultMatrix.cell('expiredToken401', 'listNodes', async (cell) => {
    const { result: page, refreshed, error } = await readAfterExpiredTokens(f, NODES, () => loadMore());
    await cell.sees('one refresh recovers; a token that stays expired ends in 401 with "sign in again"', (assert: Asserts) => {
      assert.deepEqual(ids(page), expected);
      assertSignInAgain(assert, error);
    });
    await cell.received('401 then 200 with a new token and one client-request-id; then exactly two 401s (refresh once, no loop)', (assert: Asserts) => {
      assertRefreshedOnceThenStopped(assert, refreshed, f.emulator.requests({ path: NODES }));
    });
    await cell.kept('the link loads page 2 once a valid token comes', async (assert: Asserts) => {
      validTokensAgain(f);
      await linkStillWorks(assert);
    });
  });

  for (const [row, status, code, advice] of [
    ['forbidden403', 403, 'AuthorizationFailure', /lacks a role assignment/],
    ['conflict409', 409, 'OperationInvalidForCurrentState', /in a state that does not allow this right now/],
  ] as const) {
    faultMatrix.cell(row, 'listNodes', async (cell) => {
      f.emulator.addFault({ route: NODES.source, kind: 'status', status, count: 1 });
      const error = await rejectionOf(loadMore());
      await cell.sees(`${code} naming the operation, with what to do`, (assert: Asserts) => {
        assertRefusal(assert, error, status, code, OPERATION);
        assert.match(error.toString(), advice);
      });
      await cell.received('one GET: not retried', (assert: Asserts) => {
        assert.equal(f.emulator.requests({ path: NODES }).length, 1);
      });
      await cell.kept('no partial page; "Load more…" works again with the same link', linkStillWorks);
    });
  }

  faultMatrix.cell('notFound404', 'listNodes', async (cell) => {
    const snapshot = JSON.stringify(first);
    f.emulator.state.accounts.get('contosoprod')!.pools.delete(POOL);
    const error = await rejectionOf(loadMore());
    const again = await rejectionOf(loadMore());
    await cell.sees('PoolNotFound with "refresh the tree", never an empty page', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && error.status === 404, String(error));
      assert.equal(error.code, 'PoolNotFound');
      assert.match(error.toString(), /^List nodes of pool linux-small failed: PoolNotFound: The specified pool does not exist \(HTTP 404\)\. It may have been deleted or renamed: refresh the tree\.$/);
      assert.ok(again instanceof AzureRequestError && again.status === 404);
    });
    await cell.received('one GET per call: a 404 is not retried', (assert: Asserts) => {
      assert.deepEqual(f.emulator.requests({ path: NODES }).map((r) => r.status), [404, 404]);
    });
    await cell.kept('the page already loaded is untouched', (assert: Asserts) => {
      assert.equal(JSON.stringify(first), snapshot);
    });
  });

  faultMatrix.notApplicable('precondition412', 'listNodes', 'listing nodes sends no If-Match / If-None-Match, so the service has no condition to refuse with 412');
  faultMatrix.notApplicable('precondition412AfterRetry', 'listNodes', 'listing nodes sends no conditional header: no 412, after a retry or not');

  faultMatrix.cell('offline', 'listNodes', async (cell) => {
    await f.emulator.goOffline();
    const error = await rejectionOf(loadMore());
    await f.emulator.goOnline();
    await cell.sees('ECONNREFUSED after 4 attempts (refused = never sent), with the network advice', (assert: Asserts) => {
      assertConnectionRefused(assert, error, OPERATION);
    });
    await cell.received('nothing (the connection was refused)', (assert: Asserts) => {
      assert.equal(f.emulator.requests({ path: NODES }).length, 0);
    });
    await cell.kept('back online, the stored link loads page 2', linkStillWorks);
  });

  faultMatrix.cell('cancellation', 'listNodes', async (cell) => {
    const { error, afterAbortMs } = await cancelOnTheWire(f, NODES, (abortSignal) => loadMore({ abortSignal }));
    await cell.sees('RequestCancelledError at once ("… was cancelled."), not a failure', (assert: Asserts) => {
      assertCancelled(assert, error, OPERATION);
      assert.ok(afterAbortMs < 1000, `${afterAbortMs} ms after the abort`);
    });
    await cell.received('the one GET that was on the wire, not repeated', async (assert: Asserts) => {
      await assertOnlyTheCancelledRequest(assert, f, NODES, 300);
    });
    await cell.kept('the stored link still loads page 2', linkStillWorks);
  });

  faultMatrix.cell('crossOriginLink', 'listNodes', async (cell) => {
    f.emulator.addFault({ route: NODES.source, kind: 'foreignLink', count: 1 });
    const error = await rejectionOf(loadMore());
    await cell.sees('CrossOriginLinkError: the link to https://foreign.invalid is not followed', (assert: Asserts) => {
      assert.ok(error instanceof CrossOriginLinkError, String(error));
      assert.match(error.url, /^https:\/\/foreign\.invalid\//);
      assert.match(error.toString(), /returned a link to another origin than https:\/\/127\.0\.0\.1:\d+; it was not followed/);
    });
    await cell.received('one GET to the emulator; nothing else (the token never left)', (assert: Asserts) => {
      assert.equal(f.emulator.requests().length, 1);
    });
    await cell.kept('no page from the tampered answer; the stored link still loads page 2', linkStillWorks);
  });
});
