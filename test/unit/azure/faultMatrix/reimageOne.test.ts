/**
 * Fault matrix, column "reimage (one)" at client level: the Reimage command on one idle node of linux-small, as the
 * command runs it (helpers/reimageCells: the gateway's reads and POST, runReimage, the summary it shows). Sees = the
 * summary line and its severity; kept = the node's state and reimage records in the emulator (nodes stay "reimaging"
 * for a minute); received = the emulator's request records (reads, POSTs, Authorization).
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { ACCOUNT, idleNodeId, POOL } from '../helpers/nodeTargets';
import { assertRefreshedOnceThenStopped } from '../helpers/tokenRefresh';
import { nodeReads, reimageCount, reimageLikeTheCommand, reimagePosts, reimageRoute, stateOf } from '../helpers/reimageCells';

faultMatrix.reportAtEnd('unit');

const COLUMN = 'reimageOne';

describe('fault matrix (client): reimage (one)', function () {
  this.timeout(20_000);
  let node = '';
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    node = idleNodeId(f);
  });

  const run = (signal?: AbortSignal) => reimageLikeTheCommand(f, POOL, [node], { signal });
  const route = () => reimageRoute(POOL, [node]);
  const posts = () => reimagePosts(f, POOL, [node]);
  const reads = () => nodeReads(f, POOL, [node]);
  /** The node is reimaging once (the POST took effect) or idle with no reimage (nothing happened). */
  const nodeIs = (what: 'reimaged once' | 'untouched') => (assert: Asserts) => {
    assert.equal(stateOf(f, POOL, node), what === 'untouched' ? 'idle' : 'reimaging');
    assert.equal(reimageCount(f, POOL, node), what === 'untouched' ? 0 : 1);
  };

  faultMatrix.cell('throttled429', COLUMN, async (cell) => {
    f.emulator.addFault({ route: route(), method: 'POST', kind: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    const r = await run();
    await cell.sees('"1 accepted" (information): the run waited the Retry-After and sent again; the node is followed', (assert: Asserts) => {
      assert.equal(r.summary.text, 'Reimage (requeue): 1 accepted.');
      assert.equal(r.summary.severity, 'information');
      assert.deepEqual(r.followed, [node]);
    });
    await cell.received('POST 429, then (after ≥ 1 s, a fresh state read between) POST 202', (assert: Asserts) => {
      const sent = posts();
      assert.deepEqual(sent.map((p) => p.status), [429, 202]);
      assert.ok(sent[1]!.time - sent[0]!.time >= 950, `resent after ${sent[1]!.time - sent[0]!.time} ms`);
      assert.deepEqual(reads().map((g) => g.status), [200, 200]);
    });
    await cell.kept('reimaged once', nodeIs('reimaged once'));
  });

  faultMatrix.cell('serverError5xx', COLUMN, async (cell) => {
    f.emulator.addFault({ route: route(), method: 'POST', kind: 'status', status: 500, count: 1 });
    const r = await run();
    await cell.sees('"1 failed" (error) with the service\'s InternalError text, not followed', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 0 accepted, 1 failed\. .*InternalError/);
      assert.equal(r.summary.severity, 'error');
      assert.deepEqual(r.followed, []);
    });
    await cell.received('one POST (500): a POST is not repeated', (assert: Asserts) => {
      assert.deepEqual(posts().map((p) => p.status), [500]);
    });
    await cell.kept('the emulator applied nothing: the node is idle and can be reimaged again', nodeIs('untouched'));
  });

  faultMatrix.cell('resetBeforeAnswer', COLUMN, async (cell) => {
    f.emulator.addFault({ route: route(), method: 'POST', kind: 'reset', count: 1 });
    const r = await run();
    await cell.sees('"1 unknown" (warning) naming the node and the state it was re-read in (idle), not followed', (assert: Asserts) => {
      assert.equal(r.summary.text, `Reimage (requeue): 0 accepted, 1 unknown (the answer was lost: ${node} (idle); reimaging nodes are followed, refresh the pool for the others).`);
      assert.equal(r.summary.severity, 'warning');
      assert.deepEqual(r.followed, []);
      assert.equal(r.outcomes[0]!.status, 'unknown');
    });
    await cell.received('read, POST (reset), re-read: the POST is not repeated', (assert: Asserts) => {
      assert.deepEqual(posts().map((p) => p.fault), ['reset']);
      assert.equal(reads().length, 2);
    });
    await cell.kept('the dropped POST changed nothing', nodeIs('untouched'));
  });

  faultMatrix.cell('resetAfterSent', COLUMN, async (cell) => {
    f.emulator.addFault({ route: route(), method: 'POST', kind: 'resetAfterProcessing', count: 1 });
    const r = await run();
    await cell.sees('"1 unknown" (never "failed"): re-read as reimaging, so it is followed', (assert: Asserts) => {
      assert.equal(r.summary.text, `Reimage (requeue): 0 accepted, 1 unknown (the answer was lost: ${node} (reimaging); reimaging nodes are followed, refresh the pool for the others).`);
      assert.equal(r.summary.severity, 'warning');
      assert.deepEqual(r.followed, [node]);
      assert.equal(r.outcomes[0]!.followed, true);
    });
    await cell.received('read, one POST (processed, then reset), re-read', (assert: Asserts) => {
      assert.deepEqual(posts().map((p) => p.fault), ['resetAfterProcessing']);
      assert.equal(reads().length, 2);
    });
    await cell.kept('the reimage did happen, once', nodeIs('reimaged once'));
  });

  faultMatrix.cell('cutBody', COLUMN, async (cell) => {
    f.emulator.addFault({ route: route(), method: 'POST', kind: 'cutBody', count: 1 });
    const r = await run();
    await cell.sees('a 202 whose connection closed early: "1 unknown", re-read reimaging and followed', (assert: Asserts) => {
      assert.match(r.summary.text, new RegExp(`1 unknown \\(the answer was lost: ${node} \\(reimaging\\)`));
      assert.equal(r.outcomes[0]!.status, 'unknown');
      assert.deepEqual(r.followed, [node]);
    });
    await cell.received('one POST (202, cut): never repeated', (assert: Asserts) => {
      assert.deepEqual(posts().map((p) => [p.status, p.fault]), [[202, 'cutBody']]);
    });
    await cell.kept('reimaged once', nodeIs('reimaged once'));
  });

  faultMatrix.cell('headersTimeout', COLUMN, async (cell) => {
    f.emulator.addFault({ route: route(), method: 'POST', kind: 'latency', delayMs: 2500, count: 1 });
    const r = await run();
    await cell.sees('"1 unknown" after the 1 s headers timeout; re-read before the stalled POST was processed: idle, not followed', (assert: Asserts) => {
      assert.equal(r.outcomes[0]!.status, 'unknown');
      assert.match(r.summary.text, new RegExp(`0 accepted, 1 unknown \\(the answer was lost: ${node} \\(idle\\); .*refresh the pool for the others\\)`));
      assert.deepEqual(r.followed, []);
    });
    await cell.received('one POST (processed after its stall), not repeated', async (assert: Asserts) => {
      const sent = await f.requests({ path: new RegExp(route()), method: 'POST' }, 1);
      assert.deepEqual(sent.map((p) => p.status), [202]);
    });
    await cell.kept('the stalled POST did reimage the node, once: "failed" would have been false, hence "refresh the pool"', async (assert: Asserts) => {
      await f.requests({ path: new RegExp(route()), method: 'POST' }, 1);
      nodeIs('reimaged once')(assert);
    });
  });

  faultMatrix.cell('malformedJson', COLUMN, async (cell) => {
    f.emulator.addFault({ route: route(), method: 'POST', kind: 'malformedJson', count: 1 });
    const r = await run();
    await cell.sees('a 200 with an unreadable body: "1 unknown", re-read reimaging and followed', (assert: Asserts) => {
      assert.equal(r.outcomes[0]!.status, 'unknown');
      assert.match(r.summary.text, new RegExp(`1 unknown \\(the answer was lost: ${node} \\(reimaging\\)`));
      assert.deepEqual(r.followed, [node]);
    });
    await cell.received('one POST, not repeated', (assert: Asserts) => {
      assert.deepEqual(posts().map((p) => p.fault), ['malformedJson']);
    });
    await cell.kept('reimaged once', nodeIs('reimaged once'));
  });

  faultMatrix.cell('expiredToken401', COLUMN, async (cell) => {
    // The state read gets a good token; then the cache is dropped and the POST's token is an expired one.
    const expireAfterRead = () => {
      f.newTokenCache();
      f.credential.expired = 1;
    };
    const r = await reimageLikeTheCommand(f, POOL, [node], { afterRead: expireAfterRead });
    const refreshed = posts();
    await f.fresh();
    f.emulator.clearRequests();
    const stale = await reimageLikeTheCommand(f, POOL, [node], { afterRead: () => { f.newTokenCache(); f.credential.expired = 10; } });
    await cell.sees('one token refresh recovers ("1 accepted"); a token that stays expired: "1 failed" with "Sign in to Azure again"', (assert: Asserts) => {
      assert.equal(r.summary.text, 'Reimage (requeue): 1 accepted.');
      assert.match(stale.summary.text, /^Reimage \(requeue\): 0 accepted, 1 failed\. .*AuthenticationFailed.*Sign in to Azure again/);
      assert.equal(stale.summary.severity, 'error');
    });
    await cell.received('POST 401 then 202 with a new token and one client-request-id (a 401 is never processed); stale: two 401s', (assert: Asserts) => {
      assertRefreshedOnceThenStopped(assert, refreshed, posts(), 202);
    });
    await cell.kept('the refused POSTs changed nothing (after a reset the node is idle, no reimage)', nodeIs('untouched'));
  });

  faultMatrix.cell('forbidden403', COLUMN, async (cell) => {
    f.emulator.addFault({ route: route(), method: 'POST', kind: 'status', status: 403, count: 1 });
    const r = await run();
    await cell.sees('"1 failed" (error) with what to do: ask for the Batch Contributor role', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 0 accepted, 1 failed\. You lack permission to reimage nodes in this account\. Ask for the Azure Batch Contributor role \(or the account key\)\. Service: \w+: /);
      assert.equal(r.summary.severity, 'error');
    });
    await cell.received('one POST (403), not retried', (assert: Asserts) => {
      assert.deepEqual(posts().map((p) => p.status), [403]);
    });
    await cell.kept('nothing changed', nodeIs('untouched'));
  });

  faultMatrix.cell('notFound404', COLUMN, async (cell) => {
    const pool = f.emulator.state.accounts.get(ACCOUNT)!.pools.get(POOL)!;
    pool.nodes = pool.nodes.filter((n) => n.id !== node);
    pool.nodeById.delete(node);
    const r = await run();
    await cell.sees('"1 failed": the node is no longer in the pool, refresh the pool (NodeNotFound)', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 0 accepted, 1 failed\. The node is no longer in the pool\. Refresh the pool\. Service: NodeNotFound: /);
      assert.deepEqual(r.followed, []);
    });
    await cell.received('one read (404), no POST', (assert: Asserts) => {
      assert.deepEqual(reads().map((g) => g.status), [404]);
      assert.equal(posts().length, 0);
    });
    await cell.kept('the other nodes of the pool are untouched', (assert: Asserts) => {
      assert.ok(pool.nodes.every((n) => (n.reimages ?? []).length === 0 && n.state !== 'reimaging'));
    });
  });

  faultMatrix.cell('conflict409', COLUMN, async (cell) => {
    // The node starts rebooting between the command's read and its POST: the service refuses (409 NodeBeingRebooted).
    const r = await reimageLikeTheCommand(f, POOL, [node], { afterRead: () => void f.emulator.setNodeState(ACCOUNT, POOL, node, 'rebooting') });
    const busyPosts = posts().length;
    const failedNode = f.emulator.state.accounts.get(ACCOUNT)!.pools.get(POOL)!.nodes.find((n) => n.state === 'starttaskfailed')!.id;
    const skipped = await reimageLikeTheCommand(f, POOL, [failedNode]);
    await cell.sees('"1 failed" with "the node is busy (rebooting) … wait until it is idle" and NodeBeingRebooted; a node read as not idle: "1 skipped"', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 0 accepted, 1 failed\. The node is busy \(rebooting\); the service accepts a reimage only while a node is idle or running\. .* Service: NodeBeingRebooted: /);
      assert.equal(skipped.summary.text, 'Reimage (requeue): 0 accepted, 1 skipped (no longer idle or running).');
      assert.equal(skipped.summary.severity, 'warning');
    });
    await cell.received('one POST answered 409; none for the skipped node', (assert: Asserts) => {
      assert.equal(busyPosts, 1);
      assert.deepEqual(posts().map((p) => p.status), [409]);
      assert.equal(reimagePosts(f, POOL, [failedNode]).length, 0);
    });
    await cell.kept('neither node was reimaged: one still rebooting, the other still starttaskfailed', (assert: Asserts) => {
      assert.equal(stateOf(f, POOL, node), 'rebooting');
      assert.equal(reimageCount(f, POOL, node), 0);
      assert.equal(stateOf(f, POOL, failedNode), 'starttaskfailed');
    });
  });

  faultMatrix.cell('offline', COLUMN, async (cell) => {
    await f.emulator.goOffline();
    const r = await run();
    await f.emulator.goOnline();
    await cell.sees('"1 failed" with ECONNREFUSED and "Check the network connection"', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 0 accepted, 1 failed\. .*ECONNREFUSED/);
      assert.match(r.summary.text, /Check the network connection/);
      assert.equal(r.summary.severity, 'error');
    });
    await cell.received('nothing reached the service', (assert: Asserts) => {
      assert.equal(posts().length + reads().length, 0);
    });
    await cell.kept('back online, the same reimage is accepted', async (assert: Asserts) => {
      nodeIs('untouched')(assert);
      const again = await run();
      assert.equal(again.summary.text, 'Reimage (requeue): 1 accepted.');
      nodeIs('reimaged once')(assert);
    });
  });

  faultMatrix.cell('cancellation', COLUMN, async (cell) => {
    const before = new AbortController();
    before.abort();
    const notSent = await run(before.signal);
    f.emulator.addFault({ route: route(), method: 'POST', kind: 'latency', delayMs: 600, count: 1 }); // below the 1 s headers timeout
    const during = new AbortController();
    const pending = run(during.signal);
    await f.faultsUsed(); // the POST is on the wire, held by the stall
    during.abort();
    const onTheWire = await pending;
    await cell.sees('cancelled before sending: "1 not sent (canceled)"; cancelled with the POST on the wire: it runs to its answer, "1 accepted"', (assert: Asserts) => {
      assert.equal(notSent.summary.text, 'Reimage (requeue): 0 accepted, 1 not sent (canceled).');
      assert.equal(notSent.summary.severity, 'warning');
      assert.equal(onTheWire.summary.text, 'Reimage (requeue): 1 accepted.');
      assert.deepEqual(onTheWire.followed, [node]);
    });
    await cell.received('one POST (the one on the wire, 202); nothing for the run cancelled before it started', (assert: Asserts) => {
      assert.deepEqual(posts().map((p) => p.status), [202]);
      assert.equal(reads().length, 1);
    });
    await cell.kept('reimaged once: the summary says so, where "canceled" would have been false', nodeIs('reimaged once'));
  });

  const noCondition = 'a reimage POST takes no condition: the client sends no If-Match and the service defines none for it, so nothing can answer 412';
  faultMatrix.notApplicable('precondition412', COLUMN, noCondition);
  faultMatrix.notApplicable('precondition412AfterRetry', COLUMN, noCondition);
  faultMatrix.notApplicable('crossOriginLink', COLUMN, 'a reimage is answered 202 with no body and no Location: there is no next link or operation URL to follow');
});
