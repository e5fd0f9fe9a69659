// Builds the package: tsc for every folder and the types, esbuild for the runtime entry
// points in ESM and CommonJS (many Lambda bundles are CommonJS).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync, chmodSync, cpSync, existsSync, renameSync, statSync } from 'node:fs';
import { build } from 'esbuild';

const runtimeEntries = ['index', 'lambda', 'bootstrap', 'testing'];

// Build into a fresh folder and swap it in at the end, so that tests running meanwhile never
// see a half-built dist/.
const out = `dist.building-${process.pid}`;
rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--outDir', out], { stdio: 'inherit' });

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
await build({ ...runtimeBuild, outdir: `${out}/esm`, format: 'esm' });
await build({
  ...runtimeBuild,
  outdir: `${out}/cjs`,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // import.meta.url does not exist in CommonJS; the bootstrap uses it to know it is the main script.
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
});

// The plugin for CommonJS config files (serverless-esbuild's plugins.js is loaded with require()),
// its dependencies left to node_modules.
await build({
  entryPoints: { esbuild: 'plugin/esbuild/index.ts' },
  outdir: `${out}/cjs`,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});

// CommonJS declarations: tsc's .d.ts files, copied under a package.json that says "commonjs".
// A .d.cts that re-exported the ESM .d.ts would be an ESM import from CommonJS, which a
// CommonJS TypeScript consumer rejects (TS1479) unless skipLibCheck hides it.
const cjsTypes = `${out}/cjs/types`;
for (const folder of ['runtime', 'plugin']) {
  cpSync(`${out}/${folder}`, `${cjsTypes}/${folder}`, { recursive: true, filter: (file) => statSync(file).isDirectory() || file.endsWith('.d.ts') });
}
writeFileSync(`${cjsTypes}/package.json`, `${JSON.stringify({ type: 'commonjs' })}\n`);
const cjsTypeEntries = { ...Object.fromEntries(runtimeEntries.map((name) => [name, `runtime/${name}`])), esbuild: 'plugin/esbuild/index' };
for (const [name, file] of Object.entries(cjsTypeEntries)) {
  writeFileSync(`${out}/cjs/${name}.d.cts`, `export * from './types/${file}.js';\n`);
}
for (const bin of ['cli/main.js', 'esm/bootstrap.js', 'cjs/bootstrap.cjs']) {
  if (existsSync(`${out}/${bin}`)) chmodSync(`${out}/${bin}`, 0o755);
}
const old = `dist.old-${process.pid}`;
if (existsSync('dist')) renameSync('dist', old);
renameSync(out, 'dist');
rmSync(old, { recursive: true, force: true });
