// The AWS CDK recipe. aws-cdk-lib does not run here, so the test does what CDK does:
// - NodejsFunction: runs the esbuild CLI with the flags CDK derives from the example's `bundling`
//   props (ESM → index.mjs, `@aws-sdk/*` external, metafile → index.meta.json), then the shell
//   commands the example's afterBundling hook returns, as CDK chains them after esbuild;
// - Code.fromCustomCommand: runs the example's command, `node build.mjs`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExample, readJson, sh, shOk } from '../helpers/examples.js';
import { requireBuild } from '../helpers/lifecycle.js';

beforeAll(() => requireBuild());

describe('examples/cdk', () => {
  let dir: string;
  let stack: string;
  beforeAll(() => {
    dir = copyExample('cdk');
    stack = readFileSync(join(dir, 'lib/orders-stack.ts'), 'utf8');
  });

  /** The esbuild command line CDK's NodejsFunction builds for the example's bundling props. */
  const cdkEsbuild = (outputDir: string) =>
    [
      'esbuild --bundle "src/handler.ts"',
      '--target=node24 --platform=node --format=esm',
      `--outfile="${outputDir}/index.mjs"`,
      '--external:@aws-sdk/*',
      '--keep-names',
      `--metafile="${outputDir}/index.meta.json"`,
      '--main-fields=module,main',
      '--log-level=warning',
    ].join(' ');

  /** What CDK runs for the NodejsFunction: esbuild, then the afterBundling commands, in one shell. */
  async function bundleLikeCdk(asset: string) {
    const { snapStartCheck } = await import(join(dir, 'lib/snapstart-check.ts'));
    const outputDir = join(dir, 'cdk.out', asset);
    mkdirSync(outputDir, { recursive: true });
    const after: string[] = snapStartCheck.afterBundling(dir, outputDir);
    expect(snapStartCheck.beforeBundling(dir, outputDir)).toEqual([]);
    expect(snapStartCheck.beforeInstall(dir, outputDir)).toEqual([]);
    // From another directory: the hook must not depend on where CDK's shell starts.
    return sh([`cd "${dir}"`, cdkEsbuild(outputDir), ...after].join(' && '), outputDir);
  }

  it('the stack gives NodejsFunction the bundling props the test builds with', () => {
    for (const prop of ['format: OutputFormat.ESM', "target: 'node24'", "mainFields: ['module', 'main']", 'keepNames: true', 'metafile: true', 'commandHooks: snapStartCheck']) {
      expect(stack).toContain(prop);
    }
  });

  it('NodejsFunction: the afterBundling check passes on the example, reading the metafile CDK wrote', async () => {
    const result = await bundleLikeCdk('asset.ok');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('No SnapStart findings in src/handler.ts');
  });

  it('NodejsFunction: the afterBundling check fails the bundling on a finding, pointing at the source', async () => {
    const handler = join(dir, 'src/handler.ts');
    const original = readFileSync(handler, 'utf8');
    writeFileSync(handler, original.replace('await snapStart();', ''));
    try {
      const result = await bundleLikeCdk('asset.bad');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('[SR007]');
      expect(result.stdout).toMatch(/src\/handler\.ts:\d+:\d+/);
    } finally {
      writeFileSync(handler, original);
    }
  });

  it('Code.fromCustomCommand: `node build.mjs` builds dist/ with the plugin and its manifest', async () => {
    expect(stack).toContain("Code.fromCustomCommand('dist', ['node', 'build.mjs'])");
    await shOk('node build.mjs', dir);
    const manifest = readJson(join(dir, 'dist/snapshot-restore.manifest.json'));
    expect(manifest).toMatchObject({ output: 'dist/index.mjs', diagnostics: [] });
    expect(manifest.afterRestore.map((h: any) => h.name)).toEqual(['renewAfterRestore']);
  });
});
