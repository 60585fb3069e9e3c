import type * as vscode from 'vscode';
import type { TelemetrySink } from './telemetry/telemetry';
import type { ExplorerProvider } from './tree/explorerProvider';
import type { AttachedAccounts } from './session/attachedAccounts';
import type { AzureSession } from './session/azureSession';
import type { Editors } from './webviews/editors';

/** Process-wide services of the extension, set once in `activate`. */
export interface ExtensionServices {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  telemetry: TelemetrySink;
  /** "publisher.name" */
  id: string;
  version: string;
  /** The pool-patch and image-definition editors (their panels, openers and serializers). */
  editors: Editors;
  /** Set once the explorer is created (activation). */
  tree?: ExplorerProvider;
  treeView?: vscode.TreeView<import('./tree/treeNode').TreeNode>;
  accounts?: AttachedAccounts;
  session?: AzureSession;
}

let services: ExtensionServices | undefined;

export function setServices(value: ExtensionServices | undefined): void {
  services = value;
}

export function ext(): ExtensionServices {
  if (!services) {
    throw new Error('The extension is not activated.');
  }
  return services;
}
