// The report files CI reads: the JSON report against its published schema
// (docs/check-report.schema.json, validated with Ajv, the JSON Schema validator already in the
// install through ESLint), a report still written when the check cannot run, and one-line errors
// for an --output / --out that cannot be written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildLikeCdk, repoRoot, runCommand, tempDir } from '../helpers/run-cli.js';

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'docs/check-report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
const problems = (report: unknown) => (validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));

describe('check --format json matches docs/check-report.schema.json', () => {
  it('findings with notes and suggestions, from entries', async () => {
    const report = JSON.parse((await runCommand(['check', 'src/handler.ts', '--format', 'json'], 'findings')).stdout);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(problems(report)).toEqual([]);
  });

  it('a bundle checked without its metafile or source map (limitations)', async () => {
    const built = await buildLikeCdk('findings', { sourcemap: false });
    const report = JSON.parse((await runCommand(['check', '--bundle', built.bundle, '--format', 'json'], 'findings')).stdout);
    expect(report.limitations.length).toBeGreaterThan(0);
    expect(problems(report)).toEqual([]);
  });

  it('the schema rejects what it should (it can fail)', async () => {
    const report = JSON.parse((await runCommand(['check', 'src/handler.ts', '--format', 'json'], 'findings')).stdout);
    report.findings[0].location.column = 0; // 0-based: not this format
    expect(problems(report).join('\n')).toContain('.column');
    expect(problems({ ...report, version: 1 }).join('\n')).toContain('.version');
  });
});

describe('a check that cannot run still writes its report', () => {
  it('--format json --output: the error, no findings, exit 2', async () => {
    const file = path.join(tempDir(), 'report.json');
    const run = await runCommand(['check', 'src/handler.ts', '--format', 'json', '--output', file], 'syntax-error');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^snapshot-restore: build failed: src\/handler\.ts:\d+:\d+: /);
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(problems(report)).toEqual([]);
    expect(report).toMatchObject({ findings: [], error: run.stderr.replace(/^snapshot-restore: /, '').trim() });
  });

  it('--format sarif --output: a valid log with the error as a tool execution notification', async () => {
    const file = path.join(tempDir(), 'report.sarif');
    const run = await runCommand(['check', 'src/handler.ts', '--format', 'sarif', '--output', file], 'syntax-error');
    expect(run.code).toBe(2);
    const log = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(log.version).toBe('2.1.0');
    const [invocation] = log.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0]).toMatchObject({ level: 'error', message: { text: expect.stringMatching(/^build failed: src\/handler\.ts:/) } });
    expect(log.runs[0].results).toEqual([]);
  });

  it('text to a file, or a report on stdout: only the one-line error', async () => {
    const file = path.join(tempDir(), 'report.txt');
    expect((await runCommand(['check', 'src/handler.ts', '--output', file], 'syntax-error')).code).toBe(2);
    expect(fs.existsSync(file)).toBe(false);
    expect((await runCommand(['check', 'src/handler.ts', '--format', 'json'], 'syntax-error')).stdout).toBe('');
  });
});

describe('an output path that cannot be written: one line, exit 2', () => {
  const file = path.join(tempDir(), 'a-file');
  fs.writeFileSync(file, '');

  it.each([
    ['check --output <a folder>', ['check', 'src/handler.ts', '--output', tempDir()], /^snapshot-restore: cannot \w+ .*: it is a folder\n$/],
    ['check --output under a file', ['check', 'src/handler.ts', '--output', path.join(file, 'r.sarif'), '--format', 'sarif'], /^snapshot-restore: cannot \w+ .*: .*\n$/],
    ['manifest --out <a folder>', ['manifest', 'src/handler.ts', '--out', tempDir()], /^snapshot-restore: cannot \w+ .*: it is a folder\n$/],
    ['manifest --out under a file', ['manifest', 'src/handler.ts', '--out', path.join(file, 'm.json')], /^snapshot-restore: cannot \w+ .*: .*\n$/],
  ])('%s', async (_name, args, message) => {
    const run = await runCommand(args, 'clean');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
