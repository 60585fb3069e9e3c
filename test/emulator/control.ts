/**
 * Client of the emulator's control API (for tests that run in another process than the emulator, e.g. inside VS Code).
 * Trusts the emulator's certificate through NODE_EXTRA_CA_CERTS, or through `ca` (PEM text) when given.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { ConformanceViolation, EmulatorInfo, FaultSpec, RecordedRequest } from './api';
import type { NodeError, ReimageRecord } from './state';

export interface ControlOptions {
  /** PEM text of the emulator certificate, or a path to it. Default: rely on NODE_EXTRA_CA_CERTS. */
  ca?: string;
}

export class EmulatorControl {
  private readonly base: string;
  private readonly dispatcher: Agent | undefined;

  constructor(baseUrl: string, options: ControlOptions = {}) {
    this.base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    const ca = options.ca ?? (process.env['NODE_EXTRA_CA_CERTS'] ? readFileSync(process.env['NODE_EXTRA_CA_CERTS'], 'utf8') : undefined);
    const pem = ca && !ca.includes('-----BEGIN') ? readFileSync(ca, 'utf8') : ca;
    this.dispatcher = pem ? new Agent({ connect: { ca: pem } }) : undefined;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await request(`${this.base}_emulator/${path}`, {
      method: method as 'GET',
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const text = await res.body.text();
    if (res.statusCode >= 400) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        /* not JSON */
      }
      throw new Error(`emulator control ${method} ${path} failed (${res.statusCode}): ${message}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  info(): Promise<EmulatorInfo> {
    return this.call('GET', 'info');
  }

  addFault(fault: FaultSpec): Promise<FaultSpec[]> {
    return this.call('POST', 'faults', fault);
  }

  faults(): Promise<FaultSpec[]> {
    return this.call('GET', 'faults');
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  requests(filter: { path?: RegExp | string; method?: string } = {}): Promise<RecordedRequest[]> {
    const params = new URLSearchParams();
    if (filter.path !== undefined) { params.set('path', typeof filter.path === 'string' ? filter.path : filter.path.source); }
    if (filter.method !== undefined) { params.set('method', filter.method); }
    const query = params.toString();
    return this.call('GET', `requests${query ? `?${query}` : ''}`);
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', 'requests');
  }

  setNodeState(account: string, poolId: string, nodeId: string, state: string, errors?: NodeError[]): Promise<Record<string, unknown>> {
    return this.call('POST', 'nodes', { account, poolId, nodeId, state, ...(errors ? { errors } : {}) });
  }

  touchPool(account: string, poolId: string, patch: Record<string, unknown> = {}): Promise<{ eTag: string; lastModified: string }> {
    return this.call('POST', 'pools/touch', { ...patch, account, poolId });
  }

  async failNextImagePut(code: string, message: string): Promise<void> {
    await this.call('POST', 'images/fail-next', { code, message });
  }

  /** Refuses connections for `ms` (starting ~20 ms after this call returns), then listens again on the same port. */
  async offlineFor(ms: number): Promise<void> {
    await this.call('POST', 'offline', { ms });
  }

  conformance(): Promise<ConformanceViolation[]> {
    return this.call('GET', 'conformance');
  }

  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  /** Adds `count` empty subscriptions ("Extra Subscription 001", ...) until the next reset; returns all of them. */
  addSubscriptions(count: number): Promise<{ subscriptionId: string; displayName: string }[]> {
    return this.call('POST', 'subscriptions', { count });
  }

  getNode(account: string, poolId: string, nodeId: string): Promise<{ json: Record<string, unknown>; state: string; reimages: ReimageRecord[] }> {
    return this.call('GET', `state/node?${new URLSearchParams({ account, poolId, nodeId }).toString()}`);
  }

  getPool(account: string, poolId: string): Promise<Record<string, unknown>> {
    return this.call('GET', `state/pool?${new URLSearchParams({ account, poolId }).toString()}`);
  }

  getImage(subscriptionId: string, resourceGroup: string, gallery: string, name: string): Promise<Record<string, unknown>> {
    return this.call('GET', `state/image?${new URLSearchParams({ subscriptionId, resourceGroup, gallery, name }).toString()}`);
  }

  /** Closes the connection pool (when a `ca` was given). */
  async close(): Promise<void> {
    await this.dispatcher?.close();
  }
}
