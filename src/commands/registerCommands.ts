import type * as vscode from 'vscode';
import { attachAccount, detachAccount } from './accountCommands';
import { registerCommand, type CommandHandler } from './commandWrapper';
import { editPoolProperties } from './editPoolProperties';
import { createImageDefinition, editImageDefinition } from './imageDefinitionCommands';
import { reimageNodes } from './reimageCommand';
import { copyId, copyUrl, viewProperties } from './resourceCommands';
import { chooseCloud, selectSubscriptions, signIn, signOut } from './sessionCommands';
import { showLog } from './showLog';
import { filterNodes, loadMore, refresh, retry } from './treeCommands';

/** Every command of the extension, in one list. Each handler is wrapped once by `registerCommand`. */
export function commandTable(): Record<string, CommandHandler> {
  return {
    'azureBatch.showLog': showLog,
    'azureBatch.reimage': reimageNodes,
    'azureBatch.refresh': refresh,
    'azureBatch.retry': retry,
    'azureBatch.loadMore': loadMore,
    'azureBatch.filterNodes': filterNodes,
    'azureBatch.editPoolProperties': editPoolProperties,
    'azureBatch.createImageDefinition': createImageDefinition,
    'azureBatch.editImageDefinition': editImageDefinition,
    'azureBatch.viewProperties': viewProperties,
    'azureBatch.copyId': copyId,
    'azureBatch.copyUrl': copyUrl,
    'azureBatch.attachAccount': attachAccount,
    'azureBatch.detachAccount': detachAccount,
    'azureBatch.signIn': signIn,
    'azureBatch.signOut': signOut,
    'azureBatch.selectSubscriptions': selectSubscriptions,
    'azureBatch.chooseCloud': chooseCloud,
  };
}

export function registerCommands(): vscode.Disposable[] {
  return Object.entries(commandTable()).map(([id, handler]) => registerCommand(id, handler));
}
