// `snapshot-restore emulate`: a real snapshot and restore of a function on this machine.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { emulate, EmulateSetupError } from '../../emulator/snapshot/emulate.js';
import { BundleError } from '../../emulator/snapshot/bundle.js';
import { formatReport } from '../../emulator/snapshot/report.js';
import { redactDeep, secretsOf } from '../../emulator/snapshot/secrets.js';
import { emulatePlatform, formatPlatformReport, type Platform } from '../../emulator/snapshot/platform.js';
import { formatPlatformHtml } from '../../emulator/snapshot/platform-html.js';
import { snapshotRestore } from '../../plugin/esbuild/index.js';
import { OptionsError, resolveOptions, type SnapshotRestoreOptions } from '../../plugin/core/options.js';
import { formatHtml } from '../report/html.js';
import { packageInfo } from '../report/package-info.js';
import { processIo, type CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: snapshot-restore emulate <entry.ts|bundle.js> [options]

Bundles the function, runs its init and before-snapshot hooks while Node builds a V8 startup
snapshot, then starts fresh processes from that one snapshot, each against a local Lambda Runtime
API in SnapStart mode: the restore, the after-restore hooks, then the invokes. Prints per-phase
timings, the hooks in the order they ran, what init left open, and the values that were the same
in every restore although they look unique, next to the lint's uniqueness findings and those of
the run-time audit of init (docs/audit.md: init run first in a plain process whose connections all
go to a local sink), which sees what a memory snapshot clones and V8's snapshot would hide.

The function's processes get Lambda's variables only, not your shell's, plus those given with
--env; a value that looks like a secret is never printed in a report (text, --json or --html).

Options:
  --event <file.json>   event for every invoke (default: {})
  --restores <n>        processes started from the snapshot (default: 3)
  --invokes <n>         invokes per restore (default: 1)
  --handler <name>      name of the handler export (default: handler)
  --env <NAME=value>    set a variable in the function's processes, repeatable (they get Lambda's
                        variables, not yours: e.g. --env AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000)
  --init-timeout <s>    deadline for init and the before-snapshot hooks, in seconds (default: 130,
                        Lambda's under SnapStart)
  --plain               skip the snapshot: run the lifecycle in plain processes
  --require-snapshot    exit 1 when no snapshot could be taken (the fallback to plain processes):
                        for CI, where the fallback would otherwise pass unnoticed
  --platform lwa|microvm
                        a web app (its JavaScript entry) serving snapshot-restore/http's hooks, driven
                        through Lambda Web Adapter's SnapStart sequence or Lambda MicroVMs' hooks
                        (ready, asked again on 503; validate; run with --event's JSON as the payload;
                        requests; suspend twice, resume, terminate twice), after trying a V8 snapshot
                        of its init; --invokes is the requests, --plain skips the snapshot attempt
  --show-output         show the function's own output as it runs
  --keep                keep the work folder (snapshot script and blob) and print its path
  --json                print the report as JSON
  --html <file.html>    also write the report as one self-contained HTML page (a timeline)
  --quiet               no progress lines on stderr
  -h, --help            this help

Progress (bundling, init, the snapshot build, each restore) goes to stderr, the report to stdout.

Exit codes: 0 all restores answered; 1 the function failed (init left handles open, failed, called
process.exit() or missed its deadline, a hook or an invoke failed), or --require-snapshot and no
snapshot was taken; 2 bad arguments, a function
that cannot be bundled, or a file or folder that cannot be written.`;

/** The version of the JSON report's shape (\`--json\`), as \`check --format json\` has its own. */
export const EMULATE_JSON_VERSION = 1;

export async function run(args: string[], io: CliIo = processIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        event: { type: 'string' },
        restores: { type: 'string' },
        invokes: { type: 'string' },
        handler: { type: 'string' },
        env: { type: 'string', multiple: true },
        plain: { type: 'boolean' },
        'require-snapshot': { type: 'boolean' },
        'show-output': { type: 'boolean' },
        keep: { type: 'boolean' },
        json: { type: 'boolean' },
        html: { type: 'string' },
        quiet: { type: 'boolean' },
        'init-timeout': { type: 'string' },
        platform: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`emulate: ${(error as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('emulate: expected one entry file (snapshot-restore emulate <entry.ts|bundle.js>)');
  const entry = positionals[0];
  if (!existsSync(resolve(io.cwd, entry)) || !statSync(resolve(io.cwd, entry)).isFile()) throw new UsageError(`emulate: no such file: ${entry}`);
  if (values.plain && values['require-snapshot']) throw new UsageError('emulate: --plain and --require-snapshot contradict each other (--plain takes no snapshot)');
  if (values.platform !== undefined) return runPlatform(values.platform, entry, values, io);
  const restores = count(values.restores, '--restores', 3);
  const invokes = count(values.invokes, '--invokes', 1);
  const lint = lintOptions(values.handler);
  const handler = lint.handler;
  const event = values.event === undefined ? {} : readEvent(values.event, io.cwd);
  const env = Object.fromEntries((values.env ?? []).map(variable));
  const initTimeoutMs = values['init-timeout'] === undefined ? undefined : timeoutSeconds(values['init-timeout']) * 1000;
  const html = values.html === undefined ? undefined : resolve(io.cwd, values.html);
  // Refused before minutes of work, not after: the page is written at the end.
  if (html !== undefined && existsSync(html) && statSync(html).isDirectory()) throw new UsageError(`emulate: --html ${values.html} is a folder; give a file name (report.html)`);
  const progress = values.quiet ? undefined : (line: string) => io.stderr.write(`snapshot-restore: ${line}\n`);

  let result;
  try {
    result = await emulate({
      entry,
      cwd: io.cwd,
      event,
      restores,
      invokes,
      handler,
      env,
      plain: values.plain ?? false,
      echo: values['show-output'] ?? false,
      keep: values.keep ?? false,
      initTimeoutMs,
      progress,
      // The lint runs on the same bundle: its uniqueness findings go next to what the restores showed.
      plugins: [snapshotRestore(lint.options)],
      lintOptions: lint.options,
    });
  } catch (error) {
    if (error instanceof BundleError) {
      if (error.details) io.stderr.write(`${error.details}\n`);
      throw new UsageError(`emulate: ${error.message}`);
    }
    if (error instanceof EmulateSetupError) throw new UsageError(`emulate: ${error.message}`);
    throw error;
  }
  // No report output shows a secret: what looks like one, and the values given to secret-looking names with --env.
  const report = redactDeep(result.report, secretsOf(env));
  const { dir } = result;
  const { name, version } = packageInfo();
  io.stdout.write(values.json ? `${JSON.stringify({ version: EMULATE_JSON_VERSION, tool: { name, version }, ...report }, null, 2)}\n` : formatReport(report));
  if (html !== undefined) {
    try {
      writeFileSync(html, formatHtml(report));
    } catch (error) {
      throw new UsageError(`emulate: cannot write --html ${values.html}: ${(error as Error).message}`);
    }
    io.stderr.write(`snapshot-restore: report written to ${values.html}\n`);
  }
  if (dir) io.stderr.write(`snapshot-restore: work folder kept: ${dir}\n`);
  const failed = report.error !== undefined || report.restores.some((restore) => restore.error || restore.invokes.some((invoke) => !invoke.ok));
  if (values['require-snapshot'] && report.mode !== 'snapshot' && report.error === undefined) {
    io.stderr.write(`snapshot-restore: emulate: no snapshot (--require-snapshot): ${report.fallbackReason ?? 'the function ran in plain processes'}\n`);
    return 1;
  }
  return failed ? 1 : 0;
}

/**
 * The lint's options, checked as the plugin checks them. Emulate shows what the function does,
 * so findings that would fail a build (SR001, SR003 by default) are reported as warnings here,
 * next to the restores, instead of stopping the bundle.
 */
function lintOptions(handlerFlag: string | undefined): { handler: string; options: SnapshotRestoreOptions } {
  let resolved;
  try {
    resolved = resolveOptions({ ...(handlerFlag !== undefined ? { handler: handlerFlag } : {}), manifest: false });
  } catch (error) {
    if (error instanceof OptionsError) throw new UsageError(`emulate: --handler must be an export name, got ${JSON.stringify(handlerFlag)}`);
    throw error;
  }
  const severity = Object.fromEntries(Object.entries(resolved.severity).map(([code, level]) => [code, level === 'error' ? 'warning' : level]));
  return { handler: resolved.handler, options: { handler: resolved.handler, manifest: false, severity } };
}

function count(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new UsageError(`emulate: ${name} must be a whole number from 1 to 100, got ${JSON.stringify(text)}`);
  return value;
}

function timeoutSeconds(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 900) throw new UsageError(`emulate: --init-timeout takes seconds, more than 0 and at most 900, got ${JSON.stringify(text)}`);
  return value;
}

function variable(text: string): [string, string] {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
  if (!match) throw new UsageError(`emulate: --env takes NAME=value, got ${JSON.stringify(text)}`);
  return [match[1], match[2]];
}

function readEvent(file: string, cwd: string): unknown {
  if (!existsSync(resolve(cwd, file))) throw new UsageError(`emulate: no such event file: ${file}`);
  try {
    return JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (error) {
    throw new UsageError(`emulate: ${file} is not JSON: ${(error as Error).message}`);
  }
}

/** `--platform lwa|microvm`: the app driven through the platform's calls (emulator/snapshot/platform.ts). */
async function runPlatform(platform: string, entry: string, values: Record<string, unknown>, io: CliIo): Promise<number> {
  if (platform !== 'lwa' && platform !== 'microvm') throw new UsageError(`emulate: --platform takes lwa or microvm, got ${JSON.stringify(platform)}`);
  if (!/\.[cm]?js$/.test(entry)) throw new UsageError(`emulate: --platform runs the app's JavaScript entry (.js, .mjs, .cjs): build ${entry} first`);
  const payload = values.event === undefined ? undefined : JSON.stringify(readEvent(values.event as string, io.cwd));
  const html = values.html === undefined ? undefined : resolve(io.cwd, values.html as string);
  if (html !== undefined && existsSync(html) && statSync(html).isDirectory()) throw new UsageError(`emulate: --html ${values.html} is a folder; give a file name (report.html)`);
  const report = await emulatePlatform({
    entry,
    platform: platform as Platform,
    cwd: io.cwd,
    env: Object.fromEntries(((values.env as string[] | undefined) ?? []).map(variable)),
    payload,
    requests: count(values.invokes as string | undefined, '--invokes', 1),
    plain: (values.plain as boolean | undefined) ?? false,
    initTimeoutMs: values['init-timeout'] === undefined ? undefined : timeoutSeconds(values['init-timeout'] as string) * 1000,
    // The lint runs on the app's bundle too: its uniqueness findings go in the report.
    plugins: [snapshotRestore(lintOptions(values.handler as string | undefined).options)],
    echo: (values['show-output'] as boolean | undefined) ?? false,
    progress: values.quiet ? undefined : (line: string) => io.stderr.write(`snapshot-restore: ${line}\n`),
  });
  const { name, version } = packageInfo();
  io.stdout.write(values.json ? `${JSON.stringify({ version: EMULATE_JSON_VERSION, tool: { name, version }, ...report }, null, 2)}\n` : formatPlatformReport(report));
  if (html !== undefined) {
    try {
      writeFileSync(html, formatPlatformHtml(report));
    } catch (error) {
      throw new UsageError(`emulate: cannot write --html ${values.html}: ${(error as Error).message}`);
    }
    io.stderr.write(`snapshot-restore: report written to ${values.html}\n`);
  }
  if (values['require-snapshot'] && report.mode !== 'snapshot') {
    io.stderr.write(`snapshot-restore: --require-snapshot: ${report.modeReason}\n`);
    return 1;
  }
  return report.ok ? 0 : 1;
}
