import * as vscode from 'vscode';
import type { TelemetryReporter, CustomFetcher } from '@vscode/extension-telemetry';
import { extensionTelemetry } from '../lazy/lazyModules';

/** Replaced at build time (esbuild `define`); empty means telemetry is compiled out. */
declare const __TELEMETRY_CONNECTION_STRING__: string;

export type TelemetryProperties = Record<string, string>;
export type TelemetryMeasurements = Record<string, number>;

/** Where telemetry events go. The extension uses the reporter; tests substitute a recording sink. */
export interface TelemetrySink {
  /** False when no connection string was built in or VS Code's telemetry level is off. */
  readonly enabled: boolean;
  sendEvent(name: string, properties: TelemetryProperties, measurements: TelemetryMeasurements): void;
  sendErrorEvent(name: string, properties: TelemetryProperties, measurements: TelemetryMeasurements): void;
  dispose(): Promise<void>;
}

class DisabledTelemetry implements TelemetrySink {
  readonly enabled = false;
  sendEvent(): void {}
  sendErrorEvent(): void {}
  async dispose(): Promise<void> {}
}

/**
 * The reporter (Application Insights + 1DS, ~340 KB) is loaded and created at the first event VS Code's telemetry
 * level allows, not at activation: with telemetry off, it is never loaded.
 */
class ReporterTelemetry implements TelemetrySink {
  private created: TelemetryReporter | undefined;

  constructor(private readonly create: () => TelemetryReporter) {}

  get enabled(): boolean {
    return vscode.env.isTelemetryEnabled && this.created?.telemetryLevel !== 'off';
  }

  private reporter(): TelemetryReporter | undefined {
    if (!this.enabled) {
      return undefined;
    }
    this.created ??= this.create();
    return this.created.telemetryLevel !== 'off' ? this.created : undefined;
  }

  sendEvent(name: string, properties: TelemetryProperties, measurements: TelemetryMeasurements): void {
    this.reporter()?.sendTelemetryEvent(name, properties, measurements);
  }

  sendErrorEvent(name: string, properties: TelemetryProperties, measurements: TelemetryMeasurements): void {
    this.reporter()?.sendTelemetryErrorEvent(name, properties, measurements);
  }

  async dispose(): Promise<void> {
    await this.created?.dispose();
  }
}

/**
 * The extension's telemetry. Off when no connection string was configured at build time
 * (`AZB_TELEMETRY_CONNECTION_STRING`), and, through the reporter, whenever VS Code's telemetry level says so.
 * `fetcher` replaces the reporter's HTTP sender (tests observe what would be sent).
 */
export function createTelemetry(connectionString: string = __TELEMETRY_CONNECTION_STRING__, fetcher?: CustomFetcher): TelemetrySink {
  if (!connectionString) {
    return new DisabledTelemetry();
  }
  return new ReporterTelemetry(() => new (extensionTelemetry().TelemetryReporter)(connectionString, undefined, undefined, fetcher));
}
