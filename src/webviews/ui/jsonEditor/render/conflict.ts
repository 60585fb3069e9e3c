import type { ConflictModel } from '../../../../jsonEditing/editorModel';
import { button, h, icon } from '../dom';
import type { PageContext } from './pageContext';

/** The conflict view after a 412: the server's newer values beside the draft's, and Rebase / Discard / Back. */
export function renderConflict(ctx: PageContext, conflict: ConflictModel, message: string): void {
  const { conflictBox } = ctx.el;
  const t = ctx.t;
  conflictBox.replaceChildren(
    h('h2', { id: 'conflict-heading' }, icon('warning'), t('conflictTitle')),
    h('p', {}, message),
    h('p', {}, conflict.message),
  );
  const table = h('table', { class: 'conflict-table' },
    h('caption', { class: 'sr-only' }, t('conflictTitle')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('property')), h('th', { scope: 'col' }, t('conflictBase')), h('th', { scope: 'col' }, `${t('conflictTheirs')} (${conflict.theirsVersionLabel})`), h('th', { scope: 'col' }, t('conflictYours')))),
  );
  const body = h('tbody');
  for (const row of conflict.rows) {
    body.append(h('tr', { class: row.conflict ? 'both' : '' },
      h('th', { scope: 'row' }, h('code', {}, row.label), row.conflict ? h('span', { class: 'badge conflict' }, t('bothChanged')) : undefined),
      h('td', { class: 'value' }, row.base ?? t('absent')),
      h('td', { class: 'value' }, row.theirs ?? t('absent')),
      h('td', { class: 'value' }, row.yours ?? t('absent')),
    ));
  }
  table.append(body);
  const closeAnd = (type: 'rebase' | 'discard') => () => {
    if (!ctx.state.busy) {
      conflictBox.hidden = true;
      ctx.command(type);
    }
  };
  conflictBox.append(table, h('div', { class: 'buttons' },
    button(t('rebase'), closeAnd('rebase'), { primary: true, id: 'rebase' }),
    button(t('discard'), closeAnd('discard')),
    button(t('keepEditing'), () => {
      conflictBox.hidden = true;
      ctx.focusEditor();
    }),
  ));
  conflictBox.hidden = false;
  conflictBox.querySelector<HTMLButtonElement>('#rebase')?.focus();
}
