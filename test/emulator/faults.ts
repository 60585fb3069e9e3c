/** Injected faults: which ones match a request, and how a matching fault changes the reply on the wire. */
import type { ServerResponse } from 'node:http';
import type { FaultKind, FaultSpec } from './api';
import type { Reply } from './http';
import { sleep } from './http';

interface ActiveFault {
  spec: FaultSpec;
  route?: RegExp;
  remaining: number; // Infinity = until cleared
}

export interface MatchedFaults {
  /** Total extra latency (all matching latency faults). */
  delayMs: number;
  /** The first matching fault of another kind. */
  fault?: FaultSpec;
  /** Kinds applied, for the request record. */
  kinds: FaultKind[];
}

const KINDS: FaultKind[] = ['latency', 'status', 'reset', 'resetAfterProcessing', 'slowBody', 'cutBody', 'malformedJson', 'foreignLink', 'noEtag'];

export const DEFAULT_FOREIGN_ORIGIN = 'https://foreign.invalid';

export class FaultRegistry {
  private faults: ActiveFault[] = [];

  /** Validates and adds a fault; throws with a readable message when the spec is unusable. */
  add(spec: FaultSpec): void {
    if (!KINDS.includes(spec.kind)) { throw new Error(`unknown fault kind '${String(spec.kind)}' (expected one of ${KINDS.join(', ')})`); }
    if (spec.kind === 'status' && (typeof spec.status !== 'number' || spec.status < 400 || spec.status > 599)) {
      throw new Error("a 'status' fault needs status between 400 and 599");
    }
    if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) { throw new Error('count must be a positive integer'); }
    if (spec.origin !== undefined) {
      let origin: URL;
      try {
        origin = new URL(spec.origin);
      } catch {
        throw new Error(`origin is not a URL: ${spec.origin}`);
      }
      if (origin.origin !== spec.origin.replace(/\/+$/, '')) { throw new Error(`origin must be scheme://host[:port] only, got ${spec.origin}`); }
    }
    let route: RegExp | undefined;
    if (spec.route !== undefined) {
      try {
        route = new RegExp(spec.route);
      } catch (e) {
        throw new Error(`route is not a valid regular expression: ${(e as Error).message}`);
      }
    }
    this.faults.push({ spec: { ...spec }, route, remaining: spec.count ?? Infinity });
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => ({ ...f.spec, ...(Number.isFinite(f.remaining) ? { count: f.remaining } : {}) }));
  }

  /** Finds the faults for this request and consumes one use of each applied fault. */
  match(method: string, path: string, query: Record<string, string> = {}): MatchedFaults {
    const out: MatchedFaults = { delayMs: 0, kinds: [] };
    for (const f of this.faults) {
      if (f.remaining <= 0) { continue; }
      if (f.spec.method && f.spec.method.toUpperCase() !== method.toUpperCase()) { continue; }
      if (f.route && !f.route.test(path)) { continue; }
      if (f.spec.query && Object.entries(f.spec.query).some(([name, value]) => query[name] !== value)) { continue; }
      if (f.spec.kind === 'latency') {
        out.delayMs += f.spec.delayMs ?? 1000;
      } else if (out.fault) {
        continue;
      } else {
        out.fault = f.spec;
      }
      out.kinds.push(f.spec.kind);
      f.remaining -= 1;
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return out;
  }
}

/** Headers a throttling/unavailable fault carries. */
export function retryHeaders(spec: FaultSpec): Record<string, string> {
  const headers: Record<string, string> = {};
  if (spec.retryAfterSeconds !== undefined) { headers['retry-after'] = String(spec.retryAfterSeconds); }
  if (spec.retryAfterMs !== undefined) {
    headers['x-ms-retry-after-ms'] = String(spec.retryAfterMs);
    headers['retry-after-ms'] = String(spec.retryAfterMs);
  }
  return headers;
}

/** Replaces the body by something that is not JSON (a truncated document). */
export function malformJson(reply: Reply): Reply {
  const body = typeof reply.body === 'string' ? reply.body : reply.body?.toString('utf8');
  const text = body && body.length > 2 ? body.slice(0, Math.max(1, Math.floor(body.length / 2))) : '{"value": [';
  return { status: 200, headers: { ...reply.headers, 'content-type': 'application/json; charset=utf-8' }, body: `${text}\u0000<!-- truncated -->` };
}

