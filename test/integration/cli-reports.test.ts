// `check --format json` and `check --format sarif`: parsed, and the SARIF checked against the
// structure GitHub code scanning requires (SARIF 2.1.0).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_TITLES } from '../../plugin/core/index.js';
import { buildLikeCdk, cliFixtures, repoRoot, runCommand, tempDir } from '../helpers/run-cli.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPositiveInteger = (value: unknown) => Number.isInteger(value) && (value as number) >= 1;

/** Everything wrong with a SARIF log, as readable strings: empty when it is well formed. */
function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (!isObject(log)) return ['the log is not an object'];
  need(typeof log.$schema === 'string' && log.$schema.includes('sarif'), '$schema names the SARIF schema');
  need(log.version === '2.1.0', 'version is "2.1.0"');
  need(Array.isArray(log.runs) && log.runs.length === 1, 'runs has one run');
  const run = log.runs?.[0];
  if (!isObject(run)) return [...problems, 'runs[0] is an object'];
  const driver = run.tool?.driver;
  need(isObject(driver), 'runs[0].tool.driver is an object');
  need(driver?.name === 'snapshot-restore', 'driver.name');
  need(typeof driver?.version === 'string' && /^\d+\.\d+\.\d+/.test(driver.version), 'driver.version is a version');
  need(typeof driver?.informationUri === 'string' && /^https:\/\//.test(driver.informationUri), 'driver.informationUri is an https URL');
  const rules: Json[] = Array.isArray(driver?.rules) ? driver.rules : [];
  need(rules.length > 0, 'driver.rules is a non-empty array');
  const ruleIds = rules.map((r) => r.id);
  need(new Set(ruleIds).size === ruleIds.length, 'rule ids are unique');
  for (const [i, rule] of rules.entries()) {
    const at = `rules[${i}]`;
    need(typeof rule.id === 'string' && /^SR\d{3}$/.test(rule.id), `${at}.id is SRnnn`);
    need(typeof rule.name === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(rule.name), `${at}.name is PascalCase`);
    for (const key of ['shortDescription', 'fullDescription']) need(typeof rule[key]?.text === 'string' && rule[key].text.length > 0, `${at}.${key}.text`);
    need(typeof rule.help?.text === 'string' && typeof rule.help?.markdown === 'string', `${at}.help has text and markdown`);
    need(['error', 'warning', 'note'].includes(rule.defaultConfiguration?.level), `${at}.defaultConfiguration.level`);
  }
  need(Array.isArray(run.results), 'results is an array');
  const checkLocation = (location: Json, at: string) => {
    const physical = location?.physicalLocation;
    need(isObject(physical), `${at}.physicalLocation`);
    const uri = physical?.artifactLocation?.uri;
    need(typeof uri === 'string' && uri.length > 0, `${at} has a uri`);
    need(!uri?.includes('\\'), `${at} uri uses forward slashes`);
    need(!uri?.startsWith('/') && !uri?.startsWith('..') && !uri?.startsWith('file:'), `${at} uri is relative to the repository`);
    need(physical?.artifactLocation?.uriBaseId === '%SRCROOT%', `${at} uriBaseId is %SRCROOT%`);
    const region = physical?.region;
    need(isPositiveInteger(region?.startLine), `${at} startLine is 1-based`);
    need(isPositiveInteger(region?.startColumn), `${at} startColumn is 1-based`);
    if (region?.endColumn !== undefined) need(region.endColumn > region.startColumn, `${at} endColumn after startColumn`);
  };
  for (const [i, result] of (run.results as Json[]).entries()) {
    const at = `results[${i}]`;
    need(ruleIds.includes(result.ruleId), `${at}.ruleId is a rule`);
    need(rules[result.ruleIndex]?.id === result.ruleId, `${at}.ruleIndex points at its rule`);
    need(['error', 'warning', 'note'].includes(result.level), `${at}.level`);
    need(typeof result.message?.text === 'string' && result.message.text.length > 0, `${at}.message.text`);
    need(Array.isArray(result.locations) && result.locations.length > 0, `${at}.locations is non-empty`);
    for (const [j, location] of (result.locations ?? []).entries()) checkLocation(location, `${at}.locations[${j}]`);
    for (const [j, related] of (result.relatedLocations ?? []).entries()) {
      checkLocation(related, `${at}.relatedLocations[${j}]`);
      need(Number.isInteger(related.id) && typeof related.message?.text === 'string', `${at}.relatedLocations[${j}] has id and message`);
    }
    need(isObject(result.partialFingerprints) && Object.values(result.partialFingerprints).every((v) => typeof v === 'string'), `${at}.partialFingerprints`);
  }
  return problems;
}

