// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/server/**', 'media/codicons/**', 'bench/work/**', '.tmp/**', 'src/**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core runs in the CLI and in plain mocha: it must never depend on VS Code.
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core and src/cli must run without VS Code.' }] }],
    },
  },
  {
    // core/git runs Git and parses its output; what is about evidence and criteria imports it, never the reverse.
    files: ['src/core/git/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core and src/cli must run without VS Code.' }],
          patterns: [{ group: ['../audit/*','../evidence/*','../glob/*','../history/*','../language/*','../measure/*','../model/*','../parse/*','../portfolio/*','../present/*','../report/*','../review/*','../status/*','../sync/*','../validate/*','../workspace/*', '!../parse/text'], message: 'core/git may use only i18n, fs, node and parse/text of the core.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', document: 'readonly', window: 'readonly', acquireVsCodeApi: 'readonly' } },
  },
);
