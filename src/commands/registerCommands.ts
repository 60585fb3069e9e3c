import type * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { attachAccount, detachAccount } from './accountCommands';
import type { CommandContext, CommandRunner } from './commandWrapper';
import { editPoolProperties } from './editPoolProperties';
import { createImageDefinition, editImageDefinition } from './imageDefinitionCommands';
import { openInPortal } from './openInPortal';
import { reimageNodes } from './reimageCommand';
import { copyId, copyUrl, viewProperties } from './resourceCommands';
import { chooseCloud, selectSubscriptions, signIn, signOut } from './sessionCommands';
import { showLog } from './showLog';
import { clearNodeFilter, filterNodes, loadMore, refresh, retry } from './treeCommands';

/** A command's handler: the extension's services, the run's context, then the arguments VS Code passes. */
export type ServiceCommand = (services: ExtensionServices, context: CommandContext, ...args: any[]) => unknown;

/** Every command of the extension, in one list. */
export function commandTable(): Record<string, ServiceCommand> {
  return {
    'azureBatch.showLog': showLog,
    'azureBatch.reimage': reimageNodes,
    'azureBatch.refresh': refresh,
    'azureBatch.retry': retry,
    'azureBatch.loadMore': loadMore,
    'azureBatch.filterNodes': filterNodes,
    'azureBatch.clearNodeFilter': clearNodeFilter,
    'azureBatch.editPoolProperties': editPoolProperties,
    'azureBatch.createImageDefinition': createImageDefinition,
    'azureBatch.editImageDefinition': editImageDefinition,
    'azureBatch.viewProperties': viewProperties,
    'azureBatch.copyId': copyId,
    'azureBatch.copyUrl': copyUrl,
    'azureBatch.openInPortal': openInPortal,
    'azureBatch.attachAccount': attachAccount,
    'azureBatch.detachAccount': detachAccount,
    'azureBatch.signIn': signIn,
    'azureBatch.signOut': signOut,
    'azureBatch.selectSubscriptions': selectSubscriptions,
    'azureBatch.chooseCloud': chooseCloud,
  };
}

/** Registers every command once, each handler closing over the services and run by `runner`. */
export function registerCommands(services: ExtensionServices, runner: CommandRunner): vscode.Disposable[] {
  return Object.entries(commandTable()).map(([id, handler]) => runner.register(id, (context, ...args) => handler(services, context, ...args)));
}
