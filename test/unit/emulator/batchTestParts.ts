/** Small pieces the emulator's Batch tests share: the api-version query, error body shape, polling, lookups. */
import type { Emulator } from '../../emulator/server';
import type { NodeRecord, PoolRecord } from '../../emulator/state';
import type { EmulatorFixture } from './fixture';

export const V = 'api-version=2025-06-01.21.0';
export const JSON_BATCH = { 'content-type': 'application/json; odata=minimalmetadata' };

export interface BatchErrorBody {
  code: string;
  message: { lang: string; value: string };
  values?: { key: string; value: string }[];
}

/** Polls `read` until `accept` is true; fails with the last value read when the timeout passes first. */
export async function waitFor<T>(read: () => T, accept: (v: T) => boolean, timeoutMs = 4000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (accept(v)) { return v; }
    if (Date.now() > end) { throw new Error(`waited ${timeoutMs} ms; last value: ${JSON.stringify(v)}`); }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The Batch error value for `key` ("NodeState", "Reason", ...). */
export function errorValue(body: unknown, key: string): string | undefined {
  return (body as BatchErrorBody).values?.find((v) => v.key === key)?.value;
}

/** A pool of the emulator's live model, and the first node in a state. */
export function poolOf(emulator: Emulator, account: string, poolId: string): PoolRecord {
  return emulator.state.accounts.get(account)!.pools.get(poolId)!;
}

export function nodeIn(pool: PoolRecord, state: string): NodeRecord {
  const node = pool.nodes.find((n) => n.state === state);
  if (!node) { throw new Error(`no ${state} node in pool ${pool.id}`); }
  return node;
}

/** POST with the Batch JSON content type and, when given, a JSON body. */
export function postJson(f: EmulatorFixture, url: string, body?: unknown) {
  return f.http.send('POST', url, { headers: { ...f.auth, ...JSON_BATCH }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}
