/**
 * Fault-matrix cells shared by the "image create" and "image update" columns (the rows that mean the same for both:
 * throttling, server errors, lost and cut answers, tokens, 403, offline, cancellation, a foreign operation URL). A
 * fault on the first PUT and one while following the accepted operation must read differently: "Nothing was changed"
 * (or a plain retry) vs "Accepted; following it failed — refresh to see the result". Column-specific rows (a reset
 * after processing, 404, 409, 412) are in the column's test file.
 */
import { closeSharedTransport } from '../../../../src/azure/http/sharedTransport';
import type { JsonObject } from '../../../../src/jsonEditing/jsonValue';
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import type { FaultColumnId } from '../../../faultMatrix/matrix';
import type { FaultCellFixture } from './faultCellFixture';
import { imageRequests, imageRoute, messageOf, OPERATION_ROUTE, operationPolls, storedDefinition, type ImageRun } from './imageCells';
import { assertRefreshedOnceThenStopped } from './tokenRefresh';
import { manualToken } from './waiting';
import { startRawServer } from './rawServer';
import type { CancellationTokenLike } from '../../../../src/azure/core/cancellation';

export interface ImagePutColumn {
  column: FaultColumnId;
  fixture: () => FaultCellFixture;
  /** The definition's name (created, or updated). */
  name: string;
  /** The draft the editor holds (fresh each call). */
  draft: () => JsonObject;
  /** "Create" or "Update" as the editor runs it. */
  send: (draft: JsonObject, token?: CancellationTokenLike, beforePut?: () => void | Promise<void>) => Promise<ImageRun>;
  /** The definition's editable document before the cell (undefined: it does not exist yet). */
  before: () => JsonObject | undefined;
  /** The headers every PUT of this column carries: If-None-Match: * on create, no If-Match on update (no ETag given). */
  conditionHeaders: { 'if-none-match'?: string; 'if-match'?: string };
}

export const ACCEPTED_THEN_FAILED = /^Accepted; following it failed — refresh to see the result\. .* was accepted by Azure, but following it failed: .* Your draft is kept\.$/;

