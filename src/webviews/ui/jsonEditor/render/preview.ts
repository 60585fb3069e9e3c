import type { PreviewModel, PreviewRow } from '../../../../jsonEditing/editorModel';
import { foldedText } from '../../../../jsonEditing/pathDiff';
import { h } from '../dom';
import { requestText, splitRows } from '../presentation';
import { noticeElement } from './notices';
import type { PageContext } from './pageContext';

/** Values longer than this are folded to their start, with a "show all" button. */
const FOLD_CHARS = 80;

/** A value of a change line: short ones as they are; long ones folded, with a keyboard-reachable "show all" toggle. */
function valueElement(ctx: PageContext, text: string | undefined): HTMLElement {
  if (text === undefined) {
    return h('span', { class: 'value absent' }, ctx.t('absent'));
  }
  const folded = foldedText(text, FOLD_CHARS);
  if (folded === undefined) {
    return h('code', { class: 'value' }, text);
  }
  const code = h('code', { class: 'value folded' }, folded);
  const toggle = h('button', { type: 'button', class: 'link show-all', 'aria-expanded': 'false' }, ctx.t('showAll'));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    code.textContent = open ? text : folded;
    code.classList.toggle('folded', !open);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? ctx.t('showLess') : ctx.t('showAll');
  });
  return h('span', { class: 'value-box' }, code, toggle);
}

/**
 * The changes as a list, one line per changed path: "startTask.maxTaskRetryCount: 2 → 3", with its kind as a badge
 * and its note. Lines wrap between words and values, never inside a path or a short value.
 */
export function rowsTable(ctx: PageContext, rows: PreviewRow[], caption: string): HTMLUListElement {
  const list = h('ul', { class: 'changes', 'aria-label': caption });
  for (const row of rows) {
    const line = h('span', { class: 'change-line' }, h('code', { class: 'path' }, row.label), ': ');
    if (row.kind === 'unchanged') {
      line.append(valueElement(ctx, row.before ?? row.after));
    } else {
      line.append(valueElement(ctx, row.before), h('span', { class: 'arrow' }, ' → '), valueElement(ctx, row.after));
    }
    list.append(h('li', { class: `change kind-${row.kind}` },
      h('span', { class: `badge ${row.kind}` }, ctx.t(row.kind)),
      line,
      row.note ? h('span', { class: 'note' }, row.note) : undefined,
    ));
  }
  return list;
}

/** The live preview: summary, notices, what changes, what stays (folded), the exact request. */
export function renderPreview(ctx: PageContext, preview: PreviewModel): void {
  const { previewBox, previewSummary } = ctx.el;
  previewBox.replaceChildren();
  if (previewSummary.textContent !== preview.summary) {
    previewSummary.textContent = preview.summary;
  }
  for (const notice of preview.notices) {
    previewBox.append(noticeElement(ctx, notice));
  }
  const { changed, unchanged } = splitRows(preview.rows);
  if (changed.length) {
    previewBox.append(rowsTable(ctx, changed, ctx.t('preview')));
  }
  if (unchanged.length) {
    previewBox.append(h('details', { class: 'unchanged' },
      h('summary', {}, `${ctx.t('unchangedRows')} (${unchanged.length})`),
      rowsTable(ctx, unchanged, ctx.t('unchangedRows')),
    ));
  }
  if (preview.request) {
    previewBox.append(h('details', { class: 'request', open: true },
      h('summary', {}, ctx.t('request')),
      h('pre', { tabindex: '0', 'aria-label': ctx.t('request') }, h('code', {}, requestText(preview.request))),
    ));
  }
}
