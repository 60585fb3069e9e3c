/** undici's raw headers as a flat record with lower-case names. */
export function normalizeHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) {
      continue;
    }
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Batch sends `request-id`; ARM sends `x-ms-request-id`. */
export function serviceRequestIdOf(headers: Record<string, string>): string | undefined {
  return headers['request-id'] ?? headers['x-ms-request-id'];
}
