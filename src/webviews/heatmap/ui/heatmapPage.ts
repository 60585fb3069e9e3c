/**
 * The heatmap page: holds the cells of the current snapshot, the selection, the highlighted states and the nodes
 * this extension acts on; draws through CanvasGrid, shows the legend, the hover card and the status line; turns
 * pointer and keyboard input into selection changes, reveal requests and VS Code's context menu; tells screen
 * readers "node id, state" as the focus moves and a summary of the counts after each refresh.
 */
import { cellOrigin } from '../../../heatmap/gridLayout';
import { applyCellChanges, countStates, countsSummary, legendRows, type HeatmapCell, type StateCounts } from '../../../heatmap/heatmapModel';
import type {
  HeatmapChangesMessage, HeatmapHostMessage, HeatmapInitMessage, HeatmapMenuContext, HeatmapSnapshotMessage, HeatmapWebviewMessage, StateLook,
} from '../../../heatmap/heatmapProtocol';
import {
  clickCell, contextTargets, dragSelect, extendTo, focusCell, isFocusKey, moveFocus, noSelection, reconcileSelection, selectedIds, toggleCell,
  type FocusKey, type SelectionState,
} from '../../../heatmap/heatmapSelection';
import { CanvasGrid, PENDING, SELECTED, type CellData } from './canvasGrid';
import { format, h } from './dom';
import { GridInput } from './gridInput';
import { LegendView } from './legendView';
import { TooltipView } from './tooltipView';

interface View {
  init: HeatmapInitMessage;
  grid: CanvasGrid;
  input: GridInput;
  legend: LegendView;
  tooltip: TooltipView;
  canvas: HTMLCanvasElement;
  focusRing: HTMLElement;
  status: HTMLElement;
  announce: HTMLElement;
  summary: HTMLElement;
  numbers: Intl.NumberFormat;
}

export class HeatmapPage {
  private view: View | undefined;
  private looks: StateLook[] = [];
  private readonly stateIndex = new Map<string, number>();
  private cells: HeatmapCell[] = [];
  private ids: string[] = [];
  private generation = -1;
  private data: CellData = { count: 0, state: new Uint8Array(0), flags: new Uint8Array(0) };
  private counts: StateCounts = {};
  private poolCounts: StateCounts | undefined;
  private selection: SelectionState = noSelection();
  /** The selection when a drag began. */
  private dragBase: SelectionState | undefined;
  private readonly highlight = new Set<string>();
  private pending: Record<string, string> = {};
  private lastSummary = '';

  constructor(private readonly root: HTMLElement, private readonly post: (message: HeatmapWebviewMessage) => void) {}

  handle(message: HeatmapHostMessage): void {
    const started = performance.now();
    if (message.type === 'init') {
      this.build(message);
      return;
    }
    if (!this.view) {
      return; // nothing comes before init (the host sends it first on every ready)
    }
    switch (message.type) {
      case 'snapshot':
        this.snapshot(message);
        this.post({ type: 'rendered', kind: 'snapshot', generation: message.generation, cells: this.cells.length, ms: performance.now() - started });
        return;
      case 'changes':
        if (this.changes(message)) {
          this.post({ type: 'rendered', kind: 'changes', generation: message.generation, cells: message.changes.length, ms: performance.now() - started });
        }
        return;
      case 'status':
        this.view.status.textContent = message.text;
        this.view.status.dataset.severity = message.severity;
        this.root.setAttribute('aria-busy', String(message.loading));
        return;
      case 'operations':
        this.setPending(message.pending);
        return;
      case 'highlight':
        this.highlight.clear();
        message.states.forEach((s) => this.highlight.add(s));
        this.applyHighlight();
        return;
    }
  }

  // ---- building ----

