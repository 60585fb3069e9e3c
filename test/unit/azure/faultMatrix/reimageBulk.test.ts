/**
 * Fault matrix, column "reimage (bulk)" at client level: the Reimage command on 24 idle or running nodes of win-render
 * at concurrency 8 (helpers/reimageCells: the command's reads, POSTs, runner and summary), with the fault on some of
 * them. Sees = the summary's counts and wording and its severity; kept = which nodes the emulator reimaged (each at
 * most once) and which it left alone; received = the emulator's request records (POSTs per node, reads, timing).
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { ACCOUNT, nodeReads, reimageCount, reimageLikeTheCommand, reimagePosts, reimageRoute, stateOf } from '../helpers/reimageCells';

faultMatrix.reportAtEnd('unit');

const POOL = 'win-render';
const COLUMN = 'reimageBulk';
const COUNT = 24;

describe('fault matrix (client): reimage (bulk)', function () {
  this.timeout(60_000);
  /** 24 idle or running nodes of win-render, and the three the faults hit (one per wave of 8). */
  let nodes: string[] = [];
  let hit: string[] = [];
  let rest: string[] = [];
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    const pool = f.emulator.state.accounts.get(ACCOUNT)!.pools.get(POOL)!;
    nodes = pool.nodes.filter((n) => n.state === 'idle' || n.state === 'running').slice(0, COUNT).map((n) => n.id);
    hit = [nodes[2]!, nodes[10]!, nodes[18]!];
    rest = nodes.filter((n) => !hit.includes(n));
  });

  const run = (signal?: AbortSignal) => reimageLikeTheCommand(f, POOL, nodes, { concurrency: 8, signal });
  const reimaged = (ids: readonly string[]) => ids.filter((id) => stateOf(f, POOL, id) === 'reimaging' && reimageCount(f, POOL, id) === 1);
  const untouched = (ids: readonly string[]) => ids.filter((id) => stateOf(f, POOL, id) !== 'reimaging' && reimageCount(f, POOL, id) === 0);
  /** The nodes the faults hit are in `hitState`, all others reimaged once. */
  const nodesAre = (hitState: 'reimaged once' | 'untouched') => (assert: Asserts) => {
    assert.deepEqual(reimaged(rest), rest);
    assert.deepEqual(hitState === 'untouched' ? untouched(hit) : reimaged(hit), hit);
  };
  const postsPerNode = () => {
    const counts = new Map<string, number>();
    for (const p of reimagePosts(f, POOL)) {
      const id = /nodes\/([^/]+)\/reimage$/.exec(p.path)![1]!;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };
  const sentOnce = (ids: readonly string[]) => (assert: Asserts) => {
    const counts = postsPerNode();
    assert.deepEqual(ids.map((id) => counts.get(id) ?? 0), ids.map(() => 1));
  };

  faultMatrix.cell('throttled429', COLUMN, async (cell) => {
    const firstWave = [nodes[1]!, nodes[5]!];
    f.emulator.addFault({ route: reimageRoute(POOL, firstWave), method: 'POST', kind: 'status', status: 429, retryAfterSeconds: 1, count: 2 });
    const r = await run();
    const posts = reimagePosts(f, POOL);
    const lastThrottle = Math.max(...posts.filter((p) => p.status === 429).map((p) => p.time));
    await cell.sees('"24 accepted" (information): the throttled ones were sent again after the wait; the limit halved once (8 → 4) and grew back', (assert: Asserts) => {
      assert.equal(r.summary.text, 'Reimage (requeue): 24 accepted.');
      assert.equal(r.summary.severity, 'information');
      // Two 429s at once, each also reported through the session: one signal, one halving (8 → 4), then growth.
      assert.equal(r.limits[0], 4, `limits ${r.limits.join(' → ')}`);
      assert.equal(Math.min(...r.limits), 4, `limits ${r.limits.join(' → ')}`);
      assert.equal(r.followed.length, COUNT);
    });
    await cell.received('26 POSTs (two 429s, each node accepted once); nothing sent between 0.2 s and 0.95 s after the last 429 (the run paused for Retry-After)', (assert: Asserts) => {
      assert.equal(posts.length, COUNT + 2);
      assert.deepEqual(posts.filter((p) => p.status === 429).length, 2);
      const counts = postsPerNode();
      assert.deepEqual(firstWave.map((id) => counts.get(id)), [2, 2]);
      assert.deepEqual(posts.filter((p) => p.time > lastThrottle + 200 && p.time < lastThrottle + 950), []);
    });
    await cell.kept('every node reimaged exactly once', (assert: Asserts) => {
      assert.deepEqual(reimaged(nodes), nodes);
    });
    // A 429 the runner never sees itself (a state read the client retries on its own, as the follower's or the tree's
    // would be) reaches it through the session's throttle reports, and slows it down too.
    await f.fresh();
    f.emulator.clearRequests();
    const readRoute = `/pools/${POOL}/nodes/${nodes[3]!}$`;
    f.emulator.addFault({ route: readRoute, method: 'GET', kind: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    const elsewhere = await run();
    await cell.sees('a 429 on a read retried by the client: the run still halves its limit; "24 accepted"', (assert: Asserts) => {
      assert.equal(elsewhere.summary.text, 'Reimage (requeue): 24 accepted.');
      assert.equal(elsewhere.limits[0], 4, `limits ${elsewhere.limits.join(' → ')}`);
      assert.deepEqual(f.throttles.map((t) => [t.method, t.willRetry]), [['GET', true]]);
    });
    await cell.received('that read: 429, then 200 after the wait; one POST per node', (assert: Asserts) => {
      assert.deepEqual(f.emulator.requests({ path: new RegExp(readRoute), method: 'GET' }).map((q) => q.status), [429, 200]);
      sentOnce(nodes)(assert);
    });
  });

  faultMatrix.cell('serverError5xx', COLUMN, async (cell) => {
    f.emulator.addFault({ route: reimageRoute(POOL, hit), method: 'POST', kind: 'status', status: 500, count: 3 });
    const r = await run();
    await cell.sees('"21 accepted, 3 failed" (error) with the service\'s InternalError; the run went on past the failures', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 21 accepted, 3 failed\. .*InternalError/);
      assert.equal(r.summary.severity, 'error');
      assert.deepEqual(r.summary.counts, { succeeded: 21, skipped: 0, failed: 3, canceled: 0, unknown: 0 });
    });
    await cell.received('one POST per node, the three 500s not repeated', (assert: Asserts) => {
      sentOnce(nodes)(assert);
      assert.deepEqual(reimagePosts(f, POOL, hit).map((p) => p.status), [500, 500, 500]);
    });
    await cell.kept('21 reimaged once; the 3 refused left alone', nodesAre('untouched'));
  });

  faultMatrix.cell('resetBeforeAnswer', COLUMN, async (cell) => {
    f.emulator.addFault({ route: reimageRoute(POOL, hit), method: 'POST', kind: 'reset', count: 3 });
    const r = await run();
    await cell.sees('"21 accepted, 3 unknown (the answer was lost: …)" (warning), each named with its re-read state; none followed', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 21 accepted, 3 unknown \(the answer was lost: .*; reimaging nodes are followed, refresh the pool for the others\)\.$/);
      for (const id of hit) {
        assert.match(r.summary.text, new RegExp(`${id} \\((idle|running)\\)`));
      }
      assert.equal(r.summary.severity, 'warning');
      assert.deepEqual(hit.filter((id) => r.followed.includes(id)), []);
    });
    await cell.received('one POST per node; the three that were reset read once more', (assert: Asserts) => {
      sentOnce(nodes)(assert);
      assert.deepEqual(hit.map((id) => nodeReads(f, POOL, [id]).length), [2, 2, 2]);
    });
    await cell.kept('the dropped POSTs changed nothing', nodesAre('untouched'));
  });

  for (const [row, kind, status] of [['resetAfterSent', 'resetAfterProcessing', undefined], ['cutBody', 'cutBody', 202], ['malformedJson', 'malformedJson', 200]] as const) {
    faultMatrix.cell(row, COLUMN, async (cell) => {
      f.emulator.addFault({ route: reimageRoute(POOL, hit), method: 'POST', kind, count: 3 });
      const r = await run();
      await cell.sees('"21 accepted, 3 unknown", each re-read as reimaging and followed (never "failed")', (assert: Asserts) => {
        assert.match(r.summary.text, /^Reimage \(requeue\): 21 accepted, 3 unknown \(the answer was lost: /);
        for (const id of hit) {
          assert.match(r.summary.text, new RegExp(`${id} \\(reimaging\\)`));
        }
        assert.deepEqual([...r.followed].sort(), [...nodes].sort());
        assert.equal(r.summary.counts.failed, 0);
      });
      await cell.received(`one POST per node (the three answered by the fault${status ? ` with ${status}` : ''}), never repeated`, (assert: Asserts) => {
        sentOnce(nodes)(assert);
        assert.deepEqual(reimagePosts(f, POOL, hit).map((p) => p.fault), [kind, kind, kind]);
      });
      await cell.kept('all 24 reimaged once', nodesAre('reimaged once'));
    });
  }

  faultMatrix.cell('headersTimeout', COLUMN, async (cell) => {
    f.emulator.addFault({ route: reimageRoute(POOL, hit), method: 'POST', kind: 'latency', delayMs: 2500, count: 3 });
    const r = await run();
    await cell.sees('"21 accepted, 3 unknown" after the 1 s headers timeout (re-read before the stalled POSTs were processed)', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 21 accepted, 3 unknown \(the answer was lost: .*refresh the pool for the others\)\.$/);
      assert.equal(r.summary.counts.failed, 0);
    });
    await cell.received('one POST per node; the stalled three processed after their stall', async (assert: Asserts) => {
      const stalled = await f.requests({ path: new RegExp(reimageRoute(POOL, hit)), method: 'POST' }, 3);
      assert.deepEqual(stalled.map((p) => p.status), [202, 202, 202]);
      sentOnce(nodes)(assert);
    });
    await cell.kept('all 24 reimaged once (the stalled ones too): "failed" would have been false', async (assert: Asserts) => {
      await f.requests({ path: new RegExp(reimageRoute(POOL, hit)), method: 'POST' }, 3);
      nodesAre('reimaged once')(assert);
    });
  });

  faultMatrix.cell('expiredToken401', COLUMN, async (cell) => {
    f.newTokenCache();
    f.credential.expired = 1;
    const r = await run();
    const refreshed = f.emulator.requests({ path: new RegExp(`/pools/${POOL}/nodes/`) });
    await f.fresh();
    f.emulator.clearRequests();
    f.credential.expired = 1_000;
    const stale = await reimageLikeTheCommand(f, POOL, nodes.slice(0, 3), { concurrency: 8 });
    await cell.sees('an expired token is refreshed: "24 accepted"; a token that stays expired: "3 failed" with "Sign in to Azure again"', (assert: Asserts) => {
      assert.equal(r.summary.text, 'Reimage (requeue): 24 accepted.');
      assert.match(stale.summary.text, /^Reimage \(requeue\): 0 accepted, 3 failed\. .*AuthenticationFailed.*Sign in to Azure again/);
    });
    await cell.received('the 401s were reads, each repeated once with a new token; every POST 202; stale: each read 401 twice, no POST', (assert: Asserts) => {
      const unauthorized = refreshed.filter((q) => q.status === 401);
      assert.ok(unauthorized.length >= 1 && unauthorized.every((q) => q.method === 'GET'));
      assert.deepEqual(reimagePosts(f, POOL).length, 0);
      assert.equal(refreshed.filter((q) => q.method === 'POST').length, COUNT);
      assert.ok(refreshed.filter((q) => q.method === 'POST').every((q) => q.status === 202));
      assert.deepEqual(nodeReads(f, POOL).map((q) => q.status), [401, 401, 401, 401, 401, 401]);
    });
    await cell.kept('stale run: nothing reimaged', (assert: Asserts) => {
      assert.deepEqual(untouched(nodes), nodes);
    });
  });

  faultMatrix.cell('forbidden403', COLUMN, async (cell) => {
    f.emulator.addFault({ route: reimageRoute(POOL, hit), method: 'POST', kind: 'status', status: 403, count: 3 });
    const r = await run();
    await cell.sees('"21 accepted, 3 failed" (error) with "ask for the Azure Batch Contributor role"', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 21 accepted, 3 failed\. You lack permission to reimage nodes in this account\. Ask for the Azure Batch Contributor role/);
      assert.equal(r.summary.severity, 'error');
    });
    await cell.received('one POST per node, the 403s not retried', (assert: Asserts) => {
      sentOnce(nodes)(assert);
      assert.deepEqual(reimagePosts(f, POOL, hit).map((p) => p.status), [403, 403, 403]);
    });
    await cell.kept('21 reimaged, the refused 3 untouched', nodesAre('untouched'));
  });

  faultMatrix.cell('notFound404', COLUMN, async (cell) => {
    const pool = f.emulator.state.accounts.get(ACCOUNT)!.pools.get(POOL)!;
    pool.nodes = pool.nodes.filter((n) => !hit.includes(n.id));
    hit.forEach((id) => pool.nodeById.delete(id));
    const r = await run();
    await cell.sees('"21 accepted, 3 failed": the node is no longer in the pool, refresh the pool', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 21 accepted, 3 failed\. The node is no longer in the pool\. Refresh the pool\. Service: NodeNotFound: /);
    });
    await cell.received('the three gone nodes: one read each (404), no POST; the others one POST each', (assert: Asserts) => {
      assert.deepEqual(hit.map((id) => nodeReads(f, POOL, [id]).map((q) => q.status)), [[404], [404], [404]]);
      assert.equal(reimagePosts(f, POOL, hit).length, 0);
      sentOnce(rest)(assert);
    });
    await cell.kept('the 21 others reimaged once', (assert: Asserts) => {
      assert.deepEqual(reimaged(rest), rest);
    });
  });

  faultMatrix.cell('conflict409', COLUMN, async (cell) => {
    // Two nodes are busy before the run (skipped after their read); three start rebooting between read and POST (409).
    const busy = [nodes[0]!, nodes[23]!];
    busy.forEach((id) => f.emulator.setNodeState(ACCOUNT, POOL, id, 'starting'));
    const r = await reimageLikeTheCommand(f, POOL, nodes, { concurrency: 8, afterRead: (t) => hit.includes(t.nodeId) && void f.emulator.setNodeState(ACCOUNT, POOL, t.nodeId, 'rebooting') });
    await cell.sees('"19 accepted, 2 skipped (no longer idle or running), 3 failed" with "the node is busy (rebooting)" and NodeBeingRebooted', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 19 accepted, 2 skipped \(no longer idle or running\), 3 failed\. The node is busy \(rebooting\);.* Service: NodeBeingRebooted: /);
      assert.equal(r.summary.severity, 'error');
    });
    await cell.received('no POST for the skipped two; one POST (409) for each of the three', (assert: Asserts) => {
      assert.equal(reimagePosts(f, POOL, busy).length, 0);
      assert.deepEqual(reimagePosts(f, POOL, hit).map((p) => p.status), [409, 409, 409]);
      sentOnce(nodes.filter((id) => !busy.includes(id)))(assert);
    });
    await cell.kept('19 reimaged; the refused ones still rebooting, the skipped ones still starting', (assert: Asserts) => {
      assert.equal(reimaged(nodes).length, 19);
      assert.deepEqual(hit.map((id) => stateOf(f, POOL, id)), ['rebooting', 'rebooting', 'rebooting']);
      assert.deepEqual(busy.map((id) => stateOf(f, POOL, id)), ['starting', 'starting']);
    });
  });

  faultMatrix.cell('offline', COLUMN, async (cell) => {
    await f.emulator.goOffline();
    const r = await run();
    await f.emulator.goOnline();
    await cell.sees('"0 accepted, 24 failed" (error) with ECONNREFUSED and "Check the network connection"', (assert: Asserts) => {
      assert.match(r.summary.text, /^Reimage \(requeue\): 0 accepted, 24 failed\. .*ECONNREFUSED.*Check the network connection/);
      assert.equal(r.summary.severity, 'error');
    });
    await cell.received('nothing reached the service', (assert: Asserts) => {
      assert.equal(f.emulator.requests({ path: new RegExp(`/pools/${POOL}/`) }).length, 0);
    });
    await cell.kept('back online, the same run reimages all 24 once', async (assert: Asserts) => {
      assert.deepEqual(untouched(nodes), nodes);
      const again = await run();
      assert.equal(again.summary.text, 'Reimage (requeue): 24 accepted.');
      assert.deepEqual(reimaged(nodes), nodes);
    });
  });

  faultMatrix.cell('cancellation', COLUMN, async (cell) => {
    // The first wave of 8 POSTs is held on the wire (0.6 s: below the 1 s headers timeout); cancel then.
    f.emulator.addFault({ route: reimageRoute(POOL, nodes), method: 'POST', kind: 'latency', delayMs: 600, count: 8 });
    const controller = new AbortController();
    const pending = run(controller.signal);
    await f.faultsUsed();
    controller.abort();
    const r = await pending;
    const sent = r.outcomes.filter((o) => o.status === 'succeeded').map((o) => o.target.nodeId);
    const notSent = nodes.filter((id) => !sent.includes(id));
    await cell.sees('"8 accepted, 16 not sent (canceled)" (warning): the 8 on the wire ran to their answer', (assert: Asserts) => {
      assert.equal(r.summary.text, 'Reimage (requeue): 8 accepted, 16 not sent (canceled).');
      assert.equal(r.summary.severity, 'warning');
      assert.deepEqual(r.followed, sent);
    });
    await cell.received('8 POSTs (202) and 8 reads: nothing was sent after the cancellation', (assert: Asserts) => {
      assert.deepEqual(reimagePosts(f, POOL).map((p) => p.status), Array(8).fill(202));
      assert.equal(nodeReads(f, POOL).length, 8);
    });
    await cell.kept('the 8 reimaged once, the 16 others untouched', (assert: Asserts) => {
      assert.deepEqual(reimaged(sent), sent);
      assert.deepEqual(untouched(notSent), notSent);
    });
  });

  const noCondition = 'a reimage POST takes no condition: the client sends no If-Match and the service defines none for it, so nothing can answer 412';
  faultMatrix.notApplicable('precondition412', COLUMN, noCondition);
  faultMatrix.notApplicable('precondition412AfterRetry', COLUMN, noCondition);
  faultMatrix.notApplicable('crossOriginLink', COLUMN, 'each reimage is answered 202 with no body and no Location: there is no next link or operation URL to follow');
});
