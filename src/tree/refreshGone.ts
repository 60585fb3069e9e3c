/**
 * Which auto-refresh errors mean "this row is gone for good". Only a 404 on the resource itself: a pool whose GET
 * answers 404 (PoolNotFound) is removed from the round; a 404 on a sub-list (…/nodecounts, …/nodes) is not the account
 * or pool being gone — the row stays (without counts) and is refreshed again. An account whose shared key is missing
 * cannot be read until attached again. Pure.
 */

interface ErrorLike {
  status?: number;
  code?: string;
  url?: string;
}

/** The path of a URL without query, trailing slash and case ("/pools/p1"). */
function pathOf(url: string | undefined): string | undefined {
  if (!url) {
    return undefined;
  }
  try {
    return new URL(url).pathname.replace(/\/+$/, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** True when a 404 (or PoolNotFound) answered a request for `resourceUrl` itself, not for something under it. */
export function isGoneResource(error: unknown, resourceUrl: string): boolean {
  const e = error as ErrorLike | undefined;
  if (e?.code === 'SharedKeyMissing') {
    return true;
  }
  if (e?.status !== 404 && e?.code !== 'PoolNotFound') {
    return false;
  }
  const failed = pathOf(e.url);
  const own = pathOf(resourceUrl);
  return e.code === 'PoolNotFound' || (failed !== undefined && own !== undefined && failed === own);
}

/** A 404 on a list under the account or pool (node counts, nodes): show the row without it, keep refreshing. */
export function isMissingSubList(error: unknown): boolean {
  return (error as ErrorLike | undefined)?.status === 404 && (error as ErrorLike).code !== 'PoolNotFound';
}
