/**
 * Runs inside the extension host for the pool-editor benchmark (poolPatch.bench.ts): opens the editor of a pool
 * several times and writes each open time (panel creation → the webview's editorReady) to AZB_BENCH_RESULTS.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { extensionId } from '../harness/paths';

export async function run(): Promise<void> {
  const file = process.env.AZB_BENCH_RESULTS!;
  const runs: Record<string, number>[] = [];
  try {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId)!;
    await extension.activate();
    const test = extension.exports.test!;
    // The pool row, as the tree has it (the same path the context menu takes).
    let node = undefined as unknown as import('../../src/tree/treeNode').TreeNode | undefined;
    for (const label of ['Contoso Production', 'Batch Accounts', 'contosoprod', 'linux-small']) {
      const children = await test.tree.getChildren(node);
      const items = await Promise.all(children.map(async (c) => ({ c, item: await c.getTreeItem() })));
      node = items.find(({ item }) => (typeof item.label === 'string' ? item.label : item.label?.label) === label)?.c;
      if (!node) {
        throw new Error(`no tree row ${label}`);
      }
    }
    const count = Number(process.env.AZB_BENCH_RUNS ?? 8);
    for (let i = 0; i < count; i++) {
      await vscode.commands.executeCommand('azureBatch.editPoolProperties', node);
      const panel = test.jsonEditors.all().find((p) => p.spec.key.endsWith('/contosoprod/pools/linux-small'))!;
      await Promise.race([panel.whenEditorReady(), new Promise((_, reject) => setTimeout(() => reject(new Error('editor not ready in 30 s')), 30_000))]);
      runs.push({ ...panel.openTimings });
      panel.dispose();
      await new Promise((r) => setTimeout(r, 300));
    }
    // Baseline: a bare webview whose only script says "ready" (no bundle, no editor): VS Code's own frame cost.
    const baseline: number[] = [];
    for (let i = 0; i < count; i++) {
      baseline.push(await bareWebviewReadyMs());
    }
    fs.writeFileSync(file, JSON.stringify({ runs, baseline }));
  } catch (error) {
    fs.writeFileSync(file, JSON.stringify({ runs, error: String((error as Error)?.stack ?? error) }));
  }
}

async function bareWebviewReadyMs(): Promise<number> {
  const started = performance.now();
  const panel = vscode.window.createWebviewPanel('azureBatch.benchBaseline', 'baseline', vscode.ViewColumn.One, { enableScripts: true });
  const nonce = Math.random().toString(36).slice(2);
  const ready = new Promise<number>((resolve) => panel.webview.onDidReceiveMessage(() => resolve(performance.now() - started)));
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';"></head>` +
    `<body><script nonce="${nonce}">acquireVsCodeApi().postMessage('ready');</script></body></html>`;
  const ms = await ready;
  panel.dispose();
  await new Promise((r) => setTimeout(r, 300));
  return ms;
}
