/**
 * URIs of node files: `azurebatch-node://<account name>/<pool id>/<node id>/<path on the node>?<account key>`.
 * The path ends with the file's name, so VS Code picks the language from its extension and the tab shows the name;
 * the query is the account's key (its ARM resource id, or its URL when attached), never a secret: the account's
 * credentials stay with the session.
 */
import * as vscode from 'vscode';
import type { BatchAccountInfo } from './azureGateway';

export const NODE_FILE_SCHEME = 'azurebatch-node';

export interface NodeFileLocation {
  accountKey: string;
  accountName: string;
  poolId: string;
  nodeId: string;
  /** "startup/stdout.txt"; '' = the node's root. */
  filePath: string;
}

export function nodeFileUri(account: Pick<BatchAccountInfo, 'key' | 'name'>, poolId: string, nodeId: string, filePath: string): vscode.Uri {
  const parts = [poolId, nodeId, ...filePath.split(/[\\/]+/).filter(Boolean)];
  return vscode.Uri.from({
    scheme: NODE_FILE_SCHEME,
    authority: account.name.toLowerCase(),
    path: `/${parts.join('/')}`,
    query: account.key,
  });
}

/** The location a node-file URI names; undefined when it is not one. */
export function parseNodeFileUri(uri: vscode.Uri): NodeFileLocation | undefined {
  if (uri.scheme !== NODE_FILE_SCHEME || !uri.query) {
    return undefined;
  }
  const [poolId, nodeId, ...rest] = uri.path.split('/').filter(Boolean);
  if (!poolId || !nodeId) {
    return undefined;
  }
  return { accountKey: uri.query, accountName: uri.authority, poolId, nodeId, filePath: rest.join('/') };
}
