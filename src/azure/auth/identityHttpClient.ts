import { undici } from '../../lazy/lazyModules';
import { getSharedTransport, type TransportOptions } from '../http/sharedTransport';

/**
 * An @azure/core-rest-pipeline compatible HttpClient backed by the shared undici transport, so
 * token requests of @azure/identity credentials follow the same proxy, timeout and CA settings as
 * every other request. Structural types only: no runtime dependency on core-rest-pipeline.
 */
interface HeadersLike {
  get(name: string): string | undefined;
  has(name: string): boolean;
  set(name: string, value: string | number | boolean): void;
  delete(name: string): void;
  toJSON(options?: { preserveCase?: boolean }): Record<string, string>;
  [Symbol.iterator](): Iterator<[string, string]>;
}

interface PipelineRequestLike {
  url: string;
  method: string;
  headers: HeadersLike;
  body?: unknown;
  abortSignal?: AbortSignal;
  timeout?: number;
}

export interface PipelineResponseLike {
  request: PipelineRequestLike;
  status: number;
  headers: HeadersLike;
  bodyAsText?: string | null;
}

export interface IdentityHttpClient {
  sendRequest(request: PipelineRequestLike): Promise<PipelineResponseLike>;
}

class SimpleHeaders implements HeadersLike {
  private readonly map = new Map<string, { name: string; value: string }>();
  constructor(raw?: Record<string, string | string[] | undefined>) {
    for (const [name, value] of Object.entries(raw ?? {})) {
      if (value !== undefined) {
        this.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
    }
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string | number | boolean): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  toJSON(options?: { preserveCase?: boolean }): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, entry] of this.map) {
      out[options?.preserveCase ? entry.name : key] = entry.value;
    }
    return out;
  }
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const [key, entry] of this.map) {
      yield [key, entry.value];
    }
  }
}

function bodyOf(body: unknown): string | Buffer | undefined {
  if (body === undefined || body === null) {
    return undefined;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    return body;
  }
  if (body instanceof Uint8Array) {
    return Buffer.from(body);
  }
  if (body instanceof URLSearchParams) {
    return body.toString();
  }
  throw new Error('Unsupported request body type for the identity HTTP client');
}

export function createIdentityHttpClient(transport: TransportOptions): IdentityHttpClient {
  return {
    async sendRequest(request) {
      const url = new URL(request.url);
      const response = await undici().request(url, {
        dispatcher: getSharedTransport(transport).dispatcherFor(url),
        method: request.method as 'GET' | 'POST',
        headers: request.headers.toJSON({ preserveCase: true }),
        body: bodyOf(request.body),
        signal: request.abortSignal,
        headersTimeout: request.timeout || undefined,
      });
      const bodyAsText = await response.body.text();
      return { request, status: response.statusCode, headers: new SimpleHeaders(response.headers), bodyAsText };
    },
  };
}
