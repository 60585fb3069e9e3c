/** The node and pool action commands (issue 14), for the one registration list. */
import type { ExtensionServices } from '../../extensionServices';
import type { CommandContext } from '../commandWrapper';
import { deallocateNodes, disableScheduling, enableScheduling, rebootNodes, startNodes } from './bulkNodeCommands';
import { resizePool, stopResize } from './poolResizeCommands';
import { addNodeUser, copySshCommand, showRemoteLoginSettings } from './remoteLoginCommands';
import { removeNodes } from './removeNodesCommand';
import { uploadBatchServiceLogs } from './uploadLogsCommand';

/** Same shape as registerCommands' ServiceCommand (not imported from there: no import cycle). */
type Command = (services: ExtensionServices, context: CommandContext, ...args: any[]) => unknown;

export function nodeActionCommands(): Record<string, Command> {
  return {
    'azureBatch.rebootNodes': rebootNodes,
    'azureBatch.removeNodes': removeNodes,
    'azureBatch.disableScheduling': disableScheduling,
    'azureBatch.enableScheduling': enableScheduling,
    'azureBatch.deallocateNodes': deallocateNodes,
    'azureBatch.startNodes': startNodes,
    'azureBatch.copySshCommand': copySshCommand,
    'azureBatch.showRemoteLoginSettings': showRemoteLoginSettings,
    'azureBatch.addNodeUser': addNodeUser,
    'azureBatch.uploadBatchServiceLogs': uploadBatchServiceLogs,
    'azureBatch.resizePool': resizePool,
    'azureBatch.stopResize': stopResize,
  };
}
