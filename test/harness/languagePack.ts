/**
 * A display language for VS Code without the Marketplace. VS Code switches its display language (and the extension
 * host's `vscode.env.language`, which picks `package.nls.<locale>.json` and `l10n/bundle.l10n.<locale>.json`) only to
 * a locale that an installed language pack provides. The harness therefore builds its own minimal pack:
 *   1. an extension in the "Language Packs" category whose `contributes.localizations` lists the locales, each with
 *      an empty translations file for VS Code itself (VS Code's own menus stay English; the extension's strings are
 *      localized), packaged with vsce and installed with `--install-extension`;
 *   2. `<user-data-dir>/languagepacks.json`, which VS Code writes when a pack is installed from its UI but not from the
 *      command line, naming the installed pack and its translations file for the locale;
 *   3. code-server started with `--locale <locale>`.
 * See test/harness/README.md ("Display language").
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { outputDir, repoRoot } from './paths';

const PUBLISHER = 'azure-batch-operator-tests';
const NAME = 'test-language-pack';
const VERSION = '1.0.0';
export const LANGUAGE_PACK_ID = `${PUBLISHER}.${NAME}`;

/** The locales the pack provides: the ones the extension is translated to. */
export const PACK_LOCALES: Record<string, { languageName: string; localizedLanguageName: string }> = {
  'zh-cn': { languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)' },
  ru: { languageName: 'Russian', localizedLanguageName: 'русский' },
};

const TRANSLATIONS = 'translations/vscode.i18n.json';

/** Builds (once per run) the language pack's VSIX under test-output/language-pack/ and returns its path. */
export function buildLanguagePack(): string {
  const dir = path.join(outputDir, 'language-pack');
  const vsix = path.join(dir, `${NAME}-${VERSION}.vsix`);
  if (fs.existsSync(vsix)) {
    return vsix;
  }
  const source = path.join(dir, 'source');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(source, path.dirname(TRANSLATIONS)), { recursive: true });
  const manifest = {
    name: NAME,
    displayName: 'Test language pack (zh-cn, ru)',
    description: 'Makes VS Code offer zh-cn and ru as display languages in tests; VS Code’s own strings stay English.',
    publisher: PUBLISHER,
    version: VERSION,
    license: 'MIT',
    repository: { type: 'git', url: 'https://example.invalid/azure-batch-operator.git' },
    engines: { vscode: '^1.101.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: Object.entries(PACK_LOCALES).map(([languageId, names]) => ({
        languageId,
        ...names,
        translations: [{ id: 'vscode', path: `./${TRANSLATIONS}` }],
      })),
    },
  };
  fs.writeFileSync(path.join(source, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(source, TRANSLATIONS), JSON.stringify({ version: VERSION, contents: {} }));
  fs.writeFileSync(path.join(source, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
  fs.copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(source, 'LICENSE'));
  execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: source, stdio: 'pipe' });
  return vsix;
}

/**
 * Writes `<user-data-dir>/languagepacks.json` for `locale`, pointing at the pack installed in `extensionsDir`: without
 * it VS Code ignores `--locale` and stays English.
 */
export function writeLanguagePacks(userDataDir: string, extensionsDir: string, locale: string): void {
  if (!PACK_LOCALES[locale]) {
    throw new Error(`the test language pack has no ${locale}; it provides ${Object.keys(PACK_LOCALES).join(', ')}`);
  }
  const installed = fs.readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${LANGUAGE_PACK_ID}-`));
  if (!installed) {
    throw new Error(`the test language pack is not installed in ${extensionsDir}`);
  }
  const packs = {
    [locale]: {
      hash: `${LANGUAGE_PACK_ID}-${VERSION}`,
      extensions: [{ extensionIdentifier: { id: LANGUAGE_PACK_ID }, version: VERSION }],
      translations: { vscode: path.join(extensionsDir, installed, TRANSLATIONS) },
      label: PACK_LOCALES[locale].localizedLanguageName,
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}
