import type { PreviewAction, PreviewNotice } from '../../../../jsonEditing/editorModel';
import { button, h, icon } from '../dom';
import type { PageContext } from './pageContext';

export function actionButton(ctx: PageContext, action: PreviewAction): HTMLButtonElement {
  return button(action.label, () => ctx.runAction(action.id), { title: action.label });
}

/** A notice of the preview (or the banner): its icon, its text, its button. */
export function noticeElement(ctx: PageContext, notice: PreviewNotice, cls = 'notice'): HTMLElement {
  const role = notice.severity === 'error' ? 'alert' : undefined;
  const el = h('div', { class: `${cls} ${notice.severity}`, role },
    icon(notice.severity),
    h('span', { class: 'notice-text' }, notice.message),
  );
  if (notice.action) {
    el.append(actionButton(ctx, notice.action));
  }
  for (const more of notice.more ?? []) {
    el.append(actionButton(ctx, more));
  }
  return el;
}

/** The banner above the editor (restored draft, newer version, failed load…); null or undefined removes it. */
export function renderBanner(ctx: PageContext, banner: PreviewNotice | undefined | null): void {
  ctx.el.bannerBox.replaceChildren();
  // A banner with a button (rebase onto the newer version, try again) still applies after an edit; others do not.
  ctx.el.bannerBox.dataset.sticky = String(!!banner?.action);
  if (banner) {
    ctx.el.bannerBox.append(noticeElement(ctx, banner, 'banner'));
  }
}

/** The user edited: what the last banner ("Created", "Restored…") and result ("Applied", a failure) said is past. */
export function clearTransientNotices(ctx: PageContext): void {
  const { bannerBox, resultBox } = ctx.el;
  if (bannerBox.dataset.sticky !== 'true') {
    bannerBox.replaceChildren();
  }
  if (!resultBox.hidden) {
    resultBox.hidden = true;
    resultBox.replaceChildren();
    if (!ctx.state.busy) {
      ctx.setStatus('');
    }
  }
}
