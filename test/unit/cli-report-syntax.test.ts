// The CLI says option advice in its own flags, the plugins in their option syntax: the same SR007
// suggestion reads `--severity SR007=off` from `check` and `severity: { SR007: 'off' }` from the
// esbuild plugin; `--wrapper <module>` and the `modules` option likewise.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixture, fixturesDir } from '../helpers/plugin-harness.js';
import { runCommand } from '../helpers/run-cli.js';

describe('suggestions in each tool’s own syntax', () => {
  it("check: --severity SR007=off; the esbuild plugin: severity: { SR007: 'off' }", async () => {
    const dir = path.join(fixturesDir, 'cjs-order');
    const cli = await runCommand(['check', '--module-format', 'cjs', 'src/handler.js'], dir);
    expect(cli.stdout).toContain('[SR007]');
    expect(cli.stdout).toContain('`--severity SR007=off`');
    expect(cli.stdout).not.toContain('severity: {');
    const plugin = await buildFixture('cjs-order', { format: 'cjs' });
    const sr007 = [...plugin.warnings, ...plugin.errors].find((m) => m.id === 'SR007')!;
    expect(sr007.location?.suggestion ?? sr007.notes.at(-1)?.text).toContain("`severity: { SR007: 'off' }`");
  });

  it('check: `--wrapper <module>`; the esbuild plugin: the `modules` option', async () => {
    const cli = await runCommand(['check', 'src/handler.ts'], path.join(fixturesDir, 'unresolvable'));
    expect(cli.stdout).toContain('list the module that wraps it with `--wrapper <module>`');
    expect(cli.stdout).not.toContain('`modules` option');
    const plugin = await buildFixture('unresolvable');
    const sr005 = [...plugin.warnings, ...plugin.errors].filter((m) => m.id === 'SR005').map((m) => m.location?.suggestion);
    expect(sr005).toContain('call `registerAfterRestore(fn)` directly, or list the module that wraps it in the `modules` option');
  });
});
