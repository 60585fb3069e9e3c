/**
 * Steps and checks shared by the fault-matrix columns of reads: GETs the client repeats after a lost or unreadable
 * answer, as many times as the retry setting allows (list nodes, read node file, remote login settings). Each column
 * passes its own GET (`read`), its route and its operation text ("List nodes of pool linux-small"); what a recovered
 * read must return, and what "kept" means, stay in the column's file.
 */
import { AzureRequestError } from '../../../../src/azure/errors/azureRequestError';
import { RequestCancelledError } from '../../../../src/azure/errors/specificErrors';
import type { Asserts } from '../../../faultMatrix';
import type { RecordedRequest } from '../../../emulator/api';
import { rejectionOf, type FaultCellFixture } from './faultCellFixture';

/** `text` as a literal inside a RegExp. */
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The faults after which a read is simply repeated (the answer was lost, cut or unreadable): row, and the emulator's fault kind. */
export const LOST_ANSWER_FAULTS = [
  ['resetBeforeAnswer', 'reset'],
  ['resetAfterSent', 'resetAfterProcessing'],
  ['cutBody', 'cutBody'],
  ['malformedJson', 'malformedJson'],
] as const;

/** What the service got for a 503 and a 500 retried away (3), then for a lasting 500 (1 + maxRetries 3). */
export const PASSING_THEN_LASTING_5XX = [503, 500, 200, 500, 500, 500, 500];

/**
 * A 503 and a 500 that the client retries away (the read's result), then a lasting 500 (its error). The lasting
 * fault stays: the cell clears it before checking that the read works again.
 */
export async function readThroughPassingThenLasting5xx<T>(f: FaultCellFixture, route: RegExp, read: () => Promise<T>): Promise<{ result: T; error: unknown }> {
  f.emulator.addFault({ route: route.source, kind: 'status', status: 503, count: 1 });
  f.emulator.addFault({ route: route.source, kind: 'status', status: 500, count: 1 });
  const result = await read();
  f.emulator.addFault({ route: route.source, kind: 'status', status: 500 });
  const error = await rejectionOf(read());
  return { result, error };
}

/** The lasting 500: InternalError naming the operation, with "try again later". */
export function assertLastingInternalError(assert: Asserts, error: unknown, operation: string): asserts error is AzureRequestError {
  assert.ok(error instanceof AzureRequestError && error.status === 500, String(error));
  assert.match(error.toString(), new RegExp(`^${literal(operation)} failed: InternalError: .* \\(HTTP 500\\)\\. The service had a problem: try again later\\.$`));
}

/** A 429 answered, then the same request (one client-request-id) served at least 1 s later (its Retry-After). */
export function assertThrottledThenServed(assert: Asserts, sent: RecordedRequest[]): void {
  const [a, b] = sent;
  assert.deepEqual([a!.status, b!.status], [429, 200]);
  assert.equal(a!.headers['client-request-id'], b!.headers['client-request-id']);
  assert.ok(b!.time - a!.time >= 950, `${b!.time - a!.time} ms`);
}

/** Two GETs with one client-request-id: the first answered by the `fault`, the second served. */
export function assertRepeatedOnceAfter(assert: Asserts, sent: RecordedRequest[], fault: string): void {
  assert.deepEqual(sent.map((r) => r.fault), [fault, undefined]);
  assert.equal(sent[0]!.headers['client-request-id'], sent[1]!.headers['client-request-id']);
}

/** Two GETs with one client-request-id after a stall past the headers timeout (the stalled one is recorded when it ends). */
export async function assertRepeatedAfterStall(assert: Asserts, f: FaultCellFixture, route: RegExp): Promise<void> {
  const sent = await f.requests({ path: route }, 2);
  assert.equal(sent.length, 2);
  assert.equal(sent[0]!.headers['client-request-id'], sent[1]!.headers['client-request-id']);
}

/**
 * One expired token (the client refreshes it once and the read succeeds: `result`, its requests `refreshed`), then,
 * on a new token cache, tokens that stay expired (`error`); the records then hold only the second read's requests.
 */
export async function readAfterExpiredTokens<T>(f: FaultCellFixture, route: RegExp, read: () => Promise<T>): Promise<{ result: T; refreshed: RecordedRequest[]; error: unknown }> {
  f.newTokenCache();
  f.credential.expired = 1;
  const result = await read();
  const refreshed = [...f.emulator.requests({ path: route })];
  f.emulator.clearRequests();
  f.newTokenCache();
  f.credential.expired = 10;
  const error = await rejectionOf(read());
  return { result, refreshed, error };
}

/** A token that stays expired: 401 AuthenticationFailed with "sign in again". */
export function assertSignInAgain(assert: Asserts, error: unknown): asserts error is AzureRequestError {
  assert.ok(error instanceof AzureRequestError && error.status === 401, String(error));
  assert.equal(error.code, 'AuthenticationFailed');
  assert.match(error.toString(), /Sign in to Azure again/);
}

/** Valid tokens again, on a new cache (for the read that shows nothing was lost). */
export function validTokensAgain(f: FaultCellFixture): void {
  f.credential.expired = 0;
  f.newTokenCache();
}

/** A refusal the client does not retry: `code` with its status, the error text starting with the operation. */
export function assertRefusal(assert: Asserts, error: unknown, status: number, code: string, operation: string): asserts error is AzureRequestError {
  assert.ok(error instanceof AzureRequestError && error.status === status, String(error));
  assert.equal(error.code, code);
  assert.match(error.toString(), new RegExp(`^${literal(operation)} failed: ${code}: `));
}

/** Offline: the connection refused on every attempt (1 + maxRetries 3), with the network advice. */
export function assertConnectionRefused(assert: Asserts, error: unknown, operation: string): asserts error is AzureRequestError {
  assert.ok(error instanceof AzureRequestError && error.kind === 'network', String(error));
  assert.equal(error.code, 'ECONNREFUSED');
  assert.equal(error.attempts, 4);
  assert.match(error.toString(), new RegExp(`^${literal(operation)} failed: ECONNREFUSED: The connection was refused\\. Check the network connection and the proxy settings`));
}

/**
 * Cancels a read on the wire: the GET arrives and is held by a 1.5 s stall, then the caller aborts. The read's
 * rejection, and how long after the abort it came.
 */
export async function cancelOnTheWire(f: FaultCellFixture, route: RegExp, read: (signal: AbortSignal) => Promise<unknown>): Promise<{ error: unknown; afterAbortMs: number }> {
  f.emulator.addFault({ route: route.source, kind: 'latency', delayMs: 1500, count: 1 });
  const controller = new AbortController();
  const pending = rejectionOf(read(controller.signal));
  await f.faultsUsed(); // the GET has arrived and is held by the stall
  const aborted = Date.now();
  controller.abort();
  const error = await pending;
  return { error, afterAbortMs: Date.now() - aborted };
}

/** The cancelled read: RequestCancelledError, "<operation> was cancelled.", not a failure. */
export function assertCancelled(assert: Asserts, error: unknown, operation: string): asserts error is RequestCancelledError {
  assert.ok(error instanceof RequestCancelledError, String(error));
  assert.equal(error.toString(), `${operation} was cancelled.`);
}

/** The one GET that was on the wire, processed after its stall and not repeated (`settleMs`: wait that long for a late repeat). */
export async function assertOnlyTheCancelledRequest(assert: Asserts, f: FaultCellFixture, route: RegExp, settleMs = 0): Promise<void> {
  const sent = await f.requests({ path: route }, 1);
  if (settleMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }
  assert.equal(sent.length, 1);
  assert.equal(f.emulator.requests({ path: route }).length, 1);
}
