/**
 * A small HTTPS client for tests that talk to an emulator directly (trusts its certificate, gets tokens from its token
 * service). Not used by the emulator itself.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { EmulatorInfo } from './api';

export interface TestResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed body (undefined when empty or not JSON). */
  json: unknown;
}

export class EmulatorHttp {
  readonly agent: Agent;
  readonly ca: string;

  constructor(readonly info: EmulatorInfo) {
    this.ca = readFileSync(info.certificatePath, 'utf8');
    this.agent = new Agent({ connect: { ca: this.ca } });
  }

  /** `url` may be absolute or relative to the emulator's base URL. */
  async send(method: string, url: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<TestResponse> {
    const full = /^https?:/.test(url) ? url : `${this.info.baseUrl}${url.replace(/^\//, '')}`;
    const res = await request(full, {
      method: method as 'GET',
      dispatcher: this.agent,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
    const text = await res.body.text();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) {
        headers[k] = Array.isArray(v) ? v.join(', ') : v;
      }
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers, text, json };
  }

  /** Client-credentials token from the emulator's token service for `scope` (e.g. "https://batch.core.windows.net//.default"). */
  async token(scope: string): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.info.clientId, client_secret: this.info.clientSecret, scope }).toString();
    const res = await this.send('POST', `${this.info.tenantId}/oauth2/v2.0/token`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    if (res.status !== 200) { throw new Error(`token request failed (${res.status}): ${res.text}`); }
    return (res.json as { access_token: string }).access_token;
  }

  batchToken(): Promise<string> {
    return this.token(`${this.info.batchResourceId}/.default`);
  }

  armToken(): Promise<string> {
    return this.token('https://management.azure.com//.default');
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