export function imagePutCells(c: ImagePutColumn): void {
  const f = () => c.fixture();
  const puts = () => imageRequests(f(), c.name, 'PUT');
  /** The draft object is untouched, and the stored definition is the draft ('sent') or as before ('unchanged'). */
  const definitionIs = (draft: JsonObject, state: 'sent' | 'unchanged') => (assert: Asserts) => {
    assert.deepEqual(draft, c.draft(), 'the draft object is untouched');
    assert.deepEqual(storedDefinition(f(), c.name), state === 'sent' ? c.draft() : c.before());
  };
  const conditions = (assert: Asserts) => {
    for (const put of puts()) {
      assert.equal(put.headers['if-none-match'], c.conditionHeaders['if-none-match']);
      assert.equal(put.headers['if-match'], c.conditionHeaders['if-match']);
    }
  };
  const addFault = (where: 'put' | 'poll', spec: Record<string, unknown>) =>
    f().emulator.addFault({ route: where === 'put' ? imageRoute(c.name) : OPERATION_ROUTE, method: where === 'put' ? 'PUT' : 'GET', ...spec } as Parameters<FaultCellFixture['emulator']['addFault']>[0]);

  faultMatrix.cell('throttled429', c.column, async (cell) => {
    addFault('put', { kind: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    addFault('poll', { kind: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    const draft = c.draft();
    const run = await c.send(draft);
    await cell.sees('done: the PUT and the poll were repeated after the Retry-After; progress ends "provisioningState Succeeded"; two throttle reports', (assert: Asserts) => {
      assert.equal(run.result.kind, 'done', messageOf(run));
      assert.match(run.progress.at(-1)!, /^provisioningState \w+ · operation Succeeded · check \d+$/);
      assert.deepEqual(f().throttles.map((t) => [t.method, t.retryAfterMs]), [['PUT', 1000], ['GET', 1000]]);
    });
    await cell.received('PUT 429 then 201/200 (same client-request-id and conditions, ≥ 1 s apart); poll 429 then 200; one final GET', (assert: Asserts) => {
      const sent = puts();
      assert.deepEqual(sent.map((p) => p.status), [429, c.before() ? 200 : 201]);
      assert.equal(sent[0]!.headers['client-request-id'], sent[1]!.headers['client-request-id']);
      assert.ok(sent[1]!.time - sent[0]!.time >= 950);
      conditions(assert);
      assert.deepEqual(operationPolls(f()).map((p) => p.status).slice(0, 2), [429, 200]);
    });
    await cell.kept('the definition has the draft; the draft object is untouched', definitionIs(draft, 'sent'));
  });

  faultMatrix.cell('serverError5xx', c.column, async (cell) => {
    addFault('put', { kind: 'status', status: 503, count: 1 });
    const draft = c.draft();
    const retried = await c.send(draft);
    const retriedPuts = puts().map((p) => p.status);
    await f().fresh();
    f().emulator.clearRequests();
    addFault('poll', { kind: 'status', status: 500 });
    const following = await c.send(c.draft());
    await cell.sees('a 503 on the PUT is retried away (done); a lasting 500 while polling: "Accepted; following it failed — refresh", never "Nothing was changed"', (assert: Asserts) => {
      assert.equal(retried.result.kind, 'done', messageOf(retried));
      assert.match(messageOf(following), ACCEPTED_THEN_FAILED);
      assert.match(messageOf(following), /InternalServerError/);
      assert.doesNotMatch(messageOf(following), /Nothing was changed/);
    });
    await cell.received('PUT 503 then accepted; then one PUT accepted and 1 + 3 polls answered 500', (assert: Asserts) => {
      assert.deepEqual(retriedPuts, [503, c.before() ? 200 : 201]);
      assert.deepEqual(puts().map((p) => p.status), [c.before() ? 200 : 201]);
      assert.deepEqual(operationPolls(f()).map((p) => p.status), [500, 500, 500, 500]);
    });
    await cell.kept('the accepted PUT did apply the draft (which is why "Nothing was changed" would be false); the draft is untouched', definitionIs(draft, 'sent'));
  });

  faultMatrix.cell('resetBeforeAnswer', c.column, async (cell) => {
    addFault('put', { kind: 'reset', count: 1 });
    addFault('poll', { kind: 'reset', count: 1 });
    const draft = c.draft();
    const run = await c.send(draft);
    await cell.sees('done: the PUT (idempotent) and the poll were sent again', (assert: Asserts) => {
      assert.equal(run.result.kind, 'done', messageOf(run));
    });
    await cell.received('PUT reset then accepted, one client-request-id, same conditions; poll reset then 200', (assert: Asserts) => {
      const sent = puts();
      assert.deepEqual(sent.map((p) => p.fault ?? p.status), ['reset', c.before() ? 200 : 201]);
      assert.equal(sent[0]!.headers['client-request-id'], sent[1]!.headers['client-request-id']);
      conditions(assert);
      assert.deepEqual(operationPolls(f()).map((p) => p.fault ?? p.status).slice(0, 2), ['reset', 200]);
    });
    await cell.kept('the definition has the draft once', definitionIs(draft, 'sent'));
  });

  faultMatrix.cell('cutBody', c.column, async (cell) => {
    addFault('put', { kind: 'cutBody', count: 1 });
    const draft = c.draft();
    const cut = await c.send(draft);
    const cutPuts = puts().map((p) => [p.status, p.fault]);
    await f().fresh();
    f().emulator.clearRequests();
    addFault('poll', { kind: 'cutBody', count: 1 });
    const pollCut = await c.send(c.draft());
    await cell.sees('a 2xx PUT answer whose body was cut: "Accepted; following it failed — refresh" (the service did accept it); a cut poll is read again: done', (assert: Asserts) => {
      assert.match(messageOf(cut), ACCEPTED_THEN_FAILED);
      assert.doesNotMatch(messageOf(cut), /Nothing was changed|may or may not have received/);
      assert.equal(pollCut.result.kind, 'done', messageOf(pollCut));
    });
    await cell.received('one PUT (2xx, cut): a write whose 2xx arrived is never repeated; the cut poll repeated once', (assert: Asserts) => {
      assert.deepEqual(cutPuts, [[c.before() ? 200 : 201, 'cutBody']]);
      assert.deepEqual(operationPolls(f()).map((p) => p.fault ?? p.status).slice(0, 2), ['cutBody', 200]);
    });
    await cell.kept('the cut PUT applied the draft; the draft is untouched', definitionIs(draft, 'sent'));
  });

  faultMatrix.cell('headersTimeout', c.column, async (cell) => {
    addFault('put', { kind: 'latency', delayMs: 2500, count: 1 });
    const draft = c.draft();
    const run = await c.send(draft);
    await cell.sees('done: after the 1 s headers timeout the PUT was sent again and followed', (assert: Asserts) => {
      assert.equal(run.result.kind, 'done', messageOf(run));
      assert.match(f().logger.text, /UND_ERR_HEADERS_TIMEOUT/);
    });
    await cell.received('two PUTs with one client-request-id and the same conditions (the stalled one answered after the retry)', async (assert: Asserts) => {
      const sent = await f().requests({ path: new RegExp(imageRoute(c.name)), method: 'PUT' }, 2);
      assert.equal(sent.length, 2);
      assert.equal(sent[0]!.headers['client-request-id'], sent[1]!.headers['client-request-id']);
      conditions(assert);
    });
    await cell.kept('the definition has the draft (a PUT of the same body twice is the same state)', async (assert: Asserts) => {
      await f().requests({ path: new RegExp(imageRoute(c.name)), method: 'PUT' }, 2);
      definitionIs(draft, 'sent')(assert);
    });
  });

  faultMatrix.cell('malformedJson', c.column, async (cell) => {
    addFault('put', { kind: 'malformedJson', count: 1 });
    const draft = c.draft();
    const run = await c.send(draft);
    const malformedPuts = puts().length;
    await f().fresh();
    f().emulator.clearRequests();
    addFault('poll', { kind: 'malformedJson', count: 1 });
    const poll = await c.send(c.draft());
    await cell.sees('a 2xx PUT answer that is not JSON: "Accepted; following it failed — refresh"; an unreadable poll is read again: done', (assert: Asserts) => {
      assert.match(messageOf(run), ACCEPTED_THEN_FAILED);
      assert.match(messageOf(run), /not valid JSON/);
      assert.equal(poll.result.kind, 'done', messageOf(poll));
    });
    await cell.received('one PUT, not repeated; the malformed poll repeated once', (assert: Asserts) => {
      assert.equal(malformedPuts, 1);
      assert.deepEqual(operationPolls(f()).map((p) => p.fault ?? p.status).slice(0, 2), ['malformedJson', 200]);
    });
    await cell.kept('the PUT applied the draft; the draft is untouched', definitionIs(draft, 'sent'));
  });

  faultMatrix.cell('expiredToken401', c.column, async (cell) => {
    // The token expires between the editor's read and its PUT.
    const expire = (tokens: number) => () => {
      f().newTokenCache();
      f().credential.expired = tokens;
    };
    const draft = c.draft();
    const refreshed = await c.send(draft, undefined, expire(1));
    const first = puts();
    await f().fresh();
    f().emulator.clearRequests();
    const staleDraft = c.draft();
    const stale = await c.send(staleDraft, undefined, expire(10));
    await cell.sees('one token refresh recovers (done); a token that stays expired: "Nothing was changed" with "Sign in to Azure again"', (assert: Asserts) => {
      assert.equal(refreshed.result.kind, 'done', messageOf(refreshed));
      assert.match(messageOf(stale), /^Nothing was changed: the service refused the request: \w+: .*Sign in to Azure again.* Your draft is kept\.$/);
    });
    await cell.received('PUT 401 then accepted, with a new token and one client-request-id (a 401 is never processed); stale: two 401s', (assert: Asserts) => {
      assertRefreshedOnceThenStopped(assert, first, puts(), c.before() ? 200 : 201);
    });
    await cell.kept('the refused PUTs changed nothing; the stale draft is untouched', definitionIs(staleDraft, 'unchanged'));
  });

  faultMatrix.cell('forbidden403', c.column, async (cell) => {
    addFault('put', { kind: 'status', status: 403, count: 1 });
    const draft = c.draft();
    const refused = await c.send(draft);
    await cell.sees('403 on the PUT: "Nothing was changed: the service refused the request: AuthorizationFailed" with what to do (a role assignment), the draft kept', (assert: Asserts) => {
      assert.match(messageOf(refused), /^Nothing was changed: the service refused the request: AuthorizationFailed: .*\[HTTP 403\]\. Your identity lacks a role assignment for this action: .*\. Your draft is kept\.$/);
    });
    await cell.received('one PUT (403), not retried, nothing polled', (assert: Asserts) => {
      assert.deepEqual(puts().map((p) => p.status), [403]);
      assert.equal(operationPolls(f()).length, 0);
    });
    await cell.kept('the definition is as before; the draft is untouched', definitionIs(draft, 'unchanged'));
    // The same status while following: the operation was accepted.
    f().emulator.clearRequests();
    addFault('poll', { kind: 'status', status: 403, count: 1 });
    const following = await c.send(c.draft());
    await cell.sees('403 on a poll: "Accepted; following it failed — refresh"', (assert: Asserts) => {
      assert.match(messageOf(following), ACCEPTED_THEN_FAILED);
      assert.match(messageOf(following), /AuthorizationFailed/);
    });
    await cell.kept('after the accepted PUT the definition has the draft', definitionIs(c.draft(), 'sent'));
  });

  faultMatrix.cell('offline', c.column, async (cell) => {
    const draft = c.draft();
    // Offline right before the PUT (after the update's read); no pooled connection survives: every attempt is refused.
    const run = await c.send(draft, undefined, async () => {
      await f().emulator.goOffline();
      await closeSharedTransport();
    });
    await f().emulator.goOnline();
    await cell.sees('ECONNREFUSED on every attempt: "Nothing was changed: the request could not reach the service", with "Check the network connection"', (assert: Asserts) => {
      assert.match(messageOf(run), /^Nothing was changed: the request could not reach the service\. .*ECONNREFUSED.*Check the network connection.* Your draft is kept\.$/);
      assert.doesNotMatch(messageOf(run), /may have been applied|may or may not/);
    });
    await cell.received('nothing', (assert: Asserts) => {
      assert.equal(puts().length, 0);
    });
    await cell.kept('back online the definition is as before and the same draft is applied', async (assert: Asserts) => {
      definitionIs(draft, 'unchanged')(assert);
      const again = await c.send(draft);
      assert.equal(again.result.kind, 'done', messageOf(again));
      definitionIs(draft, 'sent')(assert);
    });
  });

  faultMatrix.cell('cancellation', c.column, async (cell) => {
    const before = manualToken();
    before.cancel();
    const draft = c.draft();
    const notSent = await c.send(draft, before);
    const sentBefore = puts().length;
    // Cancel the wait as soon as the first answer (the accepted PUT) is reported.
    const during = manualToken();
    const run = c.send(c.draft(), during);
    const started = Date.now();
    while (puts().length === 0 && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 5));
    }
    during.cancel();
    const following = await run;
    await cell.sees('cancelled: "Stopped following the operation … the operation goes on in Azure", the draft kept', (assert: Asserts) => {
      assert.match(messageOf(notSent), /^Stopped following the operation \(last provisioningState: \?\)\. If the request reached the service/);
      assert.match(messageOf(following), /^Stopped following the operation \(last provisioningState: \w*\?*\)\. .*refresh the gallery to see its state\. Your draft is kept\.$/);
    });
    await cell.received('no PUT for the run cancelled before sending; one PUT for the other, and no poll after the cancellation', (assert: Asserts) => {
      assert.equal(sentBefore, 0);
      assert.equal(puts().length, 1);
      assert.ok(operationPolls(f()).length <= 1);
    });
    await cell.kept('the accepted operation went on in Azure: the definition has the draft', async (assert: Asserts) => {
      await f().requests({ path: new RegExp(imageRoute(c.name)), method: 'PUT' }, 1);
      definitionIs(draft, 'sent')(assert);
    });
  });

  faultMatrix.cell('crossOriginLink', c.column, async (cell) => {
    const foreign = await startRawServer((_req, res) => res.end('{"status":"Succeeded"}'));
    try {
      addFault('put', { kind: 'foreignLink', origin: foreign.url, count: 1 });
      const draft = c.draft();
      const run = await c.send(draft);
      await cell.sees('an operation URL on another origin is not followed: "Accepted; following it failed — refresh" naming CrossOriginLink', (assert: Asserts) => {
        assert.match(messageOf(run), ACCEPTED_THEN_FAILED);
        assert.match(messageOf(run), /CrossOriginLink/);
      });
      await cell.received('the foreign origin received nothing (no token left the service\'s origin); the emulator got one PUT and no poll', (assert: Asserts) => {
        assert.equal(foreign.requests.length, 0);
        assert.equal(foreign.connections, 0);
        assert.equal(puts().length, 1);
        assert.equal(operationPolls(f()).length, 0);
      });
      await cell.kept('the accepted PUT applied the draft; the draft is untouched', definitionIs(draft, 'sent'));
    } finally {
      await foreign.close();
    }
  });
}
