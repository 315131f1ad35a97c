// Lint with the layer boundaries of the architecture: src-core is pure TypeScript and may not
// reach Electron, the renderer libraries or Node built-ins, so it runs unchanged in workers,
// the CLI, Vitest and the browser.
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';

const coreForbidden = {
  paths: [
    { name: 'electron', message: 'src-core is pure: no Electron.' },
    { name: 'vue', message: 'src-core is pure: no Vue.' },
    { name: 'pinia', message: 'src-core is pure: no Pinia.' },
    { name: 'chart.js', message: 'src-core is pure: no Chart.js.' },
  ],
  patterns: [
    { group: ['node:*'], message: 'src-core is pure: no Node built-ins.' },
    { group: ['fs', 'path', 'os', 'worker_threads', 'child_process', 'crypto'], message: 'src-core is pure: no Node built-ins.' },
    { group: ['**/src-main/**', '**/src-renderer/**', '../../src-main/*', '../../src-renderer/*'], message: 'src-core imports no other layer.' },
    { group: ['ml-matrix'], message: 'Reach ml-matrix only through src-core/linalg/ml-matrix-adapter.ts.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'bench/results/**', 'test-artifacts/**', '.exp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreForbidden] },
  },
  {
    files: ['src-core/linalg/ml-matrix-adapter.ts'],
    rules: { 'no-restricted-imports': ['error', { ...coreForbidden, patterns: coreForbidden.patterns.filter((p) => !p.group.includes('ml-matrix')) }] },
  },
  // Vue single-file components: the plugin's recommended rules, TypeScript inside <script setup>,
  // and the same TypeScript rules as .ts files.
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/component-api-style': ['error', ['script-setup']],
      // Layout only: templates keep short elements on one line, like the TypeScript code around them.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to the back end only through its API client.' }],
        patterns: [{ group: ['node:*', '**/src-main/**'], message: 'The renderer is a browser page: no Node, no main-process code.' }],
      }],
      'no-restricted-properties': ['error', { object: 'window', property: 'api', message: 'Reach the back end through the API client (src-renderer/api/client.ts), never window.api.' }],
    },
  },
);
