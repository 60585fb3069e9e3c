/** What the renderers of the page's sections share: its state, its elements, and what its buttons do. */
import type { EditorIssue } from '../../../../jsonEditing/editorModel';
import type { ButtonRow } from '../buttonRow';
import { h } from '../dom';
import type { PageState } from '../pageState';

export interface FieldInput {
  input: HTMLInputElement;
  message: HTMLElement;
}

/** The page's long-lived elements; the buttons exist once `init` laid the page out. */
export interface PageElements {
  app: HTMLElement;
  statusLine: HTMLParagraphElement;
  bannerBox: HTMLDivElement;
  fieldsBox: HTMLDivElement;
  problemsList: HTMLUListElement;
  problemsHeading: HTMLHeadingElement;
  previewSummary: HTMLParagraphElement;
  previewBox: HTMLDivElement;
  resultBox: HTMLElement;
  conflictBox: HTMLElement;
  editorHost: HTMLDivElement;
  baseLabel: HTMLSpanElement;
  dirtyLabel: HTMLSpanElement;
  fieldInputs: Map<string, FieldInput>;
  buttons: { apply: HTMLButtonElement; undo: HTMLButtonElement; redo: HTMLButtonElement; discard: HTMLButtonElement; reload: HTMLButtonElement } | undefined;
  /** The footer's and the toolbar's rows, fitted to the page's width (buttonRow.ts). */
  buttonRows: ButtonRow[];
}

export function createElements(app: HTMLElement): PageElements {
  return {
    app,
    statusLine: h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }),
    bannerBox: h('div', { class: 'banner-box' }),
    fieldsBox: h('div', { class: 'fields' }),
    problemsList: h('ul', { class: 'problems-list' }),
    problemsHeading: h('h2', { id: 'problems-heading' }),
    previewSummary: h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' }),
    previewBox: h('div', { class: 'preview-body' }),
    resultBox: h('section', { class: 'result', 'aria-live': 'polite', hidden: true }),
    conflictBox: h('section', { class: 'conflict', 'aria-labelledby': 'conflict-heading', hidden: true }),
    editorHost: h('div', { class: 'editor-host' }),
    baseLabel: h('span', { class: 'base-label' }),
    dirtyLabel: h('span', { class: 'dirty-label' }),
    fieldInputs: new Map(),
    buttons: undefined,
    buttonRows: [],
  };
}

export interface PageContext {
  state: PageState;
  el: PageElements;
  /** A localized text of the page. */
  t(key: string): string;
  /** A notice's or result's button: sends its action to the host (not while a submit runs). */
  runAction(id: string): void;
  /** Rebase, discard or reload (not while a submit runs). */
  command(type: 'rebase' | 'discard' | 'reload'): void;
  /** Selects an issue's place: its field, or its range in the editor. */
  goTo(issue: EditorIssue): void;
  focusEditor(): void;
  setStatus(text: string): void;
}
