import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeServer } from './codeServer';
import type { TestEnvironment } from './environment';
import { screenshotsDir } from './paths';
import type { Workbench } from './workbench';

export interface UiSession {
  server: CodeServer;
  workbench: Workbench;
  environment: TestEnvironment;
}

let current: UiSession | undefined;

export function setUiSession(session: UiSession | undefined): void {
  current = session;
}

/** The running workbench, for UI tests (they run in the launcher's process). */
export function uiSession(): UiSession {
  if (!current) {
    throw new Error('No UI session: run UI tests through `node out/test/harness/runLayer.js ui`.');
  }
  return current;
}

/** Saves a screenshot of the whole workbench under test-output/screenshots/ and returns its path. */
export async function screenshot(name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await uiSession().workbench.page.screenshot({ path: file });
  return file;
}
