/**
 * Pointer input on the heatmap's canvas, turned into intents on cells: click (with Shift = range, Ctrl/Cmd = toggle),
 * drag (a rectangle from the cell where the button went down), hover (coalesced to one per frame), and the context
 * menu (right-click, or opened from the keyboard at a cell). The context-menu intent runs synchronously, before the
 * event bubbles to VS Code's own listener, so that the canvas's `data-vscode-context` describes the right nodes.
 */
import { cellAt, cellOrigin, nearestCell, type GridLayout } from '../../../heatmap/gridLayout';

export interface GridIntents {
  click(index: number, modifiers: { range: boolean; toggle: boolean }): void;
  /** A drag in progress (`done` false) or ended (`done` true). */
  drag(from: number, to: number, additive: boolean, done: boolean): void;
  /** The pointer is over a cell (-1: over none, or it left), at client coordinates. */
  hover(index: number, clientX: number, clientY: number): void;
  /** A context menu opens on cell `index` (-1: outside the cells). */
  contextMenu(index: number): void;
}

const DRAG_THRESHOLD = 4;

export class GridInput {
  private press: { index: number; x: number; y: number; additive: boolean; dragging: boolean; pointerId: number } | undefined;
  private hoverFrame = 0;
  private lastHover: { x: number; y: number } | undefined;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly layout: () => GridLayout, private readonly intents: GridIntents) {
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    canvas.addEventListener('pointerup', (e) => this.up(e));
    canvas.addEventListener('pointercancel', () => {
      this.press = undefined;
    });
    canvas.addEventListener('pointerleave', () => {
      this.lastHover = undefined;
      this.intents.hover(-1, 0, 0);
    });
    canvas.addEventListener('contextmenu', (e) => this.intents.contextMenu(this.indexAt(e.clientX, e.clientY, true)));
  }

  /** Opens VS Code's context menu at a cell, as a right-click there would (keyboard: Enter, Shift+F10, Menu key). */
  openMenuAt(index: number): void {
    const layout = this.layout();
    const rect = this.canvas.getBoundingClientRect();
    const { x, y } = cellOrigin(layout, Math.max(0, index));
    const event = new MouseEvent('contextmenu', {
      bubbles: true,
      cancelable: true,
      clientX: rect.left + x + layout.cell / 2,
      clientY: rect.top + y + layout.cell / 2,
      button: 2,
    });
    this.canvas.dispatchEvent(event);
  }

  private indexAt(clientX: number, clientY: number, strict: boolean): number {
    const rect = this.canvas.getBoundingClientRect();
    return cellAt(this.layout(), clientX - rect.left, clientY - rect.top, strict);
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0) {
      return;
    }
    const index = this.indexAt(e.clientX, e.clientY, false);
    this.press = { index, x: e.clientX, y: e.clientY, additive: e.ctrlKey || e.metaKey, dragging: false, pointerId: e.pointerId };
    this.canvas.setPointerCapture(e.pointerId);
    this.canvas.focus({ preventScroll: true });
    e.preventDefault();
  }

  private move(e: PointerEvent): void {
    const press = this.press;
    if (press && press.index >= 0 && (press.dragging || Math.hypot(e.clientX - press.x, e.clientY - press.y) >= DRAG_THRESHOLD)) {
      press.dragging = true;
      const rect = this.canvas.getBoundingClientRect();
      this.intents.drag(press.index, nearestCell(this.layout(), e.clientX - rect.left, e.clientY - rect.top), press.additive, false);
      return;
    }
    this.lastHover = { x: e.clientX, y: e.clientY };
    if (!this.hoverFrame) {
      this.hoverFrame = requestAnimationFrame(() => {
        this.hoverFrame = 0;
        if (this.lastHover) {
          this.intents.hover(this.indexAt(this.lastHover.x, this.lastHover.y, true), this.lastHover.x, this.lastHover.y);
        }
      });
    }
  }

  private up(e: PointerEvent): void {
    const press = this.press;
    this.press = undefined;
    if (!press || e.pointerId !== press.pointerId) {
      return;
    }
    if (this.canvas.hasPointerCapture(e.pointerId)) {
      this.canvas.releasePointerCapture(e.pointerId);
    }
    if (press.dragging) {
      const rect = this.canvas.getBoundingClientRect();
      this.intents.drag(press.index, nearestCell(this.layout(), e.clientX - rect.left, e.clientY - rect.top), press.additive, true);
      return;
    }
    if (press.index >= 0) {
      this.intents.click(press.index, { range: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
    }
  }
}
