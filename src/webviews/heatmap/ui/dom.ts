/** DOM helpers of the heatmap page: elements built with attributes and text, never from HTML strings. */

// One element builder for every page (the editor's); the heatmap adds what only it needs.
export { h } from '../../ui/jsonEditor/dom';

/** "{0} of {1}" with the arguments in place (the host sends the templates, already localized). */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
