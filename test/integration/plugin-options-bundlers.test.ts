// The webpack, Rspack, Rollup and Vite adapters refuse bad options as the esbuild plugin does,
// through the same check (resolvePluginOptions): generated bad options (values of every type for
// every option, near-miss and unknown keys) are given to each plugin in a child process running
// the built package, and each adapter's verdict and message are the esbuild plugin's. Then a real
// build script per bundler, with the bundler's own defaults, fails on a bad option with the one
// line naming it and no stack trace.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/plugin-harness.js';

const PLUGINS = {
  esbuild: 'dist/plugin/esbuild/index.js',
  webpack: 'dist/plugin/unplugin/webpack.js',
  rspack: 'dist/plugin/unplugin/rspack.js',
  rollup: 'dist/plugin/unplugin/rollup.js',
  vite: 'dist/plugin/unplugin/vite.js',
} as const;
type Plugin = keyof typeof PLUGINS;
const ADAPTERS = ['webpack', 'rspack', 'rollup', 'vite'] as const;

// Scripts live under the checkout (.tmp/ is ignored) so that they resolve the bundlers from its node_modules.
function scratch(): string {
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  return fs.mkdtempSync(path.join(dir, 'sr-options-'));
}

interface Verdict {
  ok: boolean;
  name?: string;
  message?: string;
  stack?: string;
}

/** Each options object given to the plugin's `snapshotRestore()`, in a child process: what it did. */
function verdicts(plugin: Plugin, cases: unknown[]): Verdict[] {
  const dir = scratch();
  const script = path.join(dir, 'create.mjs');
  fs.writeFileSync(
    script,
    `const { snapshotRestore } = await import(${JSON.stringify(path.join(repoRoot, PLUGINS[plugin]))});
const cases = JSON.parse(process.argv[2]);
const out = cases.map((options) => {
  try { snapshotRestore(options); return { ok: true }; }
  catch (error) { return { ok: false, name: error.name, message: error.message, stack: error.stack }; }
});
process.stdout.write(JSON.stringify(out));
`,
  );
  try {
    return JSON.parse(execFileSync(process.execPath, [script, JSON.stringify(cases)], { encoding: 'utf8' })) as Verdict[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const VALUES: unknown[] = [0, 2.5, -1, '', 'x', 'SR001', true, false, null, [], [0], ['x'], [''], {}, { x: 1 }, { SR001: 'off' }, { SR001: 1 }, { SR999: 'off' }];

/** Generated from what the esbuild plugin says it knows: its message for an unknown key lists them. */
function generatedCases(known: string[]): unknown[] {
  const cases: unknown[] = [];
  for (const key of known) for (const value of VALUES) cases.push({ [key]: value });
  const nearMisses = known.flatMap((key) => [key.toLowerCase(), key.toUpperCase(), `${key}s`, key.slice(1), key.slice(0, -1)]);
  for (const key of new Set(nearMisses)) if (!known.includes(key)) cases.push({ [key]: true });
  for (const value of VALUES) {
    cases.push({ modules: [value] });
    cases.push({ modules: [{ module: 'x', beforeSnapshot: value }] });
  }
  cases.push({ modules: [{ module: 'x', afterRestor: ['a'] }] }, 'options', 3, [], true);
  return cases;
}

describe('bad options: every adapter as the esbuild plugin', () => {
  const [probe] = verdicts('esbuild', [{ '~unknown~': true }]);
  const known = /\(known: ([^)]*)\)$/.exec(probe!.message ?? '')![1]!.split(', ');
  const cases = generatedCases(known);
  const reference = verdicts('esbuild', cases);

  it('the generated options are mostly bad, and the esbuild plugin names each in one line without a stack trace', () => {
    expect(known).toContain('failOn');
    const refused = reference.filter((v) => !v.ok);
    expect(refused.length).toBeGreaterThan(cases.length / 2);
    for (const v of refused) {
      expect(v.name).toBe('OptionsError');
      expect(v.message).toMatch(/^snapshot-restore: [^\n]+$/);
      expect(v.stack).toBe(`OptionsError: ${v.message}`);
    }
  });

  for (const adapter of ADAPTERS) {
    it(`${adapter}: the same verdict and the same message for each of the generated options`, () => {
      const got = verdicts(adapter, cases);
      cases.forEach((options, i) => {
        const want = reference[i]!;
        // The adapters have one option more, `root`, which their list of known options names.
        const message = want.message?.replace(/^(snapshot-restore: unknown option "[^"]*".*\(known: [^)]*)\)$/, '$1, root)');
        expect({ options, ...got[i] }).toEqual({ options, ...want, ...(message ? { message, stack: `OptionsError: ${message}` } : {}) });
      });
    });
  }

  it('the adapters check their own option, root, the same way', () => {
    for (const adapter of ADAPTERS) {
      const [bad, good] = verdicts(adapter, [{ root: 1 }, { root: '.' }]);
      expect(bad, adapter).toEqual({
        ok: false,
        name: 'OptionsError',
        message: 'snapshot-restore: option root must be a directory (got 1)',
        stack: 'OptionsError: snapshot-restore: option root must be a directory (got 1)',
      });
      expect(good, adapter).toEqual({ ok: true });
    }
  });
});

describe('a build script with a bad option fails with the one line', () => {
  const builds: Record<Plugin, string> = {
    esbuild: "const esbuild = await import('esbuild'); await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', outdir: out, plugins: [plugin] });",
    webpack:
      "const { default: webpack } = await import('webpack'); await new Promise((done, fail) => webpack({ entry, output: { path: out }, plugins: [plugin] }).run((e) => (e ? fail(e) : done())));",
    rspack:
      "const { rspack } = await import('@rspack/core'); await new Promise((done, fail) => rspack({ entry, output: { path: out }, plugins: [plugin] }).run((e) => (e ? fail(e) : done())));",
    rollup: "const { rollup } = await import('rollup'); const bundle = await rollup({ input: entry, plugins: [plugin] }); await bundle.write({ dir: out });",
    vite: "const { build } = await import('vite'); await build({ root: dir, configFile: false, plugins: [plugin], build: { ssr: entry, outDir: out } });",
  };

  for (const bundler of Object.keys(PLUGINS) as Plugin[]) {
    it(bundler, () => {
      const dir = scratch();
      try {
        fs.writeFileSync(path.join(dir, 'handler.mjs'), 'export const handler = async () => 1;\n');
        fs.writeFileSync(
          path.join(dir, 'build.mjs'),
          `import * as path from 'node:path';
const { snapshotRestore } = await import(${JSON.stringify(path.join(repoRoot, PLUGINS[bundler]))});
const dir = path.dirname(new URL(import.meta.url).pathname);
const entry = path.join(dir, 'handler.mjs');
const out = path.join(dir, 'out');
const plugin = snapshotRestore({ severity: { SR001: 'fatal' } });
${builds[bundler]}
`,
        );
        const run = spawnSync(process.execPath, [path.join(dir, 'build.mjs')], { encoding: 'utf8', cwd: dir });
        expect(run.status).toBe(1);
        const lines = run.stderr.split('\n').filter((line) => line.includes('snapshot-restore:'));
        expect(lines).toEqual([expect.stringContaining('OptionsError: snapshot-restore: severity.SR001 must be one of error, warning, off (got "fatal")')]);
        expect(run.stderr).not.toMatch(/^\s+at /m);
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
