// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'web/dist/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // Layers (docs/ARCHITECTURE.md): http, cli → modules → core, formats, db; the web app reaches only
  // @core and @shared. test/layers.test.ts lints a crossing import placed in each layer.
  ...layerZones(),
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);

/**
 * One no-restricted-imports block per layer. A later block for the same file replaces the rule, so the
 * zones do not overlap: each names everything its layer may not import.
 * @returns {import('typescript-eslint').ConfigArray}
 */
function layerZones() {
  const node = ['node:*', ...builtinModules];
  const up = (/** @type {string[]} */ layers) => layers.map((l) => `**/${l}/*`);
  /** @type {[string[], string[], string][]} */
  const zones = [
    [
      ['src/core/**/*.ts'],
      [...up(['shared', 'db', 'formats', 'modules', 'http', 'cli']), ...node],
      'core imports nothing of the project and no Node API',
    ],
    [['src/shared/**/*.ts'], up(['db', 'formats', 'modules', 'http', 'cli']), 'shared imports only core'],
    [['src/formats/**/*.ts'], up(['db', 'modules', 'http', 'cli']), 'formats import only core and shared'],
    [['src/db/**/*.ts'], up(['modules', 'http', 'cli']), 'db imports nothing above it'],
    [['src/modules/**/*.ts'], up(['http', 'cli']), 'modules never import http or cli'],
    [
      ['web/src/**/*.{ts,tsx}'],
      ['**/src/core/*', '**/src/shared/*', ...up(['db', 'formats', 'modules', 'http', 'cli']), ...node],
      'the web app imports only @core and @shared',
    ],
  ];
  return zones.map(([files, group, message]) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
  }));
}
