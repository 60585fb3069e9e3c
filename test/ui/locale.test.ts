import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { repoRoot, screenshotsDir } from '../harness/paths';
import { uiSession } from '../harness/uiSession';
import { openWorkbench, type Workbench } from '../harness/workbench';
import { contextMenu, editorFrame, expandRow, widenSideBar } from './actions';
import { englishLeftovers, englishPhrases } from './englishLeftovers';

/**
 * The workbench in Chinese and in Russian: VS Code started with `--locale` and the harness's minimal language pack
 * (test/harness/languagePack.ts), one workbench per language. What a person sees in the extension's places is
 * translated: the activity bar, the tree's rows, the node's context menu, the reimage quick pick and the pool
 * editor's buttons; and no English phrase of the extension's own strings is left on those screens.
 */
interface Expected {
  activityBar: string;
  subscription: string;
  batchAccounts: string;
  galleries: string;
  account: string;
  pool: string;
  node: string;
  /** The node states as the node rows show them, in words. */
  idle: string;
  running: string;
  /** The pool row's screen-reader label: current and target dedicated (and spot) nodes in words, allocation state. */
  dedicated: RegExp;
  /** linux-small's description: its 3 nodes and the 1 failing. */
  description: string;
  /** The node tooltip's "since <date>", the date formatted for the language. */
  since: RegExp;
  reimageEntry: string;
  editPoolEntry: string;
  reimageTitle: string;
  requeueEffect: string;
  /** The confirmation for two nodes: a plural form ("2 узлов" in Russian). */
  confirmTwo: string;
  buttons: string[];
  editorHeading: string;
}

const EXPECTED: Record<string, Expected> = {
  'zh-cn': {
    activityBar: 'Azure 批处理',
    subscription: '订阅',
    batchAccounts: 'Batch 帐户',
    galleries: '计算库',
    account: 'Batch 帐户',
    pool: '池',
    node: '节点',
    idle: '空闲（idle）',
    running: '正在运行',
    dedicated: /专用节点 \d+ 个（目标 \d+ 个）, (现成节点 \d+ 个（目标 \d+ 个）, )?稳定/,
    description: '3 · 1 个故障',
    since: /状态: 空闲（idle） \(自 \d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}:\d{2} 起\)/,
    reimageEntry: '重新映像…',
    editPoolEntry: '编辑池属性…',
    reimageTitle: '重新映像：正在运行的任务如何处理？',
    requeueEffect: '终止正在运行的任务并将其重新排队；它们会在另一个节点上再次运行。',
    confirmTwo: '是否重新映像池 linux-small 的 2 个节点？',
    buttons: ['应用', '放弃草稿', '重新加载', '格式化', '撤消', '恢复'],
    editorHeading: '编辑池',
  },
  ru: {
    activityBar: 'Пакетная служба Azure',
    subscription: 'Подписка',
    batchAccounts: 'Учетные записи Batch',
    galleries: 'Коллекции вычислений',
    account: 'Учетная запись Batch',
    pool: 'Пул',
    node: 'Узел',
    idle: 'бездействует (idle)',
    running: 'выполняется',
    dedicated: /\d+ из \d+ выделенн(ого узла|ых узлов), (\d+ из \d+ точечн(ого узла|ых узлов), )?стабильный/,
    description: '3 · сбойных: 1',
    since: /Состояние: бездействует \(idle\) \(с \d{1,2} [а-я]+\.? \d{4}\s?г\., \d{1,2}:\d{2}:\d{2}\)/,
    reimageEntry: 'Переустановить образ…',
    editPoolEntry: 'Изменить свойства пула…',
    reimageTitle: 'Переустановка образа: что делать с выполняемыми задачами?',
    requeueEffect: 'Завершить выполняемые задачи и повторно поставить их в очередь; они снова запустятся на другом узле.',
    confirmTwo: 'Переустановить образ 2 узлов пула linux-small?',
    buttons: ['Применить', 'Отменить черновик', 'Перезагрузить', 'Форматировать', 'Отменить', 'Повторить'],
    editorHeading: 'Изменение пула',
  },
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const starting = (text: string) => new RegExp(`^${escape(text)}(?![\\p{L}])`, 'u');

