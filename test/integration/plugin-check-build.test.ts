// checkBuild, the bundler-neutral whole-build check, on the metafile of a build made without the
// plugin (what `snapshot-restore check --bundle --metafile` does) gives the plugin's answers.
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildFixture, fixturesDir, runtimeAlias, tempDir } from '../helpers/plugin-harness.js';
import { checkBuild } from '../../plugin/core/index.js';

async function metafileOf(fixture: string, format: 'esm' | 'cjs' = 'esm') {
  const workingDir = path.join(fixturesDir, fixture);
  const result = await esbuild.build({
    absWorkingDir: workingDir,
    entryPoints: ['src/handler.ts'],
    outfile: path.join(tempDir(), 'handler.js'),
    bundle: true,
    platform: 'node',
    format,
    alias: runtimeAlias,
    keepNames: true,
    metafile: true,
    logLevel: 'silent',
  });
  // Round-trip through JSON, as when read from a --metafile file.
  return { workingDir, metafile: JSON.parse(JSON.stringify(result.metafile)) };
}

describe('checkBuild', () => {
  for (const fixture of ['inside-handler', 'lazy-load', 'evaluation-order', 'no-snapstart']) {
    it(`${fixture}: same findings and hook lists as the plugin`, async () => {
      const { workingDir, metafile } = await metafileOf(fixture);
      const checked = checkBuild({ metafile, workingDir, format: 'esm' });
      // checkBuild on a plain build cannot hoist: compare with the plugin not hoisting either.
      // SR001 and SR003 as warnings: a failed build writes no manifest to compare with.
      const built = await buildFixture(fixture, { plugin: { hoist: false, severity: { SR001: 'warning', SR003: 'warning' } } });
      // (only the texts differ: checkBuild adds that the plugin would hoist)
      expect(checked.findings.map((f) => ({ code: f.code, file: f.location?.file, line: f.location?.line, column: f.location?.column }))).toEqual(built.diagnostics);
      expect(checked.manifest?.afterRestore).toEqual(built.manifest?.afterRestore);
      expect(checked.manifest?.beforeSnapshot).toEqual(built.manifest?.beforeSnapshot);
    });
  }

  it('findings carry severity, text, location with suggestion, and notes', async () => {
    const { workingDir, metafile } = await metafileOf('inside-handler');
    const [finding] = checkBuild({ metafile, workingDir, format: 'esm', options: { failOn: 'warning' } }).findings;
    expect(finding).toMatchObject({ code: 'SR001', severity: 'error', location: { file: 'src/handler.ts', line: 8, column: 2 } });
    expect(finding!.text.startsWith('[SR001] ')).toBe(true);
    expect(finding!.location!.suggestion).toBe(finding!.suggestion);
    expect(finding!.notes.at(-1)!.text).toBe(`Suggestion: ${finding!.suggestion}`);
  });

  it('severity off leaves the finding out of findings and manifest', async () => {
    const { workingDir, metafile } = await metafileOf('inside-handler');
    const checked = checkBuild({ metafile, workingDir, format: 'esm', options: { severity: { SR001: 'off' } } });
    expect(checked.findings.map((f) => f.code)).not.toContain('SR001');
    expect(checked.manifest!.diagnostics.map((d) => d.code)).not.toContain('SR001');
  });
});
