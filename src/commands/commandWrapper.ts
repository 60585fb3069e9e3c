import * as vscode from 'vscode';
import { ext } from '../ext';
import { buildCommandEvent, type CommandResult, type SafeProperties } from '../telemetry/commandEvent';
import { errorCode, errorDetails, errorMessage, isCancellation } from '../utils/errors';

/** What a command handler can tell the wrapper about its run. */
export interface CommandContext {
  readonly commandId: string;
  telemetry: {
    /** Only the names and values of SAFE_PROPERTIES are recorded; anything else becomes "other". */
    properties: SafeProperties;
    /** Counts and sizes, never identifiers. */
    measurements: Record<string, number>;
  };
  /** Set when the handler has already shown its own error (e.g. inline in a webview). */
  suppressErrorDisplay: boolean;
}

export type CommandHandler = (context: CommandContext, ...args: any[]) => unknown;

/** Outcome of the latest run of each command; tests read it through the extension's test API. */
export const lastResults = new Map<string, { result: CommandResult; errorCode?: string; message?: string }>();

/**
 * Runs a handler once: measures its duration, records one telemetry event, treats cancellation as silent, logs a
 * failure in full (with request ids) and shows it once with a "Show Log" action. Never rethrows, so VS Code shows no
 * second notification of its own.
 */
export async function runCommand(commandId: string, handler: CommandHandler, args: unknown[]): Promise<unknown> {
  const { log, telemetry } = ext();
  const context: CommandContext = {
    commandId,
    telemetry: { properties: {}, measurements: {} },
    suppressErrorDisplay: false,
  };
  const started = performance.now();
  let result: CommandResult = 'Succeeded';
  let code: string | undefined;
  try {
    return await handler(context, ...args);
  } catch (error) {
    if (isCancellation(error)) {
      result = 'Canceled';
      log.info(`${commandId}: canceled`);
      return undefined;
    }
    result = 'Failed';
    code = errorCode(error);
    log.error(`${commandId} failed: ${errorDetails(error)}`);
    lastResults.set(commandId, { result, errorCode: code, message: errorMessage(error) });
    if (!context.suppressErrorDisplay) {
      void showCommandError(commandId, error);
    }
    return undefined;
  } finally {
    if (result !== 'Failed') {
      lastResults.set(commandId, { result });
    }
    const event = buildCommandEvent({
      commandId,
      result,
      durationMs: performance.now() - started,
      errorCode: code,
      properties: context.telemetry.properties,
      measurements: context.telemetry.measurements,
    });
    if (result === 'Failed') {
      telemetry.sendErrorEvent(event.name, event.properties, event.measurements);
    } else {
      telemetry.sendEvent(event.name, event.properties, event.measurements);
    }
  }
}

export function registerCommand(commandId: string, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(commandId, (...args: unknown[]) => runCommand(commandId, handler, args));
}

/** One notification per failure: "<Command title> failed: <why and what to do>", with "Show Log". */
export async function showCommandError(commandId: string, error: unknown): Promise<void> {
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t('{0} failed: {1}', commandTitle(commandId), errorMessage(error)),
    showLog,
  );
  if (choice === showLog) {
    ext().log.show(true);
  }
}

function commandTitle(commandId: string): string {
  const commands = (ext().context.extension.packageJSON?.contributes?.commands ?? []) as { command: string; title: string }[];
  const title = commands.find((c) => c.command === commandId)?.title;
  return title && !title.startsWith('%') ? title.replace(/…$/, '') : commandId;
}
