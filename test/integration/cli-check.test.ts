// `snapshot-restore check <entry...>` in-process (runCommand): the text report, every analysis
// flag, --fail-on and the exit codes. Fixtures: fixtures/cli/.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { binary, cliFixtures, runCommand, tempDir } from '../helpers/run-cli.js';

/** The codes in a text report, in order. */
function codesOf(stdout: string): string[] {
  return [...stdout.matchAll(/^[▲✘] \[(?:WARNING|ERROR)\] \[(SR\d{3})\]/gm)].map((m) => m[1]!);
}

describe('check <entry>', () => {
  it('a clean function: exit 0 and says so', async () => {
    const run = await runCommand(['check', 'src/handler.ts'], 'clean');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('No SnapStart findings in src/handler.ts.\n');
  });

  it('findings print like esbuild: headline, file:line:column (1-based), the line, a marker, the suggestion, notes', async () => {
    const run = await runCommand(['check', 'src/handler.ts'], 'findings');
    expect(run.code).toBe(1); // SR001 and SR003 are errors by default: hooks that never run
    expect(codesOf(run.stdout)).toEqual(['SR001', 'SR003']);
    const lines = run.stdout.split('\n');
    const headline = lines.findIndex((l) => l.startsWith('✘ [ERROR] [SR001]'));
    expect(lines.slice(headline + 2, headline + 6)).toEqual([
      '    src/handler.ts:8:5:',
      '      8 │     registerAfterRestore(refreshToken);',
      '        │     ^~~~~~~~~~~~~~~~~~~~',
      expect.stringMatching(/^ {8}╵ {5}move `registerAfterRestore\(refreshToken\)` to module top level/),
    ]);
    // SR003's note points at the lazily loaded module's registration.
    expect(run.stdout).toContain('  It registers `flush` here:\n\n    src/metrics.ts:9:1:\n      9 │ registerBeforeSnapshot(flush);');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('2 errors and 0 warnings in src/handler.ts (failing on errors).');
  });

  it('--fail-on warning fails on warnings (exit 1); --fail-on error (the default) does not', async () => {
    const warningsOnly = ['--severity', 'SR001=warning', '--severity', 'SR003=warning'];
    expect((await runCommand(['check', 'src/handler.ts', ...warningsOnly, '--fail-on', 'warning'], 'findings')).code).toBe(1);
    expect((await runCommand(['check', 'src/handler.ts', ...warningsOnly, '--fail-on', 'error'], 'findings')).code).toBe(0);
    expect((await runCommand(['check', 'src/handler.ts', ...warningsOnly], 'findings')).code).toBe(0);
    expect((await runCommand(['check', 'src/handler.ts', '--fail-on', 'warning'], 'clean')).code).toBe(0);
  });

  it('--severity lowers a code to a warning, raises one to error (exit 1), or turns it off', async () => {
    const lowered = await runCommand(['check', 'src/handler.ts', '--severity', 'SR001=warning'], 'findings');
    expect(lowered.code).toBe(1);
    expect(lowered.stdout).toContain('▲ [WARNING] [SR001]');
    expect(lowered.stdout).toContain('✘ [ERROR] [SR003]');
    expect(lowered.stdout).toContain('1 error and 1 warning in src/handler.ts (failing on errors).');
    const raised = await runCommand(['check', 'src/handler.ts', '--severity', 'SR007=error', '--severity', 'SR001=off'], 'cjs-from-ts');
    expect(raised.code).toBe(1);
    expect(raised.stdout).toContain('✘ [ERROR] [SR007]');
    const off = await runCommand(['check', 'src/handler.ts', '--severity', 'SR001=off', '--severity', 'SR003=off', '--fail-on', 'warning'], 'findings');
    expect(off).toMatchObject({ code: 0, stdout: 'No SnapStart findings in src/handler.ts.\n' });
  });

  it('--include reports hook files missing from the bundle (SR004)', async () => {
    const run = await runCommand(['check', 'src/handler.ts', '--include', 'src/**/*.ts'], 'findings');
    expect(codesOf(run.stdout)).toContain('SR004');
    expect(run.stdout).toContain('src/orphan.ts registers hooks but is not in the bundle');
  });

  it('--handler names the handler export', async () => {
    expect(codesOf((await runCommand(['check', 'src/index.ts'], 'custom-handler')).stdout)).not.toContain('SR001');
    expect(codesOf((await runCommand(['check', 'src/index.ts', '--handler', 'main'], 'custom-handler')).stdout)).toEqual(['SR001']);
  });

  it("follows registrations through the team's own module that re-exports the register functions, found by itself or named with --wrapper", async () => {
    expect(codesOf((await runCommand(['check', 'src/handler.ts'], 'wrapper')).stdout)).toEqual(['SR001']);
    expect(codesOf((await runCommand(['check', 'src/handler.ts', '--wrapper', './src/lifecycle.ts'], 'wrapper')).stdout)).toEqual(['SR001']);
  });

  it('--tsconfig is used for the in-memory bundle; --external leaves a module out', async () => {
    const unresolved = await runCommand(['check', 'src/handler.ts'], 'tsconfig-paths');
    expect(unresolved.code).toBe(2);
    expect(unresolved.stderr).toBe(
      'snapshot-restore: build failed: src/handler.ts:2:23: Could not resolve "@app/hooks" (install it, or pass --external @app/hooks if the function gets it elsewhere)\n',
    );
    expect(await runCommand(['check', 'src/handler.ts', '--tsconfig', 'tsconfig.build.json'], 'tsconfig-paths')).toMatchObject({ code: 0, stderr: '' });
    expect(await runCommand(['check', 'src/handler.ts', '--external', '@app/hooks'], 'tsconfig-paths')).toMatchObject({ code: 0, stderr: '' });
  });

  it('module format: package.json "type" by default, --module-format to override', async () => {
    // No "type": CommonJS, where nothing drives the lifecycle.
    const cjs = await runCommand(['check', 'src/handler.ts'], 'cjs-from-ts');
    expect(codesOf(cjs.stdout)).toEqual(['SR007', 'SR001']);
    expect(cjs.stdout).toContain('the output format is CommonJS');
    const esm = await runCommand(['check', 'src/handler.ts', '--module-format', 'esm'], 'cjs-from-ts');
    expect(esm.stdout).toContain('never calls `snapStart()`');
  });

  it('an entry with top-level await is checked as an ES module even without "type": "module"', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, 'handler.js'), "import { snapStart } from 'snapshot-restore/lambda';\nexport const handler = async () => 1;\nawait snapStart();\n");
    expect(await runCommand(['check', 'handler.js'], dir)).toMatchObject({ code: 0, stdout: 'No SnapStart findings in handler.js.\n' });
  });

  it('several entries: one report', async () => {
    const run = await runCommand(['check', '../clean/src/handler.ts', '../findings/src/handler.ts'], 'findings');
    expect(codesOf(run.stdout)).toEqual(['SR001', 'SR003']);
    expect(run.stdout).toContain('in 2 entries');
  });

  it('--output writes the report to a file and the summary to stderr', async () => {
    const out = path.join(tempDir(), 'reports', 'check.txt');
    const run = await runCommand(['check', 'src/handler.ts', '--output', out, '--fail-on', 'warning'], 'findings');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`2 errors and 0 warnings in src/handler.ts (failing on warnings). Report written to ${out}.\n`);
    expect(fs.readFileSync(out, 'utf8')).toContain('[SR001]');
  });

  it('colours only when asked (FORCE_COLOR) or on a terminal; NO_COLOR and pipes get plain text', async () => {
    expect((await runCommand(['check', 'src/handler.ts'], 'findings')).stdout).not.toContain('\x1b[');
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '1' };
    delete env.NO_COLOR;
    const coloured = spawnSync(process.execPath, [binary, 'check', 'src/handler.ts'], { cwd: path.join(cliFixtures, 'findings'), env, encoding: 'utf8' });
    expect(coloured.stdout).toContain('\x1b[31m\x1b[1m✘ [ERROR]');
    const warning = spawnSync(process.execPath, [binary, 'check', 'src/handler.ts', '--severity', 'SR001=warning'], {
      cwd: path.join(cliFixtures, 'findings'),
      env,
      encoding: 'utf8',
    });
    expect(warning.stdout).toContain('\x1b[33m\x1b[1m▲ [WARNING]');
  });

  it('--working-dir: paths are reported relative to it', async () => {
    const run = await runCommand(['check', 'fixtures/cli/findings/src/handler.ts', '--working-dir', 'fixtures/cli/findings']);
    expect(run.stdout).toContain('    src/handler.ts:8:5:');
  });
});
