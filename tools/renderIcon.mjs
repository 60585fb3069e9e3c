// Renders tools/icon.svg to media/icon.png (256×256, the Marketplace icon) with headless Chromium through
// playwright-core. Run from the repository root: `node tools/renderIcon.mjs` (AZB_CHROMIUM names the browser).
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('tools/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.AZB_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  writeFileSync('media/icon.png', png);
  console.log(`media/icon.png: ${png.length} bytes`);
} finally {
  await browser.close();
}
