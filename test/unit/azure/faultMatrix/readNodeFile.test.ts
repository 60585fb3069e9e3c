/**
 * Fault matrix, column "read node file" at client level: GET …/nodes/{nodeId}/files/startup/stderr.txt (what an
 * editor tab and Open Start Task Output read) under every fault. What the caller sees = the file's bytes or the typed
 * error and its text; kept = no partial content is ever returned and the file reads whole once the fault is gone;
 * received = the emulator's request records.
 */
import { AzureRequestError } from '../../../../src/azure/errors/azureRequestError';
import type { NodeFileContent } from '../../../../src/azure/batch/nodeOperationModels';
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { rejectionOf, useFaultCellFixture } from '../helpers/faultCellFixture';
import {
  assertCancelled, assertConnectionRefused, assertLastingInternalError, assertOnlyTheCancelledRequest, assertRefusal,
  assertRepeatedAfterStall, assertRepeatedOnceAfter, assertSignInAgain, cancelOnTheWire, LOST_ANSWER_FAULTS, PASSING_THEN_LASTING_5XX,
  readAfterExpiredTokens, readThroughPassingThenLasting5xx, validTokensAgain,
} from '../helpers/readCells';
import { assertRefreshedOnceThenStopped } from '../helpers/tokenRefresh';

faultMatrix.reportAtEnd('unit');

const POOL = 'linux-small';
const FILE = 'startup/stderr.txt';

