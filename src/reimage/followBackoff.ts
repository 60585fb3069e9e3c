/**
 * How the node follower treats a node whose reads fail: it waits longer after each failure of that node (doubling,
 * up to a cap), logs the 1st, 2nd, 4th, 8th… failure in a row only, and stops for good on an answer that waiting cannot
 * change: 404 (the node or pool is gone) and authentication failures (401, signed out, no credential). Pure.
 */

/** The wait before the next read: `interval` after a success, doubled per failure in a row, at most `maxMs`. */
export function readBackoffMs(interval: number, failures: number, maxMs: number): number {
  if (failures <= 0) {
    return interval;
  }
  return Math.min(Math.max(interval, maxMs), interval * 2 ** Math.min(failures, 20));
}

/** Log the failures 1, 2, 4, 8, … in a row (about 10 lines an hour per node at the cap, not 10 a second for all). */
export function shouldLogReadFailure(failures: number): boolean {
  return failures > 0 && (failures & (failures - 1)) === 0;
}

const AUTH_CODES = /^(SignedOut|AuthenticationFailed|AuthenticationRequired|CredentialUnavailable|InvalidAuthenticationToken\w*|ExpiredAuthenticationToken|SharedKeyMissing)$/i;
const AUTH_NAMES = /^(CredentialUnavailableError|AuthenticationRequiredError|SignedOutError)$/;

/** Why following must stop after this read error, or undefined when a later read may succeed. */
export function followReadStop(error: unknown): 'gone' | 'authentication' | undefined {
  const e = error as { status?: number; code?: string; name?: string } | undefined;
  if (e?.status === 404) {
    return 'gone';
  }
  if (e?.status === 401 || AUTH_CODES.test(e?.code ?? '') || AUTH_NAMES.test(e?.name ?? '')) {
    return 'authentication';
  }
  return undefined;
}
