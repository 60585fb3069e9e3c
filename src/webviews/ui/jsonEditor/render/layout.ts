import type { InitMessage } from '../../../protocol';
import { ButtonRow } from '../buttonRow';
import { button, h } from '../dom';
import type { PageContext } from './pageContext';

export interface LayoutHandlers {
  submit(): void;
  undo(): void;
  redo(): void;
  format(): void;
}

/**
 * Lays the page out for `init`: the content (header, banner, fields, the editor with its toolbar, the side: conflict,
 * result, problems, preview), which scrolls when it is taller than the page, and under it the footer, which does not:
 * Apply, Discard draft and Reload stay in view at any size (issue 16).
 */
export function layout(ctx: PageContext, message: InitMessage, handlers: LayoutHandlers): void {
  const { el, t } = ctx;
  const apply = button(message.submitLabel, handlers.submit, { primary: true, id: 'apply', title: `${message.submitLabel} (Ctrl+Enter)`, icon: 'check' });
  // Codicons: 'discard' is the undo arrow (redo's mirror); Discard draft clears the edits ('clear-all').
  const undo = button(t('undo'), handlers.undo, { title: `${t('undo')} (Ctrl+Z)`, icon: 'discard' });
  const redo = button(t('redo'), handlers.redo, { title: t('redo'), icon: 'redo' });
  const discard = button(t('discard'), () => ctx.command('discard'), { title: t('discardTitle'), id: 'discard', icon: 'clear-all' });
  const format = button(t('format'), handlers.format, { title: t('formatTitle'), icon: 'json' });
  const reload = button(t('reload'), () => ctx.command('reload'), { title: t('reloadTitle'), id: 'reload', icon: 'refresh' });
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('draft') }, h('h2', { id: 'draft-heading' }, t('draft')), format, undo, redo);
  const footerButtons = h('div', { class: 'buttons' }, apply, discard, reload);
  el.buttons = { apply, undo, redo, discard, reload };
  el.app.replaceChildren(
    h('div', { class: 'content' },
      h('header', {},
        h('h1', {}, message.title),
        h('p', { class: 'subtitle' }, message.subtitle),
        h('p', { class: 'base' }, el.baseLabel, ' · ', el.dirtyLabel),
      ),
      el.bannerBox,
      el.fieldsBox,
      h('main', { class: 'layout' },
        h('section', { class: 'editor-pane', 'aria-labelledby': 'draft-heading' },
          toolbar,
          el.editorHost,
          h('p', { id: 'shortcuts', class: 'shortcuts' }, t('shortcuts')),
        ),
        h('aside', { class: 'side' },
          el.conflictBox,
          el.resultBox,
          h('section', { class: 'problems', 'aria-labelledby': 'problems-heading' }, el.problemsHeading, el.problemsList),
          h('section', { class: 'preview', 'aria-labelledby': 'preview-heading' }, h('h2', { id: 'preview-heading' }, t('preview')), el.previewSummary, el.previewBox),
        ),
      ),
    ),
    h('footer', {}, footerButtons, el.statusLine),
  );
  // Both rows stay one line at any width: their buttons drop their texts when they do not fit (issue 16).
  for (const row of el.buttonRows) {
    row.disconnect();
  }
  el.buttonRows = [new ButtonRow(footerButtons, [apply, discard, reload]), new ButtonRow(toolbar, [format, undo, redo])];
}
