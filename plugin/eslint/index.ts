// snapshot-restore-tools/eslint: the per-module rules of the build plugin as an ESLint 9+ flat-config
// plugin, with a `recommended` config:
//
//   // eslint.config.mjs
//   import snapshotRestore from 'snapshot-restore-tools/eslint';
//   export default [snapshotRestore.configs.recommended];
import * as fs from 'node:fs';
import type { ESLint, Linter } from 'eslint';
import { rules, recommendedRules } from './rules.js';

export { BUILD_TIME_RULES, ruleCodes } from './rules.js';
export type { SnapshotRestoreSettings } from './analysis.js';

/** This package's version, for ESLint's cache key (package.json is a few folders up, in source and in dist/). */
function packageVersion(): string | undefined {
  for (let url = new URL('.', import.meta.url); url.pathname !== '/'; url = new URL('..', url)) {
    try {
      const json = JSON.parse(fs.readFileSync(new URL('package.json', url), 'utf8')) as { name?: string; version?: string };
      if (json.name === 'snapshot-restore') return json.version;
    } catch {
      // not here: one folder up
    }
  }
  return undefined;
}

const version = packageVersion();
const plugin = {
  meta: { name: 'snapshot-restore', ...(version ? { version } : {}) },
  rules,
  configs: {} as { recommended: Linter.Config },
} satisfies ESLint.Plugin;

/**
 * The rules are about code a Lambda function runs: init and the handler. A test file, a config or
 * a build script is never deployed, and its `Math.random()` or `new Date()` at top level is no
 * hazard, so the recommended config leaves them out. Scope it to your handlers' folder with
 * `{ ...snapshotRestore.configs.recommended, files: ['functions/**\/*.ts'] }`.
 */
const SOURCES = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}';
export const NOT_FUNCTION_CODE = [
  // tests
  '**/*.{test,spec}.*',
  '**/{test,tests,__tests__,__mocks__}/**',
  // configuration files and build scripts
  '**/*.config.*',
  '**/{build,esbuild,bundle}.{js,mjs,cjs,ts,mts}',
  '**/scripts/**',
  // build outputs
  '**/{dist,cdk.out,.aws-sam,.esbuild,.webpack,.serverless,.sst}/**',
];

plugin.configs.recommended = {
  name: 'snapshot-restore/recommended',
  files: [SOURCES],
  ignores: NOT_FUNCTION_CODE,
  plugins: { 'snapshot-restore': plugin },
  rules: recommendedRules,
};

export const configs = plugin.configs;
export { rules };
export default plugin;
