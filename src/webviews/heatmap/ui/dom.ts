/** DOM helpers of the heatmap page: elements built with attributes and text, never from HTML strings. */

type Child = Node | string | undefined | null | false;

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

/** "{0} of {1}" with the arguments in place (the host sends the templates, already localized). */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
