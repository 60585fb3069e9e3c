import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { screenshot, uiSession } from '../harness/uiSession';
import { editorFrame, endOfLine, openPoolEditor } from './actions';

type Box = { x: number; y: number; width: number; height: number };

/** Runs a command from the palette, as a person does. */
async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** The editor page's width in CSS pixels (the webview's viewport). */
const pageWidth = (frame: FrameLocator) => frame.locator('body').evaluate(() => document.documentElement.clientWidth);

/** Resizes the browser window until the editor's page is `width` px wide (±4), as a person drags the window edge. */
/** Types the start task's maxTaskRetryCount `from` → `to` in the draft, as a person does; Escape closes the completion list. */
async function typeRetryCount(page: Page, frame: FrameLocator, from: number, to: number, escape = true): Promise<void> {
  await endOfLine(page, frame, `"maxTaskRetryCount": ${from},`);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(`${to},`);
  if (escape) {
    await page.keyboard.press('Escape');
  }
}

async function resizeEditor(page: Page, frame: FrameLocator, width: number): Promise<number> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const now = await pageWidth(frame);
    if (Math.abs(now - width) <= 4) {
      return now;
    }
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: viewport.width + (width - now), height: viewport.height });
    // The workbench lays the webview out a moment later: wait until the page's width moved.
    for (let i = 0; i < 100 && (await pageWidth(frame)) === now; i++) {
      await page.waitForTimeout(50);
    }
  }
  return pageWidth(frame);
}

async function box(locator: Locator, what: string): Promise<Box> {
  const b = await locator.boundingBox();
  assert.ok(b, `${what} is laid out`);
  return b;
}

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Apply, Discard draft and Reload: one row (same top), side by side without overlapping, clear of the key hints. */
async function assertButtonRow(frame: FrameLocator, width: number): Promise<void> {
  const buttons = [await box(frame.locator('#apply'), 'Apply'), await box(frame.locator('#discard'), 'Discard draft'), await box(frame.locator('#reload'), 'Reload')];
  const hints = await box(frame.locator('#shortcuts'), 'the key hints');
  const tops = buttons.map((b) => Math.round(b.y));
  assert.ok(Math.max(...tops) - Math.min(...tops) <= 1, `at ${width} px the buttons share one row: tops ${tops.join(', ')}`);
  for (let i = 1; i < buttons.length; i++) {
    assert.ok(buttons[i - 1]!.x + buttons[i - 1]!.width <= buttons[i]!.x, `at ${width} px button ${i} does not overlap button ${i + 1}`);
  }
  for (const [i, b] of buttons.entries()) {
    assert.ok(!intersects(b, hints), `at ${width} px button ${i + 1} (${JSON.stringify(b)}) is clear of the key hints (${JSON.stringify(hints)})`);
    assert.ok(b.height < 40, `at ${width} px button ${i + 1} is one line high (${b.height} px)`);
  }
}


/** How a row of the page's buttons is laid out, read inside the webview (CSS px of the page's viewport). */
interface RowLayout {
  pageWidth: number;
  rowScroll: number;
  rowClient: number;
  buttons: { id: string; text: string; ariaLabel: string | null; title: string; iconOnly: boolean; hasIcon: boolean; left: number; right: number; top: number }[];
}

async function rowLayout(frame: FrameLocator, row: string): Promise<RowLayout> {
  return frame.locator(row).evaluate((el) => ({
    pageWidth: document.documentElement.clientWidth,
    rowScroll: el.scrollWidth,
    rowClient: el.clientWidth,
    buttons: [...el.querySelectorAll<HTMLButtonElement>(':scope > button')].map((b) => {
      const r = b.getBoundingClientRect();
      return {
        id: b.id || (b.querySelector('.label')?.textContent ?? ''),
        text: b.innerText.trim(),
        ariaLabel: b.getAttribute('aria-label'),
        title: b.title,
        iconOnly: b.classList.contains('icon-only'),
        hasIcon: !!b.querySelector('svg.codicon'),
        left: r.left,
        right: r.right,
        top: r.top,
      };
    }),
  }));
}

