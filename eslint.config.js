// Lint rules that make the layer boundaries real: a forbidden import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'worker_threads',
  'url',
];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [...NODE_BUILTINS, 'electron', 'react', 'react-dom', '@aws-sdk/*', '**/electron/**', '**/renderer/**'],
      'shared/ is pure TypeScript: no Node, DOM, Electron, SDK or layer imports.',
    ),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/worker/**/*.ts', 'electron/web/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*', '**/renderer/**', '**/main/**', '**/preload/**'],
      'The core, workers and the browser host are plain Node: never Electron or the renderer.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      [...NODE_BUILTINS, '**/core/**', '**/worker/**', '**/web/**', '**/main/**', '**/renderer/**', '@aws-sdk/*'],
      'The preload only bridges the contract: no Node, no core.',
    ),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict(
      ['**/renderer/**', '**/web/**', '**/preload/**'],
      'The Electron host uses the core and shared/ only.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...NODE_BUILTINS, 'electron', '@aws-sdk/*', '**/electron/**'],
        'The renderer is untrusted: it reaches the core only through src/api.',
      ),
    },
  },
  {
    // Only src/api/ touches the host bridge.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'qstorage', message: 'Use renderer/src/api.' },
      ],
    },
  },
);
