// The Serverless Framework recipes. Neither serverless nor serverless-esbuild runs here, so the
// tests load the example's files the way each tool does and build with the real esbuild:
// - serverless-esbuild require()s `custom.esbuild.plugins` (an array, or a function called with
//   the serverless object), keeps one esbuild context per function and calls rebuild() on it;
// - Serverless v4 calls `build.esbuild.configFile`'s function with the serverless object and
//   builds each function with the options it returns.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, linesWith, readJson, startFakeDynamoDb } from '../helpers/examples.js';
import { requireBuild, run, type Running } from '../helpers/lifecycle.js';

let running: Running | undefined;
let dynamo: Awaited<ReturnType<typeof startFakeDynamoDb>> | undefined;

beforeAll(() => requireBuild());
afterEach(async () => {
  await running?.stop();
  await dynamo?.close();
  running = dynamo = undefined;
});

/** A serverless object with what the examples' config files read. */
const serverlessObject = (stage: string) => ({ service: { service: 'orders', provider: { name: 'aws', runtime: 'nodejs24.x', stage } } });

/** Loads a config file as the tools do: require(), then call it if it is a function. */
function loadLikeServerless(dir: string, file: string, stage: string): any {
  const exported = createRequire(join(dir, 'package.json'))(join(dir, file));
  return typeof exported === 'function' ? exported(serverlessObject(stage)) : exported;
}

describe('examples/serverless-esbuild', () => {
  // custom.esbuild from serverless.yml, as serverless-esbuild passes it to esbuild: its own
  // keys removed, `outputFileExtension` turned into `outExtension`.
  const customEsbuild: esbuild.BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    mainFields: ['module', 'main'],
    keepNames: true,
    outExtension: { '.js': '.mjs' },
  };
  const functions = ['src/create-order.ts', 'src/get-order.ts'];
  let dir: string;
  let built: Awaited<ReturnType<typeof buildLikeServerlessEsbuild>>;

  beforeAll(async () => {
    dir = copyExample('serverless-esbuild');
    built = await buildLikeServerlessEsbuild('plugins.js', 'dev');
  });

  it('serverless.yml gives serverless-esbuild the options and the plugins file the test uses', () => {
    const yml = readFileSync(join(dir, 'serverless.yml'), 'utf8');
    for (const line of [
      '- serverless-esbuild',
      'format: esm',
      'outputFileExtension: .mjs',
      'target: node24',
      'keepNames: true',
      'plugins: ./plugins.js',
      'handler: src/create-order.handler',
      'handler: src/get-order.handler',
    ]) {
      expect(yml).toContain(line);
    }
  });

  /** One esbuild context per function, rebuilt twice, as serverless-esbuild does on `sls offline` / repeated packaging. */
  async function buildLikeServerlessEsbuild(pluginsFile: string, stage: string) {
    const outdir = join(dir, '.esbuild/.build/src');
    const results: esbuild.BuildResult[] = [];
    for (const entry of functions) {
      const plugins = loadLikeServerless(dir, pluginsFile, stage);
      expect(Array.isArray(plugins)).toBe(true);
      const context = await esbuild.context({ ...customEsbuild, absWorkingDir: dir, entryPoints: [entry], outdir, plugins, logLevel: 'silent' });
      try {
        results.push(await context.rebuild());
        results.push(await context.rebuild());
      } finally {
        await context.dispose();
      }
    }
    return { outdir, results };
  }

  it('plugins.js (an array): every function builds and rebuilds, warning only that a zip gets no SnapStart, with a manifest beside its bundle', () => {
    const { outdir, results } = built;
    for (const result of results) {
      expect(result.errors).toEqual([]);
      expect(result.warnings.map((w) => `${w.id} ${w.text}`)).toEqual([expect.stringMatching(/^SR007 .*zip function \(serverless\.yml: runtime: nodejs24\.x\)/)]);
    }
    expect(existsSync(join(outdir, 'create-order.mjs'))).toBe(true);
    expect(existsSync(join(outdir, 'get-order.mjs'))).toBe(true);
    // Both functions are built into the same folder, so they share one manifest file: the last
    // build's. Here both get their hooks from src/db.ts, so it is right for both.
    const manifest = readJson(join(outdir, 'snapshot-restore.manifest.json'));
    expect(manifest.entryPoint).toBe('src/get-order.ts');
    expect(manifest.beforeSnapshot).toMatchObject([{ name: 'closeClient', file: 'src/db.ts' }]);
    expect(manifest.afterRestore).toMatchObject([{ name: 'reconnect', file: 'src/db.ts' }]);
    expect(manifest.diagnostics.map((d: { code: string }) => d.code)).toEqual(['SR007']);
  });

  it('plugins-by-stage.js (a function of serverless): prod turns findings into errors', async () => {
    const [dev] = loadLikeServerless(dir, 'plugins-by-stage.js', 'dev');
    const [prod] = loadLikeServerless(dir, 'plugins-by-stage.js', 'prod');
    expect(dev.name).toBe('snapshot-restore');
    // A handler that registers its hook inside the handler: a warning on dev, an error on prod.
    writeFileSync(
      join(dir, 'src/late.ts'),
      "import { registerAfterRestore } from 'snapshot-restore';\nexport const handler = async () => { registerAfterRestore(() => {}); return 1; };\n",
    );
    const build = (plugin: esbuild.Plugin) =>
      esbuild
        .build({ ...customEsbuild, absWorkingDir: dir, entryPoints: ['src/late.ts'], outdir: join(dir, '.esbuild/late'), plugins: [plugin], logLevel: 'silent', write: false })
        .catch((error: esbuild.BuildFailure) => error);
    const onDev = (await build(dev)) as esbuild.BuildResult;
    expect(onDev.warnings.map((w) => w.id)).toContain('SR001');
    const onProd = (await build(prod)) as esbuild.BuildFailure;
    expect(onProd.errors.map((e) => e.id)).toContain('SR001');
  });

  it('the built function runs under the emulator: hooks from the shared module around the restore', async () => {
    const { outdir } = built;
    dynamo = await startFakeDynamoDb();
    running = await run([join(dir, 'node_modules/snapshot-restore/dist/esm/bootstrap.js')], {
      env: { _HANDLER: 'create-order.handler', LAMBDA_TASK_ROOT: outdir, AWS_ENDPOINT_URL_DYNAMODB: dynamo.url },
    });
    await running.emulator.restore();
    const result = await running.emulator.invoke({ customer: 'c-1' });
    expect(result.error).toBeUndefined();
    expect(linesWith(running.runtime.stdout, 'after restore: new DynamoDB client')).toHaveLength(1);
    expect(dynamo.requests.map((r) => r.body?.Item?.customer)).toEqual([{ S: 'c-1' }]);
    expect(running.runtime.stderr).not.toContain('never registered');
  });
});

