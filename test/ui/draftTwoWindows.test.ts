import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { repoRoot } from '../harness/paths';
import { screenshot, uiSession } from '../harness/uiSession';
import { editorFrame, endOfLine, openPoolEditor } from './actions';

/** The draft record as the draft store keeps it in the extension's global state (src/jsonEditing/draftStore.ts). */
interface StoredRecord {
  text: string;
  revision: number;
  writer: string;
}

const EXTENSION_ID = 'batch-operator.azure-batch-operator';
const POOL_DRAFT = /^azureBatch\.jsonEditor\.draft:azureBatch\.poolPatch:.*\/pools\/linux-small$/;

/**
 * The pool draft of linux-small where the workbench keeps it: the extensions' global state lives in the browser's
 * IndexedDB (database vscode-web-state-db-global, one JSON value per extension), which every window of the browser
 * profile shares and which the workbench broadcasts to the other windows when it changes.
 */
async function storedDraft(page: Page): Promise<StoredRecord | undefined> {
  const raw = await page.evaluate(async (extensionId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('vscode-web-state-db-global');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise<unknown>((resolve, reject) => {
        const get = db.transaction('ItemTable').objectStore('ItemTable').get(extensionId);
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      });
    } finally {
      db.close();
    }
  }, EXTENSION_ID);
  const state = (typeof raw === 'string' ? JSON.parse(raw) : {}) as Record<string, StoredRecord>;
  const key = Object.keys(state).find((k) => POOL_DRAFT.test(k));
  return key ? state[key] : undefined;
}

