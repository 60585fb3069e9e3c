/**
 * Draws the heatmap's cells on one canvas: the grid fills its host element (re-laid out when the host is resized),
 * each cell filled with its state's theme colour; transient states (reimaging, starting, …), which the tree shows
 * with a spinner and no colour, as hollow squares in the foreground colour (faint squares when cells are tiny). Selected cells get a border, cells this extension acts
 * on a dot; states outside the highlight are dimmed. The cells are written as pixels into one ImageData (tens of
 * thousands of fillRect calls cost far more on a software canvas) and put on the canvas at once; an update writes
 * and puts only the changed cells. Changed cells can flash (not with prefers-reduced-motion).
 */
import { cellOrigin, layoutGrid, type GridLayout } from '../../../heatmap/gridLayout';
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

const FLASH_MS = 700;
/** Inside of a transient state's hollow square, and its whole fill when cells are too small for an outline. */
const BUSY_INSIDE_ALPHA = 0.2;
const BUSY_SMALL_ALPHA = 0.45;
const DIM_ALPHA = 0.2;

/** "charts.blue" → the value of --vscode-charts-blue (empty when the theme has none). */
export function themeColor(id: string | undefined, style: CSSStyleDeclaration): string {
  return id ? style.getPropertyValue(`--vscode-${id.replace(/\./g, '-')}`).trim() : '';
}

/** A CSS colour as RGBA bytes, through a 1×1 canvas (any syntax the browser knows). */
function rgba(color: string, probe: CanvasRenderingContext2D): [number, number, number, number] {
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#000';
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a!];
}

