// `snapshot-restore check --bundle`: what CDK's afterBundling hook, a SAM makefile or SST's
// postbuild can call on the bundle they built, with and without esbuild's metafile.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLikeCdk, runCommand, tempDir } from '../helpers/run-cli.js';

function codesOf(stdout: string): string[] {
  return [...stdout.matchAll(/^[▲✘] \[(?:WARNING|ERROR)\] \[(SR\d{3})\]/gm)].map((m) => m[1]!);
}

describe('check --bundle --metafile', () => {
  it('finds what the in-memory check finds, at the original sources', async () => {
    const built = await buildLikeCdk('findings');
    const run = await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile], 'findings');
    expect(run.code).toBe(1); // SR001 and SR003: errors by default
    expect(codesOf(run.stdout)).toEqual(codesOf((await runCommand(['check', 'src/handler.ts'], 'findings')).stdout));
    expect(run.stdout).toContain('    src/handler.ts:8:5:');
    expect(run.stdout).toContain('in src/handler.ts');
    expect(run.stdout).not.toContain('note:');
  });

  it('--fail-on warning: exit 1', async () => {
    const built = await buildLikeCdk('findings');
    expect((await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile, '--fail-on', 'warning'], 'findings')).code).toBe(1);
  });

  it('a clean bundle: exit 0', async () => {
    const built = await buildLikeCdk('clean');
    expect(await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile, '--fail-on', 'warning'], 'clean')).toMatchObject({
      code: 0,
      stdout: 'No SnapStart findings in src/handler.ts.\n',
    });
  });

  it('run from elsewhere: says to pass --working-dir, and works with it', async () => {
    const built = await buildLikeCdk('findings');
    const elsewhere = tempDir();
    const lost = await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile], elsewhere);
    expect(lost.code).toBe(2);
    expect(lost.stderr).toMatch(/^snapshot-restore: none of the metafile's source files exist under .*: pass --working-dir <the directory the build ran in>\n$/);
    const found = await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile, '--working-dir', built.workingDir], elsewhere);
    expect(codesOf(found.stdout)).toEqual(['SR001', 'SR003']);
  });

  it('the output format comes from the bundle (.js with no package.json: CommonJS, as Lambda loads it)', async () => {
    const built = await buildLikeCdk('cjs-from-ts', { format: 'cjs' });
    const run = await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile], 'cjs-from-ts');
    expect(codesOf(run.stdout)).toEqual(['SR007', 'SR001']);
    expect(run.stdout).toContain('the output format is CommonJS');
  });

  it('a metafile that is not JSON, or not a metafile: exit 2', async () => {
    const built = await buildLikeCdk('clean');
    fs.writeFileSync(built.metafile, '{ nope');
    expect((await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile], 'clean')).stderr).toMatch(/^snapshot-restore: metafile .* is not JSON: /);
    fs.writeFileSync(built.metafile, '{"inputs": 1}');
    const run = await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile], 'clean');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not an esbuild metafile \(no "inputs" and "outputs"\)\n$/);
  });
});

describe('check --bundle with a source map, without the metafile', () => {
  it('the module graph comes from the source map: the same report as with the metafile', async () => {
    const built = await buildLikeCdk('findings');
    const withMap = await runCommand(['check', '--bundle', built.bundle, '--fail-on', 'warning'], 'findings');
    expect(withMap.code).toBe(1);
    expect(withMap.stdout).toBe((await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile, '--fail-on', 'warning'], 'findings')).stdout);
    expect(codesOf(withMap.stdout)).toEqual(['SR001', 'SR003']);
    expect(withMap.stdout).toContain('    src/handler.ts:8:5:\n      8 │     registerAfterRestore(refreshToken);');
    expect(withMap.stdout).not.toContain('note:');
  });

  it('minified: the same findings, since the map carries the original modules', async () => {
    const built = await buildLikeCdk('findings', { minify: true });
    const run = await runCommand(['check', '--bundle', built.bundle, '--format', 'json'], 'findings');
    const viaMeta = await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile, '--format', 'json'], 'findings');
    expect(JSON.parse(run.stdout).findings).toEqual(JSON.parse(viaMeta.stdout).findings);
    expect(JSON.parse(run.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['SR001', 'SR003']);
  });
});

describe('check --bundle without a metafile or a source map', () => {
  it("where the build ran: the module comments name the sources on disk, and the report is the metafile's", async () => {
    const built = await buildLikeCdk('findings', { sourcemap: false });
    const run = await runCommand(['check', '--bundle', built.bundle], 'findings');
    const viaMeta = await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile], 'findings');
    const note = /^note: no --metafile and no source map: the \d+ modules the bundle names in its module comments were checked from their files on disk.*\n/m;
    expect(run.stdout).toMatch(note);
    expect(run.stdout.replace(note, '')).toBe(viaMeta.stdout);
    expect(run.stdout).toContain('    src/handler.ts:8:5:\n      8 │     registerAfterRestore(refreshToken);');
  });

  it('minified, where the build ran: the entry is identified on disk and checked as the build would', async () => {
    const built = await buildLikeCdk('findings', { minify: true, sourcemap: false });
    const run = await runCommand(['check', '--bundle', built.bundle, '--format', 'json'], 'findings');
    const viaMeta = await runCommand(['check', '--bundle', built.bundle, '--metafile', built.metafile, '--format', 'json'], 'findings');
    const report = JSON.parse(run.stdout);
    expect(report.findings).toEqual(JSON.parse(viaMeta.stdout).findings);
    expect(report.limitations).toEqual([expect.stringContaining('its entry was identified on disk as src/handler.ts')]);
  });

  it('the bundle alone, away from its sources: checked as one module, locations in the bundle', async () => {
    const built = await buildLikeCdk('findings', { sourcemap: false });
    const dir = tempDir();
    fs.copyFileSync(built.bundle, path.join(dir, 'index.mjs'));
    const run = await runCommand(['check', '--bundle', 'index.mjs'], dir);
    expect(run.stdout).toMatch(/ {4}index\.mjs:\d+:5:\n +\d+ │ {5}registerAfterRestore\(refreshToken\);/);
    expect(run.stdout).toContain('note: locations are in the bundle: it has no source map');
  });

  it('minified and alone: the register functions are still recognised by their names in strings, snapStart() by its code', async () => {
    const built = await buildLikeCdk('findings', { minify: true, sourcemap: false });
    const dir = tempDir();
    fs.copyFileSync(built.bundle, path.join(dir, 'index.mjs'));
    const run = await runCommand(['check', '--bundle', 'index.mjs'], dir);
    expect(codesOf(run.stdout)).toContain('SR001');
    expect(run.stdout).toContain('its entry was not found on disk (no source file under the working directory matches its exports and strings;');
    // snapStart(), renamed, is known by what it reads: no false SR007.
    expect(codesOf(run.stdout)).not.toContain('SR007');
    expect(run.stdout).not.toContain('snapStart() was not found');
  });

  it("a CommonJS bundle: the handler is found in esbuild's CommonJS export shape", async () => {
    const built = await buildLikeCdk('cjs-from-ts', { format: 'cjs', sourcemap: false });
    const run = await runCommand(['check', '--bundle', built.bundle], 'cjs-from-ts');
    expect(codesOf(run.stdout)).toEqual(['SR007', 'SR001']);
  });

  it('a bundle that does not parse: one line, exit 2', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.mjs'), 'export const handler = async () => {\n  return 1 +;\n};\n');
    const run = await runCommand(['check', '--bundle', 'index.mjs'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('snapshot-restore: index.mjs:2:13: the bundle does not parse: Unexpected token\n');
  });
});
