import * as vscode from 'vscode';

/** The extension's settings, typed. Read once, re-read only when `affectsConfiguration('azureBatch')` says so. */
export interface Settings {
  authenticationMethod: 'vscode' | 'azureCli' | 'environment' | 'managedIdentity' | 'visualStudioCode';
  tenant: string;
  managedIdentityClientId: string;
  cloud: 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment' | 'custom';
  customCloud: { resourceManagerEndpoint: string; activeDirectoryEndpoint: string; batchResourceId: string };
  http: { connectTimeoutSeconds: number; headersTimeoutSeconds: number; bodyTimeoutSeconds: number; maxRetries: number; maxRetryDelaySeconds: number };
  apiVersion: { batch: string; batchManagement: string; compute: string; resources: string };
  nodesPageSize: number;
  autoRefreshSeconds: number;
  reimage: { defaultOption: 'requeue' | 'terminate' | 'taskcompletion' | 'retaineddata'; concurrency: number; followTimeoutMinutes: number };
}

function read(): Settings {
  const c = vscode.workspace.getConfiguration('azureBatch');
  const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Number.isFinite(v) ? v : min));
  return {
    authenticationMethod: c.get('authentication.method', 'vscode'),
    tenant: c.get('authentication.tenant', '').trim(),
    managedIdentityClientId: c.get('authentication.managedIdentityClientId', '').trim(),
    cloud: c.get('cloud', 'AzureCloud'),
    customCloud: {
      resourceManagerEndpoint: c.get('customCloud.resourceManagerEndpoint', '').trim(),
      activeDirectoryEndpoint: c.get('customCloud.activeDirectoryEndpoint', '').trim(),
      batchResourceId: c.get('customCloud.batchResourceId', '').trim(),
    },
    http: {
      connectTimeoutSeconds: c.get('http.connectTimeoutSeconds', 10),
      headersTimeoutSeconds: c.get('http.headersTimeoutSeconds', 60),
      bodyTimeoutSeconds: c.get('http.bodyTimeoutSeconds', 60),
      maxRetries: c.get('http.maxRetries', 4),
      maxRetryDelaySeconds: c.get('http.maxRetryDelaySeconds', 30),
    },
    apiVersion: {
      batch: c.get('apiVersion.batch', '2025-06-01.21.0'),
      batchManagement: c.get('apiVersion.batchManagement', '2025-06-01'),
      compute: c.get('apiVersion.compute', '2024-03-03'),
      resources: c.get('apiVersion.resources', '2022-12-01'),
    },
    nodesPageSize: clamp(Math.floor(c.get('nodes.pageSize', 1000)), 1, 1000),
    autoRefreshSeconds: clamp(c.get('autoRefreshSeconds', 30), 0, 86_400),
    reimage: {
      defaultOption: c.get('reimage.defaultOption', 'requeue'),
      concurrency: clamp(Math.floor(c.get('reimage.concurrency', 8)), 1, 64),
      followTimeoutMinutes: clamp(c.get('reimage.followTimeoutMinutes', 30), 0.05, 24 * 60),
    },
  };
}

let cached: Settings | undefined;
const changed = new vscode.EventEmitter<Settings>();
/** Fires with the new settings after any `azureBatch.*` setting changed. */
export const onDidChangeSettings = changed.event;

export function settings(): Settings {
  cached ??= read();
  return cached;
}

export function watchSettings(): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('azureBatch') || event.affectsConfiguration('http.proxy') || event.affectsConfiguration('http.proxyStrictSSL')) {
      cached = read();
      changed.fire(cached);
    }
  });
}
