/**
 * Which buttons of a row show only their icon, so that the row stays one line without scrolling at any width
 * (issue 16). Pure: no DOM (unit-tested on Node); the page measures the row (buttonRow.ts), this decides.
 */

/** A button of a row as the fitting sees it. */
export interface RowButton {
  primary: boolean;
}

/**
 * The order in which a row's buttons drop their text: the secondary ones first, from the row's end, then the primary
 * one (Apply, Create, Update), which keeps its text longest.
 */
export function collapseOrder(buttons: readonly RowButton[]): number[] {
  const fromEnd = buttons.map((_, i) => i).reverse();
  return [...fromEnd.filter((i) => !buttons[i]!.primary), ...fromEnd.filter((i) => buttons[i]!.primary)];
}

/**
 * Fits a row: every button with its text first, then, while the row overflows, one button after the other
 * (collapseOrder) shows its icon only. Returns the icon-only buttons' indexes, in the order they dropped their text.
 *
 * It starts from the full row every time, so the result depends on the row's width only, not on the row it found:
 * fitting again at the same width gives the same row (a resize observer that calls it settles, no flicker), and a
 * wider row gets its texts back.
 */
export function fitRow(buttons: readonly RowButton[], show: (index: number, iconOnly: boolean) => void, overflows: () => boolean): number[] {
  buttons.forEach((_, i) => show(i, false));
  const iconOnly: number[] = [];
  for (const i of collapseOrder(buttons)) {
    if (!overflows()) {
      break;
    }
    show(i, true);
    iconOnly.push(i);
  }
  return iconOnly;
}

/**
 * The tooltip of a button that shows its icon only: its text, and what its tooltip says besides (the key binding,
 * the description) on the next line — the tooltip as it is when it already starts with the text ("Apply (Ctrl+Enter)").
 */
export function iconOnlyTitle(label: string, title: string | undefined): string {
  const rest = title?.trim() ?? '';
  if (!rest || rest === label) {
    return label;
  }
  return rest.startsWith(label) ? rest : `${label}\n${rest}`;
}