/** Waits until the stored draft satisfies `ok` (it is written 100 ms after the change); fails with what it was last. */
async function waitForStored(page: Page, ok: (record: StoredRecord | undefined) => boolean, what: string): Promise<StoredRecord | undefined> {
  let last: StoredRecord | undefined;
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    last = await storedDraft(page);
    if (ok(last)) {
      return last;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: the stored draft is ${JSON.stringify(last && { revision: last.revision, writer: last.writer, text: last.text })}`);
}

/** Replaces the owner's metadata value by typing at the end of its line, as a person does. */
async function retypeOwner(page: Page, frame: FrameLocator, from: string, to: string): Promise<void> {
  await page.bringToFront();
  await endOfLine(page, frame, `"value": "${from}"`);
  for (let i = 0; i < JSON.stringify(from).length; i++) {
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(`"${to}`);
  await page.keyboard.press('Escape');
}

/** The owner's metadata value in a stored draft; undefined when there is none, or its text does not parse (mid-typing). */
function ownerIn(record: StoredRecord | undefined): string | undefined {
  try {
    return (JSON.parse(record?.text ?? '') as { metadata?: { name: string; value: string }[] }).metadata?.find((m) => m.name === 'owner')?.value;
  } catch {
    return undefined;
  }
}

const otherWindowBanner = (frame: FrameLocator) => frame.locator('.banner', { hasText: /This draft was changed in another window\./ });

interface TwoWindows {
  page: Page;
  other: Page;
  frame: FrameLocator;
  emulator: EmulatorControl;
  /** The draft the other window wrote over this window's. */
  theirs: StoredRecord;
  /** The id of this window (the writer of its records). */
  mine: string;
}

/**
 * This window types an edit of linux-small; a second window of the same browser (another VS Code window on the same
 * profile) opens the same editor, gets the draft, and types its own edit; this window types again: the banner.
 */
async function conflictOfTwoWindows(page: Page, other: Page, emulator: EmulatorControl): Promise<TwoWindows> {
  const frame = await openPoolEditor(page, 'linux-small');
  if (await storedDraft(page)) {
    // Left by an earlier attempt that failed: start from the current pool.
    await discardDraft(frame);
  }
  await retypeOwner(page, frame, 'build-team', 'mine-1');
  const first = (await waitForStored(page, (r) => ownerIn(r) === 'mine-1', 'this window keeps its draft'))!;

  await other.bringToFront();
  const otherFrame = await openPoolEditor(other, 'linux-small');
  await otherFrame.locator('.cm-line', { hasText: '"value": "mine-1"' }).waitFor({ timeout: 20_000 });
  await retypeOwner(other, otherFrame, 'mine-1', 'theirs');
  const theirs = (await waitForStored(page, (r) => ownerIn(r) === 'theirs', 'the other window keeps its draft'))!;
  assert.notEqual(theirs.writer, first.writer, `written by another window (the writer of both: ${first.writer})`);
  assert.ok(theirs.revision > first.revision, `revision ${theirs.revision} after ${first.revision}`);

  await retypeOwner(page, frame, 'mine-1', 'mine-2');
  const banner = otherWindowBanner(frame);
  await banner.waitFor({ timeout: 20_000 });
  assert.deepEqual(await banner.getByRole('button').allInnerTexts(), ['Use Theirs', 'Keep Mine']);
  await frame.locator('.cm-line', { hasText: '"value": "mine-2"' }).waitFor({ timeout: 5_000 });
  assert.deepEqual(await storedDraft(page), theirs, 'theirs is not overwritten while the banner asks');
  return { page, other, frame, emulator, theirs, mine: first.writer };
}

/** "Discard draft" in the editor's footer; waits until the editor shows the current version. */
async function discardDraft(frame: FrameLocator): Promise<void> {
  await frame.locator('#discard').click({ timeout: 5_000 });
  await frame.locator('.banner', { hasText: 'Draft discarded; showing the current version.' }).waitFor({ timeout: 15_000 });
}

/** Closes the pool editors of both windows, each discarding the draft it kept (nothing is left for the next test). */
/**
 * After the choice: the next keystroke (owner `from` → "mine-3") is saved by this window with the next revision and no
 * banner; nothing was sent to the service; then the draft is discarded.
 */
async function nextEditSavesNormally(page: Page, frame: FrameLocator, emulator: EmulatorControl, expected: { from: string; writer: string; revisionBefore: number }): Promise<void> {
  await retypeOwner(page, frame, expected.from, 'mine-3');
  const next = await waitForStored(page, (r) => ownerIn(r) === 'mine-3', 'the next edit is kept');
  assert.equal(next?.writer, expected.writer);
  assert.equal(next?.revision, expected.revisionBefore + 1);
  assert.equal(await otherWindowBanner(frame).count(), 0, 'no banner again');

  assert.equal((await emulator.requests({ method: 'PATCH' })).length, 0, 'nothing sent to the service');
  await discardDraft(frame);
  await waitForStored(page, (r) => r === undefined, 'the draft is discarded');
}

async function closeEditors(page: Page, other: Page): Promise<void> {
  for (const p of [other, page]) {
    await p.bringToFront().catch(() => undefined);
    await discardDraft(editorFrame(p)).catch(() => undefined);
    // A middle click on the tab closes it, as in any VS Code window.
    const tab = p.locator('.tab', { hasText: 'Edit pool linux-small' }).first();
    await tab.click({ button: 'middle', timeout: 5_000 }).catch(() => undefined);
    await tab.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  }
}

describe('a pool draft changed in another window: Use Theirs / Keep Mine, clicked in the webview', function () {
  this.timeout(300_000); // two workbench windows on a shared machine (a bound for a stuck run, not a speed target)
  let other: Page | undefined;
  let emulator: EmulatorControl | undefined;

  before(async () => {
    const info = uiSession().environment.emulator!;
    emulator = new EmulatorControl(info.baseUrl, { ca: info.certificatePath });
    // A second VS Code window: another tab of the same browser on the same workbench (same profile, same global state).
    other = await uiSession().workbench.context.newPage();
    await other.goto(uiSession().server.workbenchUrl({ extensionDevelopmentPath: repoRoot }), { waitUntil: 'domcontentloaded' });
    await other.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  });

  after(async () => {
    await other?.close().catch(() => undefined);
    await emulator?.close();
    await uiSession().workbench.page.bringToFront().catch(() => undefined);
  });

  it('Use Theirs: the editor shows the other window’s draft, the banner is gone, the stored draft stays theirs and the next keystroke follows it', async () => {
    const { page } = uiSession().workbench;
    try {
      const { frame, theirs, mine } = await conflictOfTwoWindows(page, other!, emulator!);
      await screenshot('draft-two-windows-1-banner');

      await frame.getByRole('button', { name: 'Use Theirs', exact: true }).click();
      await frame.locator('.cm-line', { hasText: '"value": "theirs"' }).waitFor({ timeout: 15_000 });
      assert.doesNotMatch(await frame.locator('.cm-content').innerText(), /mine-2/);
      await otherWindowBanner(frame).waitFor({ state: 'detached', timeout: 10_000 });
      await frame.locator('.banner', { hasText: 'Showing the draft from the other window.' }).waitFor({ timeout: 10_000 });
      assert.deepEqual(await storedDraft(page), theirs, 'the stored draft is theirs, untouched');
      await screenshot('draft-two-windows-2-theirs');

      // The next keystroke here writes over theirs as a normal save: no banner, the revision moves on.
      await nextEditSavesNormally(page, frame, emulator!, { from: 'theirs', writer: mine, revisionBefore: theirs.revision });
    } finally {
      await closeEditors(page, other!);
    }
  });

  it('Keep Mine: the editor keeps this window’s text, the stored draft becomes it with a revision above theirs, and the next keystroke saves normally', async () => {
    const { page } = uiSession().workbench;
    try {
      const { frame, theirs, mine } = await conflictOfTwoWindows(page, other!, emulator!);

      await frame.getByRole('button', { name: 'Keep Mine', exact: true }).click();
      await otherWindowBanner(frame).waitFor({ state: 'detached', timeout: 10_000 });
      const kept = await waitForStored(page, (r) => ownerIn(r) === 'mine-2', 'mine is written over theirs');
      assert.equal(kept?.writer, mine);
      assert.ok(kept!.revision > theirs.revision, `revision ${kept!.revision} above theirs (${theirs.revision})`);
      assert.match(await frame.locator('.cm-content').innerText(), /"value": "mine-2"/);
      assert.doesNotMatch(await frame.locator('.cm-content').innerText(), /"theirs"/);
      await screenshot('draft-two-windows-3-kept-mine');

      await nextEditSavesNormally(page, frame, emulator!, { from: 'mine-2', writer: mine, revisionBefore: kept!.revision });
    } finally {
      await closeEditors(page, other!);
    }
  });
});
