// Builds the package: tsc for every folder and the types, esbuild for the runtime entry
// points in ESM and CommonJS (many Lambda bundles are CommonJS).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { build } from 'esbuild';

const runtimeEntries = ['index', 'lambda', 'bootstrap', 'testing'];

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });

// The runtime entry points are bundled, one file each, for ESM and CommonJS: a single file
// loads faster than tsc's module graph (bench/runtime.mjs). Each bundle has its own copy of the
// registry code, but the registry itself is one per process (runtime/registry.ts).
const runtimeBuild = {
  entryPoints: Object.fromEntries(runtimeEntries.map((name) => [name, `runtime/${name}.ts`])),
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};
await build({ ...runtimeBuild, outdir: 'dist/esm', format: 'esm' });
await build({
  ...runtimeBuild,
  outdir: 'dist/cjs',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // import.meta.url does not exist in CommonJS; the bootstrap uses it to know it is the main script.
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
});

for (const name of runtimeEntries) {
  // The CommonJS types are the ESM types: one source of truth.
  writeFileSync(`dist/cjs/${name}.d.cts`, `export * from '../runtime/${name}.js';\n`);
}
for (const bin of ['dist/cli/main.js', 'dist/esm/bootstrap.js', 'dist/cjs/bootstrap.cjs']) {
  if (existsSync(bin)) chmodSync(bin, 0o755);
}