describe('examples/serverless-v4', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyExample('serverless-v4');
  });

  it('serverless.yml points the built-in esbuild at esbuild.config.js', () => {
    const yml = readFileSync(join(dir, 'serverless.yml'), 'utf8');
    expect(yml).toMatch(/build:\n {2}esbuild:\n(?: {4}#.*\n)* {4}configFile: \.\/esbuild\.config\.js/);
    expect(yml).toContain('handler: src/handler.handler');
  });

  it('builds with the options esbuild.config.js returns: one warning (a zip gets no SnapStart), a manifest, and the hooks run under the emulator', async () => {
    const options = loadLikeServerless(dir, 'esbuild.config.js', 'dev');
    expect(options.plugins.map((p: esbuild.Plugin) => p.name)).toEqual(['snapshot-restore']);
    const outdir = join(dir, '.serverless/build/src');
    const result = await esbuild.build({ ...options, absWorkingDir: dir, entryPoints: ['src/handler.ts'], outdir, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => `${w.id} ${w.text}`)).toEqual([expect.stringMatching(/^SR007 .*zip function \(serverless\.yml: runtime: nodejs24\.x\)/)]);
    const manifest = readJson(join(outdir, 'snapshot-restore.manifest.json'));
    expect(manifest).toMatchObject({ output: '.serverless/build/src/handler.mjs', diagnostics: [{ code: 'SR007' }] });
    expect(manifest.afterRestore.map((h: any) => h.name)).toEqual(['renewAfterRestore']);

    dynamo = await startFakeDynamoDb();
    running = await run([join(dir, 'node_modules/snapshot-restore/dist/esm/bootstrap.js')], {
      env: { _HANDLER: 'handler.handler', LAMBDA_TASK_ROOT: outdir, AWS_ENDPOINT_URL_DYNAMODB: dynamo.url },
    });
    await running.emulator.restore();
    const invoked = await running.emulator.invoke({ customer: 'c-2' });
    expect(invoked.error).toBeUndefined();
    const { environmentId } = invoked.payload as { environmentId: string };
    expect(linesWith(running.runtime.stdout, 'after restore')).toEqual([expect.stringContaining(environmentId)]);
    expect(dynamo.requests).toHaveLength(1);
  });
});
