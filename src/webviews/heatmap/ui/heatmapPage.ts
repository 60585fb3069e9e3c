/**
 * The heatmap page: holds the current snapshot (as columns), the selection, the highlighted states and the nodes
 * this extension acts on; draws through CanvasGrid, shows the legend, the hover card and the status line; turns
 * pointer and keyboard input into selection changes, reveal requests and VS Code's context menu; tells screen
 * readers "node id, state" as the focus moves and a summary of the counts after each refresh.
 */
import { applyColumnChanges, cellOf, countColumns, emptyColumns, type CellColumns } from '../../../heatmap/heatmapColumns';
import { countsSummary, legendRows, type StateCounts } from '../../../heatmap/heatmapModel';
import type {
  HeatmapChangesMessage, HeatmapHostMessage, HeatmapInitMessage, HeatmapMenuContext, HeatmapSnapshotMessage, HeatmapWebviewMessage, StateLook,
} from '../../../heatmap/heatmapProtocol';
import {
  clickCell, contextTargets, dragSelect, extendTo, focusCell, isFocusKey, moveFocus, noSelection, reconcileSelection, selectedIds, toggleCell,
  type FocusKey, type SelectionState,
} from '../../../heatmap/heatmapSelection';
import { PENDING, SELECTED, type CellData } from './canvasGrid';
import { format } from './dom';
import { announceFocus, showFocus } from './focusView';
import { buildPageView, type PageView } from './pageView';

export class HeatmapPage {
  private view: PageView | undefined;
  private looks: StateLook[] = [];
  private readonly paletteIndex = new Map<string, number>();
  private columns: CellColumns = emptyColumns();
  private generation = -1;
  private data: CellData = { count: 0, state: new Uint8Array(0), flags: new Uint8Array(0) };
  private poolCounts: StateCounts | undefined;
  private selection: SelectionState = noSelection();
  /** The selection when a drag began. */
  private dragBase: SelectionState | undefined;
  private readonly highlight = new Set<string>();
  private pending: Record<string, string> = {};
  private lastSummary = '';

  constructor(private readonly root: HTMLElement, private readonly post: (message: HeatmapWebviewMessage) => void) {}

