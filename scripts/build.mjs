// Builds the package: tsc for the ESM files and their types, esbuild for the
// CommonJS copies of the runtime entry points (many Lambda bundles are CommonJS).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { build } from 'esbuild';

const runtimeEntries = ['index', 'lambda', 'bootstrap', 'testing'];

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });

await build({
  entryPoints: Object.fromEntries(runtimeEntries.map((name) => [name, `runtime/${name}.ts`])),
  outdir: 'dist/cjs',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  // import.meta.url does not exist in CommonJS; the bootstrap uses it to know it is the main script.
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
});

for (const name of runtimeEntries) {
  // The CommonJS types are the ESM types: one source of truth.
  writeFileSync(`dist/cjs/${name}.d.cts`, `export * from '../runtime/${name}.js';\n`);
}
for (const bin of ['dist/cli/main.js', 'dist/runtime/bootstrap.js', 'dist/cjs/bootstrap.cjs']) {
  if (existsSync(bin)) chmodSync(bin, 0o755);
}
