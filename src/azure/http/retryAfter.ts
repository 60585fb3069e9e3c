/**
 * The delay a response asks for, in milliseconds: `x-ms-retry-after-ms`, then `retry-after-ms`,
 * then `Retry-After` (delta-seconds or an HTTP date). Undefined when absent or unparsable.
 */
export function retryAfterMsFrom(headers: Record<string, string | undefined>, now = Date.now()): number | undefined {
  for (const name of ['x-ms-retry-after-ms', 'retry-after-ms']) {
    const raw = headers[name];
    if (raw !== undefined && raw.trim() !== '') {
      const ms = Number(raw);
      if (Number.isFinite(ms) && ms >= 0) {
        return ms;
      }
    }
  }
  const raw = headers['retry-after']?.trim();
  if (!raw) {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(raw)) {
    return Number(raw) * 1000;
  }
  const date = Date.parse(raw);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - now);
}