  private build(init: HeatmapInitMessage): void {
    const s = (key: string) => init.strings[key] ?? key;
    const lang = document.documentElement.lang || undefined;
    const numbers = new Intl.NumberFormat(lang);
    this.looks = [...init.states];
    this.stateIndex.clear();
    this.looks.forEach((look, i) => this.stateIndex.set(look.state, i));
    const canvas = h('canvas', {
      class: 'grid', tabindex: '0', role: 'application', 'aria-roledescription': s('gridRole'), 'aria-label': format(s('gridLabel'), init.poolId),
      'aria-describedby': 'heatmap-summary heatmap-keys',
    });
    const gridHost = h('div', { class: 'grid-host' }, canvas);
    const focusRing = h('div', { class: 'focus-ring', 'aria-hidden': 'true', hidden: true });
    gridHost.append(focusRing);
    const refresh = h('button', { type: 'button', class: 'secondary', title: s('refreshTitle') }, s('refresh'));
    refresh.addEventListener('click', () => this.post({ type: 'refresh' }));
    const status = h('span', { class: 'status', role: 'status' });
    const legend = new LegendView(init.strings, new Map(this.looks.map((l) => [l.state, l])), numbers, {
      toggle: (state) => {
        if (!this.highlight.delete(state)) {
          this.highlight.add(state);
        }
        this.applyHighlight();
      },
      clear: () => {
        this.highlight.clear();
        this.applyHighlight();
      },
      filterTree: () => this.post({ type: 'filterTree', states: [...this.highlight] }),
    });
    const tooltip = new TooltipView(init.strings, new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }));
    const announce = h('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const summary = h('div', { class: 'sr-only', id: 'heatmap-summary', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const keys = h('p', { class: 'keys', id: 'heatmap-keys' }, s('keyboardHelp'));
    this.root.replaceChildren(
      h('header', { class: 'bar' }, h('h1', {}, init.title), status, refresh),
      legend.element, gridHost, keys, tooltip.element, announce, summary,
    );
    this.root.setAttribute('aria-busy', 'false');
    const grid = new CanvasGrid(canvas, gridHost);
    grid.setPalette(this.looks);
    const input = new GridInput(canvas, () => grid.layout, {
      click: (index, modifiers) => this.click(index, modifiers),
      drag: (from, to, additive, done) => this.drag(from, to, additive, done),
      hover: (index, x, y) => (index >= 0 ? this.view?.tooltip.show(this.cells[index]!, this.pending[this.ids[index]!], x, y) : this.view?.tooltip.hide()),
      contextMenu: (index) => this.contextMenu(index),
    });
    canvas.addEventListener('keydown', (e) => this.key(e));
    canvas.addEventListener('focus', () => {
      // Tabbed in (not clicked): start at the first cell, so that the arrows have somewhere to start from.
      if (this.selection.focus < 0 && this.data.count > 0 && canvas.matches(':focus-visible')) {
        this.selection = focusCell(this.selection, 0);
        this.announceFocus();
      }
      this.showFocus();
    });
    canvas.addEventListener('blur', () => {
      focusRing.hidden = true;
      tooltip.hide();
    });
    gridHost.addEventListener('scroll', () => tooltip.hide(), { passive: true });
    this.view = { init, grid, input, legend, tooltip, canvas, focusRing, status, announce, summary, numbers };
    new ResizeObserver(() => {
      if (grid.relayout()) {
        grid.drawAll();
        this.showFocus();
      }
    }).observe(gridHost);
    // VS Code changes the theme by rewriting the body's class and style: resolve the colours again.
    new MutationObserver(() => {
      grid.setPalette(this.looks);
      this.applyHighlight();
    }).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  }

  // ---- data ----

  private indexOfState(state: string): number {
    let index = this.stateIndex.get(state);
    if (index === undefined) {
      index = Math.min(255, this.looks.length);
      this.looks.push({ state, busy: false });
      this.stateIndex.set(state, index);
      this.view?.grid.setPalette(this.looks);
    }
    return index;
  }

  private snapshot(message: HeatmapSnapshotMessage): void {
    const view = this.view!;
    this.cells = message.cells;
    this.ids = message.cells.map((c) => c.id);
    this.generation = message.generation;
    this.poolCounts = message.poolCounts;
    this.counts = countStates(this.cells);
    const previousSize = this.selection.selected.size;
    this.selection = reconcileSelection(this.selection, this.ids);
    const count = this.cells.length;
    const state = new Uint8Array(count);
    const flags = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const cell = this.cells[i]!;
      state[i] = this.indexOfState(cell.state);
      flags[i] = (this.selection.selected.has(cell.id) ? SELECTED : 0) | (this.pending[cell.id] !== undefined ? PENDING : 0);
    }
    this.data = { count, state, flags };
    view.grid.setData(this.data);
    view.grid.setDimmed(this.dimmedStates());
    view.grid.relayout();
    view.grid.drawAll();
    this.showCounts();
    this.showFocus();
    if (this.selection.selected.size !== previousSize) {
      this.postSelection();
    }
  }

  private changes(message: HeatmapChangesMessage): boolean {
    const view = this.view!;
    if (message.generation !== this.generation) {
      return false; // changes to a snapshot this page does not have: the next snapshot replaces everything
    }
    const old = message.changes.map(({ index }) => this.cells[index]?.state);
    if (!applyCellChanges(this.cells, message.changes)) {
      return false;
    }
    const changed: number[] = [];
    message.changes.forEach(({ index, cell }, k) => {
      const was = old[k]!;
      this.counts[was] = (this.counts[was] ?? 1) - 1;
      this.counts[cell.state] = (this.counts[cell.state] ?? 0) + 1;
      this.data.state[index] = this.indexOfState(cell.state);
      changed.push(index);
    });
    this.poolCounts = message.poolCounts ?? this.poolCounts;
    view.grid.setDimmed(this.dimmedStates());
    view.grid.drawCells(changed);
    view.grid.flash(changed);
    this.showCounts();
    return true;
  }

  private setPending(pending: Record<string, string>): void {
    const affected: number[] = [];
    const next = new Set(Object.keys(pending));
    for (let i = 0; i < this.data.count; i++) {
      const id = this.ids[i]!;
      const has = next.has(id);
      if (has !== ((this.data.flags[i]! & PENDING) !== 0)) {
        this.data.flags[i] = has ? this.data.flags[i]! | PENDING : this.data.flags[i]! & ~PENDING;
        affected.push(i);
      }
    }
    this.pending = pending;
    this.view?.grid.drawCells(affected);
  }

  // ---- highlight, counts, selection ----

  private dimmedStates(): Set<number> {
    const dimmed = new Set<number>();
    if (this.highlight.size > 0) {
      this.looks.forEach((look, i) => !this.highlight.has(look.state) && dimmed.add(i));
    }
    return dimmed;
  }

  private applyHighlight(): void {
    if (!this.view) {
      return;
    }
    this.view.grid.setDimmed(this.dimmedStates());
    this.view.grid.drawAll();
    this.showCounts();
  }

  private showCounts(): void {
    const view = this.view!;
    const rows = legendRows(this.counts, this.poolCounts, this.looks.map((l) => l.state));
    view.legend.update(rows, this.highlight);
    const text = format(view.init.strings.summary ?? '{0} nodes: {1}', view.numbers.format(this.cells.length), countsSummary(rows, (n) => view.numbers.format(n)));
    if (text !== this.lastSummary) {
      this.lastSummary = text;
      view.summary.textContent = text;
    }
  }

  private setSelection(next: SelectionState, post = true): void {
    const changed: number[] = [];
    for (let i = 0; i < this.data.count; i++) {
      const selected = next.selected.has(this.ids[i]!);
      if (selected !== ((this.data.flags[i]! & SELECTED) !== 0)) {
        this.data.flags[i] = selected ? this.data.flags[i]! | SELECTED : this.data.flags[i]! & ~SELECTED;
        changed.push(i);
      }
    }
    this.selection = next;
    this.view?.grid.drawCells(changed);
    this.showFocus();
    if (post && changed.length > 0) {
      this.postSelection();
    }
  }

  private postSelection(): void {
    this.post({ type: 'selection', nodeIds: selectedIds(this.selection, this.ids) });
  }

  private click(index: number, modifiers: { range: boolean; toggle: boolean }): void {
    this.setSelection(clickCell(this.selection, index, this.ids, modifiers));
    if (!modifiers.range && !modifiers.toggle) {
      this.post({ type: 'reveal', nodeId: this.ids[index]! });
    }
  }

  private drag(from: number, to: number, additive: boolean, done: boolean): void {
    this.dragBase ??= this.selection;
    this.setSelection(dragSelect(this.dragBase, from, to, this.view!.grid.layout.columns, this.ids, additive), done);
    if (done) {
      this.dragBase = undefined;
    }
  }

  private contextMenu(index: number): void {
    const view = this.view!;
    const { state, targets } = contextTargets(this.selection, index, this.ids);
    if (state !== this.selection) {
      this.setSelection(state);
    }
    const context: HeatmapMenuContext = {
      webviewSection: index >= 0 ? 'heatmapNode' : 'heatmap', preventDefaultContextMenuItems: true, poolId: view.init.poolId, nodeIds: targets, nodeCount: targets.length,
    };
    view.canvas.dataset.vscodeContext = JSON.stringify(context);
    view.tooltip.hide();
  }

  // ---- keyboard and focus ----

  private key(e: KeyboardEvent): void {
    const view = this.view!;
    const count = this.data.count;
    if (count === 0) {
      return;
    }
    const layout = view.grid.layout;
    let key: FocusKey | undefined = isFocusKey(e.key) ? e.key : undefined;
    if (key && (e.ctrlKey || e.metaKey) && (key === 'Home' || key === 'End')) {
      key = key === 'Home' ? 'First' : 'Last';
    }
    if (key) {
      const pageRows = Math.max(1, Math.floor(view.canvas.parentElement!.clientHeight / (layout.cell + layout.gap)) - 1);
      const target = moveFocus(this.selection.focus, key, layout.columns, count, pageRows);
      this.setSelection(e.shiftKey ? extendTo(this.selection, target, this.ids) : focusCell(this.selection, target));
      this.announceFocus();
    } else if (e.key === ' ') {
      this.setSelection(toggleCell(this.selection, Math.max(0, this.selection.focus), this.ids));
      this.announceFocus();
    } else if (e.key === 'Enter' || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      const focus = Math.max(0, this.selection.focus);
      if (this.selection.focus < 0) {
        this.setSelection(focusCell(this.selection, focus));
      }
      view.input.openMenuAt(focus);
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) {
      this.setSelection({ selected: new Set(this.ids), anchor: 0, focus: Math.max(0, this.selection.focus) });
    } else if (e.key === 'Escape' && this.selection.selected.size > 0) {
      this.setSelection({ ...this.selection, selected: new Set() });
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  private announceFocus(): void {
    const view = this.view!;
    const cell = this.cells[this.selection.focus];
    if (!cell) {
      return;
    }
    const s = (key: string) => view.init.strings[key] ?? key;
    const selected = this.selection.selected.has(cell.id) ? `, ${s('selected')}` : '';
    view.announce.textContent = `${format(s('cellAnnouncement'), cell.id, cell.state)}${selected}`;
  }

  /** Moves the focus ring over the focus cell (while the canvas has the keyboard focus) and shows its card. */
  private showFocus(): void {
    const view = this.view;
    if (!view || document.activeElement !== view.canvas || this.selection.focus < 0 || this.selection.focus >= this.data.count) {
      if (view) {
        view.focusRing.hidden = true;
      }
      return;
    }
    const layout = view.grid.layout;
    const { x, y } = cellOrigin(layout, this.selection.focus);
    const ring = view.focusRing;
    ring.hidden = false;
    ring.style.setProperty('left', `${view.canvas.offsetLeft + x - 2}px`);
    ring.style.setProperty('top', `${view.canvas.offsetTop + y - 2}px`);
    ring.style.setProperty('width', `${layout.cell + 4}px`);
    ring.style.setProperty('height', `${layout.cell + 4}px`);
    ring.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const rect = ring.getBoundingClientRect();
    const cell = this.cells[this.selection.focus]!;
    view.tooltip.show(cell, this.pending[cell.id], rect.right, rect.bottom);
  }
}
