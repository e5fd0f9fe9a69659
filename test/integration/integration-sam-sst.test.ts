// AWS SAM and SST, which cannot run here:
// - SAM with `BuildMethod: makefile` runs `make build-<LogicalId>` with ARTIFACTS_DIR set: the
//   test runs the example's Makefile target exactly so;
// - SST calls the function's `hook.postbuild(dir)` with the folder it built the bundle in: the
//   test builds the bundle the way the example configures SST's esbuild (ESM, source maps), then
//   calls the example's hook, which runs `snapshot-restore check --bundle` on it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/bundle.js';
import { copyExample, readJson, sh, shOk } from '../helpers/examples.js';
import { requireBuild } from '../helpers/lifecycle.js';

beforeAll(() => requireBuild());

describe('examples/sam: makefile build with the plugin', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyExample('sam');
  });

  it('the template builds its function with the Makefile target of the same logical ID', () => {
    const template = readFileSync(join(dir, 'template.yaml'), 'utf8');
    expect(template).toMatch(/^ {2}CreateOrderFunction:\n {4}Type: AWS::Serverless::Function/m);
    expect(template).toContain('BuildMethod: makefile');
    expect(template).toContain('Handler: index.handler');
    expect(readFileSync(join(dir, 'Makefile'), 'utf8')).toMatch(/^build-CreateOrderFunction:/m);
  });

  it('`make build-CreateOrderFunction` fills ARTIFACTS_DIR with the bundle and its manifest; the only finding: a zip gets no SnapStart', async () => {
    const artifacts = tempDir('sr-sam-artifacts-');
    await shOk('make build-CreateOrderFunction', dir, { ARTIFACTS_DIR: artifacts });
    const manifest = readJson(join(artifacts, 'snapshot-restore.manifest.json'));
    expect(manifest.diagnostics).toMatchObject([{ code: 'SR007', severity: 'warning', text: expect.stringContaining('a zip function (template.yaml: Runtime: nodejs24.x)') }]);
    expect(manifest.afterRestore.map((h: any) => h.name)).toEqual(['renewAfterRestore']);
    expect(readFileSync(join(artifacts, 'index.mjs'), 'utf8')).toContain('snapStart');
  });

  it('an error finding fails `sam build` (the make target exits non-zero)', async () => {
    const handler = join(dir, 'src/handler.ts');
    const original = readFileSync(handler, 'utf8');
    writeFileSync(handler, original.replace(/(export const handler = async \(.*?\) => \{)/, '$1\n  if (event.orderId === "late") registerAfterRestore(() => {});'));
    try {
      const result = await sh('make build-CreateOrderFunction', dir, { ARTIFACTS_DIR: tempDir('sr-sam-artifacts-') });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('[SR001]');
    } finally {
      writeFileSync(handler, original);
    }
  });
});

describe('examples/sst: hook.postbuild runs check --bundle', () => {
  let dir: string;
  let checkSnapStart: (dir: string) => Promise<void>;
  beforeAll(async () => {
    dir = copyExample('sst');
    ({ checkSnapStart } = await import(join(dir, 'snapstart-check.ts')));
  });

  it('sst.config.ts wires the hook and the esbuild settings the test builds with', () => {
    const config = readFileSync(join(dir, 'sst.config.ts'), 'utf8');
    for (const text of ["handler: 'src/handler.handler'", "format: 'esm'", 'sourcemap: true', 'hook: { postbuild: checkSnapStart }']) {
      expect(config).toContain(text);
    }
  });

  /** The bundle as SST writes it for handler src/handler.handler, in a build folder of its own. */
  async function buildLikeSst(): Promise<string> {
    const artifact = join(dir, '.sst/artifacts', `CreateOrder-src-${Date.now()}`);
    await esbuild.build({
      absWorkingDir: dir,
      entryPoints: ['src/handler.ts'],
      outfile: join(artifact, 'src/handler.mjs'),
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'esm',
      mainFields: ['module', 'main'],
      sourcemap: true,
      logLevel: 'silent',
    });
    return artifact;
  }

  /** SST runs the hook in its own process, from the project folder. */
  async function postbuild(artifact: string): Promise<void> {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await checkSnapStart(artifact);
    } finally {
      process.chdir(cwd);
    }
  }

  it('passes on the example (its one warning: a zip gets no SnapStart)', async () => {
    await expect(postbuild(await buildLikeSst())).resolves.toBeUndefined();
  });

  it('throws with the report, at the source location, when the bundle has a finding', async () => {
    const handler = join(dir, 'src/handler.ts');
    const original = readFileSync(handler, 'utf8');
    writeFileSync(handler, original.replace(/(export const handler = async \(.*?\) => \{)/, '$1\n  if (Math.random() > 2) registerAfterRestore(() => {});'));
    try {
      const artifact = await buildLikeSst();
      await expect(postbuild(artifact)).rejects.toThrow(/snapshot-restore check failed for .*handler\.mjs:\n[\s\S]*\[SR001\][\s\S]*src\/handler\.ts:\d+/);
    } finally {
      writeFileSync(handler, original);
    }
  });
});
