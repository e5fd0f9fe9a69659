// Bad input to the commands: one clear line on stderr and exit code 2, never a stack trace;
// --help for each command. In-process: each case calls cli/run.ts with captured streams.
import { describe, expect, it } from 'vitest';
import { repoRoot, runCommand } from '../helpers/run-cli.js';

async function expectUsageError(args: string[], message: string | RegExp, cwd = 'findings'): Promise<void> {
  const run = await runCommand(args, cwd);
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
      it('an unknown option', async () => {
        await expectUsageError([command, 'src/handler.ts', '--colour'], `${command}: unknown option --colour (see \`snapshot-restore ${command} --help\`)`);
      });
      it('a missing option value', async () => {
        await expectUsageError([command, 'src/handler.ts', '--handler'], `${command}: option --handler needs a value (see \`snapshot-restore ${command} --help\`)`);
        await expectUsageError([command, 'src/handler.ts', '--handler', '--include', 'x'], /option --handler needs a value/);
      });
      it('a missing entry file', async () => {
        await expectUsageError([command, 'src/nope.ts'], 'entry file not found: src/nope.ts');
      });
      it('no entry and no --bundle', async () => {
        await expectUsageError([command], `${command}: give an entry file, or --bundle <file> (see \`snapshot-restore ${command} --help\`)`);
      });
      it("a file that does not parse: esbuild's message and location", async () => {
        await expectUsageError([command, 'src/handler.ts'], 'build failed: src/handler.ts:4:21: Expected "}" but found ";"', 'syntax-error');
      });
      it('a missing bundle, a missing metafile, --metafile without --bundle, entries with --bundle', async () => {
        await expectUsageError([command, '--bundle', 'dist/index.mjs'], 'bundle not found: dist/index.mjs');
        await expectUsageError([command, '--bundle', 'src/handler.ts', '--metafile', 'meta.json'], 'metafile not found: meta.json');
        await expectUsageError([command, 'src/handler.ts', '--metafile', 'meta.json'], `${command}: --metafile needs --bundle <file> (the bundle it describes)`);
        await expectUsageError([command, 'src/handler.ts', '--bundle', 'src/handler.ts'], `${command}: give entry files or --bundle, not both`);
      });
      it('bad option values', async () => {
        await expectUsageError([command, 'src/handler.ts', '--module-format', 'iife'], `${command}: --module-format must be one of esm, cjs (got "iife")`);
        await expectUsageError([command, 'src/handler.ts', '--severity', 'SR001'], `${command}: --severity takes <code>=<level>, e.g. SR007=off (got "SR001")`);
        await expectUsageError([command, 'src/handler.ts', '--severity', 'SR001=fatal'], `${command}: --severity SR001 must be one of error, warning, off (got "fatal")`);
        for (const code of ['SR01', 'SR999', 'sr001']) {
          await expectUsageError(
            [command, 'src/handler.ts', '--severity', `${code}=off`],
            `${command}: unknown rule code "${code}" in --severity ${code}=off (known: SR001-SR007, SR101-SR108)`,
          );
        }
        await expectUsageError([command, 'src/handler.ts', '--handler', 'not a name'], `${command}: --handler must be an export name (got "not a name")`);
        await expectUsageError([command, 'src/handler.ts', '--tsconfig', 'nope.json'], 'tsconfig not found: nope.json');
      });
      it("--help and -h print the command's usage and exit 0", async () => {
        for (const flag of ['--help', '-h']) {
          const run = await runCommand([command, flag]);
          expect(run.code).toBe(0);
          expect(run.stdout).toMatch(new RegExp(`^Usage: snapshot-restore ${command} \\[options\\]`));
          for (const option of ['--bundle', '--metafile', '--handler', '--include', '--severity', '--module-format', '--tsconfig', '--external', '--wrapper', '--working-dir']) {
            expect(run.stdout).toContain(option);
          }
        }
      });
    });
  }

  it('check: bad --format, --fail-on and --root values', async () => {
    await expectUsageError(['check', 'src/handler.ts', '--format', 'xml'], 'check: --format must be one of text, json, sarif (got "xml")');
    await expectUsageError(['check', 'src/handler.ts', '--fail-on', 'info'], 'check: --fail-on must be one of error, warning (got "info")');
    await expectUsageError(['check', 'src/handler.ts', '--root', 'no/such/dir'], 'check: --root directory not found: no/such/dir');
  });

  it('check --help lists the report options, the exit codes and every code', async () => {
    const { stdout } = await runCommand(['check', '--help']);
    for (const text of ['--format text|json|sarif', '--output <file>', '--fail-on warning|error', '--root <dir>', 'Exit codes: 0', 'SR001', 'SR007']) {
      expect(stdout).toContain(text);
    }
  });

  it('manifest: one entry only, --out and --outdir exclusive', async () => {
    await expectUsageError(['manifest', 'src/handler.ts', 'src/metrics.ts'], 'manifest: give one entry (each Lambda function has its own manifest)');
    await expectUsageError(['manifest', 'src/handler.ts', '--out', 'a.json', '--outdir', 'b'], 'manifest: give --out or --outdir, not both');
  });
});

describe('the command itself', () => {
  it('no command: the usage on stdout and exit 2; --help, -h and help: exit 0', async () => {
    const none = await runCommand([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/^Usage: snapshot-restore <command> \[options\]\n\nCommands:\n {2}check /);
    for (const command of ['check', 'manifest', 'emulate']) expect(none.stdout).toContain(`  ${command.padEnd(10)} `);
    for (const flag of ['--help', '-h', 'help']) {
      const run = await runCommand([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(none.stdout);
      expect(run.stderr).toBe('');
    }
  });

  it('an unknown command, also one named like an Object property', async () => {
    await expectUsageError(['lint'], 'unknown command "lint" (commands: check, manifest, emulate)');
    await expectUsageError(['constructor'], 'unknown command "constructor" (commands: check, manifest, emulate)');
  });
});

describe('emulate', () => {
  it('--help', async () => {
    const run = await runCommand(['emulate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: snapshot-restore emulate <entry\.ts\|bundle\.js>/);
    expect(run.stdout).toContain('--restores');
  });

  it.each([
    [['no/such/file.ts'], 'emulate: no such file: no/such/file.ts'],
    [[], 'emulate: expected one entry file (snapshot-restore emulate <entry.ts|bundle.js>)'],
    [['fixtures/emulate/unique-ids.ts', '--restores', 'many'], 'emulate: --restores must be a whole number from 1 to 100, got "many"'],
    [['fixtures/emulate/unique-ids.ts', '--restores', '0'], 'emulate: --restores must be a whole number from 1 to 100, got "0"'],
    [['fixtures/emulate/unique-ids.ts', '--nope'], /^snapshot-restore: emulate: Unknown option '--nope'/],
    [['fixtures/emulate/unique-ids.ts', '--event', 'missing.json'], 'emulate: no such event file: missing.json'],
    [['fixtures/emulate/unique-ids.ts', '--handler', 'not a name'], 'emulate: --handler must be an export name, got "not a name"'],
    [['fixtures/emulate/unique-ids.ts', '--env', 'NO_EQUALS_SIGN'], 'emulate: --env takes NAME=value, got "NO_EQUALS_SIGN"'],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    // Relative to the repository: the fixture paths are.
    await expectUsageError(['emulate', ...args], message, repoRoot);
  });
});
