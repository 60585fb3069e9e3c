/**
 * What the service received when a token expired, shared by the fault-matrix columns of reads and writes: a 401 is
 * never processed, so the client refreshes the token once and sends the same request again (even a POST); with tokens
 * that stay expired it stops after that one refresh.
 */
import type { Asserts } from '../../../faultMatrix';
import type { RecordedRequest } from '../../../emulator/api';

/** 401, then the same request (one client-request-id) with a new token, answered `served`. */
export function assertRefreshedOnce(assert: Asserts, sent: RecordedRequest[], served = 200): void {
  assert.deepEqual(sent.map((r) => r.status), [401, served]);
  assert.notEqual(sent[0]!.headers['authorization'], sent[1]!.headers['authorization']);
  assert.equal(sent[0]!.headers['client-request-id'], sent[1]!.headers['client-request-id']);
}

/** `refreshed` as above; then, with tokens that stay expired, exactly two 401s in `stale` (refresh once, no loop). */
export function assertRefreshedOnceThenStopped(assert: Asserts, refreshed: RecordedRequest[], stale: RecordedRequest[], served = 200): void {
  assertRefreshedOnce(assert, refreshed, served);
  assert.deepEqual(stale.map((r) => r.status), [401, 401]);
}
