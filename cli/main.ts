#!/usr/bin/env node
// The `snapshot-restore` command: finds the subcommand and hands it the arguments. Each
// subcommand lives in its own file and exports `help` (its --help text) and `run(args)`,
// which resolves with the exit code.
import { readFileSync } from 'node:fs';
import { UsageError } from './usage-error.js';

interface Command {
  summary: string;
  load(): Promise<{ help: string; run(args: string[]): Promise<number> }>;
}

const commands: Record<string, Command> = {
  check: { summary: 'lint a project or an already built bundle for SnapStart pitfalls', load: () => import('./commands/check.js') },
  manifest: { summary: 'print or write the hook manifest of an entry', load: () => import('./commands/manifest.js') },
  emulate: { summary: 'run a real snapshot and restore of a function on this machine', load: () => import('./commands/emulate.js') },
};

const usage = `Usage: snapshot-restore <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n')}

Run \`snapshot-restore <command> --help\` for a command's options, \`snapshot-restore --version\` for the version.`;

/** The installed package's version: dist/cli/main.js is two folders below package.json. */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})`);
  const module = await command.load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${module.help}\n`);
    return 0;
  }
  return module.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`snapshot-restore: ${message}\n`);
    process.exitCode = 2;
  },
);
