// The one build config: the extension-host bundle, the webview bundles, and the test/emulator/harness entry points.
// `node esbuild.mjs [--production] [--watch]`
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Every `.ts` file under `dir` whose name matches `pattern`. */
function entries(dir, pattern = /\.ts$/) {
  const out = [];
  let names = [];
  try { names = readdirSync(dir); } catch { return out; }
  for (const name of names) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...entries(full, pattern));
    else if (pattern.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/**
 * codemirror-json-schema also serves YAML and JSON5 and highlights code in hovers with shiki; the webview edits JSON
 * only and shows plain descriptions, so those packages are replaced by small stand-ins (half the bundle, and the
 * editor opens faster). Likewise markdown-it (with `entities`, 125 KiB: descriptions are shown as escaped plain text)
 * and the IDN e-mail parser of json-schema-library's `format: email` (23 KiB; no schema of ours uses it: a plain check
 * stands in): the page's bundle parses on every open (issue 13).
 */
const webviewStubs = {
  name: 'webview-stubs',
  setup(build) {
    const stubs = {
      'shiki/core': 'export const createHighlighterCore = () => new Promise(() => {});',
      '@shikijs/markdown-it/core': 'export const fromHighlighter = () => () => {};',
      yaml: "const unused = () => { throw new Error('YAML is not supported here'); };\nexport default { parse: unused, parseDocument: unused, stringify: unused };",
      json5: 'export default { parse: JSON.parse, stringify: JSON.stringify };',
      'markdown-it': [
        "const escape = (text) => String(text).replace(/[&<>\"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\"': '&quot;', \"'\": '&#39;' })[c]);",
        'export default () => ({ use() { return this; }, renderInline: escape, render: (text) => `<p>${escape(text)}</p>` });',
      ].join('\n'),
      'smtp-address-parser': "export function parse(value) { if (!/^[^@\\s]+@[^@\\s]+$/.test(value)) { throw new Error('not an e-mail address'); } return {}; }",
    };
    build.onResolve({ filter: /^(shiki\/(core|themes\/.*|langs\/.*)|@shikijs\/markdown-it\/core|yaml|json5|markdown-it|smtp-address-parser)$/ }, (args) => ({ path: args.path, namespace: 'webview-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'webview-stub' }, (args) => ({ contents: stubs[args.path] ?? 'export default {};', loader: 'js' }));
  },
};

/**
 * @sagold/json-query (json-schema-library's queries) builds its query parser from an EBNF grammar when its module is
 * evaluated: a fifth of the page's script time on every open of an editor, for queries the first frame never runs.
 * The parser is built at its first use instead (issue 13).
 */
const lazyJsonQueryParser = {
  name: 'lazy-json-query-parser',
  setup(build) {
    build.onLoad({ filter: /[\\/]@sagold[\\/]json-query[\\/]dist[\\/]module[\\/]lib[\\/]parser[\\/]index\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = 'const parser = new EBNF.Parser(jsonQueryGrammar);\nexport const parse = (query) => parser.getAST(query);';
      if (!text.includes(eager)) {
        throw new Error(`${args.path}: the parser is no longer built as expected; update lazyJsonQueryParser in esbuild.mjs`);
      }
      const lazy = 'let parser;\nexport const parse = (query) => (parser ??= new EBNF.Parser(jsonQueryGrammar)).getAST(query);';
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * Packages activation does not need, each built as its own bundle (dist/lazy/<name>.js) and `require`d by the main
 * bundle at the point of first use (src/lazy/lazyModules.ts, and @azure/identity's dynamic import): the main bundle
 * stays small and quick to parse.
 */
const lazyPackages = { undici: 'undici', '@azure/identity': 'identity', '@vscode/extension-telemetry': 'telemetry', ajv: 'ajv' };
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^(undici|@azure\/identity|@vscode\/extension-telemetry|ajv)$/ }, (args) => ({ path: `./lazy/${lazyPackages[args.path]}.js`, external: true }));
  },
};

/**
 * The editors' generated schemas (pure data; the pool-patch one alone is 70 KiB), each its own bundle
 * (dist/lazy/<name>.js) required by the editors' modules, which the main bundle evaluates only when the first editor
 * opens (src/extension.ts `editorsModule`).
 */
const lazySchemas = { poolPatchSchema: 'src/poolPatch/poolPatchSchema.generated.ts', imageDefinitionSchema: 'src/gallery/imageDefinitionSchema.generated.ts' };
const lazySchemaBundles = {
  name: 'lazy-schemas',
  setup(build) {
    build.onResolve({ filter: /\/(poolPatch|imageDefinition)Schema\.generated$/ }, (args) => ({ path: `./lazy/${args.path.match(/(\w+)\.generated$/)[1]}.js`, external: true }));
  },
};

/**
 * `vscode` as one ES module of the bundle that re-exports the members src/ uses (found in the sources at build time).
 * Without it esbuild's CommonJS interop copies every member of the API onto a fresh namespace object for each of the
 * 55 modules that `import * as vscode`: thousands of property definitions at load (issue 13).
 */
const vscodeNamespace = {
  name: 'vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-namespace' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-namespace' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => {
      const names = new Set();
      for (const file of entries('src')) {
        const text = readFileSync(file, 'utf8');
        if (/import \* as vscode from 'vscode'/.test(text)) {
          for (const m of text.matchAll(/\bvscode\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
        }
      }
      const list = [...names].sort();
      return {
        contents: `const api = require('vscode');\n${list.map((n) => `export const ${n} = api.${n};`).join('\n')}\n`,
        loader: 'js',
        resolveDir: '.',
      };
    });
  },
};

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  // Extension host: everything bundled except `vscode` and the optional native-backed VS Code credential plugin.
  // The entry (`main`): loads dist/extensionMain.js with a V8 code cache (src/lazy/extensionEntry.ts).
  {
    ...common,
    entryPoints: ['src/lazy/extensionEntry.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: production,
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extensionMain.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: production,
    external: ['vscode', '@azure/identity-vscode', 'keytar'],
    plugins: [lazyBundles, lazySchemaBundles, vscodeNamespace],
    // Read by `activate` to log the activation time from the start of the module's evaluation.
    banner: { js: 'var __azbModuleLoadStart = performance.now();' },
    define: {
      // Telemetry is on only when a connection string is supplied at build time.
      __TELEMETRY_CONNECTION_STRING__: JSON.stringify(process.env.AZB_TELEMETRY_CONNECTION_STRING ?? ''),
    },
  },
  // The lazy packages, one bundle each (dist/lazy/undici.js, identity.js, telemetry.js, ajv.js).
  ...Object.entries(lazyPackages).map(([pkg, name]) => ({
    ...common,
    stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: '.', loader: 'js' },
    entryPoints: undefined,
    outfile: `dist/lazy/${name}.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: production,
    external: ['vscode', '@azure/identity-vscode', 'keytar'],
  })),
  // The editors' schemas, one bundle each (dist/lazy/poolPatchSchema.js, imageDefinitionSchema.js).
  ...Object.entries(lazySchemas).map(([name, entry]) => ({
    ...common,
    entryPoints: [entry],
    outfile: `dist/lazy/${name}.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: production,
  })),
  // Webview code: browser bundles, one per panel, into dist/webview.
  {
    ...common,
    entryPoints: [...entries('src/webviews/ui', /^[a-zA-Z]+Main\.ts$/), ...entries('src/webviews/heatmap/ui', /^[a-zA-Z]+Main\.ts$/)],
    outdir: 'dist/webview',
    entryNames: '[name]', // flat: dist/webview/{bundle}.js whatever folder the entry is in
    plugins: [webviewStubs, lazyJsonQueryParser],
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true, // the webview parses it on every open: small beats readable (source maps stay)
  },
  // Tests, emulator, harness, and the sources they import: transpiled file by file (not bundled) into out/, so every
  // module exists once per process and npm packages resolve from node_modules at run time.
  {
    entryPoints: [...entries('test'), ...entries('src')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    sourcemap: 'linked',
    logLevel: 'warning',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    define: { __TELEMETRY_CONNECTION_STRING__: JSON.stringify('') },
  },
].filter((b) => b.stdin || b.entryPoints.length > 0);

if (!watch) {
  rmSync('dist', { recursive: true, force: true });
  rmSync('out/test', { recursive: true, force: true });
  rmSync('out/src', { recursive: true, force: true });
}
if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('[esbuild] watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
