/**
 * Fault matrix, column "heatmap" at client level: the heatmap's data source (batchHeatmapSource: every page of GET
 * …/pools/linux-small/nodes with the heatmap's $select, and GET /nodecounts) read as the panel reads it (helpers/
 * heatmapView: the panel's RefreshScheduler on a fake clock). Sees = the new cells, or the typed error of the
 * "backingOff" status the panel's status line shows (throttled or not, when it reads again); kept = the cells of the
 * previous read stay as they were (never emptied, never a partial list); received = the emulator's request records.
 * Each cell starts from a loaded heatmap, then one node goes offline, so a read that succeeds shows it.
 */
import type { BatchAccountClient } from '../../../../src/azure/batch/batchAccountClient';
import { AzureRequestError } from '../../../../src/azure/errors/azureRequestError';
import { CrossOriginLinkError } from '../../../../src/azure/errors/specificErrors';
import { closeSharedTransport } from '../../../../src/azure/http/sharedTransport';
import { HEATMAP_NODE_SELECT, type HeatmapCell } from '../../../../src/heatmap/heatmapModel';
import { batchHeatmapSource } from '../../../../src/heatmap/heatmapSource';
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { useFaultCellFixture } from '../helpers/faultCellFixture';
import { HeatmapView } from '../helpers/heatmapView';
import { ACCOUNT, dropPool, idleNodeId, POOL } from '../helpers/nodeTargets';
import {
  assertCancelled, assertConnectionRefused, assertOnlyTheCancelledRequest, assertRefusal, assertRepeatedAfterStall,
  assertRepeatedOnceAfter, assertSignInAgain, LOST_ANSWER_FAULTS,
} from '../helpers/readCells';
import { assertRefreshedOnceThenStopped } from '../helpers/tokenRefresh';

faultMatrix.reportAtEnd('unit');

const NODES = /\/pools\/linux-small\/nodes$/;
const COUNTS = /\/nodecounts$/;
const OPERATION = 'List nodes of pool linux-small';

