// ESLint flat config: style rules for src and test, and the import boundaries between the folders of src (README,
// "Architecture"). Imports run one way: commands/tree/webviews → services → domain (jsonEditing, poolPatch, gallery,
// reimage) → azure.
import { existsSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/** The folders and top-level files of src/ a boundary can name. */
const TOP = ['extension', 'extensionServices', 'testApi'];

/**
 * `no-restricted-imports` for one layer: no import of the named folders or top-level files of src/ (relative
 * imports that climb out of the folder), and, unless `vscode` is true, no `vscode`. One complete rule per file: flat
 * config replaces a rule's options, it does not merge them, so every file must match exactly one boundary below.
 */
function boundary(files, { forbid, vscode = true, ignores = [], why }) {
  const vscodeBan = vscode ? [] : [{ name: 'vscode', message: `${why} Keep it free of vscode (pass what it needs in).` }];
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', {
        paths: vscodeBan,
        patterns: [{ regex: `^(\\.\\./)+(${forbid.join('|')})(/|$)`, message: `${why} It may not import ${forbid.join(', ')}.` }],
      }],
    },
  };
}

// poolPatch/ and gallery/ still take JSON values and protocol types from webviews/ until the editor half of issue 10
// (src/jsonEditing/) lands; from then on their boundary covers webviews/ too.
const editorsSplit = existsSync(new URL('./src/jsonEditing', import.meta.url));
const UI = ['tree', 'commands', 'webviews', ...TOP];
const DOMAIN_FORBID = editorsSplit ? UI : ['tree', 'commands', ...TOP];
const AZURE_ADAPTERS = ['src/azure/azureClients.ts', 'src/azure/auth/vscodeSessionCredential.ts'];
// src/utils/l10n (the translator, itself free of vscode) is the one helper the client may use: its messages are localized.
const NOT_AZURE = [...UI, 'services', 'jsonEditing', 'poolPatch', 'gallery', 'reimage', 'nodeActions', 'heatmap', 'portal', 'telemetry', 'utils(?!/l10n$)', 'settings'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='console'][callee.property.name='log']", message: 'Use the log output channel.' }],
      eqeqeq: ['error', 'smart'],
      curly: 'error',
    },
  },
  {
    // A stray `.only` cuts a layer to one test and stays green; mocha forbids it at run time too (forbidOnly).
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'context', 'suite', 'it', 'specify', 'test'].map((object) => ({
          object,
          property: 'only',
          message: '`.only` runs these tests alone and hides every other one: remove it.',
        })),
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'src/webviews/ui/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // The Azure client: self-contained, on Node; `vscode` only in the adapters that read VS Code's settings and sessions.
  boundary(['src/azure/**/*.ts'], { forbid: NOT_AZURE, vscode: false, ignores: AZURE_ADAPTERS, why: 'src/azure is the Azure client.' }),
  boundary(AZURE_ADAPTERS, { forbid: NOT_AZURE, why: 'src/azure is the Azure client.' }),
  // The gateway to Azure: used by the UI, never using it.
  boundary(['src/services/**/*.ts'], { forbid: UI, why: 'src/services is the gateway to Azure under the UI.' }),
  // The domain: pure logic, unit-tested on Node.
  boundary(['src/jsonEditing/**/*.ts'], { forbid: UI, vscode: false, why: 'src/jsonEditing is the pure JSON-editing core.' }),
  boundary(['src/poolPatch/**/*.ts', 'src/gallery/**/*.ts'], { forbid: DOMAIN_FORBID, vscode: false, why: 'src/poolPatch and src/gallery are the editors\' pure models.' }),
  boundary(['src/reimage/**/*.ts', 'src/nodeActions/**/*.ts', 'src/heatmap/**/*.ts', 'src/portal/**/*.ts'], { forbid: [...UI, 'services'], vscode: false, why: 'src/reimage, src/nodeActions, src/heatmap and src/portal are pure domain logic.' }),
  boundary(['src/utils/**/*.ts', 'src/telemetry/**/*.ts'], { forbid: [...UI, 'services'], why: 'src/utils and src/telemetry are leaf helpers.' }),
  // The UI: the tree only displays (it opens no editor and runs no command code); commands open editors through the services.
  boundary(['src/tree/**/*.ts'], { forbid: ['commands', 'webviews', ...TOP], why: 'src/tree only displays.' }),
  boundary(['src/commands/**/*.ts'], { forbid: ['webviews', 'extension', 'testApi'], why: 'Commands open editors through the services object.' }),
  boundary(['src/webviews/**/*.ts'], { forbid: ['commands', 'extension', 'testApi'], why: 'The editors run commands by id.' }),
);