describe('check --format sarif', () => {
  it('is well-formed SARIF 2.1.0 with repository-relative, 1-based locations', async () => {
    const run = await runCommand(['check', 'src/handler.ts', '--format', 'sarif'], 'findings');
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(sarifProblems(log)).toEqual([]);
    const [sr001] = log.runs[0].results;
    expect(sr001).toMatchObject({
      ruleId: 'SR001',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'fixtures/cli/findings/src/handler.ts', uriBaseId: '%SRCROOT%' },
            // esbuild's column 4 is SARIF's column 5.
            region: { startLine: 8, startColumn: 5, endColumn: 25, snippet: { text: '    registerAfterRestore(refreshToken);' } },
          },
        },
      ],
      relatedLocations: [{ message: { text: 'The handler `handler` is exported here.' } }],
    });
    expect(sr001.message.text).toContain('Suggestion: move `registerAfterRestore(refreshToken)` to module top level');
    expect(log.runs[0].tool.driver.version).toBe(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
    expect(log.runs[0].results.map((r: Json) => r.ruleId)).toEqual(['SR001', 'SR003']);
  });

  it('fingerprints are stable across runs and working directories, and differ between findings', async () => {
    const first = JSON.parse((await runCommand(['check', 'src/handler.ts', '--format', 'sarif'], 'findings')).stdout);
    const again = JSON.parse((await runCommand(['check', 'fixtures/cli/findings/src/handler.ts', '--format', 'sarif'])).stdout);
    const prints = (log: Json) => log.runs[0].results.map((r: Json) => r.partialFingerprints);
    expect(prints(again)).toEqual(prints(first));
    expect(new Set(prints(first).map((p: Json) => JSON.stringify(p))).size).toBe(first.runs[0].results.length);
  });

  it('a clean project: no results, still the rules', async () => {
    const log = JSON.parse((await runCommand(['check', 'src/handler.ts', '--format', 'sarif'], 'clean')).stdout);
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    // Every code the plugin knows has a rule, so code scanning can show any of them.
    expect(log.runs[0].tool.driver.rules.map((r: Json) => r.id)).toEqual(Object.keys(DIAGNOSTIC_TITLES).sort());
    // Each rule's help explains it: none falls back to the generic text.
    for (const rule of log.runs[0].tool.driver.rules) expect(rule.help.text, rule.id).not.toContain('See the snapshot-restore README');
    const sr107 = log.runs[0].tool.driver.rules.find((r: Json) => r.id === 'SR107');
    expect(sr107.help.text).toContain('Close it in a before-snapshot hook and open it again in an after-restore hook');
  });

  it('--root sets what uris are relative to', async () => {
    const log = JSON.parse((await runCommand(['check', 'src/handler.ts', '--format', 'sarif', '--root', '.'], 'findings')).stdout);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/handler.ts');
    expect(sarifProblems(log)).toEqual([]);
  });

  it('--output writes it for upload-sarif; --fail-on still decides the exit code', async () => {
    const out = path.join(tempDir(), 'snapshot-restore.sarif');
    const run = await runCommand(['check', 'src/handler.ts', '--format', 'sarif', '--output', out, '--fail-on', 'warning'], 'findings');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(sarifProblems(JSON.parse(fs.readFileSync(out, 'utf8')))).toEqual([]);
  });

  it('a bundle checked without a metafile or source map: the limitations are tool notifications', async () => {
    const built = await buildLikeCdk('findings', { sourcemap: false });
    const log = JSON.parse((await runCommand(['check', '--bundle', built.bundle, '--format', 'sarif'], 'findings')).stdout);
    // Its locations are in the bundle, outside the repository (file: uris): only the run is checked here.
    expect(log.version).toBe('2.1.0');
    const notes = log.runs[0].invocations[0].toolExecutionNotifications.map((n: Json) => n.message.text);
    expect(notes[0]).toMatch(/^no --metafile and no source map/);
  });
});

describe('check --format json', () => {
  it('the findings and a summary', async () => {
    const run = await runCommand(['check', 'src/handler.ts', '--format', 'json', '--severity', 'SR001=warning'], 'findings');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      version: 2,
      tool: { name: 'snapshot-restore' },
      checked: ['src/handler.ts'],
      limitations: [],
      summary: { errors: 1, warnings: 1, failOn: 'error', failed: true },
    });
    const [sr001, sr003] = report.findings;
    expect(sr001).toMatchObject({
      code: 'SR001',
      severity: 'warning',
      // 1-based line and column, as in the text report and SARIF.
      location: { file: 'src/handler.ts', line: 8, column: 5, length: 20, lineText: '    registerAfterRestore(refreshToken);' },
      suggestion: expect.stringContaining('move `registerAfterRestore(refreshToken)`'),
    });
    expect(sr001.message).not.toMatch(/^\[SR001\]/);
    expect(sr003).toMatchObject({ code: 'SR003', severity: 'error' });
    expect(sr003.notes[0]).toMatchObject({ text: 'It registers `flush` here.', location: { file: 'src/metrics.ts', line: 9, column: 1 } });
    // The suggestion is not repeated as a note.
    expect(sr003.notes.map((n: Json) => n.text)).not.toContain(`Suggestion: ${sr003.suggestion}`);
  });

  it('clean: no findings, not failed', async () => {
    const run = await runCommand(['check', 'src/handler.ts', '--format', 'json', '--fail-on', 'warning'], 'clean');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ findings: [], summary: { errors: 0, warnings: 0, failOn: 'warning', failed: false } });
  });
});

// Keep the fixture tree honest: the SARIF test's paths assume the fixtures live here.
it('fixtures/cli is inside the repository', () => {
  expect(path.relative(repoRoot, cliFixtures)).toBe(path.join('fixtures', 'cli'));
});
