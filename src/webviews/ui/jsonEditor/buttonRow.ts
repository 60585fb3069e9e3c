/**
 * A row of buttons that stays one line and never scrolls (issue 16): when the row does not fit, its buttons show their
 * codicon without the text, the secondary ones first (buttonFit.ts). The row is measured, not guessed from a width
 * (the labels' lengths differ between languages): its content's width (scrollWidth) against its own (clientWidth),
 * every time the space around it changes (a ResizeObserver on its parent, whose width the page sets, not the row) or a
 * button's own size does (a theme's font size). Fitting changes the buttons' sizes, which calls it once more: it
 * then finds the same row (buttonFit.ts: the result depends on the width only) and changes nothing, so it settles.
 */
import { fitRow, iconOnlyTitle } from './buttonFit';

export class ButtonRow {
  private readonly observer: ResizeObserver;
  /** The buttons' tooltips with their text shown. */
  private readonly titles: string[];

  constructor(private readonly row: HTMLElement, private readonly buttons: readonly HTMLButtonElement[]) {
    this.titles = buttons.map((b) => b.title);
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(row.parentElement ?? row);
    for (const b of buttons) {
      this.observer.observe(b);
    }
  }

  /** Shows as many texts as fit (measured synchronously: the row is never painted in between). */
  fit(): void {
    const { row, buttons } = this;
    if (!row.isConnected || row.clientWidth === 0) {
      return; // not laid out (a hidden panel): fitted when it is shown
    }
    // While measuring, a heading in the row stays on one line: the buttons drop their texts before it wraps.
    row.classList.add('fitting');
    try {
      fitRow(buttons.map((b) => ({ primary: b.classList.contains('primary') })), (i, iconOnly) => this.show(i, iconOnly), () => row.scrollWidth > row.clientWidth);
    } finally {
      row.classList.remove('fitting');
    }
  }

  disconnect(): void {
    this.observer.disconnect();
  }

  /** Icon only: the text is hidden and becomes the button's accessible name (aria-label) and its tooltip's first line. */
  private show(index: number, iconOnly: boolean): void {
    const b = this.buttons[index]!;
    if (b.classList.contains('icon-only') === iconOnly) {
      return;
    }
    b.classList.toggle('icon-only', iconOnly);
    const label = b.querySelector('.label')?.textContent ?? '';
    if (iconOnly) {
      b.setAttribute('aria-label', label);
      b.title = iconOnlyTitle(label, this.titles[index]);
    } else {
      b.removeAttribute('aria-label');
      b.title = this.titles[index] ?? '';
    }
  }
}
