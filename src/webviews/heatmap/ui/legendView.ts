/**
 * The heatmap's legend: one toggle button per state with its colour, its count in the node list and the pool's own
 * count beside it; pressing states highlights their nodes (the others are dimmed). "Filter Nodes…" sends the
 * highlighted states to the tree's node filter. Buttons are kept per state and updated in place (a refresh every
 * few seconds does not steal the keyboard focus).
 */
import type { LegendRow } from '../../../heatmap/heatmapModel';
import type { HeatmapStrings, StateLook } from '../../../heatmap/heatmapProtocol';
import { format, h } from './dom';

export interface LegendCallbacks {
  toggle(state: string): void;
  filterTree(): void;
  clear(): void;
}

interface Entry {
  button: HTMLButtonElement;
  count: HTMLElement;
  pool: HTMLElement;
}

export class LegendView {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly total: HTMLElement;
  private readonly filterButton: HTMLButtonElement;
  private readonly clearButton: HTMLButtonElement;
  private readonly entries = new Map<string, Entry>();
  private order = '';

  constructor(private readonly strings: HeatmapStrings, private readonly looks: ReadonlyMap<string, StateLook>, private readonly numbers: Intl.NumberFormat, callbacks: LegendCallbacks) {
    const s = (key: string) => strings[key] ?? key;
    this.list = h('div', { class: 'legend-items', role: 'group', 'aria-label': s('legendLabel') });
    this.total = h('span', { class: 'legend-total' });
    this.filterButton = h('button', { type: 'button', class: 'secondary', title: s('filterTreeTitle') }, s('filterTree'));
    this.clearButton = h('button', { type: 'button', class: 'secondary' }, s('clearHighlight'));
    this.filterButton.addEventListener('click', () => callbacks.filterTree());
    this.clearButton.addEventListener('click', () => callbacks.clear());
    this.list.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-state]');
      if (button?.dataset.state) {
        callbacks.toggle(button.dataset.state);
      }
    });
    this.element = h('div', { class: 'legend' }, this.list, h('div', { class: 'legend-actions' }, this.total, this.filterButton, this.clearButton));
  }

  update(rows: readonly LegendRow[], highlight: ReadonlySet<string>): void {
    const s = (key: string) => this.strings[key] ?? key;
    const n = (value: number) => this.numbers.format(value);
    for (const row of rows) {
      const entry = this.entries.get(row.state) ?? this.create(row.state);
      entry.count.textContent = n(row.count);
      const mismatch = row.poolCount !== undefined && row.poolCount !== row.count;
      entry.pool.textContent = row.poolCount === undefined ? '' : format(s('poolCount'), n(row.poolCount));
      entry.pool.classList.toggle('mismatch', mismatch);
      entry.button.setAttribute('aria-pressed', String(highlight.has(row.state)));
      entry.button.setAttribute(
        'aria-label',
        row.poolCount === undefined ? format(s('legendItem'), row.state, n(row.count)) : format(s('legendItemWithPool'), row.state, n(row.count), n(row.poolCount)),
      );
    }
    const order = rows.map((r) => r.state).join(' ');
    if (order !== this.order) {
      this.order = order;
      const wanted = new Set(rows.map((r) => r.state));
      for (const [state, entry] of this.entries) {
        entry.button.hidden = !wanted.has(state);
      }
      this.list.append(...rows.map((r) => this.entries.get(r.state)!.button));
    }
    const listTotal = rows.reduce((sum, r) => sum + r.count, 0);
    const poolTotal = rows.some((r) => r.poolCount !== undefined) ? rows.reduce((sum, r) => sum + (r.poolCount ?? 0), 0) : undefined;
    this.total.textContent = poolTotal === undefined ? format(s('total'), n(listTotal)) : format(s('totalWithPool'), n(listTotal), n(poolTotal));
    this.filterButton.disabled = highlight.size === 0;
    this.clearButton.disabled = highlight.size === 0;
  }

  private create(state: string): Entry {
    const look = this.looks.get(state);
    const swatch = h('span', { class: look?.busy ? 'swatch busy' : 'swatch', 'aria-hidden': 'true' });
    if (look?.color && !look.busy) {
      swatch.style.setProperty('background-color', `var(--vscode-${look.color.replace(/\./g, '-')})`);
    }
    const count = h('span', { class: 'count' });
    const pool = h('span', { class: 'pool-count' });
    const button = h('button', { type: 'button', class: 'legend-item', 'data-state': state, 'aria-pressed': 'false' }, swatch, h('span', { class: 'state' }, state), count, pool);
    const entry = { button, count, pool };
    this.entries.set(state, entry);
    return entry;
  }
}
