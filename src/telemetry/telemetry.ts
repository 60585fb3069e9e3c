import * as vscode from 'vscode';
import { TelemetryReporter, type CustomFetcher } from '@vscode/extension-telemetry';

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

class ReporterTelemetry implements TelemetrySink {
  constructor(private readonly reporter: TelemetryReporter) {}

  get enabled(): boolean {
    return vscode.env.isTelemetryEnabled && this.reporter.telemetryLevel !== 'off';
  }

  sendEvent(name: string, properties: TelemetryProperties, measurements: TelemetryMeasurements): void {
    if (this.enabled) {
      this.reporter.sendTelemetryEvent(name, properties, measurements);
    }
  }

  sendErrorEvent(name: string, properties: TelemetryProperties, measurements: TelemetryMeasurements): void {
    if (this.enabled) {
      this.reporter.sendTelemetryErrorEvent(name, properties, measurements);
    }
  }

  async dispose(): Promise<void> {
    await this.reporter.dispose();
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
  return new ReporterTelemetry(new TelemetryReporter(connectionString, undefined, undefined, fetcher));
}
