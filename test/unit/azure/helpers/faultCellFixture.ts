import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { EmulatorOptions, RecordedRequest } from '../../../emulator/api';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { AzureClients, type AzureSettings } from '../../../../src/azure/azureClientFactory';
import type { BatchAccountClient } from '../../../../src/azure/batch/batchAccountClient';
import type { ThrottleInfo } from '../../../../src/azure/http/requestTypes';
import { closeSharedTransport } from '../../../../src/azure/http/sharedTransport';
import { emulatorSettings } from './emulatorFixture';
import { RecordingLogger } from './recordingLogger';

/**
 * Emulator tokens with a script: the next `expired` tokens handed out are already expired (while claiming an hour of
 * validity, like a stale cache), so the service answers 401 "expired token" to them.
 */
export class ScriptedCredential implements TokenCredential {
  /** How many of the next tokens are expired. */
  expired = 0;
  readonly issued: string[] = [];
  constructor(private readonly emulator: Emulator) {}
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = typeof scopes === 'string' ? scopes : scopes[0]!;
    const aud = scope.replace(/\/\.default$/, '');
    const stale = this.expired > 0;
    if (stale) {
      this.expired--;
    }
    const now = Math.floor(Date.now() / 1000);
    const token = stale ? this.emulator.issueToken(aud, { issuedAt: now - 7200, lifetimeSeconds: 3600 }) : this.emulator.issueToken(aud);
    this.issued.push(token);
    return { token, expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

/** One emulator and one set of clients for a column's cells; `fresh()` between cells. */
export interface FaultCellFixture {
  emulator: Emulator;
  clients: AzureClients;
  credential: ScriptedCredential;
  logger: RecordingLogger;
  throttles: ThrottleInfo[];
  settings: AzureSettings;
  /** Entra ID client of the `contosoprod` account (pools linux-small with 3 nodes, win-render, gpu-empty). */
  prod: BatchAccountClient;
  /** Back to the seeded data, no faults, no records, no cached tokens, online. */
  fresh(): Promise<void>;
  /** Subscribes to the clients' throttle reports, like the session's onDidThrottle (the bulk runner slows down on them). */
  onDidThrottle(listener: (info: ThrottleInfo) => void): { dispose(): void };
  /** Drops cached tokens: the next request asks the credential again (`prod` is rebuilt on the new cache). */
  newTokenCache(): void;
  /** Waits until every injected fault was used up (e.g. a stalled request has arrived and is being held). */
  faultsUsed(timeoutMs?: number): Promise<void>;
  /** Waits until the emulator recorded `count` requests matching the filter (records of slow requests come late). */
  requests(filter: { path?: RegExp; method?: string }, count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  stop(): Promise<void>;
}

/**
 * Settings of the matrix's client cells: the shortest headers timeout the setting allows (1 s), 3 retries with a
 * 20 ms backoff base, and Retry-After honoured up to 5 s.
 */
export async function startFaultCellFixture(options: EmulatorOptions = {}): Promise<FaultCellFixture> {
  const emulator = await startEmulator({ quiet: true, data: 'small', lroDelayMs: 100, nodeTransitionMs: 200, ...options });
  const credential = new ScriptedCredential(emulator);
  const logger = new RecordingLogger();
  const throttles: ThrottleInfo[] = [];
  const base = emulatorSettings(emulator);
  const settings: AzureSettings = { ...base, http: { ...base.http, headersTimeoutSeconds: 1, maxRetries: 3, maxRetryDelaySeconds: 5 } };
  const throttleListeners = new Set<(info: ThrottleInfo) => void>();
  const onThrottled = (t: ThrottleInfo) => {
    throttles.push(t);
    throttleListeners.forEach((listener) => listener(t));
  };
  const clients = new AzureClients({ settings, credential, userAgent: 'fault-matrix/1.0', logger, onThrottled, retry: { baseDelayMs: 20 } });
  const prodUrl = emulator.info.batchAccounts.find((a) => a.name === 'contosoprod')!.url;
  const fixture: FaultCellFixture = {
    emulator,
    clients,
    credential,
    logger,
    throttles,
    settings,
    prod: clients.batchAccount({ url: prodUrl }),
    onDidThrottle(listener) {
      throttleListeners.add(listener);
      return { dispose: () => throttleListeners.delete(listener) };
    },
    newTokenCache() {
      clients.clearTokenCache();
      fixture.prod = clients.batchAccount({ url: prodUrl });
    },
    async fresh() {
      await emulator.goOnline();
      emulator.reset();
      fixture.newTokenCache();
      credential.expired = 0;
      credential.issued.length = 0;
      throttles.length = 0;
      logger.lines.length = 0;
    },
    async faultsUsed(timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (emulator.faults().length > 0) {
        if (Date.now() > until) {
          throw new Error(`faults not used within ${timeoutMs} ms: ${JSON.stringify(emulator.faults())}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async requests(filter, count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = emulator.requests(filter);
        if (found.length >= count || Date.now() > until) {
          return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop() {
      await emulator.goOnline();
      await closeSharedTransport();
      await emulator.stop();
    },
  };
  return fixture;
}

/** Emulator options of the columns that must see the state an action left: every node transition takes a minute. */
export const HELD_TRANSITIONS: EmulatorOptions = { nodeTransitionMs: 60_000 };

/**
 * The hooks every column's describe needs: starts one fixture before its cells and stops it after them; before each
 * cell, back to the seeded data (`fresh()`), then `arrange` (the column's targets, its baseline read), then the
 * request records cleared, so a cell sees only what it sent. Call in the describe callback; the returned fixture is
 * usable in hooks and cells (it forwards to the one started in `before`).
 */
export function useFaultCellFixture(options: EmulatorOptions = {}, arrange?: (f: FaultCellFixture) => void | Promise<void>): FaultCellFixture {
  let started: FaultCellFixture | undefined;
  const current = (): FaultCellFixture => {
    if (started === undefined) {
      throw new Error('the fault cell fixture is used before its before() hook started it');
    }
    return started;
  };
  before(async () => {
    started = await startFaultCellFixture(options);
  });
  after(async () => {
    await started?.stop();
    started = undefined;
  });
  beforeEach(async () => {
    const f = current();
    await f.fresh();
    await arrange?.(f);
    f.emulator.clearRequests();
  });
  return new Proxy({} as FaultCellFixture, {
    get: (_target, property) => Reflect.get(current(), property) as unknown,
    set: (_target, property, value) => Reflect.set(current(), property, value),
  });
}

/** The rejection of `promise` (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
