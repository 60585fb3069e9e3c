// `npm run l10n`: writes every string the code passes to `l10n.t` into l10n/bundle.l10n.json (the English bundle
// translators start from). `node .ci/l10n-export.mjs [outDir]`.
//
// @vscode/l10n-dev's analyzer finds `l10n.t` only in files that import `vscode` or `@vscode/l10n`. The vscode-free
// modules (poolPatch, gallery, reimage, …) call src/utils/l10n.ts instead, which forwards to vscode.l10n.t at run
// time; for the analysis only, their import of utils/l10n is read as an import of @vscode/l10n (files are not changed).
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import l10nDev from '@vscode/l10n-dev';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UTILS_L10N_IMPORT = /from '(?:\.\.?\/)+(?:utils\/)?l10n'/g;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .filter((file) => /\.(ts|tsx|js|jsx)$/.test(file) && !file.endsWith('.d.ts'))
    .sort();
}

const outDir = resolve(process.argv[2] ?? join(root, 'l10n'));
const files = sourceFiles(join(root, 'src')).map((file) => ({
  extension: extname(file),
  contents: readFileSync(file, 'utf8').replace(UTILS_L10N_IMPORT, "from '@vscode/l10n'"),
}));
const bundle = await l10nDev.getL10nJson(files);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'bundle.l10n.json'), JSON.stringify(bundle, undefined, 2));
console.log(`${Object.keys(bundle).length} strings from ${files.length} files → ${join(outDir, 'bundle.l10n.json')}`);
