// Lint for acme-payments: typescript-eslint recommended plus eslint-plugin-security.
// Run from this directory (`npm run lint`); the SARIF report is written by regenerate.sh.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import security from 'eslint-plugin-security';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  security.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Build tooling reads and writes the fixed report files named in it; the security
    // rules are for service code.
    files: ['scripts/**'],
    rules: { 'security/detect-non-literal-fs-filename': 'off' },
  },
);
