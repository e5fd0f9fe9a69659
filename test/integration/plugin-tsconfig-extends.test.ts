// A decorator setting inherited through `extends` (fixtures/plugin/tsconfig-extends: the
// project's tsconfig.json -> tsconfig.base.json -> a package base with experimentalDecorators)
// gives the legacy findings, in the esbuild plugin and in `check`; the override back to TC39
// gives the TC39 ones. The same source under TC39 has one SR006 (Session is constructed at
// invoke time); under legacy decorators both instance-method hooks are SR006 (they throw).
import { describe, expect, it } from 'vitest';
import { buildFixture } from '../helpers/plugin-harness.js';
import { runCommand } from '../helpers/run-cli.js';
import { repoRoot } from '../helpers/bundle.js';

const legacyMessage = /under experimentalDecorators: legacy decorators never see an instance/;

describe('tsconfig extends', () => {
  it('the esbuild plugin: legacy findings from the package base', async () => {
    const build = await buildFixture('tsconfig-extends');
    expect(build.diagnostics).toEqual([
      { code: 'SR006', file: 'src/handler.ts', line: 5, column: 2 },
      { code: 'SR006', file: 'src/handler.ts', line: 10, column: 2 },
    ]);
    for (const warning of build.warnings) expect(warning.text).toMatch(legacyMessage);
  });

  it('the esbuild plugin with tsconfig set to the override: the TC39 finding', async () => {
    const build = await buildFixture('tsconfig-extends', { esbuild: { tsconfig: 'tsconfig.tc39.json' } });
    expect(build.diagnostics).toEqual([{ code: 'SR006', file: 'src/handler.ts', line: 5, column: 2 }]);
    expect(build.warnings[0]!.text).not.toMatch(legacyMessage);
  });

  it('check, and check --tsconfig', async () => {
    const dir = 'fixtures/plugin/tsconfig-extends';
    const legacy = await runCommand(['check', `${dir}/src/handler.ts`, '--working-dir', dir, '--format', 'json'], repoRoot);
    const codes = (run: { stdout: string }) =>
      (JSON.parse(run.stdout) as { findings: Array<{ code: string; message: string }> }).findings.map((f) => `${f.code} ${legacyMessage.test(f.message) ? 'legacy' : 'tc39'}`);
    expect(codes(legacy)).toEqual(['SR006 legacy', 'SR006 legacy']);
    const tc39 = await runCommand(['check', `${dir}/src/handler.ts`, '--working-dir', dir, '--tsconfig', `${dir}/tsconfig.tc39.json`, '--format', 'json'], repoRoot);
    expect(codes(tc39)).toEqual(['SR006 tc39']);
  });
});
