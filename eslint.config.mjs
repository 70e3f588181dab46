import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/.nx/**',
      'apps/miniapp/config/**',
      '**/*.config.js',
      '**/*.config.ts',
      'jest.preset.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'off',
      // contracts import nothing; domain only contracts; the apps never import each other.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: ['*'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'scope:miniapp',
              onlyDependOnLibsWithTags: ['scope:shared'],
              notDependOnLibsWithTags: ['scope:api'],
            },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:console',
              onlyDependOnLibsWithTags: ['scope:shared'],
              notDependOnLibsWithTags: ['scope:api', 'scope:miniapp'],
            },
          ],
        },
      ],
    },
  },
  // Type-aware rules: a promise is awaited, returned or explicitly voided, and never handed to a
  // place that expects a void callback or a boolean. Each file is typed by its nearest tsconfig.json.
  {
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'packages/**/*.ts', 'packages/**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // Mini-program layers (issue #14): platform < ui < features < pages (src/pages, src/package*).
  // A layer imports only the layers below it.
  ...miniappLayers(),
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  // Node scripts (bench/, scripts/, jest and babel configs).
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
);

/** no-restricted-imports for the mini-program's layers: each entry forbids the layers above. */
function miniappLayers() {
  const src = 'apps/miniapp/src';
  const above = {
    platform: ['ui', 'features', 'pages', 'package*'],
    ui: ['features', 'pages', 'package*'],
    features: ['pages', 'package*'],
  };
  return Object.entries(above).map(([layer, banned]) => ({
    files: [`${src}/${layer}/**/*.ts`, `${src}/${layer}/**/*.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: banned.flatMap((b) => [`@/${b}`, `@/${b}/**`, `../${b}/**`, `../../${b}/**`, `../../../${b}/**`]),
              message: `apps/miniapp/src/${layer} may not import ${banned.join(', ')} (layers: platform < ui < features < pages).`,
            },
          ],
        },
      ],
    },
  }));
}
