import * as vscode from 'vscode';
import type { ReimageOption } from './reimage/reimageOptions';

/**
 * The extension's UI settings, typed. What shapes the Azure clients (sign-in, cloud, HTTP, API versions) is read by
 * src/azure/azureClients.ts.
 */
export interface Settings {
  apiVersion: { batch: string };
  nodesPageSize: number;
  /** `azureBatch.nodes.groupBy`: nodes listed under their pool, or under one row per state. */
  nodesGroupBy: 'none' | 'state';
  autoRefreshSeconds: number;
  reimage: { defaultOption: ReimageOption; concurrency: number; followTimeoutMinutes: number };
}

/** Reads the settings now (no cache: `ExtensionSettings` keeps the current ones). */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('azureBatch');
  const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Number.isFinite(v) ? v : min));
  return {
    apiVersion: { batch: c.get('apiVersion.batch', '2025-06-01.21.0') },
    nodesPageSize: clamp(Math.floor(c.get('nodes.pageSize', 1000)), 1, 1000),
    nodesGroupBy: c.get<string>('nodes.groupBy', 'none') === 'state' ? 'state' : 'none',
    // 0 turns it off; anything else is at least a second (no busy loop from a typo like 0.01).
    autoRefreshSeconds: c.get('autoRefreshSeconds', 30) <= 0 ? 0 : clamp(c.get('autoRefreshSeconds', 30), 1, 86_400),
    reimage: {
      defaultOption: c.get<ReimageOption>('reimage.defaultOption', 'requeue'),
      concurrency: clamp(Math.floor(c.get('reimage.concurrency', 8)), 1, 64),
      followTimeoutMinutes: clamp(c.get('reimage.followTimeoutMinutes', 30), 0.05, 24 * 60),
    },
  };
}

/** The current settings, read once and again only when `affectsConfiguration('azureBatch')` says so. */
export class ExtensionSettings implements vscode.Disposable {
  private value: Settings = readSettings();
  private readonly changed = new vscode.EventEmitter<Settings>();
  /** Fires with the new settings after any `azureBatch.*` setting changed. */
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('azureBatch') || event.affectsConfiguration('http.proxy') || event.affectsConfiguration('http.proxyStrictSSL')) {
      this.value = readSettings();
      this.changed.fire(this.value);
    }
  });

  get current(): Settings {
    return this.value;
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
