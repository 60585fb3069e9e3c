import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';

type Messages = Record<string, string>;
const read = (file: string): Messages => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

/**
 * The English phrases of the extension's own strings (manifest and l10n.t) whose translation into `locale` differs:
 * the fixed text between placeholders, plural forms apart, when it has two words or more. Finding one of them on a
 * localized screen means a string reached the user without going through l10n (or without a translation).
 */
export function englishPhrases(locale: string): string[] {
  const phrases = new Set<string>();
  for (const [source, translated] of [['package.nls.json', `package.nls.${locale}.json`], ['l10n/bundle.l10n.json', `l10n/bundle.l10n.${locale}.json`]]) {
    const english = read(source);
    const target = read(translated);
    for (const [key, text] of Object.entries(english)) {
      if (target[key] === text) {
        continue;
      }
      for (const fragment of text.split(/\{\d+\}|\||\n|\]\(command:[^)]*\)|[[\]]/)) {
        const phrase = fragment.replace(/^[\s,.:;·()…"“”-]+|[\s,.:;·()…"“”-]+$/g, '');
        if (/^\p{L}[\p{L}']*(\s+[\p{L}'/-]+)+/u.test(phrase) && !/^Azure Batch( Operator)?$|^Microsoft Entra ID$/.test(phrase)) {
          phrases.add(phrase);
        }
      }
    }
  }
  return [...phrases];
}

/** The English phrases (see above) that `text`, read from a localized screen, still contains. */
export function englishLeftovers(text: string, phrases: readonly string[]): string[] {
  return phrases.filter((phrase) => text.includes(phrase));
}
