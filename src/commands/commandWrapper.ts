import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { buildCommandEvent, type CommandResult, type SafeProperties } from '../telemetry/commandEvent';
import { ActionableError, errorCode, errorDetails, errorMessage, isCancellation } from '../utils/errors';
import { notificationText } from '../utils/notificationText';

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

export interface CommandRunResult {
  result: CommandResult;
  errorCode?: string;
  message?: string;
}

/**
 * Runs command handlers: each run measures its duration, records one telemetry event, treats cancellation as silent,
 * logs a failure in full (with request ids) and shows it once with a "Show Log" action. Never rethrows, so VS Code
 * shows no second notification of its own. Keeps the outcome of the latest run of each command for the test API.
 */
export class CommandRunner {
  private readonly results = new Map<string, CommandRunResult>();
  private readonly started = new vscode.EventEmitter<string>();
  /** Fires with the command's id as each run starts (the walkthrough's steps complete on it). */
  readonly onDidStart = this.started.event;

  constructor(private readonly services: Pick<ExtensionServices, 'log' | 'telemetry' | 'context'>) {}

  lastResult(commandId: string): CommandRunResult | undefined {
    return this.results.get(commandId);
  }

  register(commandId: string, handler: CommandHandler): vscode.Disposable {
    return vscode.commands.registerCommand(commandId, (...args: unknown[]) => this.run(commandId, handler, args));
  }

  async run(commandId: string, handler: CommandHandler, args: unknown[]): Promise<unknown> {
    const { log } = this.services;
    const context: CommandContext = {
      commandId,
      telemetry: { properties: {}, measurements: {} },
      suppressErrorDisplay: false,
    };
    this.started.fire(commandId);
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
      this.results.set(commandId, { result, errorCode: code, message: errorMessage(error) });
      if (!context.suppressErrorDisplay) {
        void this.showError(commandId, error);
      }
      return undefined;
    } finally {
      if (result !== 'Failed') {
        this.results.set(commandId, { result });
      }
      this.record(commandId, result, performance.now() - started, code, context);
    }
  }

  private record(commandId: string, result: CommandResult, durationMs: number, code: string | undefined, context: CommandContext): void {
    const event = buildCommandEvent({
      commandId,
      result,
      durationMs,
      errorCode: code,
      properties: context.telemetry.properties,
      measurements: context.telemetry.measurements,
    });
    const { telemetry } = this.services;
    if (result === 'Failed') {
      telemetry.sendErrorEvent(event.name, event.properties, event.measurements);
    } else {
      telemetry.sendEvent(event.name, event.properties, event.measurements);
    }
  }

  /** One notification per failure: "<Command title> failed: <why and what to do>", the error's actions and "Show Log". */
  private async showError(commandId: string, error: unknown): Promise<void> {
    const showLog = vscode.l10n.t('Show Log');
    const actions = error instanceof ActionableError ? error.actions : [];
    const choice = await vscode.window.showErrorMessage(
      notificationText(vscode.l10n.t('{0} failed: {1}', this.commandTitle(commandId), errorMessage(error))),
      ...actions.map((a) => a.title), showLog,
    );
    if (choice === showLog) {
      this.services.log.show(true);
    } else {
      try {
        await actions.find((a) => a.title === choice)?.run();
      } catch (actionError) {
        this.services.log.error(`${commandId}: "${choice}" failed: ${errorDetails(actionError)}`);
      }
    }
  }

  private commandTitle(commandId: string): string {
    const commands = (this.services.context.extension.packageJSON?.contributes?.commands ?? []) as { command: string; title: string }[];
    const title = commands.find((c) => c.command === commandId)?.title;
    return title && !title.startsWith('%') ? title.replace(/…$/, '') : commandId;
  }
}
