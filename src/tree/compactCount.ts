/**
 * Counts for the narrow places (the pool row's description): plain digits, or the display language's compact form
 * when it shows the count exactly and is shorter ("7K" for 7000 in English, "1万" for 10000 in Chinese; never "7K" for
 * 7012, and Russian "7 тыс." is longer than "7000"). Pure (no `vscode`), unit-tested on Node.
 *
 * Exact means: the compact form rounded to whole units (maximumFractionDigits 0) is the same text as the compact form
 * with 21 significant digits. The latter never rounds a safe integer (at most 16 digits), so when both agree, the
 * rounded form has lost nothing: the count is a whole multiple of the unit the language shows (thousand, 万, million).
 */

/** The compact form of `n` rounded to whole units, and unrounded; undefined for a tag Intl refuses. */
function compactForms(n: number, locale: string): { whole: string; full: string } | undefined {
  try {
    const options: Intl.NumberFormatOptions = { notation: 'compact', numberingSystem: 'latn' };
    return {
      whole: new Intl.NumberFormat(locale, { ...options, maximumFractionDigits: 0 }).format(n),
      full: new Intl.NumberFormat(locale, { ...options, maximumSignificantDigits: 21 }).format(n),
    };
  } catch {
    return undefined;
  }
}

/** "7000" → "7K" (en), "10000" → "1万" (zh-cn), "7012" → "7012", "7000" → "7000" (ru: "7 тыс." is longer). */
export function compactCount(n: number, locale = 'en'): string {
  const plain = String(n);
  if (!Number.isSafeInteger(n) || Math.abs(n) < 1000) {
    return plain;
  }
  const forms = compactForms(n, locale) ?? compactForms(n, 'en');
  return forms && forms.whole === forms.full && forms.whole.length < plain.length ? forms.whole : plain;
}
