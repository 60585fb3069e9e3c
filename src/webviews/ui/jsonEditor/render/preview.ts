import type { PreviewModel, PreviewRow } from '../../../../jsonEditing/editorModel';
import { h } from '../dom';
import { requestText, splitRows } from '../presentation';
import { noticeElement } from './notices';
import type { PageContext } from './pageContext';

/** A table of property changes: property, change, and two value columns (current/draft, or before/after). */
export function rowsTable(ctx: PageContext, rows: PreviewRow[], caption: string, headings: [string, string] = [ctx.t('current'), ctx.t('draftValue')]): HTMLTableElement {
  const table = h('table', { class: 'changes' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ctx.t('property')), h('th', { scope: 'col' }, ctx.t('change')), h('th', { scope: 'col' }, headings[0]), h('th', { scope: 'col' }, headings[1]))),
  );
  const body = h('tbody');
  for (const row of rows) {
    body.append(h('tr', { class: `kind-${row.kind}` },
      h('th', { scope: 'row' }, h('code', {}, row.label)),
      h('td', {}, h('span', { class: `badge ${row.kind}` }, ctx.t(row.kind)), row.note ? h('span', { class: 'note' }, ` ${row.note}`) : undefined),
      h('td', { class: 'value' }, row.before ?? ctx.t('absent')),
      h('td', { class: 'value' }, row.after ?? '—'),
    ));
  }
  table.append(body);
  return table;
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