/** One line, no sideways scroll, every button inside the page, each with its codicon. */
function assertOneRow(layout: RowLayout, what: string): void {
  const tops = layout.buttons.map((b) => Math.round(b.top));
  assert.ok(Math.max(...tops) - Math.min(...tops) <= 1, `${what} at ${layout.pageWidth} px: one row, tops ${tops.join(', ')}`);
  assert.ok(layout.rowScroll <= layout.rowClient, `${what} at ${layout.pageWidth} px: no sideways scroll (${layout.rowScroll} > ${layout.rowClient})`);
  for (const b of layout.buttons) {
    assert.ok(b.left >= 0 && b.right <= layout.pageWidth, `${what} at ${layout.pageWidth} px: ${b.id} (${b.left}–${b.right}) is inside the page`);
    assert.ok(b.hasIcon, `${what}: ${b.id} shows a codicon`);
  }
}

/** Where Apply, the footer and the request block are, read inside the webview (CSS px of the page's viewport). */
interface FooterView {
  viewport: { width: number; height: number };
  apply: Box;
  footer: Box;
  /** The request block (none when nothing changes, e.g. after Apply). */
  request: Box | null;
  /** Apply is what a click at its centre reaches (not something painted over it). */
  applyHit: boolean;
  /** The request block is what a click at its centre reaches (not the footer). */
  requestHit: boolean;
}

async function footerView(frame: FrameLocator): Promise<FooterView> {
  return frame.locator('body').evaluate(() => {
    const rect = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const hit = (e: Element) => {
      const r = e.getBoundingClientRect();
      const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return !!at && (at === e || e.contains(at));
    };
    const apply = document.querySelector('#apply')!;
    const request = document.querySelector('details.request');
    return {
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
      apply: rect(apply),
      footer: rect(document.querySelector('footer')!),
      request: request ? rect(request) : null,
      applyHit: hit(apply),
      requestHit: !!request && hit(request),
    };
  });
}

/** Scrolls whatever scrolls in the page (the page itself, any scrolling box around the preview) to its top or bottom. */
async function scrollPage(frame: FrameLocator, to: 'top' | 'bottom'): Promise<void> {
  await frame.locator('aside.side').evaluate((side, where) => {
    const scrollers: Element[] = [document.scrollingElement ?? document.documentElement];
    for (let e = side.parentElement; e; e = e.parentElement) {
      if (e.scrollHeight > e.clientHeight && getComputedStyle(e).overflowY !== 'visible') {
        scrollers.push(e);
      }
    }
    for (const s of scrollers) {
      s.scrollTop = where === 'top' ? 0 : s.scrollHeight;
    }
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))));
  }, to);
}

/** Apply fully inside the page's viewport, not scrolled, not painted over: clickable where it is. */
function assertApplyInView(view: FooterView, what: string): void {
  const { apply, viewport } = view;
  const at = `${what} (Apply ${JSON.stringify(apply)}, viewport ${viewport.width}×${viewport.height})`;
  assert.ok(apply.y >= 0 && apply.y + apply.height <= viewport.height, `Apply is inside the viewport vertically: ${at}`);
  assert.ok(apply.x >= 0 && apply.x + apply.width <= viewport.width, `Apply is inside the viewport horizontally: ${at}`);
  assert.ok(view.applyHit, `a click at Apply's centre reaches Apply: ${at}`);
}

