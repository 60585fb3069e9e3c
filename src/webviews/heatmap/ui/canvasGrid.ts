/**
 * Draws the heatmap's cells on one canvas: the grid fills its host element (re-laid out when the host is resized),
 * each cell filled with its state's theme colour; transient states (reimaging, starting, …) in the foreground colour,
 * faint, as the tree shows them with a spinner and no colour. Selected cells get a border, cells this extension acts
 * on a dot; states outside the highlight are dimmed. A full draw groups cells by colour (one fillStyle per colour);
 * an update redraws only the given cells. Changed cells can flash (not with prefers-reduced-motion).
 */
import { layoutGrid, cellOrigin, type GridLayout } from '../../../heatmap/gridLayout';
import type { StateLook } from '../../../heatmap/heatmapProtocol';

/** Per-cell flags (bits of CellData.flags). */
export const SELECTED = 1;
export const PENDING = 2;

export interface CellData {
  count: number;
  /** Palette index of each cell's state. */
  state: Uint8Array;
  flags: Uint8Array;
}

interface PaletteEntry {
  color: string;
  busy: boolean;
}

const FLASH_MS = 700;

/** "charts.blue" → the value of --vscode-charts-blue (empty when the theme has none). */
export function themeColor(id: string | undefined, style: CSSStyleDeclaration): string {
  return id ? style.getPropertyValue(`--vscode-${id.replace(/\./g, '-')}`).trim() : '';
}

