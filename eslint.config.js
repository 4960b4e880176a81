// Lint rules that make the layer boundaries real: a forbidden import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

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

/** The nodes that carry an import or export edge and may mark it type-only. */
const EDGE_NODES = new Set([
  'ImportDeclaration',
  'ImportSpecifier',
  'ExportNamedDeclaration',
  'ExportAllDeclaration',
  'ExportSpecifier',
]);
/** A type-only import or export read as a plain one (a copy: the linted AST stays as it is). */
const asValueEdge = (node) =>
  EDGE_NODES.has(node.type)
    ? {
        ...node,
        importKind: 'value',
        exportKind: 'value',
        ...(node.specifiers && { specifiers: node.specifiers.map(asValueEdge) }),
      }
    : node;

/** How import-x parses the modules it walks for cycles: with type-only edges as plain ones. */
const parserCountingTypes = {
  meta: { name: 'typescript-eslint-parser-counting-types' },
  parseForESLint(code, options) {
    const parsed = tseslint.parser.parseForESLint(code, options);
    parsed.ast.body = parsed.ast.body.map(asValueEdge);
    return parsed;
  },
};

/**
 * import-x/no-cycle, with type-only imports counted: it skips them, but a cycle of types is a
 * cycle of design too. Only this rule sees them as plain imports; other rules get the real AST.
 */
const noCycleCountingTypes = {
  meta: importX.rules['no-cycle'].meta,
  create(context) {
    const languageOptions = { ...context.languageOptions, parser: parserCountingTypes };
    const inner = importX.rules['no-cycle'].create(
      Object.create(context, { languageOptions: { value: languageOptions } }),
    );
    return Object.fromEntries(
      Object.entries(inner).map(([event, listen]) => [event, (node) => listen(asValueEdge(node))]),
    );
  },
};

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
    // No import cycles in the app's layers (types included); node_modules is not walked.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    plugins: { cycles: { rules: { 'no-cycle': noCycleCountingTypes } } },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: { 'cycles/no-cycle': ['error', { ignoreExternal: true }] },
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
    // The queue asks the account's provider through ProviderTransfers, never a provider's internals.
    files: ['electron/core/transfers/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/providers/s3/**', '**/providers/quicksync/**', '@aws-sdk/*'],
              message: 'The transfer queue reaches a provider only through provider-transfers.ts (ProviderTransfers).',
            },
            {
              group: ['**/providers/registry'],
              allowTypeImports: true,
              message: "The transfer queue may use the provider registry's types only.",
            },
          ],
        },
      ],
    },
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
  {
    // Every word a person sees comes from the catalogue (renderer/src/i18n): a literal in JSX
    // text, in a shown attribute (aria-label, title, placeholder, alt, a component's label
    // props) or in an expression inside JSX fails. Excluded, by name only: attributes that carry
    // codes, never words (ids, classes, roles, option values, positions, languages), calls that
    // take codes (t itself, the account form's field('name') helpers, querySelector, a transfer
    // row's onControl('pause')) and the `type` or `kind` of an object literal (a discriminant).
    files: ['renderer/src/components/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            exclude: [
              'className',
              'style',
              'type',
              'key',
              'id',
              'htmlFor',
              'role',
              'name',
              'value',
              'autoComplete',
              'inputMode',
              'lang',
              'dir',
              'rel',
              'target',
              'scope',
              'side',
              'align',
              'language',
              'data-.*',
              'aria-(controls|describedby|labelledby|live|haspopup|orientation|sort|current|expanded|selected|pressed|checked|hidden|modal|busy|invalid|required|owns|activedescendant|atomic|relevant)',
            ],
          },
          callees: {
            exclude: ['i18n(ext)?', 't', 'useTranslation', 'field', 'error', 'querySelector(All)?', 'cx', 'onControl'],
          },
          'object-properties': { exclude: ['type', 'kind'] },
        },
      ],
    },
  },
);