/** The reply as a service that sends no ETag gives it: no ETag header, no top-level eTag in a JSON body. */
export function withoutEtag(reply: Reply): Reply {
  const headers = Object.fromEntries(Object.entries(reply.headers).filter(([name]) => name.toLowerCase() !== 'etag'));
  let body = reply.body;
  if (typeof body === 'string' && body) {
    try {
      const json = JSON.parse(body) as Record<string, unknown>;
      if (json && typeof json === 'object' && !Array.isArray(json) && ('eTag' in json || 'etag' in json)) {
        delete json['eTag'];
        delete json['etag'];
        body = JSON.stringify(json);
      }
    } catch {
      // not JSON: no eTag property
    }
  }
  return { ...reply, headers, body };
}

/**
 * Moves the reply's links to another origin (same path and query): odata.nextLink / nextLink in a JSON body (added
 * when the list has none, so the fault also applies to a last page), Azure-AsyncOperation and Location headers.
 */
export function foreignLinks(reply: Reply, spec: FaultSpec): Reply {
  const origin = (spec.origin ?? DEFAULT_FOREIGN_ORIGIN).replace(/\/+$/, '');
  const move = (link: string): string => {
    try {
      const url = new URL(link);
      return `${origin}${url.pathname}${url.search}`;
    } catch {
      return `${origin}/${link.replace(/^\/+/, '')}`;
    }
  };
  const headers = { ...reply.headers };
  for (const name of ['azure-asyncoperation', 'location']) {
    if (headers[name] !== undefined) { headers[name] = move(headers[name]); }
  }
  let body = reply.body;
  if (typeof body === 'string' && body) {
    try {
      const json = JSON.parse(body) as Record<string, unknown>;
      if (json && typeof json === 'object' && !Array.isArray(json)) {
        const key = 'odata.nextLink' in json || (!('nextLink' in json) && 'odata.metadata' in json) ? 'odata.nextLink' : 'nextLink';
        if (Array.isArray(json['value']) || key in json) {
          const current = typeof json[key] === 'string' ? (json[key] as string) : `${origin}/next-page`;
          json[key] = move(current);
          body = JSON.stringify(json);
        }
      }
    } catch {
      // not JSON: no links to move
    }
  }
  return { ...reply, headers, body };
}

/**
 * Writes a reply, honouring body faults. Resolves with the number of body bytes actually written.
 * `slowBody` sends the body in small chunks over delayMs; `cutBody` announces the full length, sends half, then
 * destroys the socket.
 */
export async function writeReply(res: ServerResponse, reply: Reply, fault?: FaultSpec): Promise<number> {
  const body = reply.body === undefined ? undefined : typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const headers: Record<string, string> = { ...reply.headers };
  // A reply without a body may announce a length (HEAD of a node file: the file's size).
  const announced = body === undefined && headers['content-length'] !== undefined;
  const mayHaveBody = reply.status !== 304 && reply.status !== 204;
  if (mayHaveBody && !announced) { headers['content-length'] = String(body?.length ?? 0); }
  if (fault?.kind === 'cutBody' && mayHaveBody && (!body || body.length === 0)) {
    // Nothing to cut: promise a 2-byte body ("{}"), send half of it, drop the connection.
    headers['content-length'] = '2';
    res.writeHead(reply.status, headers);
    await new Promise<void>((resolve) => res.write('{', () => resolve()));
    res.socket?.destroy();
    return 1;
  }
  res.writeHead(reply.status, headers);
  if (!body || body.length === 0) {
    res.end();
    return 0;
  }
  if (fault?.kind === 'cutBody') {
    const half = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
    await new Promise<void>((resolve) => res.write(half, () => resolve()));
    res.socket?.destroy();
    return half.length;
  }
  if (fault?.kind === 'slowBody') {
    const chunks = Math.min(20, body.length);
    const size = Math.ceil(body.length / chunks);
    const pause = (fault.delayMs ?? 1000) / chunks;
    let sent = 0;
    for (let offset = 0; offset < body.length; offset += size) {
      if (offset > 0) { await sleep(pause); }
      if (res.destroyed) { return sent; }
      const chunk = body.subarray(offset, offset + size);
      res.write(chunk);
      sent += chunk.length;
    }
    res.end();
    return sent;
  }
  res.end(body);
  return body.length;
}
