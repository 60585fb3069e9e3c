import type * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { attachAccount, detachAccount } from './accountCommands';
import type { CommandContext, CommandRunner } from './commandWrapper';
import { editPoolProperties } from './editPoolProperties';
import { withHeatmapNodes } from './heatmapTargets';
import { createImageDefinition, editImageDefinition } from './imageDefinitionCommands';
import { loadMoreNodeFiles, loadWholeNodeFile, openNodeFile, openStartTaskOutput, refreshNodeFile } from './nodeFileCommands';
import { openInPortal } from './openInPortal';
import { reimageNodes } from './reimageCommand';
import { nodeActionCommands } from './nodeActions/nodeActionCommands';
import { copyId, copyUrl, viewProperties } from './resourceCommands';
import { chooseCloud, selectSubscriptions, signIn, signOut } from './sessionCommands';
import { showHeatmap } from './showHeatmap';
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
    'azureBatch.showHeatmap': showHeatmap,
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
    'azureBatch.openStartTaskOutput': openStartTaskOutput,
    'azureBatch.openNodeFile': openNodeFile,
    'azureBatch.loadWholeNodeFile': loadWholeNodeFile,
    'azureBatch.refreshNodeFile': refreshNodeFile,
    'azureBatch.loadMoreNodeFiles': loadMoreNodeFiles,
    ...nodeActionCommands(),
  };
}

/**
 * Registers every command once, each handler closing over the services and run by `runner`. The heatmap's context
 * menu argument (`{ webviewSection: 'heatmapNode', accountKey, poolId, nodeIds }`) reaches every handler as the tree
 * rows of those nodes (first, all), so the node commands work from the heatmap unchanged.
 */
export function registerCommands(services: ExtensionServices, runner: CommandRunner): vscode.Disposable[] {
  return Object.entries(commandTable()).map(([id, handler]) =>
    runner.register(id, async (context, ...args) => handler(services, context, ...(await withHeatmapNodes(services, args)))));
}
