/**
 * What a translation must keep from its English source, for test/unit/l10nBundle.test.ts: the same keys, the same
 * placeholders, codicons, Markdown (code spans, link targets, line breaks) and REST names, the plural forms of its
 * language, and text in the language's own script.
 */
import { pluralCategories } from '../../src/utils/format';

export type Messages = Record<string, string>;

const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[0]).sort();
const unique = (items: string[]) => [...new Set(items)].sort();

const PLACEHOLDER = /\{\d+\}/g;
const CODICON = /\$\([a-z0-9-]+(?:~[a-z]+)?\)/g;
const CODE_SPAN = /`[^`]+`/g;
const LINK_TARGET = /\]\([^)]+\)/g;
/** A JSON member in an example, `"{1}": true` or `"{0}": {2}`: its quotes are JSON's, not typography. */
const JSON_KEY_PLACEHOLDER = /"\{\d+\}": (?:true|false|"|\{)/g;

/** REST names that stay as the service spells them (case-sensitive, whole words). */
const REST_WORDS = [
  /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g, // camelCase properties: provisioningState, failureInfo, endOfLifeDate
  /\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b/g, // PascalCase codes and features: PropertyChangeNotAllowed, SecurityType
  /\b(PUT|PATCH|ETag|HTTP|JSON)\b/g,
  /\b(idle|unusable)\b/g, // node states in prose
];
/** Words a translation may leave as they are: product names, REST names, units. */
const UNTRANSLATED = /Azure Batch Operator|Azure Batch|Microsoft Entra ID|Azure|HTTP|PUT|PATCH|ETag|JSON|provisioningState|[A-Z][a-z]+[A-Z]\w*|[a-z]+[A-Z]\w*/g;
const SCRIPT: Record<string, RegExp> = { 'zh-cn': /\p{Script=Han}/u, ru: /\p{Script=Cyrillic}/u };

export interface CheckOptions {
  locale: string;
  /** Plural messages: English forms separated by "|" (one|other); the translation has its language's forms. */
  pluralKeys?: (key: string, english: string) => boolean;
}

/** Every way `translated` departs from `english` that would break the UI; empty when it is complete and intact. */
export function translationProblems(english: Messages, translated: Messages, options: CheckOptions): string[] {
  const problems: string[] = [];
  const say = (key: string, what: string) => problems.push(`${options.locale} ${JSON.stringify(key)}: ${what}`);
  for (const key of Object.keys(english)) {
    if (!(key in translated)) {
      say(key, 'missing');
    }
  }
  for (const key of Object.keys(translated)) {
    if (!(key in english)) {
      say(key, 'extra key (not in the English source)');
    }
  }
  const categories = pluralCategories(options.locale);
  for (const [key, source] of Object.entries(english)) {
    const text = translated[key];
    if (text === undefined) {
      continue;
    }
    if (typeof text !== 'string' || text.trim() === '') {
      say(key, 'empty');
      continue;
    }
    const plural = options.pluralKeys?.(key, source) ?? false;
    const sourceForms = plural ? source.split('|') : [source];
    const forms = plural ? text.split('|') : [text];
    if (plural && forms.length !== categories.length) {
      say(key, `has ${forms.length} plural forms; ${options.locale} needs ${categories.length} (${categories.join('|')})`);
    }
    const wanted = unique(all(sourceForms[sourceForms.length - 1], PLACEHOLDER));
    forms.forEach((form, i) => {
      const got = unique(all(form, PLACEHOLDER));
      if (got.join() !== wanted.join()) {
        say(key, `placeholders ${got.join(' ') || 'none'} instead of ${wanted.join(' ') || 'none'}${plural ? ` (form ${i + 1})` : ''}`);
      }
    });
    const same = (what: string, pattern: RegExp) => {
      const a = sourceForms.flatMap((f) => all(f, pattern));
      const b = forms.flatMap((f) => all(f, pattern));
      if (unique(a).join('\u0000') !== unique(b).join('\u0000') || (!plural && a.length !== b.length)) {
        say(key, `${what} ${JSON.stringify(b)} instead of ${JSON.stringify(a)}`);
      }
    };
    same('codicons', CODICON);
    same('code spans', CODE_SPAN);
    same('link targets', LINK_TARGET);
    same('JSON keys', JSON_KEY_PLACEHOLDER);
    if ((source.match(/\n/g) ?? []).length !== (text.match(/\n/g) ?? []).length) {
      say(key, 'line breaks differ');
    }
    for (const pattern of REST_WORDS) {
      const lost = unique(all(source, pattern)).filter((word) => !new RegExp(`(^|[^A-Za-z])${word}([^A-Za-z]|$)`).test(text));
      if (lost.length) {
        say(key, `REST names dropped or changed: ${lost.join(', ')}`);
      }
    }
    if (/\bidle or running\b/.test(source) && !/\brunning\b/.test(text)) {
      say(key, 'REST names dropped or changed: running');
    }
    const script = SCRIPT[options.locale];
    const words = source.replace(PLACEHOLDER, '').replace(CODE_SPAN, '').replace(/https?:\/\/\S+/g, '').replace(UNTRANSLATED, '');
    if (script && /\p{L}{2,}/u.test(words) && !script.test(text)) {
      say(key, `not translated (no ${options.locale} text)`);
    }
  }
  return problems;
}
