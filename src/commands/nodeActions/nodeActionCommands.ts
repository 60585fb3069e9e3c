/** The node and pool action commands (issue 14), for the one registration list. */
import type { ServiceCommand } from '../registerCommands';
import { deallocateNodes, disableScheduling, enableScheduling, rebootNodes, startNodes } from './bulkNodeCommands';
import { resizePool, stopResize } from './poolResizeCommands';
import { addNodeUser, copySshCommand, showRemoteLoginSettings } from './remoteLoginCommands';
import { removeNodes } from './removeNodesCommand';
import { uploadBatchServiceLogs } from './uploadLogsCommand';

export function nodeActionCommands(): Record<string, ServiceCommand> {
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
