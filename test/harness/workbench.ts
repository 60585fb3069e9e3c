import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, logsDir } from './paths';

export interface Workbench {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Console lines of the workbench that say nothing about our extension (no network, no marketplace). */
const NOISE = /marketplace|gallery|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|Failed to load resource|update\.code\.visualstudio|vscode-cdn|\[Extension Host\] \[otel|TelemetryService|Content Security Policy.*(https:\/\/main\.vscode-cdn|default-src)/i;

/**
 * Opens the VS Code workbench in headless Debian Chromium, driven by playwright-core. The browser runs with a fresh
 * profile (Playwright's own temporary one) and without background networking (the machine has no internet).
 */
export async function openWorkbench(url: string, name: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Workbench> {
  fs.mkdirSync(logsDir, { recursive: true });
  const consoleLog = fs.createWriteStream(path.join(logsDir, `browser-${name}.log`));
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'dark',
  });
  // Copy ID / Copy URL write the clipboard through the browser: allow it, as a person's browser would after a click.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    consoleLog.write(`[${message.type()}] ${text}\n`);
    if (process.env.AZB_BROWSER_CONSOLE && !NOISE.test(text)) {
      process.stdout.write(`    [browser ${message.type()}] ${text}\n`);
    }
  });
  page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.stack ?? error.message}\n`));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  return {
    browser,
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      consoleLog.end();
    },
  };
}
