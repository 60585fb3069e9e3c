/**
 * Runs inside the extension host for the workbench benchmark (poolPatch.bench.ts): opens the editor of a pool several
 * times (the first is the first open of the session) and records each open time, from the command to the webview's
 * editorReady and from the panel's creation; then the heap: before the 10,000-node pool is expanded, then after the
 * bench's browser side has expanded it and pressed "Load more…" to the end (it writes `<results>.tree-done`); all to
 * AZB_BENCH_RESULTS.
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
    // How this extension host activated the extension (logged by it too): the real-host activation row of the table.
    const { activationMs, activationCpuMs, codeCache } = extension.exports;
    const activation = { ms: activationMs, cpuMs: activationCpuMs ?? -1, cache: codeCache?.cache ?? 'unknown' };
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
    // The second session of the bench: VS Code's own first webview of the session (a bare page), then the editor.
    const bareFirst = process.env.AZB_BENCH_BARE_FIRST === '1' ? await bareWebviewReadyMs() : undefined;
    const count = bareFirst !== undefined ? 2 : Number(process.env.AZB_BENCH_RUNS ?? 8);
    for (let i = 0; i < count; i++) {
      const commandStart = performance.now();
      await vscode.commands.executeCommand('azureBatch.editPoolProperties', node);
      const panel = test.jsonEditors.all().find((p) => p.spec.key.endsWith('/contosoprod/pools/linux-small'))!;
      await Promise.race([panel.whenEditorReady(), new Promise((_, reject) => setTimeout(() => reject(new Error('editor not ready in 30 s')), 30_000))]);
      runs.push({ ...panel.openTimings, command: performance.now() - commandStart });
      panel.dispose();
      await new Promise((r) => setTimeout(r, 300));
    }
    if (bareFirst !== undefined) {
      fs.writeFileSync(file, JSON.stringify({ runs, bareFirst, activation }));
      return;
    }
    // Baseline: a bare webview whose only script says "ready" (no bundle, no editor): VS Code's own frame cost.
    const baseline: number[] = [];
    for (let i = 0; i < count; i++) {
      baseline.push(await bareWebviewReadyMs());
    }
    const heap = await treeHeap(test, file);
    fs.writeFileSync(file, JSON.stringify({ runs, baseline, heap, activation }));
  } catch (error) {
    fs.writeFileSync(file, JSON.stringify({ runs, error: String((error as Error)?.stack ?? error) }));
  }
}

type Test = NonNullable<ExtensionApi['test']>;

/** The row of `labels` (top down) in the explorer, through the provider the tree view shows. */
async function findRow(test: Test, labels: string[]): Promise<import('../../src/tree/treeNode').TreeNode> {
  let node = undefined as unknown as import('../../src/tree/treeNode').TreeNode | undefined;
  for (const label of labels) {
    const children = await test.tree.getChildren(node);
    const items = await Promise.all(children.map(async (c) => ({ c, item: await c.getTreeItem() })));
    node = items.find(({ item }) => (typeof item.label === 'string' ? item.label : item.label?.label) === label)?.c;
    if (!node) {
      throw new Error(`no tree row ${label}`);
    }
  }
  return node!;
}

/**
 * The heap before hpc-10k is expanded (its account's pools listed), and after the browser side has loaded all its
 * nodes in the tree view (waits for `<file>.tree-done`, at most 5 minutes).
 */
async function treeHeap(test: Test, file: string): Promise<Record<string, unknown>> {
  const pool = await findRow(test, ['Contoso Production', 'Batch Accounts', 'contosohpc', 'hpc-10k']);
  const before = test.heapUsed();
  fs.writeFileSync(`${file}.tree-ready`, '');
  const deadline = Date.now() + 5 * 60_000;
  while (!fs.existsSync(`${file}.tree-done`) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
  }
  // The pool row the view expanded (the provider's registry of rows; the walk above may hold an older instance).
  const rows = [pool, ...test.tree.ctx.items.values()] as unknown as { pool?: { id?: string }; loadedNodes?: readonly unknown[] }[];
  const nodes = Math.max(0, ...rows.filter((r) => r.pool?.id === 'hpc-10k' && r.loadedNodes).map((r) => r.loadedNodes!.length));
  const after = test.heapUsed();
  return { before: before.bytes, after: after.bytes, gc: before.gc && after.gc, nodes };
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
