// Builds both packages of the repository:
// - the runtime (`snapshot-restore`, folder runtime/): its entry points bundled by esbuild, one
//   file each, in ESM and CommonJS (many Lambda bundles are CommonJS), into runtime/dist/, with
//   tsc's declarations (and a CommonJS copy of them);
// - the tools (`snapshot-restore-tools`, the repository root): tsc for plugin/, cli/, emulator/
//   (and the runtime modules the emulator drives) into dist/, plus the esbuild plugin as CommonJS.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const runtimeEntries = ['index', 'lambda', 'bootstrap', 'testing', 'http', 'restores'];

// Build into fresh folders and swap them in at the end, so that tests running meanwhile never
// see a half-built dist/.
const out = `dist.building-${process.pid}`;
const runtimeOut = `runtime/dist.building-${process.pid}`;
rmSync(out, { recursive: true, force: true });
rmSync(runtimeOut, { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--outDir', out], { stdio: 'inherit' });

// A single file loads faster than tsc's module graph (bench/runtime.mjs). Each bundle has its own
// copy of the registry code, but the registry itself is one per process (runtime/hooks/registry.ts).
const runtimeBuild = {
  entryPoints: Object.fromEntries(runtimeEntries.map((name) => [name, `runtime/${name}.ts`])),
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};
await build({ ...runtimeBuild, outdir: `${runtimeOut}/esm`, format: 'esm' });
await build({
  ...runtimeBuild,
  outdir: `${runtimeOut}/cjs`,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // import.meta.url does not exist in CommonJS; the bootstrap uses it to know it is the main script.
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
});

// The runtime's declarations: tsc's, for ESM consumers, and a copy under a package.json that says
// "commonjs" for CommonJS ones. A .d.cts that re-exported the ESM .d.ts would be an ESM import from
// CommonJS, which a CommonJS TypeScript consumer rejects (TS1479) unless skipLibCheck hides it.
const declarations = (file) => statSync(file).isDirectory() || file.endsWith('.d.ts');
cpSync(`${out}/runtime`, `${runtimeOut}/types`, { recursive: true, filter: declarations });
cpSync(`${out}/runtime`, `${runtimeOut}/cjs/types`, { recursive: true, filter: declarations });
writeFileSync(`${runtimeOut}/cjs/types/package.json`, `${JSON.stringify({ type: 'commonjs' })}\n`);
for (const name of runtimeEntries) writeFileSync(`${runtimeOut}/cjs/${name}.d.cts`, `export * from './types/${name}.js';\n`);

// The esbuild plugin for CommonJS config files (serverless-esbuild's plugins.js is loaded with
// require()), its dependencies left to node_modules; its declarations the same way.
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
for (const folder of ['runtime', 'plugin', 'emulator']) cpSync(`${out}/${folder}`, `${out}/cjs/types/${folder}`, { recursive: true, filter: declarations });
writeFileSync(`${out}/cjs/types/package.json`, `${JSON.stringify({ type: 'commonjs' })}\n`);
writeFileSync(`${out}/cjs/esbuild.d.cts`, "export * from './types/plugin/esbuild/index.js';\n");

// The other tools entries are ES modules (unplugin, which the adapters use, is ESM only): a
// CommonJS consumer gets them with require() of an ES module (Node.js 20.19+, 22.12+), through a
// one-line .cjs and declarations that say CommonJS (a node16 CommonJS consumer rejects a .d.ts
// of an ES module, TS1471).
export const esmOnlyToolsEntries = {
  webpack: 'plugin/unplugin/webpack',
  rspack: 'plugin/unplugin/rspack',
  rollup: 'plugin/unplugin/rollup',
  vite: 'plugin/unplugin/vite',
  eslint: 'plugin/eslint/index',
  emulator: 'emulator/index',
};
for (const [name, module] of Object.entries(esmOnlyToolsEntries)) {
  // Its names written out, as tsc writes a CommonJS module with __esModule: TypeScript's and
  // Babel's interop then give `import plugin from` the default export, not the namespace.
  const names = Object.keys(await import(pathToFileURL(`${out}/${module}.js`).href)).sort();
  const lines = ["'use strict';", "Object.defineProperty(exports, '__esModule', { value: true });", `const entry = require('../${module}.js');`];
  for (const key of names) lines.push(`exports.${key} = entry.${key};`);
  writeFileSync(`${out}/cjs/${name}.cjs`, `${lines.join('\n')}\n`);
  const hasDefault = readFileSync(`${out}/${module}.d.ts`, 'utf8').includes('export default');
  writeFileSync(`${out}/cjs/${name}.d.cts`, `export * from './types/${module}.js';\n${hasDefault ? `export { default } from './types/${module}.js';\n` : ''}`);
}

for (const bin of [`${out}/cli/main.js`, `${runtimeOut}/esm/bootstrap.js`, `${runtimeOut}/cjs/bootstrap.cjs`]) {
  if (existsSync(bin)) chmodSync(bin, 0o755);
}
for (const [building, final] of [
  [out, 'dist'],
  [runtimeOut, 'runtime/dist'],
]) {
  const old = `${final}.old-${process.pid}`;
  if (existsSync(final)) renameSync(final, old);
  renameSync(building, final);
  rmSync(old, { recursive: true, force: true });
}
