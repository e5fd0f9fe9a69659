// The serverless-webpack recipe. serverless-webpack does not run here (no Serverless Framework),
// so the test does what it does with the example's files: it require()s webpack.config.js with
// `serverless-webpack`'s `lib` in place (a stand-in module whose `entries` are computed from
// serverless.yml the way serverless-webpack computes them: one entry per function, named after
// the handler's file without extension, pointing at the file found with that name), then builds
// the config with the real webpack and runs the built functions under the emulator.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import webpack, { type Configuration, type Stats } from 'webpack';
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

/** `functions.<name>.handler: src/create-order.handler` lines of serverless.yml, as serverless-webpack reads them. */
function handlersOf(yml: string): string[] {
  return [...yml.matchAll(/^\s+handler:\s*(\S+)\s*$/gm)].map((m) => m[1]!);
}

/** node_modules/serverless-webpack: the `lib` object serverless-webpack fills in before it loads the config. */
function standInServerlessWebpack(dir: string, isLocal: boolean): void {
  const entries: Record<string, string> = {};
  for (const handler of handlersOf(readFileSync(join(dir, 'serverless.yml'), 'utf8'))) {
    const file = handler.slice(0, handler.lastIndexOf('.'));
    const found = readdirSync(join(dir, dirname(file))).find((name) => name.startsWith(`${basename(file)}.`));
    if (!found) throw new Error(`no file for handler ${handler}`);
    entries[file] = `./${join(dirname(file), found)}`;
  }
  const folder = join(dir, 'node_modules/serverless-webpack');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'serverless-webpack', main: 'index.js' }));
  writeFileSync(join(folder, 'index.js'), `module.exports = { lib: ${JSON.stringify({ entries, webpack: { isLocal } })} };\n`);
}

function compile(config: Configuration): Promise<Stats> {
  return new Promise((done, fail) => {
    const compiler = webpack({ ...config, infrastructureLogging: { level: 'error' } });
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) fail(error);
      else done(stats!);
    });
  });
}

describe('examples/serverless-webpack', () => {
  let dir: string;
  let stats: Stats;
  let outdir: string;

  beforeAll(async () => {
    dir = copyExample('serverless-webpack');
    standInServerlessWebpack(dir, false);
    const config = createRequire(join(dir, 'package.json'))(join(dir, 'webpack.config.js')) as Configuration;
    outdir = config.output!.path!;
    stats = await compile(config);
  });

  it('serverless.yml names the plugin and the config the test builds', () => {
    const yml = readFileSync(join(dir, 'serverless.yml'), 'utf8');
    for (const line of ['- serverless-webpack', 'webpackConfig: ./webpack.config.js', 'handler: src/create-order.handler', 'handler: src/get-order.handler']) {
      expect(yml).toContain(line);
    }
  });

  it('webpack builds every function, warning only that a zip gets no SnapStart, and the manifest beside the bundles lists each function hooks', () => {
    const json = stats.toJson({ all: false, errors: true, warnings: true });
    expect(json.errors).toEqual([]);
    expect(json.warnings!.map((w) => w.message.split('\n')[0])).toEqual([
      expect.stringMatching(/^\[SR007\] .*zip function \(serverless\.yml: runtime: nodejs22\.x\)/),
      expect.stringMatching(/^\[SR007\] .*zip function \(serverless\.yml: runtime: nodejs22\.x\)/),
    ]);
    const manifest = readJson(join(outdir, 'src/snapshot-restore.manifest.json'));
    expect(manifest.diagnostics.map((d: { code: string }) => d.code)).toEqual(['SR007', 'SR007']);
    expect(manifest.entries.map((e: { entryPoint: string; output: string }) => [e.entryPoint, e.output])).toEqual([
      ['src/create-order.mjs', '.webpack/service/src/create-order.mjs'],
      ['src/get-order.mjs', '.webpack/service/src/get-order.mjs'],
    ]);
    for (const entry of manifest.entries) {
      expect(entry.beforeSnapshot).toMatchObject([{ name: 'closeClient', file: 'src/db.mjs' }]);
      expect(entry.afterRestore).toMatchObject([{ name: 'reconnect', file: 'src/db.mjs' }]);
    }
  });

  it('a registration inside a handler that could not be hoisted fails the build, as a webpack error with its place', async () => {
    writeFileSync(
      join(dir, 'src/late.mjs'),
      "import { registerAfterRestore } from 'snapshot-restore';\nexport const handler = async () => {\n  if (Math.random() > 2) registerAfterRestore(() => {});\n  return 1;\n};\n",
    );
    const config = createRequire(join(dir, 'package.json'))(join(dir, 'webpack.config.js')) as Configuration;
    const failed = await compile({ ...config, entry: { 'src/late': './src/late.mjs' }, output: { ...config.output, path: join(dir, '.webpack/late') } });
    const errors = failed.toJson({ all: false, errors: true }).errors ?? [];
    expect(errors.map((e) => [e.file, e.loc, e.message.split('\n')[0]])).toEqual([
      ['src/late.mjs', '3:25', expect.stringMatching(/^\[SR001\] `registerAfterRestore\(\(\) => \{\}\)` is inside the handler `handler`/)],
    ]);
  });

  it('the built function runs under the emulator: hooks from the shared module around the restore', async () => {
    dynamo = await startFakeDynamoDb();
    running = await run([join(dir, 'node_modules/snapshot-restore/dist/esm/bootstrap.js')], {
      env: { _HANDLER: 'src/create-order.handler', LAMBDA_TASK_ROOT: outdir, AWS_ENDPOINT_URL_DYNAMODB: dynamo.url },
    });
    await running.emulator.restore();
    const result = await running.emulator.invoke({ customer: 'c-1' });
    expect(result.error).toBeUndefined();
    expect(linesWith(running.runtime.stdout, 'after restore: new DynamoDB client')).toHaveLength(1);
    expect(dynamo.requests.map((r) => r.body?.Item?.customer)).toEqual([{ S: 'c-1' }]);
    // The runtime found the manifest beside its bundle and every hook it lists registered.
    expect(running.runtime.stderr).not.toContain('never registered');
  });
});
