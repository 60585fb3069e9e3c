import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi, TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { EmulatorControl } from '../emulator/control';
import { extensionId } from '../harness/paths';

export function api(): TestApi {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  assert.ok(extension?.isActive, 'the extension is active');
  assert.ok(extension.exports.test, 'the test API is exported in test mode');
  return extension.exports.test;
}

let control: EmulatorControl | undefined;

/** The emulator the launcher started for this run (AZB_EMULATOR_URL). */
export function emulator(): EmulatorControl {
  const url = process.env.AZB_EMULATOR_URL;
  assert.ok(url, 'AZB_EMULATOR_URL is set by the launcher');
  control ??= new EmulatorControl(url);
  return control;
}

export async function label(node: TreeNode): Promise<string> {
  const item = await node.getTreeItem();
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

export async function description(node: TreeNode): Promise<string> {
  const item = await node.getTreeItem();
  return typeof item.description === 'string' ? item.description : '';
}

/** Tree items come from the extension's bundle: compare by contextValue tokens, not by class. */
export async function contextValue(node: TreeNode): Promise<string> {
  return String((await node.getTreeItem()).contextValue ?? '');
}

/** The rows the view shows under `node` (through the same provider VS Code calls). */
export async function children(node?: TreeNode): Promise<TreeNode[]> {
  return api().tree.getChildren(node);
}

export async function labels(node?: TreeNode): Promise<string[]> {
  return Promise.all((await children(node)).map(label));
}

export async function child(parent: TreeNode | undefined, text: string | RegExp): Promise<TreeNode> {
  const rows = await children(parent);
  for (const row of rows) {
    const l = await label(row);
    if (typeof text === 'string' ? l === text : text.test(l)) {
      return row;
    }
  }
  assert.fail(`no row ${String(text)} under ${parent?.id ?? 'root'}; rows: ${(await Promise.all(rows.map(label))).join(', ')}`);
}

/** Walks labels from the root, e.g. ['Contoso Production', 'Batch Accounts', 'contosoprod', 'linux-small']. */
export async function path(...texts: (string | RegExp)[]): Promise<TreeNode> {
  let node: TreeNode | undefined;
  for (const text of texts) {
    node = await child(node, text);
  }
  return node!;
}

/** An answer that types into a quick pick made with createQuickPick (no accept): the next answer goes to what it shows next. */
export interface Typing {
  type: string;
  /** Checked before typing (a multi-select quick pick), as a person checks rows and then types. */
  select?: vscode.QuickPickItem[];
}
type Picked = vscode.QuickPickItem | vscode.QuickPickItem[] | undefined;
type Answer = string | undefined | Typing
  | ((items: readonly vscode.QuickPickItem[], quickPick: vscode.QuickPick<vscode.QuickPickItem>) => Picked | Typing | Promise<Picked | Typing>);
const isTyping = (a: unknown): a is Typing => typeof a === 'object' && a !== null && !Array.isArray(a) && typeof (a as Typing).type === 'string';

/**
 * Answers the next prompts (input boxes, quick picks, modal warnings) in order, as a user would, and restores
 * the real ones afterwards. Quick-pick answers name the labels to pick (several for canPickMany). Every answer must
 * be asked for and every prompt answered: one left over, or one too many, fails the test. Warnings that are not modal
 * (notifications) are recorded in `prompts` but take no answer. A quick pick made with createQuickPick that stays open
 * after an answer (one that loads more, or a `{ type }` answer) is asked again once it shows new items and is not busy.
 */
export async function withPrompts<T>(answers: (Answer | string[])[], body: () => Thenable<T>): Promise<{ result: T; prompts: string[] }> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const saved = {
    showInputBox: window.showInputBox,
    showQuickPick: window.showQuickPick,
    showWarningMessage: window.showWarningMessage,
    createQuickPick: window.createQuickPick,
  };
  const queue = [...answers];
  const prompts: string[] = [];
  let unanswered = 0;
  /** The next scripted answer; a prompt beyond the script is answered like Escape and fails the test at the end. */
  const next = () => {
    if (queue.length === 0) {
      unanswered++;
    }
    return queue.shift();
  };
  window.showInputBox = async (options?: vscode.InputBoxOptions) => {
    prompts.push(`input:${options?.title ?? options?.prompt ?? ''}`);
    const answer = next();
    if (typeof answer === 'string' && options?.validateInput) {
      const problem = await options.validateInput(answer);
      assert.ok(!problem, `the answer "${answer}" is valid: ${JSON.stringify(problem)}`);
    }
    return answer as string | undefined;
  };
  window.showQuickPick = async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
    const list = await items;
    prompts.push(`pick:${options?.title ?? ''}`);
    const answer = next();
    assert.ok(!isTyping(answer), `quick pick "${options?.title}" takes no typing (it is not made with createQuickPick)`);
    if (typeof answer === 'function') {
      const picked = await answer(list, undefined as unknown as vscode.QuickPick<vscode.QuickPickItem>);
      assert.ok(!isTyping(picked), `quick pick "${options?.title}" takes no typing (it is not made with createQuickPick)`);
      return picked;
    }
    if (Array.isArray(answer)) {
      return list.filter((i) => answer.includes(i.label));
    }
    if (answer === undefined) {
      return undefined;
    }
    const found = list.find((i) => i.label === answer);
    assert.ok(found, `quick pick "${options?.title}" offers "${answer}"; it offers ${list.map((i) => i.label).join(', ')}`);
    return options?.canPickMany ? [found] : found;
  };
  window.showWarningMessage = async (message: string, ...rest: unknown[]) => {
    prompts.push(`warning:${message}`);
    const buttons = rest.filter((r) => typeof r === 'string' || (typeof r === 'object' && r !== null && 'title' in r)) as (string | vscode.MessageItem)[];
    const modal = rest.some((r) => typeof r === 'object' && r !== null && (r as vscode.MessageOptions).modal === true);
    if (!modal) {
      return undefined; // a notification, not a question: it takes no scripted answer (the person lets it go)
    }
    const answer = next();
    return buttons.find((b) => (typeof b === 'string' ? b : b.title) === answer);
  };
  window.createQuickPick = () => {
    // A scripted QuickPick: shows nothing; selects the answer's items and accepts (hides on undefined), or types.
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const valueChange = new vscode.EventEmitter<string>();
    const selectionChange = new vscode.EventEmitter<readonly vscode.QuickPickItem[]>();
    let items: vscode.QuickPickItem[] = [];
    let busy = false;
    let open = false;
    let again = false; // answered without closing: answer what it shows next
    let changed = false;
    const respond = async (answer: Answer | string[]) => {
      const result = typeof answer === 'function' ? await answer(items, pick as unknown as vscode.QuickPick<vscode.QuickPickItem>) : answer;
      if (isTyping(result)) {
        again = true;
        if (result.select) {
          pick.selectedItems = result.select;
          selectionChange.fire(result.select);
        }
        pick.value = result.type;
        valueChange.fire(result.type);
        return;
      }
      const wanted = result === undefined ? [] : Array.isArray(result) ? result : [result];
      const chosen = wanted.map((w) => (typeof w === 'string' ? items.find((i) => i.label === w) : w)).filter((i): i is vscode.QuickPickItem => i !== undefined);
      if (chosen.length === 0) {
        pick.hide();
        return;
      }
      again = true;
      pick.selectedItems = chosen;
      selectionChange.fire(chosen);
      accept.fire();
    };
    const ask = () => {
      again = false;
      changed = false;
      const active = pick.activeItems.map((i) => i.label).join(',');
      prompts.push(`pick:${pick.title}${active ? `|active:${active}` : ''}`);
      const answer = next();
      setTimeout(() => void respond(answer as Answer | string[]), 0);
    };
    const check = () => setTimeout(() => {
      if (open && again && changed && !busy) {
        ask();
      }
    }, 0);
    const pick = {
      get items() { return items; },
      set items(value: vscode.QuickPickItem[]) { items = value; changed = true; check(); },
      get busy() { return busy; },
      set busy(value: boolean) { busy = value; check(); },
      activeItems: [] as vscode.QuickPickItem[], selectedItems: [] as vscode.QuickPickItem[], value: '',
      title: '', placeholder: '', ignoreFocusOut: false, canSelectMany: false, matchOnDescription: false, matchOnDetail: false,
      onDidAccept: accept.event, onDidHide: hide.event, onDidChangeValue: valueChange.event, onDidChangeSelection: selectionChange.event,
      onDidChangeActive: new vscode.EventEmitter<unknown>().event, onDidTriggerButton: new vscode.EventEmitter<unknown>().event,
      show() {
        open = true;
        ask();
      },
      hide() {
        if (open) {
          open = false;
          hide.fire();
        }
      },
      dispose() {
        open = false;
      },
    };
    return pick;
  };
  try {
    const result = await body();
    // An answer nobody asked for means the command took another path than the test describes.
    const seen = prompts.join(' / ') || '(none)';
    assert.equal(queue.length, 0, `${queue.length} scripted answer(s) were never asked for; the prompts were: ${seen}`);
    assert.equal(unanswered, 0, `${unanswered} prompt(s) came after the scripted answers ran out; the prompts were: ${seen}`);
    return { result, prompts };
  } finally {
    Object.assign(window, saved);
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs `body` with vscode.window.withProgress replaced by one that hands out a token the test controls:
 * `cancelWhen(reports)` is asked after each progress report and cancels the operation when it returns true.
 */
export async function withCancellableProgress<T>(cancelWhen: (reports: string[]) => boolean, body: () => Thenable<T>): Promise<{ result: T; reports: string[] }> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const saved = window.withProgress;
  const reports: string[] = [];
  window.withProgress = async (_options: vscode.ProgressOptions, task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<unknown>) => {
    const source = new vscode.CancellationTokenSource();
    try {
      return await task({ report: (value) => { reports.push(value.message ?? ''); if (cancelWhen(reports)) { source.cancel(); } } }, source.token);
    } finally {
      source.dispose();
    }
  };
  try {
    return { result: await body(), reports };
  } finally {
    window.withProgress = saved;
  }
}

/** The REST state of a node row (its NodeItem's `node.state`, e.g. "starttaskfailed"): find nodes by their data, not by the row's words. */
export function nodeState(row: TreeNode): string | undefined {
  return (row as unknown as { node?: { state?: string } }).node?.state;
}
