// ESLint (flat config): typescript-eslint's recommended rules, plus Belong's
// own rules that keep the layout honest. `npm run lint` runs it with no
// warnings allowed; Prettier owns the formatting, so no style rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Kysely calls that start a query: they belong in a module's *.repository.ts. */
const QUERY_BUILDERS = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'mergeInto', 'replaceInto'];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'vendor/', '.test-artifacts/', '.scratch/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name="then"][arguments.length=0]',
          message: 'A bare .then() does nothing.',
        },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      // Input hardening matches control characters on purpose (NUL bytes, C0 controls).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**', 'bench/**', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // SQL lives in repositories: application code outside them must not start a query.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [
      'src/**/*.repository.ts',
      'src/**/*.test.ts',
      'src/**/*.test-support.ts',
      'src/**/*.access-rows.ts',
      'src/**/*.arbitraries.ts',
      'src/**/test-*/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...QUERY_BUILDERS.map((name) => ({
          selector: `CallExpression[callee.property.name="${name}"]`,
          message: `SQL lives in the module's *.repository.ts: move this ${name}() there and call it from here.`,
        })),
        {
          selector: 'TaggedTemplateExpression[tag.name="sql"]',
          message: "SQL lives in the module's *.repository.ts: move this sql`…` there and call it from here.",
        },
        {
          selector: 'TaggedTemplateExpression[tag.object.name="sql"]',
          message: "SQL lives in the module's *.repository.ts: move this sql`…` there and call it from here.",
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
