/** Escapes text from the service or the user before it goes into a MarkdownString (no links, images or icons). */
export function md(text: string | number | undefined | null): string {
  return String(text ?? '').replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, '\\$&').replace(/\r?\n/g, ' ');
}
