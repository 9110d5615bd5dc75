import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.gongkai/', 'artifacts/', 'web/vendor/', 'web/dist/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import { z }` pulls zod's whole namespace object (every locale, ~450 KB) into each bundle;
      // `import * as z` lets esbuild keep only what is used (~85 KB). Issue 17.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod'` (bundle size).",
        },
      ],
    },
  },
  {
    // CommonJS scripts (the npx entry, CI helpers) load modules with require.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
  {
    // The domain core is pure and fully typed: no `any`, no SDK, no ambient clock.
    files: ['functions/shared/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', 'aws-cdk-lib*'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass the clock in.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The domain reads no environment.' }],
    },
  },
);
