import type { SubmitResultMessage } from '../../../protocol';
import { h, icon } from '../dom';
import { resultLook } from '../presentation';
import { renderConflict } from './conflict';
import { actionButton } from './notices';
import type { PageContext } from './pageContext';
import { rowsTable } from './preview';

/**
 * The result of a submit: the conflict view, what was applied, or why nothing was (the service's issues are then
 * marked in the editor and listed until the draft changes: `serviceIssuesChanged`).
 */
export function renderResult(ctx: PageContext, result: SubmitResultMessage, serviceIssuesChanged: () => void): void {
  const { resultBox } = ctx.el;
  resultBox.replaceChildren();
  resultBox.hidden = true;
  if (result.outcome === 'conflict' && result.conflict) {
    renderConflict(ctx, result.conflict, result.message);
    ctx.setStatus(result.message);
    return;
  }
  const look = resultLook(result.outcome);
  resultBox.className = look.className;
  resultBox.setAttribute('role', look.role);
  if (result.outcome === 'applied') {
    ctx.state.serviceIssues = [];
    resultBox.append(h('h2', {}, icon(look.icon), ctx.t('appliedTitle')), h('p', {}, result.message));
    if (result.rows?.length) {
      resultBox.append(rowsTable(ctx, result.rows, ctx.t('appliedTitle')));
    }
  } else {
    resultBox.append(h('p', {}, icon(look.icon), result.message));
    ctx.state.serviceIssues = result.issues.filter((i) => i.source === 'service');
    serviceIssuesChanged();
  }
  if (result.actions?.length) {
    resultBox.append(h('div', { class: 'buttons' }, ...result.actions.map((a) => actionButton(ctx, a))));
  }
  resultBox.hidden = false;
  ctx.setStatus(result.message);
}