  /** Handles a validated message; `started` = when it arrived (before its validation), for the `rendered` report. */
  handle(message: HeatmapHostMessage, started = performance.now()): void {
    if (message.type === 'init') {
      this.build(message);
      return;
    }
    const view = this.view;
    if (!view) {
      return; // nothing comes before init (the host sends it first on every ready)
    }
    switch (message.type) {
      case 'snapshot':
        this.snapshot(message);
        this.post({ type: 'rendered', kind: 'snapshot', generation: message.generation, cells: this.data.count, ms: performance.now() - started });
        return;
      case 'changes':
        if (this.changes(message)) {
          this.post({ type: 'rendered', kind: 'changes', generation: message.generation, cells: message.changes.length, ms: performance.now() - started });
        }
        return;
      case 'status':
        view.status.textContent = message.text;
        view.status.dataset.severity = message.severity;
        view.status.setAttribute('aria-live', message.severity === 'info' ? 'off' : 'assertive');
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

  private build(init: HeatmapInitMessage): void {
    this.looks = [...init.states];
    this.paletteIndex.clear();
    this.looks.forEach((look, i) => this.paletteIndex.set(look.state, i));
    this.view = buildPageView(this.root, init, () => this.looks, {
      refresh: () => this.post({ type: 'refresh' }),
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
      click: (index, modifiers) => this.click(index, modifiers),
      drag: (from, to, additive, done) => this.drag(from, to, additive, done),
      hover: (index, x, y) => this.hover(index, x, y),
      contextMenu: (index) => this.contextMenu(index),
      key: (e) => this.key(e),
      focus: () => {
        // Tabbed in (not clicked): start at the first cell, so that the arrows have somewhere to start from.
        if (this.selection.focus < 0 && this.data.count > 0 && this.view!.canvas.matches(':focus-visible')) {
          this.selection = focusCell(this.selection, 0);
          this.announceFocus();
        }
        this.showFocus();
      },
      resized: (changed) => {
        if (changed) {
          this.view!.grid.drawAll();
          this.showFocus();
        }
      },
      themeChanged: () => this.applyHighlight(),
    });
  }

  // ---- data ----

  /** Palette index of a state; a state the init did not name gets the foreground colour. */
  private paletteOf(state: string): number {
    let index = this.paletteIndex.get(state);
    if (index === undefined) {
      index = Math.min(255, this.looks.length);
      this.looks.push({ state, busy: false });
      this.paletteIndex.set(state, index);
      this.view?.grid.setPalette(this.looks);
    }
    return index;
  }

  private snapshot(message: HeatmapSnapshotMessage): void {
    const view = this.view!;
    const columns = message.columns;
    this.columns = columns;
    this.generation = message.generation;
    this.poolCounts = message.poolCounts;
    const previousSize = this.selection.selected.size;
    this.selection = reconcileSelection(this.selection, columns.ids);
    const count = columns.ids.length;
    const byCode = columns.stateNames.map((name) => this.paletteOf(name));
    const state = new Uint8Array(count);
    const flags = new Uint8Array(count);
    const selected = this.selection.selected;
    const anyPending = Object.keys(this.pending).length > 0;
    for (let i = 0; i < count; i++) {
      state[i] = byCode[columns.states[i]!]!;
      if (selected.size > 0 || anyPending) {
        const id = columns.ids[i]!;
        flags[i] = (selected.has(id) ? SELECTED : 0) | (anyPending && this.pending[id] !== undefined ? PENDING : 0);
      }
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
    if (message.generation !== this.generation || !applyColumnChanges(this.columns, message.changes)) {
      return false; // changes to a snapshot this page does not have: the next snapshot replaces everything
    }
    const changed = message.changes.map(({ index, cell }) => {
      this.data.state[index] = this.paletteOf(cell.state);
      return index;
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
    for (let i = 0; i < this.data.count; i++) {
      const has = pending[this.columns.ids[i]!] !== undefined;
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
    if (this.view) {
      this.view.grid.setDimmed(this.dimmedStates());
      this.view.grid.drawAll();
      this.showCounts();
    }
  }

  private showCounts(): void {
    const view = this.view!;
    const rows = legendRows(countColumns(this.columns), this.poolCounts, this.looks.map((l) => l.state));
    view.legend.update(rows, this.highlight);
    const n = (value: number) => view.numbers.format(value);
    const text = format(view.init.strings.summary ?? '{0} nodes: {1}', n(this.data.count), countsSummary(rows, n));
    if (text !== this.lastSummary) {
      if (!this.lastSummary) {
        view.announce.textContent = text; // the first counts are announced; later ones are read with the grid
      }
      this.lastSummary = text;
      view.summary.textContent = text;
    }
  }

  private setSelection(next: SelectionState, post = true): void {
    const changed: number[] = [];
    const ids = this.columns.ids;
    for (let i = 0; i < this.data.count; i++) {
      const selected = next.selected.has(ids[i]!);
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
    this.post({ type: 'selection', nodeIds: selectedIds(this.selection, this.columns.ids) });
  }

  private click(index: number, modifiers: { range: boolean; toggle: boolean }): void {
    this.setSelection(clickCell(this.selection, index, this.columns.ids, modifiers));
    if (!modifiers.range && !modifiers.toggle) {
      this.post({ type: 'reveal', nodeId: this.columns.ids[index]! });
    }
  }

  private drag(from: number, to: number, additive: boolean, done: boolean): void {
    this.dragBase ??= this.selection;
    // While dragging the selection is only drawn; the host hears the result when the button goes up.
    this.setSelection(dragSelect(this.dragBase, from, to, this.view!.grid.layout.columns, this.columns.ids, additive), false);
    if (done) {
      this.dragBase = undefined;
      this.postSelection();
    }
  }

  private hover(index: number, x: number, y: number): void {
    const cell = cellOf(this.columns, index);
    if (cell) {
      this.view?.tooltip.show(cell, this.pending[cell.id], x, y);
    } else {
      this.view?.tooltip.hide();
    }
  }

  private contextMenu(index: number): void {
    const view = this.view!;
    const { state, targets } = contextTargets(this.selection, index, this.columns.ids);
    if (state !== this.selection) {
      this.setSelection(state);
    }
    const context: HeatmapMenuContext = {
      webviewSection: index >= 0 ? 'heatmapNode' : 'heatmap', preventDefaultContextMenuItems: true,
      ...(view.init.accountKey ? { accountKey: view.init.accountKey } : {}), poolId: view.init.poolId, nodeIds: targets, nodeCount: targets.length,
    };
    view.canvas.dataset.vscodeContext = JSON.stringify(context);
    view.tooltip.hide();
  }

  // ---- keyboard and focus ----

  private key(e: KeyboardEvent): void {
    const view = this.view!;
    const count = this.data.count;
    const ids = this.columns.ids;
    if (count === 0) {
      return;
    }
    const layout = view.grid.layout;
    let key: FocusKey | undefined = isFocusKey(e.key) ? e.key : undefined;
    if (key && (e.ctrlKey || e.metaKey) && (key === 'Home' || key === 'End')) {
      key = key === 'Home' ? 'First' : 'Last';
    }
    const focus = Math.max(0, this.selection.focus);
    if (key) {
      const pageRows = Math.max(1, Math.floor(view.gridHost.clientHeight / (layout.cell + layout.gap)) - 1);
      const target = moveFocus(this.selection.focus, key, layout.columns, count, pageRows);
      this.setSelection(e.shiftKey ? extendTo(this.selection, target, ids) : focusCell(this.selection, target));
      this.announceFocus();
    } else if (e.key === ' ') {
      this.setSelection(toggleCell(this.selection, focus, ids));
      this.announceFocus();
    } else if (e.key === 'Enter' || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      this.setSelection(focusCell(this.selection, focus), false);
      view.input.openMenuAt(focus);
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) {
      this.setSelection({ selected: new Set(ids), anchor: 0, focus });
    } else if (e.key === 'Escape' && this.selection.selected.size > 0) {
      this.setSelection({ ...this.selection, selected: new Set() });
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  private announceFocus(): void {
    announceFocus(this.view!, this.columns, this.selection);
  }

  private showFocus(): void {
    showFocus(this.view, this.columns, this.selection, this.pending);
  }
}
