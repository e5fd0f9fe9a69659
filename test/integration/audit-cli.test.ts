// `check --run`: the static findings and the run-time audit's in one report, one per line and
// code, in text, JSON and SARIF; an already built bundle audited through its own source map;
// the flag's errors. Node built-ins only, so that it runs without the corpus's libraries.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FIRST_SENTENCE_MAX, firstSentence } from '../../plugin/core/rules/rule.js';
import { runCommand } from '../helpers/run-cli.js';
import { auditProject, differences, expectations, foundAt } from '../helpers/audit-project.js';

const FILES = {
  'src/clock.ts': `export function stamp(): number {
  return Date.now(); // expect: SR105
}
`,
  'src/handler.ts': `import net from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { stamp } from './clock.js';

const startedAt = stamp();
export const salt = randomBytes(16); // expect: SR103
export const keys = generateKeyPairSync('ed25519'); // expect: SR103
export const link = net.connect(5432, 'db.internal'); // expect: SR107
export const handler = async () => ({ startedAt, salt: salt.toString('hex') });
`,
};

describe('check --run', () => {
  it('merges the audit into the static report: one finding per line and code, in every format', async () => {
    const dir = auditProject(FILES);
    const text = await runCommand(['check', '--run', 'src/handler.ts'], dir);
    expect(text.code).toBe(0);
    // randomBytes and the socket: both found them, once each; the clock read in another module: only the run.
    expect(text.stdout.match(/\[SR103\]/g)).toHaveLength(2);
    expect(text.stdout).toContain('The run-time audit of init saw it happen too');
    expect(text.stdout).toMatch(/\[SR105\] `Date\.now\(\)` read the clock at init: .* Seen running init \(Date\.now\)/);

    const json = await runCommand(['check', '--run', 'src/handler.ts', '--format', 'json'], dir);
    const report = JSON.parse(json.stdout);
    // The audit's findings read as the lint's: a first sentence short enough for an editor's hover, the details, the rule page.
    for (const finding of report.findings as Array<{ code: string; message: string }>) {
      expect(firstSentence(`[${finding.code}] ${finding.message}`).length, finding.message).toBeLessThanOrEqual(FIRST_SENTENCE_MAX);
      expect(finding.message, finding.message).toMatch(/\. Rule page: \S+\/SR\d{3}\.md$/);
    }
    const findings = report.findings.map((finding: { code: string; location: { file: string; line: number } }) => ({ code: finding.code, location: finding.location }));
    expect(differences(expectations(FILES), foundAt(findings))).toEqual([]);

    const sarif = JSON.parse((await runCommand(['check', '--run', 'src/handler.ts', '--format', 'sarif'], dir)).stdout);
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
    const lines = results.map(
      (result) =>
        `${result.ruleId} ${result.locations[0]!.physicalLocation.artifactLocation.uri.replace(/^.*?(src\/)/, '$1')}:${result.locations[0]!.physicalLocation.region.startLine}`,
    );
    expect(lines.sort()).toEqual(['SR103 src/handler.ts:6', 'SR103 src/handler.ts:7', 'SR105 src/clock.ts:2', 'SR107 src/handler.ts:8']);
  });

  it('without --run, the same project gets the static findings only', async () => {
    const dir = auditProject(FILES);
    const { stdout } = await runCommand(['check', 'src/handler.ts', '--format', 'json'], dir);
    const codes = JSON.parse(stdout).findings.map((finding: { code: string }) => finding.code);
    expect(codes).not.toContain('SR105');
  });

  it('audits a built bundle through its own source map, at the lines of the sources', async () => {
    const dir = auditProject(FILES);
    const outfile = path.join(dir, 'dist/index.mjs');
    await esbuild.build({ absWorkingDir: dir, entryPoints: ['src/handler.ts'], outfile, bundle: true, platform: 'node', format: 'esm', sourcemap: true, logLevel: 'silent' });
    // The sources are gone: the map carries them (sourcesContent), as in a deployed asset.
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    const { stdout } = await runCommand(['check', '--run', '--bundle', 'dist/index.mjs', '--format', 'json'], dir);
    const report = JSON.parse(stdout);
    const runOnly = report.findings.filter((finding: { code: string }) => finding.code === 'SR105');
    expect(runOnly.map((finding: { location: { file: string; line: number } }) => `${finding.location.file}:${finding.location.line}`)).toEqual(['src/clock.ts:2']);
  });

  it('--severity turns audit findings off like static ones, and --fail-on decides the exit code', async () => {
    const dir = auditProject(FILES);
    const off = await runCommand(['check', '--run', 'src/handler.ts', '--severity', 'SR105=off', '--format', 'json'], dir);
    expect(JSON.parse(off.stdout).findings.map((finding: { code: string }) => finding.code)).not.toContain('SR105');
    const failing = await runCommand(['check', '--run', 'src/handler.ts', '--fail-on', 'warning'], dir);
    expect(failing.code).toBe(1);
  });

  it('--run-timeout needs --run and takes seconds', async () => {
    const dir = auditProject(FILES);
    const alone = await runCommand(['check', 'src/handler.ts', '--run-timeout', '5'], dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr.trim().split('\n')).toHaveLength(1);
    expect(alone.stderr).toContain('--run-timeout needs --run');
    const bad = await runCommand(['check', '--run', 'src/handler.ts', '--run-timeout', 'soon'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--run-timeout takes seconds');
  });
});
