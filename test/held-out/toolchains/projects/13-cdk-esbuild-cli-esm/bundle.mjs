// What CDK's NodejsFunction runs for the bundling options of
// is-tech-kitakatsu/DynamodbAccessable lib/lambda/shared/defaultOptions.ts
// (commit 4b5749d2fa13888e8351e6bf20b3e18353e8440d): minify, sourceMap, externalModules
// ['@aws-sdk/*'], format ESM with the createRequire banner; runtime NODEJS_20_X (target node20).
// CDK runs the esbuild CLI, which loads no plugins, so, as docs/bundlers.md says, the project
// adds `bundling.metafile: true` and an afterBundling command that runs `snapshot-restore check`
// and `snapshot-restore manifest` on the bundle with its metafile. This script is those commands.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const esbuild = path.join(path.dirname(require.resolve('esbuild/package.json')), 'bin/esbuild');
const out = 'cdk.out/asset';
execFileSync(esbuild, [
  '--bundle', 'src/handler.ts',
  '--target=node20', '--platform=node', '--format=esm',
  `--outfile=${out}/index.mjs`,
  '--minify', '--sourcemap',
  '--external:@aws-sdk/*',
  "--banner:js=import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  `--metafile=${out}/index.meta.json`,
  '--log-level=warning',
], { stdio: 'inherit' });