describe('fault matrix (client): heatmap', function () {
  this.timeout(20_000);
  let view: HeatmapView;
  /** The cells of the first read (what the panel shows when the faulted read starts). */
  let loaded: HeatmapCell[];
  let changedId: string;
  const f = useFaultCellFixture({}, async () => {
    // Bound late: newTokenCache() replaces f.prod.
    const client: Pick<BatchAccountClient, 'iterateNodePages' | 'listPoolNodeCounts'> = {
      iterateNodePages: (poolId, options) => f.prod.iterateNodePages(poolId, options),
      listPoolNodeCounts: (options) => f.prod.listPoolNodeCounts(options),
    };
    view = new HeatmapView(batchHeatmapSource(client), POOL);
    await view.refresh();
    loaded = structuredClone(view.cells);
    changedId = idleNodeId(f);
    f.emulator.setNodeState(ACCOUNT, POOL, changedId, 'offline');
  });
  afterEach(() => {
    view.scheduler.dispose();
  });

  const stateOf = (id: string) => view.cells.find((c) => c.id === id)?.state;
  const nodeGets = () => f.emulator.requests({ path: NODES });
  /** The refresh failed: the panel shows the error (backing off), and the cells of the previous read. */
  const failedWith = (assert: Asserts, throttled = false) => {
    assert.equal(view.status?.phase, 'backingOff');
    const status = view.status as Extract<typeof view.status, { phase: 'backingOff' }>;
    assert.equal(status.throttled, throttled);
    assert.equal(status.error, view.readError);
    return status;
  };
  const keptCells = (assert: Asserts) => {
    assert.deepEqual(view.cells, loaded);
    assert.equal(view.cells.length, 3);
    assert.equal(stateOf(changedId), 'idle');
  };
  /** The refresh succeeded: every node, the changed one with its new state, and the pool's counts. */
  const showsNewRead = (assert: Asserts) => {
    assert.equal(view.status?.phase, 'waiting');
    assert.deepEqual(view.cells.map((c) => c.id), loaded.map((c) => c.id));
    assert.equal(stateOf(changedId), 'offline');
    assert.equal(view.poolCounts?.['offline'], 1);
  };

  faultMatrix.cell('throttled429', 'heatmap', async (cell) => {
    f.emulator.addFault({ route: NODES.source, kind: 'status', status: 429, retryAfterSeconds: 30, count: 1 });
    await view.refresh();
    const waits = [...view.timers];
    await cell.sees('a 429 asking for 30 s (over the 5 s the client waits itself): "throttling" status, next read not before 30 s', (assert: Asserts) => {
      const status = failedWith(assert, true);
      assert.ok(status.error instanceof AzureRequestError && status.error.status === 429, String(status.error));
      assert.equal(status.error.retryAfterMs, 30_000);
      assert.ok(status.nextAt - view.now >= 30_000, `${status.nextAt - view.now} ms`);
      assert.deepEqual(f.throttles.map((t) => [t.retryAfterMs, t.willRetry]), [[30_000, false]]);
    });
    await cell.received('one node GET (429, not retried by the client: the panel waits instead)', (assert: Asserts) => {
      assert.deepEqual(nodeGets().map((r) => r.status), [429]);
      assert.ok(waits[waits.length - 1]! >= 30_000);
    });
    await cell.kept('the cells of the previous read; the next read shows the change', async (assert: Asserts) => {
      keptCells(assert);
      await view.refresh();
      showsNewRead(assert);
    });
  });

  faultMatrix.cell('serverError5xx', 'heatmap', async (cell) => {
    f.emulator.addFault({ route: NODES.source, kind: 'status', status: 503, count: 1 });
    await view.refresh();
    const recovered = [...view.cells];
    f.emulator.setNodeState(ACCOUNT, POOL, changedId, 'idle');
    f.emulator.addFault({ route: NODES.source, kind: 'status', status: 500 });
    await view.refresh();
    await cell.sees('a 503 is retried away (new cells); a lasting 500: InternalError with its request ids and "try again later"', (assert: Asserts) => {
      assert.equal(recovered.find((c) => c.id === changedId)?.state, 'offline');
      const status = failedWith(assert);
      assert.ok(status.error instanceof AzureRequestError && status.error.status === 500, String(status.error));
      assert.match(status.error.toString(), /^List nodes of pool linux-small failed: InternalError: .*try again later/);
      assert.ok(status.error.serviceRequestId && status.error.clientRequestId);
    });
    await cell.received('503, 200; then 4 GETs (1 + maxRetries 3) with one client-request-id for the lasting 500', (assert: Asserts) => {
      const sent = nodeGets();
      assert.deepEqual(sent.map((r) => r.status), [503, 200, 500, 500, 500, 500]);
      assert.equal(new Set(sent.slice(2).map((r) => r.headers['client-request-id'])).size, 1);
    });
    await cell.kept('the cells of the read before (node offline), not emptied', (assert: Asserts) => {
      assert.deepEqual(view.cells, recovered);
    });
  });

  for (const [row, kind] of LOST_ANSWER_FAULTS) {
    faultMatrix.cell(row, 'heatmap', async (cell) => {
      f.emulator.addFault({ route: NODES.source, kind, count: 1 });
      await view.refresh();
      await cell.sees('the new cells: a read is repeated after a lost or unreadable answer', (assert: Asserts) => {
        showsNewRead(assert);
        assert.match(f.logger.text, /retrying in \d+ ms/);
      });
      await cell.received(`two node GETs with one client-request-id and the heatmap's $select, the first answered by "${kind}"`, (assert: Asserts) => {
        const sent = nodeGets();
        assertRepeatedOnceAfter(assert, sent, kind);
        assert.deepEqual([sent[1]!.query['$select'], sent[1]!.query['maxresults']], [HEATMAP_NODE_SELECT.join(','), '1000']);
        assert.equal(f.emulator.requests({ path: COUNTS }).length, 1);
      });
      await cell.kept('exactly the three nodes (nothing from the broken answer)', (assert: Asserts) => {
        assert.equal(view.cells.length, 3);
      });
    });
  }

  faultMatrix.cell('headersTimeout', 'heatmap', async (cell) => {
    f.emulator.addFault({ route: NODES.source, kind: 'latency', delayMs: 2500, count: 1 });
    await view.refresh();
    await cell.sees('the new cells after the 1 s headers timeout and one retry', (assert: Asserts) => {
      showsNewRead(assert);
      assert.match(f.logger.text, /UND_ERR_HEADERS_TIMEOUT/);
    });
    await cell.received('two node GETs with one client-request-id (the stalled one is recorded when it ends)', async (assert: Asserts) => {
      await assertRepeatedAfterStall(assert, f, NODES);
    });
    await cell.kept('exactly the three nodes', (assert: Asserts) => {
      assert.equal(view.cells.length, 3);
    });
  });

  faultMatrix.cell('expiredToken401', 'heatmap', async (cell) => {
    f.newTokenCache();
    f.credential.expired = 1;
    await view.refresh();
    const refreshed = nodeGets();
    const recovered = [...view.cells];
    f.emulator.clearRequests();
    f.emulator.setNodeState(ACCOUNT, POOL, changedId, 'idle');
    f.newTokenCache();
    f.credential.expired = 20;
    await view.refresh();
    await cell.sees('one token refresh recovers (new cells); a token that stays expired: 401 with "sign in again" in the status', (assert: Asserts) => {
      assert.equal(recovered.find((c) => c.id === changedId)?.state, 'offline');
      assertSignInAgain(assert, failedWith(assert).error);
    });
    await cell.received('401 then 200 with a new token and one client-request-id; then exactly two 401s (refresh once, no loop)', (assert: Asserts) => {
      assertRefreshedOnceThenStopped(assert, refreshed, f.emulator.requests({ path: NODES }));
    });
    await cell.kept('the cells of the read before stay', (assert: Asserts) => {
      assert.deepEqual(view.cells, recovered);
    });
  });

  for (const [row, status, code] of [
    ['forbidden403', 403, 'AuthorizationFailure'],
    ['conflict409', 409, 'OperationInvalidForCurrentState'],
  ] as const) {
    faultMatrix.cell(row, 'heatmap', async (cell) => {
      f.emulator.addFault({ route: NODES.source, kind: 'status', status, count: 1 });
      await view.refresh();
      await cell.sees(`${code} naming the read, with its request ids, in the status; the panel reads again later`, (assert: Asserts) => {
        const shown = failedWith(assert);
        assertRefusal(assert, shown.error, status, code, OPERATION);
        assert.ok(shown.error.serviceRequestId && shown.error.clientRequestId);
        assert.ok(shown.nextAt > view.now);
      });
      await cell.received('one node GET: not retried', (assert: Asserts) => {
        assert.deepEqual(nodeGets().map((r) => r.status), [status]);
      });
      await cell.kept('the cells of the previous read', keptCells);
    });
  }

  faultMatrix.cell('notFound404', 'heatmap', async (cell) => {
    f.emulator.addFault({ route: COUNTS.source, kind: 'status', status: 404, count: 1 });
    await view.refresh();
    const withoutCounts = { cells: [...view.cells], counts: view.poolCounts, countsError: view.countsError, phase: view.status?.phase };
    dropPool(f);
    await view.refresh();
    await cell.sees('a 404 on the node counts: the new cells without counts; a 404 on the pool: PoolNotFound with "refresh the tree"', (assert: Asserts) => {
      assert.equal(withoutCounts.phase, 'waiting');
      assert.equal(withoutCounts.cells.find((c) => c.id === changedId)?.state, 'offline');
      assert.equal(withoutCounts.counts, undefined);
      assert.ok(withoutCounts.countsError instanceof AzureRequestError && withoutCounts.countsError.status === 404);
      const status = failedWith(assert);
      assert.ok(status.error instanceof AzureRequestError && status.error.status === 404, String(status.error));
      assert.equal(status.error.code, 'PoolNotFound');
      assert.match(status.error.toString(), /refresh the tree/);
    });
    await cell.received('one node GET per read (a 404 is not retried), one node-count GET each', (assert: Asserts) => {
      assert.deepEqual(nodeGets().map((r) => r.status), [200, 404]);
      assert.deepEqual(f.emulator.requests({ path: COUNTS }).map((r) => r.status), [404, 200]);
    });
    await cell.kept('the cells of the last read that worked', (assert: Asserts) => {
      assert.deepEqual(view.cells, withoutCounts.cells);
    });
  });

  faultMatrix.notApplicable('precondition412', 'heatmap', 'the heatmap only lists nodes and node counts, with no If-Match / If-None-Match, so the service has no condition to refuse with 412');
  faultMatrix.notApplicable('precondition412AfterRetry', 'heatmap', 'the heatmap sends no conditional header: no 412, after a retry or not');

  faultMatrix.cell('offline', 'heatmap', async (cell) => {
    await f.emulator.goOffline();
    await closeSharedTransport(); // no kept-alive connection either: every attempt is refused
    await view.refresh();
    await f.emulator.goOnline();
    await cell.sees('ECONNREFUSED after 4 attempts with the network advice, in the status', (assert: Asserts) => {
      assertConnectionRefused(assert, failedWith(assert).error, OPERATION);
    });
    await cell.received('nothing (the connection was refused)', (assert: Asserts) => {
      assert.equal(f.emulator.requests().length, 0);
    });
    await cell.kept('the cells of the previous read; back online the next read shows the change', async (assert: Asserts) => {
      keptCells(assert);
      await view.refresh();
      showsNewRead(assert);
    });
  });

  faultMatrix.cell('cancellation', 'heatmap', async (cell) => {
    f.emulator.addFault({ route: NODES.source, kind: 'latency', delayMs: 1500, count: 1 });
    const reading = view.refresh();
    await f.faultsUsed(); // the node GET has arrived and is held by the stall
    const timers = view.timers.length;
    view.scheduler.dispose(); // the panel was closed
    await reading;
    await cell.sees('the read ends as cancelled: no error status and no next read after the panel closed', (assert: Asserts) => {
      assertCancelled(assert, view.readError, OPERATION);
      assert.equal(view.status?.phase, 'loading');
      assert.equal(view.timers.length, timers);
    });
    await cell.received('the one node GET that was on the wire, not repeated', async (assert: Asserts) => {
      await assertOnlyTheCancelledRequest(assert, f, NODES);
    });
    await cell.kept('the cells of the previous read', keptCells);
  });

  faultMatrix.cell('crossOriginLink', 'heatmap', async (cell) => {
    f.emulator.addFault({ route: NODES.source, kind: 'foreignLink', count: 1 });
    await view.refresh();
    await cell.sees('CrossOriginLinkError in the status: the link to https://foreign.invalid is not followed', (assert: Asserts) => {
      const status = failedWith(assert);
      assert.ok(status.error instanceof CrossOriginLinkError, String(status.error));
      assert.match(status.error.url, /^https:\/\/foreign\.invalid\//);
    });
    await cell.received('one node GET and one node-count GET to the emulator; nothing else (the token never left)', async (assert: Asserts) => {
      assert.equal(nodeGets().length, 1);
      // The node-count GET runs beside the node GET and may end after the refresh failed: wait for its record.
      assert.equal((await f.requests({}, 2)).length, 2);
    });
    await cell.kept('the cells of the previous read (node still idle), not the page that came with the foreign link (node offline)', keptCells);
  });
});
