// Adapted from stra1g/serverless-url-shortner eslint.config.mjs
// (commit dbf597c2edba9049d76401d2cb7c6a5521368930): a flat config with files and ignores
// (node_modules, .serverless) and typescript-eslint's recommended configs.
// Changed: `files: ['**/*.{ts}']` (a brace with one name, which matches nothing) written as
// '**/*.ts'; globals, @eslint/js and the prettier configs dropped (not installed here);
// snapshot-restore's recommended config added as docs/eslint.md says.
import tseslint from 'typescript-eslint';
import snapshotRestore from 'snapshot-restore-tools/eslint';

/** @type {import('eslint').Linter.Config[]} */
export default [
  {
    files: ['**/*.ts'],
    ignores: ['**/node_modules/**', '**/.serverless/**'],
  },
  { ignores: ['**/node_modules/**', '**/.serverless/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  snapshotRestore.configs.recommended,
];
