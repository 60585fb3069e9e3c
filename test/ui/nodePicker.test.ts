/**
 * The palette's node picker in the real workbench (VS Code's own quick pick, its own filtering and sorting as you
 * type): F1 → Reimage… → hpc-10k, type "running" → the service lists the running nodes, "Load more…" is reached with
 * the keyboard and used, the text cleared → the first list is back, Escape → nothing sent.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { EmulatorHttp } from '../emulator/testClient';
import { screenshot, uiSession } from '../harness/uiSession';
import { collapseAll, openAzureBatch } from './actions';

const TITLE = 'Nodes of hpc-10k to reimage (type a state to filter)';

interface Row {
  label: string;
  description: string;
  focused: boolean;
}

/** The quick pick's rows on screen (the list is virtual: the rows scrolled into view), top to bottom. */
function rows(page: Page): Promise<Row[]> {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((els) =>
    els
      .map((el) => ({
        top: Number.parseFloat((el as HTMLElement).style.top || '0'),
        label: (el.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (el.querySelector('.label-description')?.textContent ?? '').trim(),
        focused: el.classList.contains('focused'),
      }))
      .sort((a, b) => a.top - b.top)
      .map(({ label, description, focused }) => ({ label, description, focused })),
  );
}

const title = (page: Page) => page.locator('.quick-input-widget .quick-input-title').innerText();
const isMore = (row: Row) => row.label.startsWith('Load more…');

/** Waits until `check` (on what the quick pick shows) holds; fails with what it showed last after 60 s. */
async function until(page: Page, what: string, check: (shown: { title: string; rows: Row[] }) => boolean): Promise<{ title: string; rows: Row[] }> {
  let shown = { title: '', rows: [] as Row[] };
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    shown = { title: (await title(page).catch(() => '')).trim(), rows: await rows(page) };
    if (check(shown)) {
      return shown;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: the quick pick shows ${JSON.stringify({ title: shown.title, rows: shown.rows.slice(0, 8).map((r) => `${r.label} | ${r.description}`) })}`);
}

/** In a quick pick step, types the row's label and takes it with Enter, as a person does; returns the step's rows. */
async function choose(page: Page, label: string): Promise<Row[]> {
  const all = await until(page, `a row "${label}"`, (s) => s.rows.some((r) => r.label === label));
  await page.locator('.quick-input-widget input').fill(label);
  await until(page, `"${label}" on top`, (s) => s.rows[0]?.label === label);
  await page.keyboard.press('Enter');
  return all.rows;
}

/** F1 → the command by its title → Contoso Production → contosohpc → hpc-10k; returns the pool step's rows. */
async function hpc10k(page: Page, command: string): Promise<Row[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await choose(page, 'Contoso Production');
  await choose(page, 'contosohpc');
  return choose(page, 'hpc-10k');
}

/** hpc-10k's idle and running nodes as GET /nodecounts says (dedicated + spot), read straight from the emulator. */
async function nodeCounts(): Promise<{ idle: number; running: number }> {
  const info = uiSession().environment.emulator!;
  const http = new EmulatorHttp(info);
  try {
    const account = info.batchAccounts.find((a) => a.name === 'contosohpc')!;
    const res = await http.send('GET', `${account.url}/nodecounts?api-version=2025-06-01.21.0`, { headers: { authorization: `Bearer ${await http.batchToken()}` } });
    assert.equal(res.status, 200, res.text);
    type Counts = { idle: number; running: number };
    const pool = (res.json as { value: { poolId: string; dedicated: Counts; lowPriority: Counts }[] }).value.find((p) => p.poolId === 'hpc-10k')!;
    return { idle: pool.dedicated.idle + pool.lowPriority.idle, running: pool.dedicated.running + pool.lowPriority.running };
  } finally {
    await http.close();
  }
}

describe('the palette node picker in the workbench', () => {
  it('F1 → Reimage… → hpc-10k, type running: the service lists the running nodes, Load more… is reached and used, cleared → the first list, Escape → nothing sent', async () => {
    const { page } = uiSession().workbench;
    const info = uiSession().environment.emulator!;
    const emulator = new EmulatorControl(info.baseUrl, { ca: info.certificatePath });
    const counts = await nodeCounts();
    const running = counts.running.toLocaleString('en');
    const reimageable = (counts.idle + counts.running).toLocaleString('en');
    assert.ok(counts.running > 1_000, `${counts.running} running nodes: more than a page`);
    // The workbench with the extension's view open (nothing selected in it): its commands are in the palette.
    await openAzureBatch(page);
    await collapseAll(page);
    await emulator.clearRequests();

    const pools = await hpc10k(page, 'Azure Batch: Reimage…');
    assert.deepEqual(pools.map((r) => r.label), ['hpc-10k'], 'the pool step shows the account\'s pools only');
    const input = page.locator('.quick-input-widget input');

    // The node picker: the first page of the idle and running nodes, "Load more…" with their total.
    const first = await until(page, 'the first page', (s) => s.title === `${TITLE} — first 1,000 of ${reimageable} nodes loaded` && s.rows.length > 5);
    assert.ok(first.rows.every((r) => /^(idle|running) · /.test(r.description)), first.rows.map((r) => r.description).join(' | '));
    assert.match(await input.getAttribute('placeholder') ?? '', /^Type a node state \(e\.g\. running\) to list those nodes on the service/);

    // Typed like a person: key by key. The service lists the running nodes; every row on screen is a running node.
    await input.click();
    await page.keyboard.type('running', { delay: 40 });
    const filtered = await until(page, 'the running nodes listed on the service', (s) =>
      s.title === `${TITLE} — running nodes (filtered on the service): first 1,000 of ${running} loaded` && s.rows.filter((r) => !isMore(r)).length > 5);
    const shownNodes = filtered.rows.filter((r) => !isMore(r));
    assert.ok(shownNodes.every((r) => /^running · (dedicated|spot)( · |$)/.test(r.description)), shownNodes.map((r) => r.description).join(' | '));
    assert.equal(await input.inputValue(), 'running', 'the text stays as typed');
    console.log(`      typed "running": ${shownNodes.length} rows on screen, first ${shownNodes[0]!.label} (${shownNodes[0]!.description}); title "${filtered.title}"`);
    await screenshot('node-picker-filtered');

    // "Load more…" is the last row: reached with the keyboard from the text box, then used with Enter.
    await page.keyboard.press('ControlOrMeta+End');
    const atEnd = await until(page, '"Load more…" focused', (s) => s.rows.some((r) => r.focused && isMore(r)));
    assert.equal(atEnd.rows.find((r) => r.focused)!.label, `Load more… (1,000 of ${running})`);
    assert.ok(isMore(atEnd.rows.at(-1)!), `"Load more…" is the last row: ${atEnd.rows.map((r) => r.label).join(' | ')}`);
    await screenshot('node-picker-load-more');
    await page.keyboard.press('Enter');
    const more = await until(page, 'the second page of running nodes', (s) => s.title === `${TITLE} — running nodes (filtered on the service): first 2,000 of ${running} loaded`);
    assert.ok(more.rows.filter((r) => !isMore(r)).every((r) => r.description.startsWith('running · ')), more.rows.map((r) => r.description).join(' | '));
    await page.keyboard.press('ControlOrMeta+End');
    const atEndAgain = await until(page, 'the new "Load more…" focused', (s) => s.rows.some((r) => r.focused && isMore(r)));
    assert.equal(atEndAgain.rows.find((r) => r.focused)!.label, `Load more… (2,000 of ${running})`);
    assert.ok(await page.locator('.quick-input-widget').isVisible(), 'the picker stays open after "Load more…"');

    // Cleared: the first list as it was (not read again), its own "Load more…".
    await input.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await until(page, 'the first list back', (s) => s.title === `${TITLE} — first 1,000 of ${reimageable} nodes loaded`);
    await page.keyboard.press('ControlOrMeta+Home');
    const back = await until(page, 'the first list\'s top', (s) => s.rows[0]?.focused === true && s.rows[0].label === first.rows[0]!.label);
    assert.deepEqual(back.rows.slice(0, first.rows.length - 1).map((r) => r.label), first.rows.slice(0, -1).map((r) => r.label), 'the same rows as before typing');
    await page.keyboard.press('ControlOrMeta+End');
    const backEnd = await until(page, 'the first list\'s "Load more…" focused', (s) => s.rows.some((r) => r.focused && isMore(r)));
    assert.equal(backEnd.rows.find((r) => r.focused)!.label, `Load more… (1,000 of ${reimageable})`);

    // Escape: the picker closes, nothing was sent.
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    const reads = await emulator.requests({ path: '/pools/hpc-10k/nodes$', method: 'GET' });
    assert.deepEqual(reads.filter((r) => r.query['$filter'] === "state eq 'running'").map((r) => r.status), [200, 200], 'two pages of running nodes, each read once');
    assert.equal(reads.filter((r) => r.query['$filter'] === "state eq 'idle' or state eq 'running'").length, 1, 'the first list read once');
    assert.deepEqual(await emulator.requests({ path: '/reimage$', method: 'POST' }), [], 'no reimage sent');
    await emulator.close();
  });
  it('F1 → Reboot… → hpc-10k, type the REST value starttaskfailed: the rows the service lists show though their text reads "start task failed"', async () => {
    const { page } = uiSession().workbench;
    const info = uiSession().environment.emulator!;
    const emulator = new EmulatorControl(info.baseUrl, { ca: info.certificatePath });
    await openAzureBatch(page);
    await collapseAll(page);
    await emulator.clearRequests();
    await hpc10k(page, 'Azure Batch: Reboot…');
    const rebootTitle = 'Nodes of hpc-10k (type a state to filter)';
    await until(page, 'the first page', (s) => s.title.startsWith(`${rebootTitle} — first 1,000 of `) && s.rows.length > 5);
    const input = page.locator('.quick-input-widget input');
    await input.click();
    await page.mouse.move(1, 1); // no hover of the text box's placeholder over the rows in the screenshot
    // The rows read "start task failed · dedicated · …", not the typed REST value: they show all the same (in VS Code
    // 1.139 its own filter matches the text in their description too; the picker also marks them alwaysShow).
    await page.keyboard.type('starttaskfailed', { delay: 20 });
    const filtered = await until(page, 'the start task failed nodes listed on the service', (s) =>
      s.title === `${rebootTitle} — start task failed nodes (filtered on the service)` && s.rows.length > 3);
    assert.ok(filtered.rows.every((r) => /^start task failed · (dedicated|spot)( · |$)/.test(r.description)), filtered.rows.map((r) => `${r.label} | ${r.description}`).join(' || '));
    console.log(`      typed "starttaskfailed": ${filtered.rows.length} rows on screen, first ${filtered.rows[0]!.label} (${filtered.rows[0]!.description})`);
    await screenshot('node-picker-rest-value');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    const reads = await emulator.requests({ path: '/pools/hpc-10k/nodes$', method: 'GET' });
    assert.deepEqual(reads.filter((r) => r.query['$filter'] === "state eq 'starttaskfailed'").map((r) => r.status), [200]);
    assert.deepEqual(await emulator.requests({ path: '/reboot$', method: 'POST' }), [], 'no reboot sent');
    await emulator.close();
  });
});
