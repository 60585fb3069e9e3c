/** One started emulator per suite, with an HTTPS client, a Batch bearer token and the account URLs. */
import * as assert from 'node:assert/strict';
import type { EmulatorOptions } from '../../emulator/api';
import { describeViolation } from '../../harness/conformanceCheck';
import { startEmulator, type Emulator } from '../../emulator/server';
import { EmulatorHttp } from '../../emulator/testClient';

export interface EmulatorFixture {
  emulator: Emulator;
  http: EmulatorHttp;
  /** Authorization header with a Batch token from the emulator's token endpoint. */
  auth: Record<string, string>;
  /** Data-plane URL of a Batch account by name. */
  url(account: string): string;
}

/**
 * Starts the emulator before the suite, stops it after, resets its data after each test. After each test, every
 * response the emulator sent must be one the official specs define (requests are the test's business: some are wrong
 * on purpose). The fixture's fields are filled in `before`, so read them inside tests and hooks.
 */
export function useEmulator(options: EmulatorOptions = {}): EmulatorFixture {
  const f = { url: (name: string) => f.emulator.info.batchAccounts.find((a) => a.name === name)!.url } as EmulatorFixture;
  before(async () => {
    f.emulator = await startEmulator({ quiet: true, data: 'small', ...options });
    f.http = new EmulatorHttp(f.emulator.info);
    f.auth = { authorization: `Bearer ${await f.http.batchToken()}` };
  });
  after(async () => {
    await f.http.close();
    await f.emulator.stop();
  });
  afterEach(() => {
    const responses = f.emulator.conformanceViolations().filter((v) => v.kind === 'response');
    f.emulator.reset();
    assert.deepEqual(responses.map(describeViolation), [], 'the emulator answered only as the specs allow');
  });
  return f;
}
