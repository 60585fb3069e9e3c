/** `maxresults` for Batch lists: the service accepts 1..1000 (default 1000). */
export const BATCH_MAX_RESULTS = 1000;

/**
 * Validates and clamps a page size: undefined stays undefined (service default, 1000);
 * numbers are truncated to integers and clamped to 1..1000; NaN/Infinity are rejected.
 */
export function clampMaxResults(value: number | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Number.isFinite(value)) {
    throw new RangeError(`maxResults must be a number between 1 and ${BATCH_MAX_RESULTS}, got ${value}`);
  }
  return Math.min(BATCH_MAX_RESULTS, Math.max(1, Math.trunc(value)));
}

/** HTTP-date (RFC 7231 / RFC 1123) for If-Modified-Since and friends. */
export function toHttpDate(value: Date | string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a valid date: ${String(value)}`);
  }
  return date.toUTCString();
}
