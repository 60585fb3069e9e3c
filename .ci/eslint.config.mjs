// ESLint flat config (kept in .ci/ so the repository root holds only what a convention demands).
import tseslint from 'typescript-eslint';

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
    files: ['test/**/*.ts', 'src/webviews/ui/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
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
);
