import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { lastResults, runCommand } from './commands/commandWrapper';
import { ext, setServices } from './ext';
import { createTelemetry, type TelemetrySink } from './telemetry/telemetry';

/** What the extension exports. `test` is present only when VS Code runs it in test mode. */
export interface ExtensionApi {
  readonly apiVersion: 1;
  readonly test?: TestApi;
}

/** Hooks for the integration tests: they observe, they never bypass the product paths. */
export interface TestApi {
  setTelemetrySink(sink: TelemetrySink): TelemetrySink;
  lastCommandResult(commandId: string): { result: string; errorCode?: string; message?: string } | undefined;
  runCommand: typeof runCommand;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Azure Batch Operator'), { log: true });
  const telemetry = createTelemetry();
  setServices({
    context,
    log,
    telemetry,
    id: context.extension.id,
    version: String(context.extension.packageJSON.version),
  });
  context.subscriptions.push(log, { dispose: () => void telemetry.dispose() });
  context.subscriptions.push(...registerCommands());

  log.info(`${context.extension.id} ${ext().version} activated (VS Code ${vscode.version}, telemetry ${telemetry.enabled ? 'on' : 'off'})`);

  const api: ExtensionApi = { apiVersion: 1 };
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    const test: TestApi = {
      setTelemetrySink(sink) {
        const services = ext();
        const previous = services.telemetry;
        setServices({ ...services, telemetry: sink });
        return previous;
      },
      lastCommandResult: (id) => lastResults.get(id),
      runCommand,
    };
    return { ...api, test };
  }
  return api;
}

export function deactivate(): void {
  setServices(undefined);
}
