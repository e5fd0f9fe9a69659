// Argument parsing for the subcommands: node:util parseArgs in strict mode, with its errors
// turned into one short line (a UsageError, so the command exits with 2 and no stack trace).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** Parses `args` for `command`; unknown options and missing values become UsageErrors. */
export function parseCommandArgs(command: string, args: string[], options: OptionSpec, allowPositionals: boolean): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    throw new UsageError(`${command}: ${describeParseError(error)} (see \`snapshot-restore ${command} --help\`)`);
  }
}

/** parseArgs messages are long and mention internals; say the same thing in a few words. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? 'an option';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // Both "argument missing" and "--x --y" (a value that looks like an option) land here.
      return message.includes('does not take') ? `option ${option} does not take a value` : `option ${option} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}`.trim();
    default:
      return message.split('\n')[0]!;
  }
}

/** A string option's value, checked against the allowed ones. */
export function oneOf<T extends string>(command: string, option: string, value: unknown, allowed: readonly T[], fallback: T): T;
export function oneOf<T extends string>(command: string, option: string, value: unknown, allowed: readonly T[]): T | undefined;
export function oneOf<T extends string>(command: string, option: string, value: unknown, allowed: readonly T[], fallback?: T): T | undefined {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${command}: --${option} must be one of ${allowed.join(', ')} (got "${String(value)}")`);
}

/** A repeatable string option's values (always an array). */
export function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A single string option's value, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
