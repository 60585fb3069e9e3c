/**
 * The heatmap page (dist/webview/heatmapMain.js + .css) alone in headless Chromium, as a webview would load it: the
 * panel's CSP with a nonce, theme colours as VS Code's --vscode-* variables on <html> (Dark Modern), and a stand-in for
 * `acquireVsCodeApi` that records what the page posts. Host messages are posted with window.postMessage, like VS Code
 * delivers them. Used by the page's tests (test/unit/heatmap/heatmapPage.test.ts) and the benchmark.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HeatmapHostMessage, HeatmapWebviewMessage, StateLook } from '../../src/heatmap/heatmapProtocol';
import { NODE_STATES, nodeStateLook } from '../../src/tree/nodeState';
import { contentSecurityPolicy } from '../../src/webviews/csp';
import { chromiumPath, repoRoot } from './paths';

export const PAGE_ORIGIN = 'https://heatmap.page.test';
const NONCE = 'cGFnZS10ZXN0LW5vbmNlLTEyMzQ1Njc4OTBhYmNk';

/** The Dark Modern values of the variables the page reads. */
export const THEME_COLORS: Record<string, string> = {
  'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'font-weight': 'normal',
  foreground: '#cccccc', 'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', descriptionForeground: '#9d9d9d',
  focusBorder: '#0078d4', errorForeground: '#f85149', 'testing-iconPassed': '#73c991', 'charts-blue': '#3794ff',
  'list-warningForeground': '#cca700', disabledForeground: '#808080', 'button-secondaryForeground': '#cccccc',
  'button-secondaryBackground': '#313131', 'widget-border': '#313131', 'list-activeSelectionBackground': '#04395e',
  'list-activeSelectionForeground': '#ffffff', 'editorHoverWidget-background': '#202020', 'editorHoverWidget-border': '#454545',
  'editorWarning-foreground': '#cca700', 'textLink-foreground': '#4daafc',
};

/** English page strings (the panel sends vscode.l10n ones). */
export const PAGE_STRINGS: Record<string, string> = {
  gridRole: 'node heatmap', gridLabel: 'Nodes of pool {0}', refresh: 'Refresh', refreshTitle: 'Read the nodes again now',
  legendLabel: 'Node states', filterTree: 'Filter Nodes…', filterTreeTitle: 'Show only the highlighted states in the explorer',
  clearHighlight: 'Clear Highlight', poolCount: 'pool {0}', legendItem: '{0}: {1} nodes',
  legendItemWithPool: "{0}: {1} nodes listed, {2} in the pool's node counts", total: '{0} nodes',
  totalWithPool: "{0} nodes listed, {1} in the pool's node counts", state: 'State', since: 'since {0}', dedicated: 'dedicated', spot: 'spot',
  ipAddress: 'IP address', summary: '{0} nodes: {1}', selected: 'selected', cellAnnouncement: '{0}, {1}', keyboardHelp: 'Arrow keys move between nodes.',
};

/** The tree's look of every state (what the panel sends in `init`). */
export function treeStateLooks(): StateLook[] {
  return NODE_STATES.map((state) => {
    const look = nodeStateLook(state);
    return look.color ? { state, color: look.color, busy: look.busy } : { state, busy: look.busy };
  });
}

export interface HeatmapPageHost {
  page: Page;
  /** Posts a host message (as VS Code does: a message event on the page's window). */
  send(message: HeatmapHostMessage): Promise<void>;
  /** Everything the page posted so far. */
  sent(): Promise<HeatmapWebviewMessage[]>;
  /** Waits for the page to post a message of this type after `after` messages. */
  waitFor<T extends HeatmapWebviewMessage['type']>(type: T, after?: number): Promise<Extract<HeatmapWebviewMessage, { type: T }>>;
  /** Errors the page threw or logged. */
  errors: string[];
  close(): Promise<void>;
}

export async function openHeatmapPage(options: { width?: number; height?: number; reducedMotion?: boolean } = {}): Promise<HeatmapPageHost> {
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      colorScheme: 'dark',
      reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
    });
    const page = await context.newPage();
    const dist = path.join(repoRoot, 'dist', 'webview');
    const theme = `html { ${Object.entries(THEME_COLORS).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ')} }`;
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(PAGE_ORIGIN, NONCE)}">
<link rel="stylesheet" href="${PAGE_ORIGIN}/theme.css" nonce="${NONCE}"><link rel="stylesheet" href="${PAGE_ORIGIN}/heatmapMain.css" nonce="${NONCE}">
<title>Heatmap</title></head><body><div id="app" aria-busy="true"></div><script nonce="${NONCE}" src="${PAGE_ORIGIN}/heatmapMain.js"></script></body></html>`;
    await page.route(`${PAGE_ORIGIN}/**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === 'index.html') {
        return route.fulfill({ contentType: 'text/html', body: html });
      }
      if (name === 'theme.css') {
        return route.fulfill({ contentType: 'text/css', body: theme });
      }
      if (/^heatmapMain\.(js|css)$/.test(name)) {
        return route.fulfill({ contentType: name.endsWith('.js') ? 'text/javascript' : 'text/css', body: fs.readFileSync(path.join(dist, name)) });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') {
        errors.push(m.text());
      }
    });
    await page.addInitScript(() => {
      const sent: unknown[] = [];
      const w = window as unknown as { __sent: unknown[]; acquireVsCodeApi: () => unknown };
      w.__sent = sent;
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => sent.push(structuredClone(m)), getState: () => undefined, setState: () => undefined });
    });
    await page.goto(`${PAGE_ORIGIN}/index.html`);
    const sent = () => page.evaluate(() => (window as unknown as { __sent: HeatmapWebviewMessage[] }).__sent);
    const host: HeatmapPageHost = {
      page,
      errors,
      send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
      sent,
      async waitFor(type, after = 0) {
        const handle = await page.waitForFunction(
          ([t, from]) => (window as unknown as { __sent: { type: string }[] }).__sent.slice(from).find((m) => m.type === t),
          [type, after] as const,
          { timeout: 10_000 },
        );
        return (await handle.jsonValue()) as never;
      },
      close: () => browser.close(),
    };
    await host.waitFor('ready');
    return host;
  } catch (error) {
    await browser.close();
    throw error;
  }
}