/** The text a person reads in the extension's places: its tree, the quick input, notifications. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    for (const el of document.querySelectorAll('[id="workbench.view.extension.azureBatch"] [role="treeitem"]')) {
      parts.push(el.getAttribute('aria-label') ?? '', (el as HTMLElement).innerText);
    }
    for (const el of document.querySelectorAll('.quick-input-widget, .notifications-toasts, .context-view')) {
      parts.push((el as HTMLElement).innerText);
    }
    return parts.join('\n');
  });
}

/** A node row in the given states (words as the tree shows them): "节点 tvm-1，空闲（idle） · …", "Узел tvm-1, выполняется · …". */
function nodeRow(want: Expected, states: string[]): RegExp {
  return new RegExp(`^${escape(want.node)} \\S+[,，] ?(${states.map(escape).join('|')}) ·`);
}

/**
 * One language's workbench: registers the hooks (start VS Code with `--locale`, screenshot a failed test, stop) in the
 * calling describe and returns the steps its tests run. The `it` calls stay in the describe blocks below, with literal
 * titles, so the harness can count them before they run.
 */
function localeWorkbench(locale: string) {
  const want = EXPECTED[locale];
  const phrases = englishPhrases(locale);
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  const page = () => workbench!.page;
  const shot = async (name: string) => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await page().screenshot({ path: path.join(screenshotsDir, `locale-${locale}-${name}.png`) });
  };
  const noEnglish = async (where: string, extra = '') => {
    const left = englishLeftovers(`${await visibleText(page())}\n${extra}`, phrases);
    assert.deepEqual(left, [], `English left on the ${locale} screen (${where})`);
  };

  before(async () => {
    assert.ok(phrases.length > 300, `English phrases to look for: ${phrases.length}`);
    assert.deepEqual(englishLeftovers('Contoso Production · Batch Accounts · 计算库', phrases), ['Batch Accounts'], 'the check finds English');
    const { environment } = uiSession();
    server = await startCodeServer({ name: `locale-${locale}`, locale, settings: environment.settings, env: environment.env });
    workbench = await openWorkbench(server.workbenchUrl({ extensionDevelopmentPath: repoRoot }), `locale-${locale}`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await shot(`failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
  });

  const activityBarAndTree = async () => {
    const tab = page().getByRole('tab', { name: starting(want.activityBar) });
    await tab.waitFor({ state: 'visible', timeout: 90_000 });
    await tab.click();
    await page().locator('[id="workbench.view.extension.azureBatch"]').waitFor({ state: 'visible', timeout: 30_000 });
    await widenSideBar(page(), 560);
    const roots = page().getByRole('treeitem', { name: starting(want.subscription) });
    await roots.first().waitFor({ state: 'visible', timeout: 60_000 });
    const names = await roots.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    assert.ok(names.includes(`${want.subscription} Contoso Production`), names.join(' | '));
    await expandRow(page(), starting(`${want.subscription} Contoso Production`));
    await page().getByRole('treeitem', { name: starting(want.galleries) }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await expandRow(page(), new RegExp(`^${escape(want.batchAccounts)}(,|$)`));
    await expandRow(page(), starting(`${want.account} contosoprod`));
    const pool = page().getByRole('treeitem', { name: starting(`${want.pool} linux-small`) }).first();
    await pool.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await pool.getAttribute('aria-label')) ?? '', want.dedicated);
    assert.equal(await pool.locator('.label-description').innerText(), want.description);
    await expandRow(page(), starting(`${want.pool} linux-small`));
    await page().getByRole('treeitem', { name: nodeRow(want, [want.idle, want.running]) }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const idle = page().getByRole('treeitem', { name: nodeRow(want, [want.idle]) }).first();
    await idle.hover();
    const hover = page().locator('.monaco-hover, .workbench-hover').filter({ hasText: 'idle' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await hover.innerText()).replace(/[\u00a0\u202f]/g, ' '), want.since);
    await shot('1-tree');
    await noEnglish('tree', await hover.innerText());
    await page().mouse.move(900, 700);
  };

  const reimageQuickPick = async () => {
    const node = page().getByRole('treeitem', { name: nodeRow(want, [want.idle]) }).first();
    await node.click({ button: 'right' });
    const entry = page().getByRole('menuitem', { name: starting(want.reimageEntry) });
    await entry.waitFor({ state: 'visible', timeout: 15_000 });
    await shot('2-node-menu');
    await noEnglish('node context menu');
    await page().keyboard.press('Escape');
    await contextMenu(page(), node, starting(want.reimageEntry));
    const title = page().locator('.quick-input-widget .quick-input-title');
    await title.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal((await title.innerText()).trim(), want.reimageTitle);
    const options = page().locator('.quick-input-widget [role="option"]');
    await options.first().waitFor({ state: 'visible', timeout: 15_000 });
    const labels = await options.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    assert.deepEqual(labels.map((l) => l.split(/[\s,]/)[0]), ['requeue', 'terminate', 'taskcompletion', 'retaineddata']);
    assert.ok(labels.some((l) => l.includes(want.requeueEffect)), labels.join(' | '));
    await shot('3-reimage-quick-pick');
    await noEnglish('reimage quick pick');
    await page().keyboard.press('Escape');
    await page().locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  };

  const confirmTwoNodes = async () => {
    const info = uiSession().environment.emulator!;
    const emulator = new EmulatorControl(info.baseUrl, { ca: info.certificatePath });
    try {
      await emulator.clearRequests();
      const rows = page().getByRole('treeitem', { name: nodeRow(want, [want.idle, want.running]) });
      await rows.nth(0).click();
      await rows.nth(1).click({ modifiers: ['Control'] });
      await contextMenu(page(), rows.nth(1), starting(want.reimageEntry));
      const options = page().locator('.quick-input-widget [role="option"]');
      await options.first().waitFor({ state: 'visible', timeout: 15_000 });
      await page().locator('.quick-input-widget [role="option"][aria-label^="requeue"]').first().click();
      const dialog = page().locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await dialog.innerText(), new RegExp(escape(want.confirmTwo)));
      await shot('4-confirm-two-nodes');
      await noEnglish('reimage confirmation', await dialog.innerText());
      await page().keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
      assert.deepEqual(await emulator.requests({ path: '/reimage$', method: 'POST' }), [], 'nothing was sent');
    } finally {
      await emulator.close();
    }
  };

  const poolEditor = async () => {
    const pool = page().getByRole('treeitem', { name: starting(`${want.pool} linux-small`) }).first();
    await contextMenu(page(), pool, starting(want.editPoolEntry));
    const frame = editorFrame(page());
    await frame.locator('.cm-content').waitFor({ state: 'visible', timeout: 60_000 });
    await frame.getByRole('heading', { name: starting(`${want.editorHeading} linux-small`) }).waitFor({ timeout: 15_000 });
    const buttons = (await frame.getByRole('button').evaluateAll((all) => all.map((b) => (b.textContent ?? '').trim()))).filter(Boolean);
    for (const label of want.buttons) {
      assert.ok(buttons.includes(label), `button "${label}" among ${buttons.join(' | ')}`);
    }
    await shot('5-pool-editor');
    const editorText = await frame.locator('body').innerText();
    await noEnglish('pool editor', editorText);
  };

  return { activityBarAndTree, reimageQuickPick, confirmTwoNodes, poolEditor };
}

describe("the workbench in zh-cn (VS Code --locale zh-cn with the harness's language pack)", function () {
  this.timeout(240_000);
  const steps = localeWorkbench('zh-cn');
  it('shows the translated title in the activity bar and the translated root rows of the tree', () => steps.activityBarAndTree());
  it('offers the translated Reimage entry on a node and a translated reimage quick pick (REST option values kept)', () => steps.reimageQuickPick());
  it('asks to reimage two selected nodes in the language’s plural form, and sends nothing when dismissed', () => steps.confirmTwoNodes());
  it('shows the pool editor with translated buttons', () => steps.poolEditor());
});

describe("the workbench in ru (VS Code --locale ru with the harness's language pack)", function () {
  this.timeout(240_000);
  const steps = localeWorkbench('ru');
  it('shows the translated title in the activity bar and the translated root rows of the tree', () => steps.activityBarAndTree());
  it('offers the translated Reimage entry on a node and a translated reimage quick pick (REST option values kept)', () => steps.reimageQuickPick());
  it('asks to reimage two selected nodes in the language’s plural form, and sends nothing when dismissed', () => steps.confirmTwoNodes());
  it('shows the pool editor with translated buttons', () => steps.poolEditor());
});
