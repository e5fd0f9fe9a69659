// Bad input to `check` and `manifest`: one clear line on stderr and exit code 2, never a stack
// trace; --help for each command.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

function expectUsageError(args: string[], message: string | RegExp, cwd = 'findings'): void {
  const run = runCli(args, cwd);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  // Exactly one line, no stack trace.
  expect(run.stderr.split('\n')).toHaveLength(2);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  if (typeof message === 'string') expect(run.stderr).toBe(`snapshot-restore: ${message}\n`);
  else expect(run.stderr).toMatch(message);
}

describe('bad input', () => {
  for (const command of ['check', 'manifest']) {
    describe(command, () => {
      it('an unknown option', () => {
        expectUsageError([command, 'src/handler.ts', '--colour'], `${command}: unknown option --colour (see \`snapshot-restore ${command} --help\`)`);
      });
      it('a missing option value', () => {
        expectUsageError([command, 'src/handler.ts', '--handler'], `${command}: option --handler needs a value (see \`snapshot-restore ${command} --help\`)`);
        expectUsageError([command, 'src/handler.ts', '--handler', '--include', 'x'], /option --handler needs a value/);
      });
      it('a missing entry file', () => {
        expectUsageError([command, 'src/nope.ts'], 'entry file not found: src/nope.ts');
      });
      it('no entry and no --bundle', () => {
        expectUsageError([command], `${command}: give an entry file, or --bundle <file> (see \`snapshot-restore ${command} --help\`)`);
      });
      it('a file that does not parse: esbuild\'s message and location', () => {
        expectUsageError([command, 'src/handler.ts'], 'build failed: src/handler.ts:4:21: Expected "}" but found ";"', 'syntax-error');
      });
      it('a missing bundle, a missing metafile, --metafile without --bundle, entries with --bundle', () => {
        expectUsageError([command, '--bundle', 'dist/index.mjs'], 'bundle not found: dist/index.mjs');
        expectUsageError([command, '--bundle', 'src/handler.ts', '--metafile', 'meta.json'], 'metafile not found: meta.json');
        expectUsageError([command, 'src/handler.ts', '--metafile', 'meta.json'], `${command}: --metafile needs --bundle <file> (the bundle it describes)`);
        expectUsageError([command, 'src/handler.ts', '--bundle', 'src/handler.ts'], `${command}: give entry files or --bundle, not both`);
      });
      it('bad option values', () => {
        expectUsageError([command, 'src/handler.ts', '--module-format', 'iife'], `${command}: --module-format must be one of esm, cjs (got "iife")`);
        expectUsageError([command, 'src/handler.ts', '--severity', 'SR001'], `${command}: --severity takes <code>=<level>, e.g. SR007=off (got "SR001")`);
        expectUsageError([command, 'src/handler.ts', '--severity', 'SR001=fatal'], `${command}: --severity must be one of error, warning, off (got "fatal")`);
        expectUsageError([command, 'src/handler.ts', '--tsconfig', 'nope.json'], 'tsconfig not found: nope.json');
      });
      it('--help and -h print the command\'s usage and exit 0', () => {
        for (const flag of ['--help', '-h']) {
          const run = runCli([command, flag]);
          expect(run.code).toBe(0);
          expect(run.stdout).toMatch(new RegExp(`^Usage: snapshot-restore ${command} \\[options\\]`));
          for (const option of ['--bundle', '--metafile', '--handler', '--include', '--severity', '--module-format', '--tsconfig', '--external', '--wrapper', '--working-dir']) {
            expect(run.stdout).toContain(option);
          }
        }
      });
    });
  }

  it('check: bad --format, --fail-on and --root values', () => {
    expectUsageError(['check', 'src/handler.ts', '--format', 'xml'], 'check: --format must be one of text, json, sarif (got "xml")');
    expectUsageError(['check', 'src/handler.ts', '--fail-on', 'info'], 'check: --fail-on must be one of error, warning (got "info")');
    expectUsageError(['check', 'src/handler.ts', '--root', 'no/such/dir'], 'check: --root directory not found: no/such/dir');
  });

  it('check --help lists the report options, the exit codes and every code', () => {
    const { stdout } = runCli(['check', '--help']);
    for (const text of ['--format text|json|sarif', '--output <file>', '--fail-on warning|error', '--root <dir>', 'Exit codes: 0', 'SR001', 'SR007']) {
      expect(stdout).toContain(text);
    }
  });

  it('manifest: one entry only, --out and --outdir exclusive', () => {
    expectUsageError(['manifest', 'src/handler.ts', 'src/metrics.ts'], 'manifest: give one entry (each Lambda function has its own manifest)');
    expectUsageError(['manifest', 'src/handler.ts', '--out', 'a.json', '--outdir', 'b'], 'manifest: give --out or --outdir, not both');
  });
});
