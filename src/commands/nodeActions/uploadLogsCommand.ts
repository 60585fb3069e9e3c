/**
 * Upload Batch Service Logs…: a container URL with SAS (https, never logged: masked), a time window, then the
 * service's answer: how many files went to which folder.
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../extensionServices';
import type { UploadBatchServiceLogsResult } from '../../azure/batch/nodeOperationModels';
import { checkContainerUrl, timeWindowChoices, uploadSummary } from '../../nodeActions/serviceLogsUpload';
import type { TreeNode } from '../../tree/treeNode';
import { UserCancelledError } from '../../utils/errors';
import type { CommandContext } from '../commandWrapper';
import { chooseNodes, explained } from './nodeTargets';

export async function uploadBatchServiceLogs(services: ExtensionServices, ctx: CommandContext, clicked?: TreeNode): Promise<UploadBatchServiceLogsResult> {
  const { allowed: [item] } = await chooseNodes(services, ctx, 'uploadLogs', vscode.l10n.t('Upload the service logs of a node of which pool?'), false, clicked);
  const poolId = item!.parent.pool.id ?? '';
  const nodeId = item!.node.id ?? '';
  const api = services.gateway.batch(item!.parent.parent.account);
  const text = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Container URL with a SAS that allows writing (https://ACCOUNT.blob.core.windows.net/CONTAINER?sv=…&sig=…)'),
    ignoreFocusOut: true,
    validateInput: (v) => { const c = checkContainerUrl(v); return c.ok ? undefined : c.message; },
  });
  const checked = text === undefined ? undefined : checkContainerUrl(text);
  if (!checked?.ok) {
    throw new UserCancelledError('containerUrl');
  }
  const node = await explained('uploadLogs', () => api.getNode(poolId, nodeId, 'id,lastBootTime'));
  const choices = timeWindowChoices(new Date(), node.lastBootTime);
  const window = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Logs of which time window?'), ignoreFocusOut: true });
  if (!window) {
    throw new UserCancelledError('timeWindow');
  }
  ctx.telemetry.properties.logWindow = window.id;
  const result = await explained('uploadLogs', () => api.uploadBatchServiceLogs(poolId, nodeId, { containerUrl: checked.url, startTime: window.startTime }));
  const summary = uploadSummary(result, checked.masked);
  services.log.info(`Upload Batch service logs of ${poolId}/${nodeId} since ${window.startTime} to ${checked.masked}: ${result.numberOfFilesUploaded} files, folder ${result.virtualDirectoryName}`);
  void vscode.window.showInformationMessage(summary);
  return result;
}
