/** DOM helpers of the page: elements from data with textContent (never innerHTML), codicons, buttons. */

export type Child = Node | string | undefined | null | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) {
      el.setAttribute(k, '');
    } else if (typeof v === 'string') {
      el.setAttribute(k, v);
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null && child !== false) {
      el.append(child);
    }
  }
  return el;
}

/** Codicons (https://github.com/microsoft/vscode-codicons, CC BY 4.0) drawn as inline SVG: the font would need a loader. */
const ICONS: Record<string, string> = {
  error: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1a6 6 0 1 1 0 12A6 6 0 0 1 8 2zm-.5 3h1v4.5h-1V5zm0 5.5h1v1h-1v-1z',
  warning: 'M7.56 1h.88l6.54 12.26-.44.74H1.44L1 13.26 7.56 1zM8 2.28 2.28 13H13.7L8 2.28zM8.625 12v-1h-1.25v1h1.25zm-1.25-2V6h1.25v4h-1.25z',
  info: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1a6 6 0 1 1 0 12A6 6 0 0 1 8 2zm-.5 4h1V5h-1v1zm0 5h1V7h-1v4z',
  check: 'M14.43 3.43 6 11.86l-4.43-4.43.86-.86L6 10.14l7.57-7.57.86.86z',
};

export function icon(name: keyof typeof ICONS | string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `codicon codicon-${name}`);
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name] ?? ICONS.info!);
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}

export function button(label: string, onClick: () => void, options: { primary?: boolean; title?: string; id?: string } = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: options.primary ? 'primary' : 'secondary', title: options.title, id: options.id }, label);
  b.addEventListener('click', onClick);
  return b;
}