/** One pixel value (little-endian ABGR in a Uint32Array over RGBA bytes) with its alpha scaled. */
function pixel([r, g, b, a]: [number, number, number, number], alpha = 1): number {
  return ((Math.round(a * alpha) << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

export class CanvasGrid {
  private readonly context: CanvasRenderingContext2D;
  private readonly probe: CanvasRenderingContext2D;
  private looks: readonly StateLook[] = [];
  private colors: [number, number, number, number][] = [];
  /** Per palette entry: its fill; for transient states also the outline (else 0) and the fill of tiny cells. */
  private fills = new Uint32Array(0);
  private edges = new Uint32Array(0);
  private smallFills = new Uint32Array(0);
  private selectionPixel = 0;
  private pendingPixel = 0;
  private dimmed: readonly boolean[] = [];
  private data: CellData = { count: 0, state: new Uint8Array(0), flags: new Uint8Array(0) };
  private current: GridLayout = layoutGrid(0, 0, 0);
  private image: ImageData | undefined;
  private buffer = new Uint32Array(0);
  private readonly flashing = new Map<number, number>();
  private flashFrame = 0;
  private dpr = 1;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly host: HTMLElement) {
    const context = canvas.getContext('2d', { alpha: true });
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    if (!context || !probe) {
      throw new Error('no 2D canvas context');
    }
    this.context = context;
    this.probe = probe;
  }

  get layout(): GridLayout {
    return this.current;
  }

  /** Resolves the states' theme colours (call again when the theme changes). */
  setPalette(looks: readonly StateLook[]): void {
    const style = getComputedStyle(document.body);
    const foreground = rgba(themeColor('foreground', style) || '#cccccc', this.probe);
    this.looks = looks;
    this.colors = looks.map((look) => {
      const color = !look.busy && themeColor(look.color, style);
      return color ? rgba(color, this.probe) : foreground;
    });
    this.selectionPixel = pixel(rgba(themeColor('editor.foreground', style) || themeColor('foreground', style) || '#cccccc', this.probe));
    this.pendingPixel = pixel(rgba(themeColor('editor.background', style) || '#1e1e1e', this.probe));
    this.updatePixels();
  }

  /** States (palette indexes) drawn dimmed; empty = none. */
  setDimmed(states: ReadonlySet<number>): void {
    this.dimmed = this.looks.map((_, i) => states.has(i));
    this.updatePixels();
  }

  private updatePixels(): void {
    const n = this.colors.length;
    this.fills = new Uint32Array(n);
    this.edges = new Uint32Array(n);
    this.smallFills = new Uint32Array(n);
    this.colors.forEach((color, p) => {
      const dim = this.dimmed[p] ? DIM_ALPHA : 1;
      const busy = this.looks[p]?.busy === true;
      this.fills[p] = pixel(color, (busy ? BUSY_INSIDE_ALPHA : 1) * dim);
      this.edges[p] = busy ? pixel(color, dim) : 0;
      this.smallFills[p] = busy ? pixel(color, BUSY_SMALL_ALPHA * dim) : this.fills[p]!;
    });
  }

  setData(data: CellData): void {
    this.data = data;
  }

  /** Lays the grid out for the host's current size; true when the layout changed (then drawAll). */
  relayout(): boolean {
    const next = layoutGrid(this.data.count, this.host.clientWidth, this.host.clientHeight);
    const dpr = window.devicePixelRatio || 1;
    const same = this.image !== undefined && next.columns === this.current.columns && next.cell === this.current.cell && next.count === this.current.count && dpr === this.dpr;
    this.current = next;
    this.dpr = dpr;
    if (!same) {
      const w = Math.max(1, next.width);
      const h = Math.max(1, next.height);
      this.canvas.width = Math.ceil(w * dpr);
      this.canvas.height = Math.ceil(h * dpr);
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
      this.image = this.context.createImageData(this.canvas.width, this.canvas.height);
      this.buffer = new Uint32Array(this.image.data.buffer);
    }
    return !same;
  }

  /** Draws every cell. */
  drawAll(): void {
    if (!this.image) {
      this.relayout();
    }
    this.buffer.fill(0);
    for (let i = 0; i < this.data.count; i++) {
      this.writeCell(i, -1, 0);
    }
    this.context.putImageData(this.image!, 0, 0);
  }

  /** Redraws the given cells only. */
  drawCells(indexes: Iterable<number>): void {
    for (const i of indexes) {
      this.putCell(i, -1, 0);
    }
  }

  /** Flashes the given cells (fades from the selection colour), on animation frames; not with reduced motion. */
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
    for (const [i, started] of this.flashing) {
      const left = 1 - (now - started) / FLASH_MS;
      if (left <= 0 || i >= this.data.count) {
        this.flashing.delete(i);
        this.putCell(i, -1, 0);
      } else {
        this.putCell(i, this.selectionPixel, Math.min(1, left));
      }
    }
    if (this.flashing.size > 0) {
      this.flashFrame = requestAnimationFrame((t) => this.flashStep(t));
    }
  }

  /** Device-pixel box of cell i. */
  private box(i: number): [number, number, number, number] {
    const { x, y } = cellOrigin(this.current, i);
    const dpr = this.dpr;
    const x0 = Math.floor(x * dpr);
    const y0 = Math.floor(y * dpr);
    return [x0, y0, Math.floor((x + this.current.cell) * dpr) - x0, Math.floor((y + this.current.cell) * dpr) - y0];
  }

  private putCell(i: number, overlay: number, overlayAlpha: number): void {
    if (i < 0 || i >= this.data.count || !this.image) {
      return;
    }
    this.writeCell(i, overlay, overlayAlpha);
    const [x, y, w, h] = this.box(i);
    this.context.putImageData(this.image, 0, 0, x, y, w, h);
  }

  /** Writes cell i's pixels: its colour, the selection border, the pending dot, and an optional fading overlay. */
  private writeCell(i: number, overlay: number, overlayAlpha: number): void {
    const [x0, y0, w, h] = this.box(i);
    const stride = this.canvas.width;
    const buffer = this.buffer;
    const p = this.data.state[i]!;
    const outlined = this.edges[p] !== 0 && w >= 5 && h >= 5;
    let fill = outlined ? this.fills[p]! : this.smallFills[p]!;
    if (overlay >= 0 && overlayAlpha > 0) {
      fill = blend(fill, overlay, overlayAlpha);
    }
    for (let y = y0; y < y0 + h; y++) {
      buffer.fill(fill, y * stride + x0, y * stride + x0 + w);
    }
    if (outlined) {
      this.frame(x0, y0, w, h, 1, this.edges[p]!);
    }
    const flags = this.data.flags[i]!;
    if (flags & SELECTED) {
      this.frame(x0, y0, w, h, Math.max(1, Math.floor(Math.min(w, h) / 6)), this.selectionPixel);
    }
    if (flags & PENDING) {
      const d = Math.max(1, Math.round(Math.min(w, h) / 3));
      const ox = x0 + Math.floor((w - d) / 2);
      const oy = y0 + Math.floor((h - d) / 2);
      for (let y = oy; y < oy + d; y++) {
        buffer.fill(this.pendingPixel, y * stride + ox, y * stride + ox + d);
      }
    }
  }

  /** A `t`-pixel frame of colour `value` on the box. */
  private frame(x0: number, y0: number, w: number, h: number, t: number, value: number): void {
    const stride = this.canvas.width;
    for (let y = y0; y < y0 + h; y++) {
      const row = y * stride + x0;
      if (y < y0 + t || y >= y0 + h - t) {
        this.buffer.fill(value, row, row + w);
      } else {
        this.buffer.fill(value, row, row + t);
        this.buffer.fill(value, row + w - t, row + w);
      }
    }
  }
}

/** Mixes pixel `top` over `base` with weight `alpha` (straight RGBA, per channel). */
function blend(base: number, top: number, alpha: number): number {
  let out = 0;
  for (let shift = 0; shift < 32; shift += 8) {
    const b = (base >>> shift) & 255;
    const t = (top >>> shift) & 255;
    out |= Math.round(b + (t - b) * alpha) << shift;
  }
  return out >>> 0;
}
