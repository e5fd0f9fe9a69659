// The real binary (dist/cli/main.js, built by `npm test`): the exit code reaches the shell and a
// usage error is one line. Everything else about the commands runs in-process (runCommand).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.js';
import { requireBuild } from '../helpers/lifecycle.js';

beforeAll(() => requireBuild());

describe('the snapshot-restore binary', () => {
  it('without a command: the usage and exit code 2', () => {
    const run = runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^Usage: snapshot-restore <command> \[options\]/);
    expect(run.stderr).toBe('');
  });

  it('--version and -v: the version in package.json, exit code 0', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect(runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('a usage error: one line on stderr and exit code 2; a clean check: exit code 0', () => {
    const bad = runCli(['check', 'src/handler.ts', '--colour'], 'findings');
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'snapshot-restore: check: unknown option --colour (see `snapshot-restore check --help`)\n' });
    const clean = runCli(['check', 'src/handler.ts'], 'clean');
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
  });
});
