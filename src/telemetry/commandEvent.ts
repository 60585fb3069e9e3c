/**
 * The telemetry event a command run produces. Pure (no `vscode`) so its privacy rules are unit-tested on Node.
 *
 * Privacy: the event holds the command id (one of ours), the result, the duration, an error code that must look
 * like an identifier, and only the extra properties and values listed in SAFE_PROPERTIES. Resource names, ids, URLs,
 * messages and anything a user typed are never recorded.
 */
import { REIMAGE_OPTIONS } from '../reimage/reimageOptions';
import type { TelemetryMeasurements, TelemetryProperties } from './telemetry';

export type CommandResult = 'Succeeded' | 'Failed' | 'Canceled';

/** Extra properties a command may record, each with the only values it may take. */
export const SAFE_PROPERTIES = {
  source: ['tree', 'palette', 'webview', 'welcome'],
  reimageOption: REIMAGE_OPTIONS,
  /** Reboot…, Deallocate…, Disable Scheduling…, Remove from Pool…, Resize… (shrinking): the REST option chosen. */
  nodeActionOption: ['requeue', 'terminate', 'taskcompletion', 'retaineddata'],
  /** Upload Batch Service Logs…: the time window chosen. */
  logWindow: ['last2h', 'last24h', 'sinceStart'],
  /** Add User…: how the user signs in. */
  credentialKind: ['sshPublicKey', 'password'],
  authMethod: ['vscode', 'azureCli', 'environment', 'managedIdentity', 'visualStudioCode', 'sharedKey', 'entraId'],
  cloud: ['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'custom'],
  resourceKind: ['subscription', 'batchAccount', 'pool', 'node', 'gallery', 'imageDefinition', 'attachedAccount'],
} as const satisfies Record<string, readonly string[]>;

export type SafePropertyName = keyof typeof SAFE_PROPERTIES;
export type SafeProperties = { [K in SafePropertyName]?: (typeof SAFE_PROPERTIES)[K][number] };

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
const COMMAND_ID = /^azureBatch\.[A-Za-z][A-Za-z0-9.]{0,63}$/;

export interface CommandEventInput {
  commandId: string;
  result: CommandResult;
  durationMs: number;
  errorCode?: string;
  properties?: Record<string, string | undefined>;
  measurements?: Record<string, number | undefined>;
}

export interface CommandEvent {
  name: 'command';
  properties: TelemetryProperties;
  measurements: TelemetryMeasurements;
}

export function buildCommandEvent(input: CommandEventInput): CommandEvent {
  const properties: TelemetryProperties = {
    commandId: COMMAND_ID.test(input.commandId) ? input.commandId : 'other',
    result: input.result,
  };
  if (input.errorCode !== undefined) {
    properties.errorCode = IDENTIFIER.test(input.errorCode) ? input.errorCode : 'Unknown';
  }
  for (const [key, value] of Object.entries(input.properties ?? {})) {
    if (value === undefined || !(key in SAFE_PROPERTIES)) {
      continue;
    }
    const allowed: readonly string[] = SAFE_PROPERTIES[key as SafePropertyName];
    properties[key] = allowed.includes(value) ? value : 'other';
  }
  const measurements: TelemetryMeasurements = { durationMs: Math.max(0, Math.round(input.durationMs)) };
  for (const [key, value] of Object.entries(input.measurements ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value) && IDENTIFIER.test(key)) {
      measurements[key] = value;
    }
  }
  return { name: 'command', properties, measurements };
}
