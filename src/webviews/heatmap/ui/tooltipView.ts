/**
 * The hover card of a cell: node id, state and since when, dedicated or spot, IP address, errors, and the operation
 * this extension runs on it. Shown beside the pointer (or the keyboard focus cell), kept inside the page.
 */
import type { HeatmapCell } from '../../../heatmap/heatmapModel';
import type { HeatmapStrings } from '../../../heatmap/heatmapProtocol';
import { format, h } from './dom';

export class TooltipView {
  readonly element: HTMLElement;
  private shownFor: string | undefined;

  constructor(private readonly strings: HeatmapStrings, private readonly dates: Intl.DateTimeFormat) {
    this.element = h('div', { class: 'cell-tooltip', role: 'tooltip', id: 'cell-tooltip', hidden: true });
  }

  /** Shows the card of `cell` with its top-left near (x, y) in page coordinates. */
  show(cell: HeatmapCell, pending: string | undefined, x: number, y: number): void {
    const s = (key: string) => this.strings[key] ?? key;
    const key = `${cell.id}|${cell.state}|${cell.since}|${cell.errors.length}|${pending ?? ''}`;
    if (key !== this.shownFor) {
      this.shownFor = key;
      const since = cell.since ? this.when(cell.since) : undefined;
      const lines: HTMLElement[] = [
        h('div', { class: 'tooltip-id' }, cell.id),
        h('div', {}, `${s('state')}: `, h('strong', {}, cell.state), since ? ` (${format(s('since'), since)})` : ''),
        h('div', {}, cell.dedicated ? s('dedicated') : s('spot')),
      ];
      if (cell.ip) {
        lines.push(h('div', {}, `${s('ipAddress')}: ${cell.ip}`));
      }
      lines.push(...cell.errors.map((e) => h('div', { class: 'tooltip-error' }, e)));
      if (pending) {
        lines.push(h('div', { class: 'tooltip-pending' }, pending));
      }
      this.element.replaceChildren(...lines);
    }
    this.element.hidden = false;
    const margin = 12;
    const width = this.element.offsetWidth;
    const height = this.element.offsetHeight;
    const left = x + margin + width > window.innerWidth ? Math.max(0, x - margin - width) : x + margin;
    const top = y + margin + height > window.innerHeight ? Math.max(0, y - margin - height) : y + margin;
    this.element.style.setProperty('left', `${left + window.scrollX}px`);
    this.element.style.setProperty('top', `${top + window.scrollY}px`);
  }

  hide(): void {
    this.element.hidden = true;
  }

  private when(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : this.dates.format(date);
  }
}