describe('the JSON editor’s layout at the widths people use', function () {
  this.timeout(180_000); // a bound for a stuck run, not a speed target

  it('a nested change reads startTask.maxTaskRetryCount: 2 → 3, a long value folds behind show all; after Apply the button row is one line at 700 px and at 1400 px with the bottom panel open', async () => {
    const { page } = uiSession().workbench;
    const viewport = page.viewportSize()!;
    let panelOpened = false;
    let discarded = false;
    try {
      const frame = await openPoolEditor(page, 'linux-small');

      // The start task's retry count 2 → 3: the preview says that one path, not two blobs of the whole start task.
      await typeRetryCount(page, frame, 2, 3);
      const line = frame.locator('ul.changes li.kind-replaced .change-line', { hasText: 'startTask.maxTaskRetryCount' });
      await line.waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal((await line.innerText()).trim(), 'startTask.maxTaskRetryCount: 2 → 3');
      assert.deepEqual(await frame.locator('ul.changes li.kind-replaced .path').allInnerTexts(), ['startTask.maxTaskRetryCount'], 'one changed path');
      assert.match(await frame.locator('.preview .summary').innerText(), /^1 property changes: startTask replaced/);

      // After Format the long command line is shown from its start again.
      await endOfLine(page, frame, '"commandLine"');
      const scroller = frame.locator('.cm-scroller');
      const scrolled = await scroller.evaluate((e) => e.scrollLeft);
      assert.ok(scrolled > 0, 'the end of the command line is scrolled into view');
      await frame.getByRole('button', { name: 'Format', exact: true }).click();
      await scroller.evaluate((e) => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(e.scrollLeft)))));
      assert.equal(await scroller.evaluate((e) => e.scrollLeft), 0, `scrolled back to the left after Format (was ${scrolled})`);

      // The bottom panel open (a shorter editor), the panel 700 px wide: Apply.
      await runFromPalette(page, 'View: Toggle Panel Visibility');
      await page.locator('.part.panel').waitFor({ state: 'visible', timeout: 10_000 });
      panelOpened = true;
      const narrow = await resizeEditor(page, frame, 700);
      assert.ok(Math.abs(narrow - 700) <= 4, `the editor is ${narrow} px wide`);
      await frame.locator('#apply').click();
      await frame.getByRole('heading', { name: 'Applied' }).waitFor({ timeout: 20_000 });
      await frame.locator('footer .status').filter({ hasText: /Pool linux-small updated/ }).waitFor({ timeout: 10_000 });
      await screenshot('editor-layout-1-applied-700');
      await assertButtonRow(frame, narrow);
      // Below 900 px the preview is under the editor.
      const editorPane = await box(frame.locator('.editor-pane'), 'the editor');
      const side = await box(frame.locator('aside.side'), 'the preview');
      assert.ok(side.y >= editorPane.y + editorPane.height - 1, `at ${narrow} px the preview (top ${side.y}) is under the editor (bottom ${editorPane.y + editorPane.height})`);

      const wide = await resizeEditor(page, frame, 1400);
      assert.ok(Math.abs(wide - 1400) <= 4, `the editor is ${wide} px wide`);
      await screenshot('editor-layout-2-applied-1400');
      await assertButtonRow(frame, wide);
      const editorWide = await box(frame.locator('.editor-pane'), 'the editor');
      const sideWide = await box(frame.locator('aside.side'), 'the preview');
      assert.ok(sideWide.x >= editorWide.x + editorWide.width - 1, `at ${wide} px the preview is beside the editor`);

      // The next edit clears the "Applied" result.
      await typeRetryCount(page, frame, 3, 4, false);
      await frame.getByRole('heading', { name: 'Applied' }).waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(await frame.locator('.result').isVisible(), false);
      await line.filter({ hasText: 'startTask.maxTaskRetryCount: 3 → 4' }).waitFor({ timeout: 15_000 });

      // A long value is folded to its start; "show all" (a button, from the keyboard) shows it whole.
      await endOfLine(page, frame, '"commandLine"');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type(' && echo installed-by-the-layout-test');
      await page.keyboard.press('Escape');
      const commandLine = frame.locator('ul.changes li.kind-replaced', { has: frame.locator('.path', { hasText: 'startTask.commandLine' }) });
      await commandLine.waitFor({ state: 'visible', timeout: 15_000 });
      const after = commandLine.locator('.value-box').last();
      const showAll = after.getByRole('button', { name: 'show all' });
      assert.equal(await showAll.getAttribute('aria-expanded'), 'false');
      const folded = await after.locator('code.value').innerText();
      assert.equal(folded.length, 80, `folded to 80 characters: ${folded}`);
      assert.ok(folded.endsWith('…'));
      await showAll.focus();
      await page.keyboard.press('Enter');
      assert.equal(await after.getByRole('button', { name: 'show less' }).getAttribute('aria-expanded'), 'true');
      assert.match(await after.locator('code.value').innerText(), /&& echo installed-by-the-layout-test"$/);

      // Leave no draft behind for the other tests: Discard draft.
      await frame.locator('#discard').click();
      await frame.locator('.banner', { hasText: /Draft discarded/ }).waitFor({ timeout: 15_000 });
      discarded = true;
    } finally {
      if (!discarded) {
        await editorFrame(page).locator('#discard').click({ timeout: 5_000 }).catch(() => undefined);
      }
      await page.setViewportSize(viewport).catch(() => undefined);
      if (panelOpened) {
        await runFromPalette(page, 'View: Toggle Panel Visibility').catch(() => undefined);
      }
      await runFromPalette(page, 'View: Close All Editors').catch(() => undefined);
      await page.locator('.tab', { hasText: 'Edit pool linux-small' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    }
  });

  it('at 240 px the button rows show icons instead of scrolling: Apply keeps its text, the others keep their names as aria-labels and tooltips; at 1400 px the texts are back', async () => {
    const { page } = uiSession().workbench;
    const viewport = page.viewportSize()!;
    try {
      const frame = await openPoolEditor(page, 'linux-small');
      const footer = 'footer .buttons';
      const toolbar = '.toolbar';
      // A fitting that does not settle shows as "ResizeObserver loop completed with undelivered notifications".
      type Errors = { layoutErrors: string[] };
      await frame.locator('body').evaluate(() => {
        (window as unknown as Errors).layoutErrors = [];
        window.addEventListener('error', (e) => (window as unknown as Errors).layoutErrors.push(e.message));
      });
      const wide = await resizeEditor(page, frame, 1400);
      assert.ok(Math.abs(wide - 1400) <= 4, `the editor is ${wide} px wide`);
      for (const [row, what] of [[footer, 'the footer'], [toolbar, 'the toolbar']] as const) {
        const layout = await rowLayout(frame, row);
        assertOneRow(layout, what);
        assert.deepEqual(layout.buttons.filter((b) => b.iconOnly || b.ariaLabel !== null).map((b) => b.id), [], `${what} at ${wide} px: every button shows its text`);
      }
      assert.deepEqual((await rowLayout(frame, footer)).buttons.map((b) => b.text), ['Apply', 'Discard draft', 'Reload']);
      assert.deepEqual((await rowLayout(frame, toolbar)).buttons.map((b) => b.text), ['Format', 'Undo', 'Redo']);

      // Narrower and narrower, as a person drags the window's edge: which buttons show their icon only, per width.
      const seen: string[] = [];
      let before = -1;
      for (const target of [420, 400, 380, 360, 340, 320, 300, 280, 260, 240]) {
        const width = await resizeEditor(page, frame, target);
        const rows = [await rowLayout(frame, footer), await rowLayout(frame, toolbar)];
        rows.forEach((layout, i) => assertOneRow(layout, i === 0 ? 'the footer' : 'the toolbar'));
        const iconOnly = rows.flatMap((layout) => layout.buttons.filter((b) => b.iconOnly).map((b) => b.id));
        assert.ok(iconOnly.length >= before, `at ${width} px no button got its text back while narrowing (${iconOnly.join(', ')})`);
        before = iconOnly.length;
        seen.push(`${width}: ${iconOnly.join(', ') || '-'}`);
      }
      console.log(`      icon-only per page width: ${seen.join(' | ')}`);

      const narrow = await resizeEditor(page, frame, 240);
      assert.ok(Math.abs(narrow - 240) <= 4, `the editor is ${narrow} px wide`);
      await screenshot('editor-layout-3-narrow-240');
      const bottom = await rowLayout(frame, footer);
      const top = await rowLayout(frame, toolbar);
      for (const [layout, what] of [[bottom, 'the footer'], [top, 'the toolbar']] as const) {
        assertOneRow(layout, what);
      }
      const secondary = [...bottom.buttons.slice(1), ...top.buttons];
      assert.deepEqual(secondary.map((b) => [b.text, b.ariaLabel]), [['', 'Discard draft'], ['', 'Reload'], ['', 'Format'], ['', 'Undo'], ['', 'Redo']], 'the secondary buttons: no text, their names as aria-labels');
      assert.equal(secondary.find((b) => b.ariaLabel === 'Discard draft')?.title, 'Discard draft\nForget your edits and show the current version');
      assert.equal(secondary.find((b) => b.ariaLabel === 'Format')?.title, 'Format the JSON (Shift+Alt+F)');
      assert.equal(secondary.find((b) => b.ariaLabel === 'Undo')?.title, 'Undo (Ctrl+Z)');
      assert.equal(bottom.buttons[0]!.text, 'Apply', 'Apply keeps its text');
      await frame.getByRole('button', { name: 'Apply', exact: true }).waitFor({ state: 'visible', timeout: 5_000 });
      await frame.getByRole('button', { name: 'Discard draft', exact: true }).waitFor({ state: 'visible', timeout: 5_000 });
      await frame.getByRole('button', { name: 'Reload', exact: true }).waitFor({ state: 'visible', timeout: 5_000 });

      // The keyboard goes through the icon-only buttons in the same order: Apply → Discard draft → Reload.
      await frame.locator('#apply').focus();
      const focused = () => frame.locator('body').evaluate(() => document.activeElement?.id ?? '');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'discard');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'reload');

      const again = await resizeEditor(page, frame, 1400);
      assert.ok(Math.abs(again - 1400) <= 4, `the editor is ${again} px wide`);
      await screenshot('editor-layout-4-wide-again-1400');
      for (const [row, what, texts] of [[footer, 'the footer', ['Apply', 'Discard draft', 'Reload']], [toolbar, 'the toolbar', ['Format', 'Undo', 'Redo']]] as const) {
        const layout = await rowLayout(frame, row);
        assertOneRow(layout, what);
        assert.deepEqual(layout.buttons.map((b) => [b.text, b.ariaLabel, b.iconOnly]), texts.map((t) => [t, null, false]), `${what} at ${again} px: the texts are back`);
      }
      assert.equal((await rowLayout(frame, footer)).buttons[1]!.title, 'Forget your edits and show the current version', 'the tooltip as before');
      assert.deepEqual(await frame.locator('body').evaluate(() => (window as unknown as Errors).layoutErrors), [], 'no error in the page while it was resized');
    } finally {
      await page.setViewportSize(viewport).catch(() => undefined);
      await runFromPalette(page, 'View: Close All Editors').catch(() => undefined);
      await page.locator('.tab', { hasText: 'Edit pool linux-small' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    }
  });

  it('in the narrow layout (700 px, bottom panel open) Apply stays in view at the bottom of the page while the preview is taller than it, the request block scrolls fully into view above it; at 1400 px the footer is where it was', async () => {
    const { page } = uiSession().workbench;
    const viewport = page.viewportSize()!;
    let panelOpen = false;
    let discarded = false;
    try {
      const frame = await openPoolEditor(page, 'linux-small');
      // One edit: the preview shows the change, its summary and the request, under the editor when narrow.
      await typeRetryCount(page, frame, 2, 3);
      await frame.locator('ul.changes li.kind-replaced').first().waitFor({ state: 'visible', timeout: 15_000 });
      await frame.locator('details.request pre').waitFor({ state: 'visible', timeout: 15_000 });

      await runFromPalette(page, 'View: Toggle Panel Visibility');
      await page.locator('.part.panel').waitFor({ state: 'visible', timeout: 10_000 });
      panelOpen = true;
      const narrow = await resizeEditor(page, frame, 700);
      assert.ok(Math.abs(narrow - 700) <= 4, `the editor is ${narrow} px wide`);

      // From the page's top: the request is below the fold (the page is taller than the webview), Apply is not.
      await scrollPage(frame, 'top');
      const top = await footerView(frame);
      assert.ok(top.request, 'the request block is shown');
      await screenshot('editor-layout-5-sticky-700-top');
      console.log(`      at ${narrow} px: viewport ${top.viewport.width}×${top.viewport.height}, Apply top ${Math.round(top.apply.y)}, request top ${Math.round(top.request.y)}`);
      assert.ok(top.request.y + top.request.height > top.viewport.height, `the page is taller than the webview: the request ends at ${top.request.y + top.request.height} > ${top.viewport.height}`);
      assertApplyInView(top, `at ${narrow} px from the page's top`);
      const editorPane = await box(frame.locator('.editor-pane'), 'the editor');
      const side = await box(frame.locator('aside.side'), 'the preview');
      assert.ok(side.y >= editorPane.y + editorPane.height - 1, `at ${narrow} px the preview is under the editor`);

      // Scrolled to the end: the request block is wholly above the footer, and Apply is still where the hand is.
      await scrollPage(frame, 'bottom');
      const end = await footerView(frame);
      assert.ok(end.request, 'the request block is shown');
      await screenshot('editor-layout-6-sticky-700-end');
      assertApplyInView(end, `at ${narrow} px scrolled to the end`);
      assert.ok(end.request.y >= 0 && end.request.y + end.request.height <= end.footer.y + 1, `the request block (${JSON.stringify(end.request)}) is wholly above the footer (top ${end.footer.y})`);
      assert.ok(end.requestHit, 'a click at the request block\'s centre reaches it, not the footer');

      // The keyboard reaches what was under the footer: the request's summary, focused from the top, is shown above it.
      await scrollPage(frame, 'top');
      await frame.locator('details.request summary').focus();
      const summary = await box(frame.locator('details.request summary'), 'the request\'s summary');
      const footerNow = await box(frame.locator('footer'), 'the footer');
      assert.ok(summary.y >= 0 && summary.y + summary.height <= footerNow.y + 1, `the focused summary (${JSON.stringify(summary)}) is above the footer (top ${footerNow.y})`);
      await assertButtonRow(frame, narrow);

      // Apply from where it is, without scrolling.
      await scrollPage(frame, 'top');
      const applyBox = await box(frame.locator('#apply'), 'Apply');
      await page.mouse.click(applyBox.x + applyBox.width / 2, applyBox.y + applyBox.height / 2);
      await frame.getByRole('heading', { name: 'Applied' }).waitFor({ timeout: 20_000 });
      assertApplyInView(await footerView(frame), `at ${narrow} px after Apply`);

      // Wide: the footer where it always was, at the page's bottom, 12 px above its edge and 16 px from its left.
      const wide = await resizeEditor(page, frame, 1400);
      assert.ok(Math.abs(wide - 1400) <= 4, `the editor is ${wide} px wide`);
      const wideView = await footerView(frame);
      await screenshot('editor-layout-7-sticky-1400');
      assertApplyInView(wideView, `at ${wide} px`);
      const below = wideView.viewport.height - (wideView.apply.y + wideView.apply.height);
      assert.ok(Math.abs(below - 12) <= 1, `at ${wide} px Apply ends 12 px above the page's bottom, as before (${below})`);
      assert.ok(Math.abs(wideView.apply.x - 16) <= 1, `at ${wide} px Apply starts 16 px from the page's left, as before (${wideView.apply.x})`);

      // The bottom panel closed, narrow again: Apply still in view from the page's top.
      await runFromPalette(page, 'View: Toggle Panel Visibility');
      await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10_000 });
      panelOpen = false;
      const narrowAgain = await resizeEditor(page, frame, 700);
      await scrollPage(frame, 'top');
      assertApplyInView(await footerView(frame), `at ${narrowAgain} px with the bottom panel closed`);
      discarded = true; // applied: no draft left
    } finally {
      if (!discarded) {
        await editorFrame(page).locator('#discard').click({ timeout: 5_000 }).catch(() => undefined);
      }
      await page.setViewportSize(viewport).catch(() => undefined);
      if (panelOpen) {
        await runFromPalette(page, 'View: Toggle Panel Visibility').catch(() => undefined);
      }
      await runFromPalette(page, 'View: Close All Editors').catch(() => undefined);
      await page.locator('.tab', { hasText: 'Edit pool linux-small' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    }
  });
});
