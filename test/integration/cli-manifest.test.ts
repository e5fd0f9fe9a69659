// `snapshot-restore manifest`: the plugin's manifest for an entry or a built bundle, printed or
// written beside the bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../plugin/core/index.js';
import { buildLikeCdk, runCommand, tempDir } from '../helpers/run-cli.js';

const hookNames = (hooks: Array<{ name: string }>) => hooks.map((h) => h.name);

describe('manifest', () => {
  it('prints the manifest of an entry: hooks in the order they will run, with their places', async () => {
    const run = await runCommand(['manifest', 'src/handler.ts'], 'clean');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const manifest = JSON.parse(run.stdout);
    expect(manifest).toMatchObject({ version: 1, generator: 'snapshot-restore', entryPoint: 'src/handler.ts', lazy: [], diagnostics: [] });
    expect(hookNames(manifest.beforeSnapshot)).toEqual(['closePool']);
    expect(manifest.afterRestore).toEqual([{ name: 'openPool', expression: 'openPool', file: 'src/db.ts', line: 14, column: 0, kind: 'call' }]);
  });

  it('findings are in the manifest but do not change the exit code', async () => {
    const run = await runCommand(['manifest', 'src/handler.ts'], 'findings');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(run.stdout);
    expect(manifest.diagnostics.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['SR001', 'SR003']));
    expect(manifest.lazy).toEqual([expect.objectContaining({ file: 'src/metrics.ts', importer: 'src/handler.ts', kind: 'dynamic-import' })]);
  });

  it('--out writes the file; --outdir writes snapshot-restore.manifest.json into the directory', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'nested', 'hooks.json');
    const written = await runCommand(['manifest', 'src/handler.ts', '--out', out], 'clean');
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toMatch(/^Wrote .*hooks\.json: 1 before-snapshot and 1 after-restore hooks, 0 findings\.\n$/);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).afterRestore).toHaveLength(1);

    const outdir = path.join(dir, 'dist');
    expect(await runCommand(['manifest', 'src/handler.ts', '--outdir', outdir], 'clean')).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST_FILE), 'utf8'))).toMatchObject({ version: 1, entryPoint: 'src/handler.ts' });
  });

  it('written and printed manifests agree', async () => {
    const outdir = tempDir();
    await runCommand(['manifest', 'src/handler.ts', '--outdir', outdir], 'clean');
    const printed = JSON.parse((await runCommand(['manifest', 'src/handler.ts'], 'clean')).stdout);
    const written = JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST_FILE), 'utf8'));
    // Only `output` differs: where the bundle would be written.
    expect({ ...written, output: undefined }).toEqual({ ...printed, output: undefined });
  });

  it('--bundle --metafile: the manifest of a CDK-built bundle, written beside it for the runtime', async () => {
    const built = await buildLikeCdk('clean');
    const outdir = path.dirname(built.bundle);
    const run = await runCommand(['manifest', '--bundle', built.bundle, '--metafile', built.metafile, '--outdir', outdir], 'clean');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST_FILE), 'utf8'));
    expect(hookNames(manifest.beforeSnapshot)).toEqual(['closePool']);
    expect(hookNames(manifest.afterRestore)).toEqual(['openPool']);
    expect(manifest.afterRestore[0]).toMatchObject({ file: 'src/db.ts', line: 14 });
  });

  it('--bundle without a metafile: the hooks as registered in the bundle', async () => {
    const built = await buildLikeCdk('clean', { sourcemap: false });
    const run = await runCommand(['manifest', '--bundle', built.bundle], 'clean');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(run.stdout);
    expect(hookNames(manifest.beforeSnapshot)).toEqual(['closePool']);
    expect(hookNames(manifest.afterRestore)).toEqual(['openPool']);
  });

  it('--handler, --module-format and --severity apply as for check', async () => {
    const manifest = JSON.parse((await runCommand(['manifest', 'src/index.ts', '--handler', 'main', '--severity', 'SR001=error'], 'custom-handler')).stdout);
    expect(manifest.diagnostics).toEqual([expect.objectContaining({ code: 'SR001', severity: 'error' })]);
    const cjs = JSON.parse((await runCommand(['manifest', 'src/handler.ts', '--module-format', 'cjs'], 'cjs-from-ts')).stdout);
    expect(cjs.diagnostics.map((d: { code: string }) => d.code)).toContain('SR007');
  });
});
