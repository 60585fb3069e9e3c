import * as vscode from 'vscode';

/**
 * The extension's UI settings, typed. Read once, re-read only when `affectsConfiguration('azureBatch')` says so.
 * What shapes the Azure clients (sign-in, cloud, HTTP, API versions) is read by src/azure/azureClients.ts.
 */
export interface Settings {
  apiVersion: { batch: string };
  nodesPageSize: number;
  autoRefreshSeconds: number;
  reimage: { defaultOption: 'requeue' | 'terminate' | 'taskcompletion' | 'retaineddata'; concurrency: number; followTimeoutMinutes: number };
}

function read(): Settings {
  const c = vscode.workspace.getConfiguration('azureBatch');
  const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Number.isFinite(v) ? v : min));
  return {
    apiVersion: { batch: c.get('apiVersion.batch', '2025-06-01.21.0') },
    nodesPageSize: clamp(Math.floor(c.get('nodes.pageSize', 1000)), 1, 1000),
    // 0 turns it off; anything else is at least a second (no busy loop from a typo like 0.01).
    autoRefreshSeconds: c.get('autoRefreshSeconds', 30) <= 0 ? 0 : clamp(c.get('autoRefreshSeconds', 30), 1, 86_400),
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
