/**
 * Localization for modules that must not import `vscode` (pure logic, unit-tested on Node). They call
 * `l10n.t('Pool {0} is being deleted.', id)` exactly like `vscode.l10n.t`; the extension plugs in `vscode.l10n.t`
 * at activation, and on Node the English text is formatted as is.
 */
export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, index: string) => {
  const value = args[Number(index)];
  return value === undefined ? whole : String(value);
});

let current: Translate = english;

export function t(message: string, ...args: (string | number | boolean)[]): string {
  return current(message, ...args);
}

/** Called once at activation with `vscode.l10n.t`. */
export function setTranslator(translate: Translate): void {
  current = translate;
}