export class CanvasGrid {
  private readonly context: CanvasRenderingContext2D;
  private palette: PaletteEntry[] = [];
  private foreground = '#cccccc';
  private background = '#1e1e1e';
  private selectionColor = '#ffffff';
  private dimmed: boolean[] = [];
  private data: CellData = { count: 0, state: new Uint8Array(0), flags: new Uint8Array(0) };
  private current: GridLayout = layoutGrid(0, 0, 0);
  private readonly flashing = new Map<number, number>();
  private flashFrame = 0;
  private dpr = 1;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly host: HTMLElement) {
    const context = canvas.getContext('2d', { alpha: true });
    if (!context) {
      throw new Error('no 2D canvas context');
    }
    this.context = context;
  }

  get layout(): GridLayout {
    return this.current;
  }

  /** Resolves the states' theme colours (call again when the theme changes). */
  setPalette(looks: readonly StateLook[]): void {
    const style = getComputedStyle(document.body);
    this.foreground = themeColor('foreground', style) || this.foreground;
    this.background = themeColor('editor.background', style) || this.background;
    this.selectionColor = themeColor('editor.foreground', style) || this.foreground;
    this.palette = looks.map((look) => ({ color: (!look.busy && themeColor(look.color, style)) || this.foreground, busy: look.busy }));
  }

  /** States (palette indexes) drawn dimmed; empty = none. */
  setDimmed(states: ReadonlySet<number>): void {
    this.dimmed = this.palette.map((_, i) => states.has(i));
  }

  setData(data: CellData): void {
    this.data = data;
  }

  /** Lays the grid out for the host's current size; true when the layout changed. */
  relayout(): boolean {
    const width = this.host.clientWidth;
    const height = this.host.clientHeight;
    const next = layoutGrid(this.data.count, width, height);
    const dpr = window.devicePixelRatio || 1;
    const same = next.columns === this.current.columns && next.cell === this.current.cell && next.count === this.current.count && dpr === this.dpr;
    this.current = next;
    this.dpr = dpr;
    if (!same) {
      const w = Math.max(1, next.width);
      const h = Math.max(1, next.height);
      this.canvas.width = Math.ceil(w * dpr);
      this.canvas.height = Math.ceil(h * dpr);
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
    }
    return !same;
  }

  /** Draws every cell. */
  drawAll(): void {
    const ctx = this.context;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const { count, state, flags } = this.data;
    const { cell, columns, gap } = this.current;
    const pitch = cell + gap;
    // Counting sort of the cells by palette entry: one fillStyle per colour.
    const buckets = new Uint32Array(this.palette.length + 1);
    for (let i = 0; i < count; i++) {
      buckets[state[i]! + 1]! += 1;
    }
    for (let p = 1; p < buckets.length; p++) {
      buckets[p]! += buckets[p - 1]!;
    }
    const order = new Uint32Array(count);
    const next = buckets.slice(0, this.palette.length);
    for (let i = 0; i < count; i++) {
      order[next[state[i]!]!++] = i;
    }
    for (let p = 0; p < this.palette.length; p++) {
      const from = buckets[p]!;
      const to = buckets[p + 1]!;
      if (from === to) {
        continue;
      }
      this.fillStyleFor(p);
      for (let k = from; k < to; k++) {
        const i = order[k]!;
        ctx.fillRect((i % columns) * pitch, ((i / columns) | 0) * pitch, cell, cell);
      }
    }
    ctx.globalAlpha = 1;
    for (let i = 0; i < count; i++) {
      if (flags[i]) {
        this.drawMarks(i);
      }
    }
  }

  /** Redraws the given cells only. */
  drawCells(indexes: Iterable<number>): void {
    const ctx = this.context;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    for (const i of indexes) {
      this.drawCell(i);
    }
    ctx.globalAlpha = 1;
  }

  /** Flashes the given cells (a ring that fades), drawn on animation frames; no-op with reduced motion. */
  flash(indexes: Iterable<number>): void {
    if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      return;
    }
    const now = performance.now();
    for (const i of indexes) {
      this.flashing.set(i, now);
    }
    if (!this.flashFrame && this.flashing.size > 0) {
      this.flashFrame = requestAnimationFrame((t) => this.flashStep(t));
    }
  }

  private flashStep(now: number): void {
    this.flashFrame = 0;
    const ctx = this.context;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    for (const [i, started] of this.flashing) {
      this.drawCell(i);
      const left = 1 - (now - started) / FLASH_MS;
      if (left <= 0 || i >= this.data.count) {
        this.flashing.delete(i);
        continue;
      }
      const { x, y } = cellOrigin(this.current, i);
      const size = this.current.cell;
      ctx.globalAlpha = left;
      ctx.fillStyle = this.selectionColor;
      ctx.fillRect(x, y, size, size);
    }
    ctx.globalAlpha = 1;
    if (this.flashing.size > 0) {
      this.flashFrame = requestAnimationFrame((t) => this.flashStep(t));
    }
  }

  private fillStyleFor(p: number): void {
    const entry = this.palette[p]!;
    this.context.fillStyle = entry.color;
    this.context.globalAlpha = (entry.busy ? 0.45 : 1) * (this.dimmed[p] ? 0.2 : 1);
  }

  private drawCell(i: number): void {
    if (i < 0 || i >= this.data.count) {
      return;
    }
    const ctx = this.context;
    const { x, y } = cellOrigin(this.current, i);
    const size = this.current.cell;
    ctx.globalAlpha = 1;
    ctx.clearRect(x, y, size, size);
    this.fillStyleFor(this.data.state[i]!);
    ctx.fillRect(x, y, size, size);
    ctx.globalAlpha = 1;
    if (this.data.flags[i]) {
      this.drawMarks(i);
    }
  }

  /** Selection border and pending-operation dot of one cell. */
  private drawMarks(i: number): void {
    const ctx = this.context;
    const { x, y } = cellOrigin(this.current, i);
    const size = this.current.cell;
    const flags = this.data.flags[i]!;
    ctx.globalAlpha = 1;
    if (flags & SELECTED) {
      const w = Math.max(1, Math.floor(size / 6));
      ctx.fillStyle = this.selectionColor;
      ctx.fillRect(x, y, size, w);
      ctx.fillRect(x, y + size - w, size, w);
      ctx.fillRect(x, y + w, w, size - 2 * w);
      ctx.fillRect(x + size - w, y + w, w, size - 2 * w);
    }
    if (flags & PENDING) {
      const d = Math.max(1, Math.round(size / 3));
      const o = Math.floor((size - d) / 2);
      ctx.fillStyle = this.background;
      ctx.fillRect(x + o, y + o, d, d);
    }
  }
}
