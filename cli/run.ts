// The `snapshot-restore` command: finds the subcommand and hands it the arguments. Each
// subcommand lives in its own file and exports `help` (its --help text) and `run(args, io)`,
// which resolves with the exit code. A UsageError is one line on stderr and exit code 2.
import { existsSync, readFileSync } from 'node:fs';
import { processIo, type CliIo } from './io.js';
import { UsageError } from './usage-error.js';

interface Command {
  summary: string;
  load(): Promise<{ help: string; run(args: string[], io: CliIo): Promise<number> }>;
}

const commands: Record<string, Command> = {
  check: { summary: 'lint a project or an already built bundle for SnapStart pitfalls', load: () => import('./commands/check.js') },
  manifest: { summary: 'print or write the hook manifest of an entry', load: () => import('./commands/manifest.js') },
  emulate: { summary: 'run a real snapshot and restore of a function on this machine', load: () => import('./commands/emulate.js') },
};

export const usage = `Usage: snapshot-restore <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n')}

Run \`snapshot-restore <command> --help\` for a command's options, \`snapshot-restore --version\` for the version.`;

/** The package's version, from the nearest package.json up (dist/cli/ when installed, cli/ in the repository). */
function version(): string {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dir.pathname === '/') throw new Error('package.json not found');
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})`);
  const module = await command.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${module.help}\n`);
    return 0;
  }
  return module.run(args, io);
}

/** Runs `snapshot-restore <argv>`; resolves with the exit code (never rejects). */
export async function run(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const message =
      error instanceof UsageError ? error.message : isFileSystemError(error) ? fileSystemMessage(error) : error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`snapshot-restore: ${message}\n`);
    return 2;
  }
}

/** A file that cannot be read or written (a folder given as --output, a read-only disk): bad input, one line. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  const e = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string' && typeof e.path === 'string';
}

function fileSystemMessage(error: NodeJS.ErrnoException & { path: string }): string {
  const why: Record<string, string> = {
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'read-only file system',
    ENOENT: 'no such file or folder',
    ENOSPC: 'no space left',
  };
  return `cannot ${error.syscall} ${error.path}: ${why[error.code ?? ''] ?? error.code}`;
}
