// The plugin's options are resolved and checked in one place (plugin/core/options.ts): the
// defaults, an error naming every bad option, and failOn meaning the same in the esbuild plugin
// and in `snapshot-restore check`.
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { OptionsError, RULES, resolveOptions } from '../../plugin/core/index.js';
import { snapshotRestore } from '../../plugin/esbuild/index.js';
import { cliFixtures, runCommand } from '../helpers/run-cli.js';

const bad = (options: unknown) => {
  try {
    resolveOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(options)}`);
};

describe('resolveOptions', () => {
  it('fills in the defaults: the rules’ own severities, SR001 and SR003 errors', () => {
    const resolved = resolveOptions();
    expect(resolved).toMatchObject({ handler: 'handler', modules: [], include: [], manifest: true, hoist: true, uniqueness: true, failOn: 'error' });
    expect(Object.keys(resolved.severity)).toEqual(RULES.map((r) => r.id));
    const errors = Object.entries(resolved.severity)
      .filter(([, level]) => level === 'error')
      .map(([code]) => code);
    expect(errors).toEqual(['SR001', 'SR003']);
    expect(resolveOptions(resolved)).toEqual(resolved);
    expect(resolveOptions({ severity: { SR001: 'off' }, include: 'src/*.ts' })).toMatchObject({ severity: { SR001: 'off', SR003: 'error' }, include: ['src/*.ts'] });
  });

  it('names an unknown option, with the near miss', () => {
    expect(bad({ failon: 'warning' })).toBe(
      'unknown option "failon" (did you mean "failOn"?) (known: handler, modules, include, manifest, hoist, uniqueness, severity, failOn, deploy)',
    );
    expect(bad({ hoisting: false })).toMatch(/^unknown option "hoisting" \(known: /);
    expect(bad({ modules: [{ module: 'x', afterRestor: ['a'] }] })).toMatch(/^unknown option modules\[0\]\.afterRestor \(did you mean "afterRestore"\?\)/);
  });

  it('names an unknown rule code and a bad severity', () => {
    for (const code of ['SR01', 'SR999', 'sr001', 'SR0010']) {
      expect(bad({ severity: { [code]: 'off' } })).toBe(`unknown rule code "${code}" in option severity (known: SR001-SR007, SR101-SR108)`);
    }
    expect(bad({ severity: { SR001: 'fatal' } })).toBe('severity.SR001 must be one of error, warning, off (got "fatal")');
    expect(bad({ severity: { SR001: true } })).toBe('severity.SR001 must be one of error, warning, off (got true)');
    expect(bad({ severity: 'off' })).toMatch(/^option severity must be an object/);
  });

  it('names a bad failOn and values of the wrong type', () => {
    expect(bad({ failOn: 'info' })).toBe('option failOn must be one of error, warning (got "info")');
    expect(bad({ handler: 'my handler' })).toBe('option handler must be an export name (got "my handler")');
    expect(bad({ hoist: 'yes' })).toBe('option hoist must be true or false (got "yes")');
    expect(bad({ manifest: 3 })).toBe('option manifest must be true, false or a file name (got 3)');
    expect(bad({ include: [1] })).toMatch(/^option include must be a string or an array of strings/);
    expect(bad({ modules: 'x' })).toBe('option modules must be an array (got "x")');
    expect(bad([])).toBe('options must be an object (got an array)');
  });

  it('the esbuild plugin refuses a bad option when it is created, naming it', () => {
    expect(() => snapshotRestore({ failon: 'warning' } as never)).toThrow(
      new OptionsError(
        'snapshot-restore: unknown option "failon" (did you mean "failOn"?) (known: handler, modules, include, manifest, hoist, uniqueness, severity, failOn, deploy)',
      ),
    );
    expect(() => snapshotRestore({ severity: { SR999: 'off' } } as never)).toThrow('snapshot-restore: unknown rule code "SR999" in option severity');
  });
});

describe('failOn means the same in the plugin and in check', () => {
  // The build the CLI makes in memory, with the plugin: same entry, format and externals.
  async function pluginFails(fixture: string, entry: string, failOn?: 'error' | 'warning'): Promise<boolean> {
    try {
      await esbuild.build({
        absWorkingDir: path.join(cliFixtures, fixture),
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: entry.endsWith('.js') ? 'cjs' : 'esm',
        write: false,
        outdir: 'out',
        logLevel: 'silent',
        external: ['snapshot-restore', 'snapshot-restore/*'],
        // Hoisting changes the code the build emits; check reads the code as written.
        plugins: [snapshotRestore({ hoist: false, manifest: false, ...(failOn ? { failOn } : {}) })],
      });
      return false;
    } catch (error) {
      if (!(error as esbuild.BuildFailure).errors) throw error;
      return true;
    }
  }

  const cases: Array<[string, string, string]> = [
    ['findings', 'src/handler.ts', 'SR001 and SR003: errors'],
    ['commonjs', 'src/handler.js', 'SR007 only: a warning'],
    ['clean', 'src/handler.ts', 'no finding'],
  ];
  for (const [fixture, entry, what] of cases) {
    it(`${fixture} (${what})`, async () => {
      const outcomes: string[] = [];
      for (const failOn of [undefined, 'error', 'warning'] as const) {
        const cli = await runCommand(['check', entry, ...(failOn ? ['--fail-on', failOn] : [])], fixture);
        expect(cli.code === 0 || cli.code === 1, cli.stderr).toBe(true);
        const plugin = await pluginFails(fixture, entry, failOn);
        expect(plugin, `failOn ${failOn}`).toBe(cli.code === 1);
        outcomes.push(`${failOn ?? 'default'}:${plugin ? 'fails' : 'passes'}`);
      }
      const expected = { findings: 'fails fails fails', commonjs: 'passes passes fails', clean: 'passes passes passes' }[fixture]!.split(' ');
      expect(outcomes).toEqual(['default', 'error', 'warning'].map((f, i) => `${f}:${expected[i]}`));
    });
  }
});