describe('fault matrix (client): read node file', function () {
  this.timeout(20_000);
  let nodeId: string;
  let route: RegExp;
  /** The file read without faults: what every recovered read must return. */
  let expected: string;
  const f = useFaultCellFixture({}, async () => {
    const nodes = await f.prod.listNodesPage(POOL, { filter: "state eq 'starttaskfailed'" });
    nodeId = nodes.items[0]!.id!;
    route = new RegExp(`/pools/${POOL}/nodes/${nodeId}/files/startup/stderr\\.txt$`);
    expected = Buffer.from((await read()).bytes).toString('utf8');
  });

  const read = (options: { abortSignal?: AbortSignal; range?: { start: number; end?: number } } = {}): Promise<NodeFileContent> =>
    f.prod.nodeFiles.getNodeFile(POOL, nodeId, FILE, options);
  const text = (content: NodeFileContent) => Buffer.from(content.bytes).toString('utf8');
  const readsWhole = async (assert: Asserts) => {
    assert.equal(text(await read()), expected);
  };
  const operation = () => `Read ${FILE} on node ${nodeId} of pool ${POOL}`;

  faultMatrix.cell('throttled429', 'readNodeFile', async (cell) => {
    f.emulator.addFault({ route: route.source, kind: 'status', status: 429, retryAfterSeconds: 1, count: 1 });
    const content = await read({ range: { start: 10, end: 29 } });
    await cell.sees('the 20 bytes asked for, and one throttle report (Retry-After 1 s, retried)', (assert: Asserts) => {
      assert.equal(text(content), expected.slice(10, 30));
      assert.deepEqual(f.throttles.map((t) => [t.retryAfterMs, t.willRetry]), [[1000, true]]);
    });
    await cell.received('two GETs with one client-request-id and the same ocp-range', (assert: Asserts) => {
      const [a, b] = f.emulator.requests({ path: route });
      assert.deepEqual([a!.status, b!.status], [429, 200]);
      assert.equal(a!.headers['client-request-id'], b!.headers['client-request-id']);
      assert.deepEqual([a!.headers['ocp-range'], b!.headers['ocp-range']], ['bytes=10-29', 'bytes=10-29']);
    });
    await cell.kept('the whole file still reads as before', readsWhole);
  });

  faultMatrix.cell('serverError5xx', 'readNodeFile', async (cell) => {
    const { result: content, error } = await readThroughPassingThenLasting5xx(f, route, () => read());
    await cell.sees('a 503 and a 500 are retried away; a lasting 500 ends in InternalError with "try again later"', (assert: Asserts) => {
      assert.equal(text(content), expected);
      assertLastingInternalError(assert, error, operation());
    });
    await cell.received('3 GETs for the first read (503, 500, 200); 4 (1 + maxRetries 3) for the lasting 500', (assert: Asserts) => {
      assert.deepEqual(f.emulator.requests({ path: route }).map((r) => r.status), PASSING_THEN_LASTING_5XX);
    });
    await cell.kept('no partial content; the file reads whole once the service recovers', async (assert: Asserts) => {
      f.emulator.clearFaults();
      await readsWhole(assert);
    });
  });

  // A file's bytes are not JSON: the malformedJson row is not applicable (below).
  for (const [row, kind] of LOST_ANSWER_FAULTS.filter(([faultRow]) => faultRow !== 'malformedJson')) {
    faultMatrix.cell(row, 'readNodeFile', async (cell) => {
      f.emulator.addFault({ route: route.source, kind, count: 1 });
      const content = await read();
      await cell.sees('the whole file: a read is repeated after a lost or cut answer', (assert: Asserts) => {
        assert.equal(text(content), expected);
        assert.match(f.logger.text, /retrying in \d+ ms/);
      });
      await cell.received(`two GETs with one client-request-id, the first answered by "${kind}"`, (assert: Asserts) => {
        assertRepeatedOnceAfter(assert, f.emulator.requests({ path: route }), kind);
      });
      await cell.kept('exactly the file’s bytes (nothing from the broken answer)', (assert: Asserts) => {
        assert.equal(content.bytes.length, Buffer.byteLength(expected));
      });
    });
  }

  faultMatrix.notApplicable('malformedJson', 'readNodeFile', 'a file read answers the file’s bytes (application/octet-stream), not JSON: there is no JSON to be malformed; a cut body is the cutBody row');

  faultMatrix.cell('headersTimeout', 'readNodeFile', async (cell) => {
    f.emulator.addFault({ route: route.source, kind: 'latency', delayMs: 2500, count: 1 });
    const content = await read();
    await cell.sees('the file after the 1 s headers timeout and one retry', (assert: Asserts) => {
      assert.equal(text(content), expected);
      assert.match(f.logger.text, /UND_ERR_HEADERS_TIMEOUT/);
    });
    await cell.received('two GETs with one client-request-id (the stalled one is recorded when it ends)', async (assert: Asserts) => {
      await assertRepeatedAfterStall(assert, f, route);
    });
    await cell.kept('the file reads whole again', readsWhole);
  });

  faultMatrix.cell('expiredToken401', 'readNodeFile', async (cell) => {
    const { result: content, refreshed, error } = await readAfterExpiredTokens(f, route, () => read());
    await cell.sees('one refresh recovers; a token that stays expired ends in 401 with "sign in again"', (assert: Asserts) => {
      assert.equal(text(content), expected);
      assertSignInAgain(assert, error);
    });
    await cell.received('401 then 200 with a new token and one client-request-id; then exactly two 401s', (assert: Asserts) => {
      assertRefreshedOnceThenStopped(assert, refreshed, f.emulator.requests({ path: route }));
    });
    await cell.kept('the file reads once a valid token comes', async (assert: Asserts) => {
      validTokensAgain(f);
      await readsWhole(assert);
    });
  });

  faultMatrix.cell('forbidden403', 'readNodeFile', async (cell) => {
    f.emulator.addFault({ route: route.source, kind: 'status', status: 403, count: 1 });
    const error = await rejectionOf(read());
    await cell.sees('AuthorizationFailure naming the read, with what to do', (assert: Asserts) => {
      assertRefusal(assert, error, 403, 'AuthorizationFailure', operation());
      assert.match(error.toString(), /lacks a role assignment/);
    });
    await cell.received('one GET: not retried', (assert: Asserts) => {
      assert.equal(f.emulator.requests({ path: route }).length, 1);
    });
    await cell.kept('the file reads whole afterwards', readsWhole);
  });

  faultMatrix.cell('notFound404', 'readNodeFile', async (cell) => {
    const error = await rejectionOf(f.prod.nodeFiles.getNodeFile(POOL, nodeId, 'startup/gone.txt'));
    await cell.sees('FileNotFound naming the file, never empty content', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && error.status === 404, String(error));
      assert.equal(error.code, 'FileNotFound');
      assert.match(error.toString(), new RegExp(`^Read startup/gone\\.txt on node ${nodeId} of pool ${POOL} failed: FileNotFound: The specified file does not exist`));
    });
    await cell.received('one GET: a 404 is not retried', (assert: Asserts) => {
      assert.deepEqual(f.emulator.requests({ path: /files\/startup\/gone\.txt$/ }).map((r) => r.status), [404]);
    });
    await cell.kept('the other files of the node still read', readsWhole);
  });

  faultMatrix.cell('conflict409', 'readNodeFile', async (cell) => {
    f.emulator.setNodeState('contosoprod', POOL, nodeId, 'rebooting');
    const error = await rejectionOf(read());
    f.emulator.setNodeState('contosoprod', POOL, nodeId, 'starttaskfailed');
    await cell.sees('NodeBeingRebooted with the node state: the node agent does not answer now', (assert: Asserts) => {
      assert.ok(error instanceof AzureRequestError && error.status === 409, String(error));
      assert.equal(error.code, 'NodeBeingRebooted');
      assert.deepEqual(error.values.find((v) => v.key === 'NodeState')?.value, 'rebooting');
    });
    await cell.received('one GET: a 409 is not retried', (assert: Asserts) => {
      assert.deepEqual(f.emulator.requests({ path: route }).map((r) => r.status), [409]);
    });
    await cell.kept('once the node answers again, the file reads whole', readsWhole);
  });

  faultMatrix.notApplicable('precondition412', 'readNodeFile', 'reading a node file sends no If-Match / If-None-Match / If-Modified-Since, so the service has no condition to refuse with 412');
  faultMatrix.notApplicable('precondition412AfterRetry', 'readNodeFile', 'reading a node file sends no conditional header: no 412, after a retry or not');

  faultMatrix.cell('offline', 'readNodeFile', async (cell) => {
    await f.emulator.goOffline();
    const error = await rejectionOf(read());
    await f.emulator.goOnline();
    await cell.sees('ECONNREFUSED after 4 attempts, with the network advice', (assert: Asserts) => {
      assertConnectionRefused(assert, error, operation());
    });
    await cell.received('nothing (the connection was refused)', (assert: Asserts) => {
      assert.equal(f.emulator.requests({ path: route }).length, 0);
    });
    await cell.kept('back online, the file reads whole', readsWhole);
  });

  faultMatrix.cell('cancellation', 'readNodeFile', async (cell) => {
    const { error } = await cancelOnTheWire(f, route, (abortSignal) => read({ abortSignal }));
    await cell.sees('RequestCancelledError ("… was cancelled."), not a failure', (assert: Asserts) => {
      assertCancelled(assert, error, operation());
    });
    await cell.received('the one GET that was on the wire, not repeated', async (assert: Asserts) => {
      await assertOnlyTheCancelledRequest(assert, f, route);
    });
    await cell.kept('the file reads whole afterwards', readsWhole);
  });

  faultMatrix.notApplicable('crossOriginLink', 'readNodeFile', 'a file read follows no link: the answer is the file’s bytes, with no next link or operation URL (listing a folder pages like list nodes)');
});
