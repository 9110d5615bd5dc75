import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.gongkai/', 'artifacts/', 'web/vendor/', 'web/dist/', 'local/bin.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
