import type * as vscode from 'vscode';
import { registerCommand, type CommandHandler } from './commandWrapper';
import { showLog } from './showLog';

/** Every command of the extension, in one list. Each handler is wrapped once by `registerCommand`. */
export function commandTable(): Record<string, CommandHandler> {
  return {
    'azureBatch.showLog': showLog,
  };
}

export function registerCommands(): vscode.Disposable[] {
  return Object.entries(commandTable()).map(([id, handler]) => registerCommand(id, handler));
}
