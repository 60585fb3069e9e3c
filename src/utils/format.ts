/**
 * Numbers, counts with plural forms, and dates for the display language. Pure (no `vscode`): the extension passes
 * `vscode.env.language` ("en", "zh-cn", "ru", …) as `locale`.
 *
 * Plural messages are ONE l10n key each, so `npm run l10n` exports them like any other string: the key holds the
 * English forms separated by "|" ("{0} node|{0} nodes"), and each translation holds its language's forms in the order
 * of its CLDR plural categories (zero, one, two, few, many, other — only those the language has):
 *   en  one|other                "{0} node|{0} nodes"
 *   ru  one|few|many|other       "{0} узел|{0} узла|{0} узлов|{0} узла"   (1 узел, 2 узла, 5 узлов, 1,5 узла)
 *   zh  other                    "{0} 个节点"
 * Call sites: `plural(locale, n, vscode.l10n.t('{0} node|{0} nodes'), n)` — the message is translated WITHOUT
 * arguments, the form is picked for `n`, then `{0}`, `{1}`, … are filled (numbers formatted for the locale).
 */

const CATEGORY_ORDER: Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** Intl needs a valid tag; VS Code's language ids ("zh-cn") are, but a broken one falls back to English. */
function safeLocale(locale: string | undefined): string {
  try {
    return Intl.getCanonicalLocales(locale || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * Intl formatters are immutable but slow to build (≈0.1 ms each); a tree page formats a date per node. A memo of
 * them, like schemaCheck.ts's compiled schemas: nothing observable depends on it.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "12,345" (en), "12 345" (ru), "12,345" (zh-cn). */
export function formatNumber(value: number, locale: string): string {
  const tag = safeLocale(locale);
  return memo(`number|${tag}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 })).format(value);
}

/** The language's plural categories in CLDR order: en [one, other], ru [one, few, many, other], zh [other]. */
export function pluralCategories(locale: string): Intl.LDMLPluralRule[] {
  const present = new Intl.PluralRules(safeLocale(locale)).resolvedOptions().pluralCategories;
  return CATEGORY_ORDER.filter((c) => present.includes(c));
}

/** Fills `{0}`, `{1}`, … (numbers formatted for the locale); an index without an argument stays as it is. */
export function fill(message: string, locale: string, args: readonly (string | number)[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

/**
 * Picks the form of `forms` (a translated plural message, see above) for `count` and fills its placeholders. A
 * message with another number of forms than the language has categories is the untranslated English one (a display
 * language without a translation): its forms are picked by English rules.
 */
export function plural(locale: string, count: number, forms: string, ...args: (string | number)[]): string {
  const parts = forms.split('|');
  let tag = safeLocale(locale);
  let categories = pluralCategories(tag);
  if (parts.length !== categories.length) {
    tag = 'en';
    categories = pluralCategories(tag);
  }
  const category = new Intl.PluralRules(tag).select(count);
  const form = parts[categories.indexOf(category)] ?? parts[parts.length - 1];
  return fill(form, locale, args);
}

/**
 * A date and time for the display language, e.g. "Nov 22, 2025, 10:22:27 PM" (en), "22 нояб. 2025 г., 22:22:27" (ru),
 * "2025年11月22日 22:22:27" (zh-cn), in the local time zone unless `timeZone` is given. Text that is not a date is
 * returned as it is.
 */
export function formatDateTime(value: string | number | Date, locale: string, timeZone?: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return String(value);
  }
  const tag = safeLocale(locale);
  return memo(`date|${tag}|${timeZone ?? ''}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium', timeZone })).format(date);
}
