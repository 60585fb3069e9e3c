/**
 * What the extension under test (or in the demo) is pointed at: the local Azure emulator, started in this process,
 * plus the user settings and environment that make the extension use it through its normal code paths:
 *   - cloud "custom" with the emulator's ARM, authority and Batch audience;
 *   - authentication method "environment": a service principal whose token comes from the emulator's token
 *     endpoint (MSAL through @azure/identity, exactly as with Microsoft Entra ID);
 *   - NODE_EXTRA_CA_CERTS: the emulator's self-signed certificate, trusted by the extension host's Node.
 */
import { startEmulator } from '../emulator/server';
import type { EmulatorInfo, EmulatorOptions } from '../emulator/api';
import { startPortalPageServer } from '../emulator/portalPage';

export interface TestEnvironment {
  settings: Record<string, unknown>;
  env: Record<string, string>;
  emulator?: EmulatorInfo;
  stop(): Promise<void>;
}

export function extensionSettingsFor(info: EmulatorInfo, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'azureBatch.cloud': 'custom',
    'azureBatch.customCloud.resourceManagerEndpoint': info.armEndpoint,
    'azureBatch.customCloud.activeDirectoryEndpoint': info.authorityHost,
    'azureBatch.customCloud.batchResourceId': info.batchResourceId,
    'azureBatch.authentication.method': 'environment',
    ...extra,
  };
}

export function extensionEnvFor(info: EmulatorInfo): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: info.certificatePath,
    AZURE_TENANT_ID: info.tenantId,
    AZURE_CLIENT_ID: info.clientId,
    AZURE_CLIENT_SECRET: info.clientSecret,
    AZURE_AUTHORITY_HOST: info.authorityHost,
    AZB_EMULATOR_URL: info.baseUrl,
  };
}

export async function startTestEnvironment(
  name: string,
  options: EmulatorOptions & { settings?: Record<string, unknown> } = {},
): Promise<TestEnvironment> {
  const emulator = await startEmulator({ quiet: true, data: 'demo', lroDelayMs: 300, nodeTransitionMs: 400, ...options });
  const testing = name !== 'demo';
  // The demo's Open in Portal opens the emulator's stand-in portal page (over plain HTTP on loopback, which
  // code-server's port forwarding can reach); tests set a portal themselves when they want one.
  const portal = testing ? undefined : await startPortalPageServer();
  return {
    emulator: emulator.info,
    settings: extensionSettingsFor(emulator.info, {
      // Tests refresh on purpose; the demo shows the auto-refresh.
      'azureBatch.autoRefreshSeconds': testing ? 0 : 15,
      ...(portal ? { 'azureBatch.customCloud.portalEndpoint': portal.endpoint } : {}),
      ...options.settings,
    }),
    env: extensionEnvFor(emulator.info),
    stop: async () => {
      await portal?.stop();
      await emulator.stop();
    },
  };
}
