import type * as vscode from 'vscode';
import type { TelemetrySink } from './telemetry/telemetry';

/** Process-wide services of the extension, set once in `activate`. */
export interface ExtensionServices {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  telemetry: TelemetrySink;
  /** "publisher.name" */
  id: string;
  version: string;
}

let services: ExtensionServices | undefined;

export function setServices(value: ExtensionServices | undefined): void {
  services = value;
}

export function ext(): ExtensionServices {
  if (!services) {
    throw new Error('The extension is not activated.');
  }
  return services;
}
