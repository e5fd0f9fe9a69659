// Test harness for the plugin fixtures: builds a fixture with the real esbuild and the plugin,
// and runs a built bundle through the hook phases in a child process, reporting the order the
// runtime really ran the hooks in.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { snapshotRestore, type Manifest, type SnapshotRestoreOptions } from '../../plugin/esbuild/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.join(repoRoot, 'fixtures/plugin');

/** Resolves the package to its source, so fixtures build against this checkout. */
export const runtimeAlias: Record<string, string> = {
  'snapshot-restore': path.join(repoRoot, 'runtime/index.ts'),
  'snapshot-restore/lambda': path.join(repoRoot, 'runtime/lambda.ts'),
  'snapshot-restore/bootstrap': path.join(repoRoot, 'runtime/bootstrap.ts'),
  'snapshot-restore/testing': path.join(repoRoot, 'runtime/testing.ts'),
};

export interface Diagnostic {
  code: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface FixtureBuild {
  warnings: esbuild.Message[];
  errors: esbuild.Message[];
  /** Plugin messages, both kinds, reduced to code and place. */
  diagnostics: Diagnostic[];
  manifest?: Manifest;
  outDir: string;
  bundle: string;
  format: 'esm' | 'cjs';
}

export function tempDir(prefix = 'sr-plugin-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function diagnosticsOf(messages: esbuild.Message[]): Diagnostic[] {
  return messages.filter((m) => m.pluginName === 'snapshot-restore').map((m) => ({ code: m.id, file: m.location?.file, line: m.location?.line, column: m.location?.column }));
}

export async function buildFixture(
  name: string,
  options: {
    plugin?: SnapshotRestoreOptions;
    esbuild?: esbuild.BuildOptions;
    entry?: string;
    format?: 'esm' | 'cjs';
    workingDir?: string;
  } = {},
): Promise<FixtureBuild> {
  const workingDir = options.workingDir ?? path.join(fixturesDir, name);
  const outDir = tempDir();
  const format = options.format ?? 'esm';
  const bundle = path.join(outDir, format === 'esm' ? 'handler.mjs' : 'handler.cjs');
  const entry = options.entry ?? (fs.existsSync(path.join(workingDir, 'src/handler.ts')) ? 'src/handler.ts' : 'src/handler.js');
  let result: esbuild.BuildResult;
  try {
    result = await esbuild.build({
      absWorkingDir: workingDir,
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format,
      target: 'node20',
      alias: runtimeAlias,
      // Keeps class names through decorator lowering, so hook names match the source.
      keepNames: true,
      logLevel: 'silent',
      plugins: [snapshotRestore(options.plugin)],
      ...options.esbuild,
    });
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    if (!failure.errors) throw error;
    // esbuild has written the outputs before onEnd's errors fail the build; the manifest too.
    const failedManifest = path.join(outDir, 'snapshot-restore.manifest.json');
    return {
      warnings: failure.warnings,
      errors: failure.errors,
      diagnostics: diagnosticsOf([...failure.errors, ...failure.warnings]),
      ...(fs.existsSync(failedManifest) ? { manifest: JSON.parse(fs.readFileSync(failedManifest, 'utf8')) as Manifest } : {}),
      outDir,
      bundle,
      format,
    };
  }
  const manifestFile = path.join(outDir, 'snapshot-restore.manifest.json');
  return {
    warnings: result.warnings,
    errors: result.errors,
    diagnostics: diagnosticsOf([...result.errors, ...result.warnings]),
    manifest: fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest) : undefined,
    outDir,
    bundle,
    format,
  };
}

let testingModule: string | undefined;

/** runtime/testing.ts bundled once; it shares the hook registry with any bundle through globalThis. */
async function testingBundle(): Promise<string> {
  if (testingModule) return testingModule;
  const file = path.join(tempDir('sr-testing-'), 'testing.mjs');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'runtime/testing.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  testingModule = file;
  return file;
}

const DRIVER = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const [bundle, testingPath, format] = process.argv.slice(2);
if (format === 'cjs') createRequire(import.meta.url)(bundle);
else await import(pathToFileURL(bundle).href);
const testing = await import(pathToFileURL(testingPath).href);
const ran = { beforeSnapshot: [], afterRestore: [] };
const phases = { beforeSnapshot: testing.getBeforeSnapshot(), afterRestore: testing.getAfterRestore() };
for (const [phase, hooks] of Object.entries(phases)) {
  for (const hook of hooks) {
    const original = hook.fn;
    hook.fn = function (...args) {
      ran[phase].push(hook.name);
      return original.apply(this, args);
    };
  }
}
await testing.runBeforeSnapshot();
await testing.runAfterRestore();
process.stdout.write(JSON.stringify(ran));
`;

/** Loads the bundle (init), then runs both phases; returns hook names in the order they ran. */
export async function runPhases(build: FixtureBuild): Promise<{ beforeSnapshot: string[]; afterRestore: string[] }> {
  const driver = path.join(build.outDir, 'driver.mjs');
  fs.writeFileSync(driver, DRIVER);
  const env = { ...process.env };
  delete env.AWS_LAMBDA_INITIALIZATION_TYPE;
  const out = execFileSync(process.execPath, [driver, build.bundle, await testingBundle(), build.format], {
    env,
    encoding: 'utf8',
  });
  return JSON.parse(out) as { beforeSnapshot: string[]; afterRestore: string[] };
}

/** Copies a fixture to a scratch directory (for tests that edit files). */
export function copyFixture(name: string): string {
  const dir = tempDir('sr-fixture-');
  fs.cpSync(path.join(fixturesDir, name), dir, { recursive: true });
  return dir;
}
