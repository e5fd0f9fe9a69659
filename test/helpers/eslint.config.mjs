// The ESLint config of the README, for the end-to-end test (eslint-examples.test.ts): the
// recommended config, TypeScript parsed by typescript-eslint's parser, and handler files'
// default exports taken as the handler, as a build takes an entry point's.
import snapshotRestore from 'snapshot-restore-tools/eslint';
import tseslint from 'typescript-eslint';

export default [
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tseslint.parser } },
  { files: ['**/handler.*'], settings: { 'snapshot-restore': { defaultExportIsHandler: true } } },
  snapshotRestore.configs.recommended,
];
