import { h, icon } from '../dom';
import { listedIssues } from '../pageState';
import { errorCount, fieldProblem, issueWhere } from '../presentation';
import type { PageContext } from './pageContext';

/** The problems list (each a button to its place) and the fields' own messages. */
export function renderProblems(ctx: PageContext): void {
  const { el } = ctx;
  const issues = listedIssues(ctx.state);
  el.problemsHeading.textContent = `${ctx.t('problems')} (${issues.length})`;
  el.problemsList.replaceChildren();
  if (issues.length === 0) {
    el.problemsList.append(h('li', { class: 'none' }, icon('check'), ctx.t('noProblems')));
  }
  for (const issue of issues) {
    const item = h('li', { class: issue.severity });
    const b = h('button', { type: 'button', class: 'problem', title: issue.message },
      icon(issue.severity),
      h('span', { class: 'sr-only' }, `${issue.severity}: `),
      h('code', { class: 'where' }, issueWhere(issue, ctx.state.init?.fields)),
      h('span', { class: 'message' }, issue.message),
    );
    b.addEventListener('click', () => ctx.goTo(issue));
    item.append(b);
    el.problemsList.append(item);
  }
  for (const [id, f] of el.fieldInputs) {
    // The worst problem of the field: an error marks the input invalid; a warning only shows its text.
    const problem = fieldProblem(issues, id);
    f.message.textContent = problem?.message ?? '';
    f.message.dataset.severity = problem?.severity ?? '';
    f.input.setAttribute('aria-invalid', problem?.severity === 'error' ? 'true' : 'false');
  }
  if (el.buttons) {
    el.buttons.apply.dataset.errors = String(errorCount(issues));
  }
}
