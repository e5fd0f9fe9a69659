// The reference build: esbuild with the snapshot-restore esbuild plugin, same entries, same
// format, same plugin options as the project. Prints JSON on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const projectDir = path.resolve(process.argv[2]);
const spec = JSON.parse(fs.readFileSync(path.join(projectDir, 'heldout.json'), 'utf8'));
const require = createRequire(path.join(projectDir, 'package.json'));
const esbuild = await import(require.resolve('esbuild'));
const { snapshotRestore } = await import(require.resolve('snapshot-restore-tools/esbuild'));

const byFormat = new Map();
for (const b of spec.bundles) {
  const format = b.format ?? spec.format;
  if (!byFormat.has(format)) byFormat.set(format, []);
  if (!byFormat.get(format).includes(b.entry)) byFormat.get(format).push(b.entry);
}
const results = {};
for (const [format, entries] of byFormat) {
  const outdir = path.join(projectDir, '.heldout-ref', format);
  fs.rmSync(outdir, { recursive: true, force: true });
  const options = {
    absWorkingDir: projectDir,
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format,
    outdir,
    outbase: '.',
    outExtension: { '.js': format === 'esm' ? '.mjs' : '.js' },
    external: spec.external ?? [],
    logLevel: 'silent',
    sourcemap: true,
    plugins: [snapshotRestore(spec.options ?? {})],
    ...(spec.referenceEsbuild ?? {}),
  };
  let result;
  let error = null;
  try {
    result = await esbuild.build(options);
  } catch (e) {
    error = e.message.split('\n')[0];
    result = { errors: e.errors ?? [], warnings: e.warnings ?? [] };
  }
  const messages = [
    ...result.errors.map((m) => ({ ...m, severity: 'error' })),
    ...result.warnings.map((m) => ({ ...m, severity: 'warning' })),
  ].map((m) => ({
    severity: m.severity,
    text: m.text,
    file: m.location?.file ?? null,
    line: m.location?.line ?? null,
    column: m.location?.column ?? null,
    notes: (m.notes ?? []).map((n) => ({ text: n.text, file: n.location?.file ?? null, line: n.location?.line ?? null, column: n.location?.column ?? null })),
  }));
  const manifestPath = path.join(outdir, 'snapshot-restore.manifest.json');
  const manifest = fs.existsSync(manifestPath) ? JSON.parse(fs.readFileSync(manifestPath, 'utf8')) : null;
  results[format] = { error, messages, manifest, outdir: path.relative(projectDir, outdir) };
}
process.stdout.write(JSON.stringify(results));
