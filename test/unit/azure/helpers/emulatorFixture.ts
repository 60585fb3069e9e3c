import { readFileSync } from 'node:fs';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { startEmulator, type Emulator } from '../../../emulator/server';
import type { EmulatorOptions } from '../../../emulator/api';
import { AzureClients, type AzureSettings } from '../../../../src/azure/azureClientFactory';
import { closeSharedTransport } from '../../../../src/azure/http/sharedTransport';
import type { AzureLogger } from '../../../../src/azure/core/logger';
import type { ThrottleInfo } from '../../../../src/azure/http/requestTypes';

/** Issues emulator tokens directly (fast); the token-endpoint path is covered by its own test. */
export class EmulatorCredential implements TokenCredential {
  readonly scopes: string[] = [];
  constructor(private readonly emulator: Emulator) {}
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = typeof scopes === 'string' ? scopes : scopes[0]!;
    this.scopes.push(scope);
    return { token: this.emulator.issueToken(scope.replace(/\/\.default$/, '')), expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

/** Settings pointing every client at the emulator (custom cloud, its CA trusted). */
export function emulatorSettings(emulator: Emulator): AzureSettings {
  const info = emulator.info;
  return {
    cloud: 'custom',
    customCloud: {
      resourceManagerEndpoint: info.armEndpoint,
      activeDirectoryEndpoint: info.authorityHost,
      batchResourceId: info.batchResourceId,
    },
    authentication: { method: 'environment', tenantId: info.tenantId },
    http: { connectTimeoutSeconds: 5, headersTimeoutSeconds: 10, bodyTimeoutSeconds: 10, maxRetries: 3, maxRetryDelaySeconds: 5 },
    proxy: { useEnvironment: false },
    ca: readFileSync(info.certificatePath, 'utf8'),
  };
}

export interface EmulatorFixture {
  emulator: Emulator;
  clients: AzureClients;
  credential: EmulatorCredential;
  settings: AzureSettings;
  throttles: ThrottleInfo[];
  stop(): Promise<void>;
}

export async function startEmulatorFixture(options: EmulatorOptions = {}, logger?: AzureLogger): Promise<EmulatorFixture> {
  const emulator = await startEmulator({ quiet: true, data: 'demo', lroDelayMs: 300, ...options });
  const credential = new EmulatorCredential(emulator);
  const settings = emulatorSettings(emulator);
  const throttles: ThrottleInfo[] = [];
  const clients = new AzureClients({
    settings,
    credential,
    userAgent: 'azure-batch-operator-tests/0.0.0',
    logger,
    onThrottled: (t) => throttles.push(t),
    retry: { baseDelayMs: 20 },
  });
  return {
    emulator,
    clients,
    credential,
    settings,
    throttles,
    stop: async () => {
      await closeSharedTransport();
      await emulator.stop();
    },
  };
}
