/**
 * What the log may say about a malformed webview message: its `type` only (at most 40 characters of a string), never
 * its content (a draft may hold secrets). Pure.
 */
export function messageTypeOf(raw: unknown): string {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw;
  }
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : `no type (${typeof type})`;
}
