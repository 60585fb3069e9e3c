/**
 * The heatmap page's keyboard focus, shown: the focus ring over the focus cell (with its hover card) and what a
 * screen reader hears as the focus moves ("node id, state", and "selected").
 */
import { cellOf, type CellColumns } from '../../../heatmap/heatmapColumns';
import { cellOrigin } from '../../../heatmap/gridLayout';
import type { SelectionState } from '../../../heatmap/heatmapSelection';
import { format } from './dom';
import type { PageView } from './pageView';

/** Tells screen readers the focus cell: "node id, state" (", selected"). */
export function announceFocus(view: PageView, columns: CellColumns, selection: SelectionState): void {
  const cell = cellOf(columns, selection.focus);
  if (cell) {
    const s = (key: string) => view.init.strings[key] ?? key;
    const selected = selection.selected.has(cell.id) ? `, ${s('selected')}` : '';
    view.announce.textContent = `${format(s('cellAnnouncement'), cell.id, cell.state)}${selected}`;
  }
}

/** Moves the focus ring over the focus cell (while the canvas has the keyboard focus) and shows its card. */
export function showFocus(view: PageView | undefined, columns: CellColumns, selection: SelectionState, pending: Record<string, string>): void {
  const cell = cellOf(columns, selection.focus);
  if (!view || !cell || document.activeElement !== view.canvas) {
    if (view) {
      view.focusRing.hidden = true;
    }
    return;
  }
  const layout = view.grid.layout;
  const { x, y } = cellOrigin(layout, selection.focus);
  const ring = view.focusRing;
  ring.hidden = false;
  ring.style.setProperty('left', `${view.canvas.offsetLeft + x - 2}px`);
  ring.style.setProperty('top', `${view.canvas.offsetTop + y - 2}px`);
  ring.style.setProperty('width', `${layout.cell + 4}px`);
  ring.style.setProperty('height', `${layout.cell + 4}px`);
  ring.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const rect = ring.getBoundingClientRect();
  view.tooltip.show(cell, pending[cell.id], rect.right, rect.bottom);
}
