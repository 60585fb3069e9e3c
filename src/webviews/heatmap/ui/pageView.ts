/**
 * The heatmap page's DOM: header (title, status line, Refresh), legend, the canvas in its scrolling host with the
 * focus ring, the keyboard help, the hover card, a live region (focus cell; first counts) and the counts summary the
 * grid's description reads. Wires the DOM's
 * events to the page's handlers; holds no state of its own.
 */
import type { HeatmapInitMessage, StateLook } from '../../../heatmap/heatmapProtocol';
import { CanvasGrid } from './canvasGrid';
import { format, h } from './dom';
import { GridInput, type GridIntents } from './gridInput';
import { LegendView, type LegendCallbacks } from './legendView';
import { TooltipView } from './tooltipView';

export interface PageHandlers extends GridIntents, LegendCallbacks {
  refresh(): void;
  key(event: KeyboardEvent): void;
  focus(): void;
  /** The grid's host was resized (the grid was laid out again when `changed`). */
  resized(changed: boolean): void;
  /** VS Code changed the theme (the colours were resolved again). */
  themeChanged(): void;
}

export interface PageView {
  init: HeatmapInitMessage;
  grid: CanvasGrid;
  input: GridInput;
  legend: LegendView;
  tooltip: TooltipView;
  canvas: HTMLCanvasElement;
  gridHost: HTMLElement;
  focusRing: HTMLElement;
  status: HTMLElement;
  announce: HTMLElement;
  summary: HTMLElement;
  numbers: Intl.NumberFormat;
}

export function buildPageView(root: HTMLElement, init: HeatmapInitMessage, looks: () => readonly StateLook[], handlers: PageHandlers): PageView {
  const s = (key: string) => init.strings[key] ?? key;
  const lang = document.documentElement.lang || undefined;
  const numbers = new Intl.NumberFormat(lang);
  const canvas = h('canvas', {
    class: 'grid', tabindex: '0', role: 'application', 'aria-roledescription': s('gridRole'), 'aria-label': format(s('gridLabel'), init.poolId),
    'aria-describedby': 'heatmap-summary heatmap-keys',
  });
  const focusRing = h('div', { class: 'focus-ring', 'aria-hidden': 'true', hidden: true });
  const gridHost = h('div', { class: 'grid-host' }, canvas, focusRing);
  const refresh = h('button', { type: 'button', class: 'secondary', title: s('refreshTitle') }, s('refresh'));
  refresh.addEventListener('click', () => handlers.refresh());
  // Not a live region while it only says when the last refresh was (every few seconds); failures are announced.
  const status = h('span', { class: 'status', 'aria-live': 'off' });
  const legend = new LegendView(init.strings, new Map(init.states.map((l) => [l.state, l])), numbers, handlers);
  const tooltip = new TooltipView(init.strings, new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }));
  const announce = h('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
  // Read with the grid (aria-describedby), not announced on every refresh.
  const summary = h('div', { class: 'sr-only', id: 'heatmap-summary' });
  const keys = h('p', { class: 'keys', id: 'heatmap-keys' }, s('keyboardHelp'));
  root.replaceChildren(h('header', { class: 'bar' }, h('h1', {}, init.title), status, refresh), legend.element, gridHost, keys, tooltip.element, announce, summary);
  root.setAttribute('aria-busy', 'false');

  const grid = new CanvasGrid(canvas, gridHost);
  grid.setPalette(looks());
  const input = new GridInput(canvas, () => grid.layout, handlers);
  canvas.addEventListener('keydown', (e) => handlers.key(e));
  canvas.addEventListener('focus', () => handlers.focus());
  canvas.addEventListener('blur', () => {
    focusRing.hidden = true;
    tooltip.hide();
  });
  gridHost.addEventListener('scroll', () => tooltip.hide(), { passive: true });
  new ResizeObserver(() => handlers.resized(grid.relayout())).observe(gridHost);
  // VS Code changes the theme by rewriting the --vscode-* variables on <html> and the theme class of <body>.
  const theme = new MutationObserver(() => {
    grid.setPalette(looks());
    handlers.themeChanged();
  });
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  theme.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  return { init, grid, input, legend, tooltip, canvas, gridHost, focusRing, status, announce, summary, numbers };
}
