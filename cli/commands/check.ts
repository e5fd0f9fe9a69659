// `snapshot-restore check`: lint a Lambda function's code, or an already built bundle, for the
// SnapStart pitfalls the esbuild plugin reports, and say so in text, JSON or SARIF with an exit
// code CI can act on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, toAnalysisRequest } from '../analysis/options.js';
import { oneOf, parseCommandArgs, text } from '../args.js';
import { analyze } from '../analysis/analyze.js';
import type { BuildFinding } from '../../plugin/core/index.js';
import type { AnalysisRequest } from '../analysis/options.js';
import { dedupeFindings, fromBuildFinding, mergeFindings, sortFindings, summarize } from '../report/findings.js';
import { formatJson } from '../report/json.js';
import { formatText, summaryLine, textStyle } from '../report/text.js';
import { findProjectRoot } from '../report/project-root.js';
import { allRules } from '../report/rules.js';
import { formatSarif } from '../report/sarif.js';
import { processIo, type CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import type { Cleared } from '../../emulator/audit/cleared.js';

export const help = `Usage: snapshot-restore check [options] <entry...>
       snapshot-restore check [options] --bundle <file> [--metafile <file>]
       snapshot-restore check --run [options] <entry...> | --bundle <file>

Checks a Lambda function for SnapStart pitfalls: hooks registered where they never run, hook
modules loaded lazily, output in which nothing drives the snapshot lifecycle, and the other
findings of the esbuild plugin. File arguments are relative to the current directory.

${ANALYSIS_HELP}

Run-time audit (docs/audit.md):
  --run                        also run the function's init (and its before-snapshot hooks) in an
                               instrumented Node process and report what it really did: sockets
                               still open at the snapshot point, timers still armed, randomness
                               drawn, keys generated, clock and credential reads, each at your
                               line. Nothing leaves this machine: every name resolves to
                               127.0.0.1 and every connection goes to a local sink that never
                               answers. Only Lambda's variables are set, not your shell's
  --run-timeout <s>            how long init may take in the audit (default: 20)

Report:
  --format text|json|sarif     text (default), a JSON report (its JSON Schema ships in the package:
                               node_modules/snapshot-restore-tools/docs/check-report.schema.json), or
                               SARIF 2.1.0 for GitHub code scanning
  --output <file>              write the report to a file instead of stdout; if the check cannot run
                               (a build error), a json or sarif report that carries the error is
                               still written
  --fail-on warning|error      the findings that make the check fail (default: error)
  --root <dir>                 SARIF paths are relative to it (default: the enclosing git repository)
  -h, --help                   show this help

Exit codes: 0 no findings at the fail level, 1 findings at the fail level, 2 bad arguments or
a build that failed (one line on stderr).

Codes (default severity; each has a page in docs/rules/):
${allRules()
  .map((rule) => `  ${rule.id}  ${rule.defaultLevel.padEnd(7)}  ${rule.title}`)
  .join('\n')}

Examples:
  snapshot-restore check src/handler.ts
  snapshot-restore check --bundle cdk.out/asset.1234/index.mjs --metafile cdk.out/asset.1234/index.meta.json
  snapshot-restore check src/*.ts --format sarif --output snapshot-restore.sarif --fail-on warning`;

const OPTIONS = {
  ...ANALYSIS_OPTIONS,
  run: { type: 'boolean' },
  'run-timeout': { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(args: string[], io: CliIo = processIo()): Promise<number> {
  const parsed = parseCommandArgs('check', args, OPTIONS, true);
  const request = toAnalysisRequest('check', parsed, io.cwd);
  const format = oneOf('check', 'format', parsed.values.format, ['text', 'json', 'sarif'] as const, 'text');
  const failOn = oneOf('check', 'fail-on', parsed.values['fail-on'], ['error', 'warning'] as const, 'error');
  const output = text(parsed.values.output);
  const rootOption = text(parsed.values.root);
  if (rootOption && !fs.existsSync(path.resolve(io.cwd, rootOption))) throw new UsageError(`check: --root directory not found: ${rootOption}`);

  const root = () => path.resolve(io.cwd, rootOption ?? findProjectRoot(request.workingDir));
  const writeReport = (report: string) => {
    const file = path.resolve(io.cwd, output!);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, report);
  };

  let result: Awaited<ReturnType<typeof analyze>>;
  try {
    result = await analyze(request);
  } catch (error) {
    // A CI step uploads the report file next: give it a valid report that carries the error.
    if (output && format !== 'text' && error instanceof UsageError) {
      const none = summarize([], failOn);
      writeReport(
        format === 'json'
          ? formatJson([], none, [], [], error.message)
          : formatSarif([], { workingDir: request.workingDir, root: root(), fallbackFile: request.bundle ?? '.', limitations: [], error: error.message }),
      );
    }
    throw error;
  }
  const runTimeoutMs = runTimeout(parsed.values['run-timeout']);
  if (runTimeoutMs !== undefined && !parsed.values.run) throw new UsageError('check: --run-timeout needs --run');
  let staticFindings = result.findings.map((finding) => fromBuildFinding(finding, request.workingDir));
  const limitations = [...result.limitations];
  if (parsed.values.run) {
    const audited = await auditRequest(request, runTimeoutMs);
    staticFindings = mergeFindings(
      staticFindings,
      audited.findings.map((finding) => fromBuildFinding(finding, request.workingDir)),
      audited.cleared,
    );
    limitations.push(...audited.notes);
  }
  const findings = sortFindings(dedupeFindings(staticFindings));
  const summary = summarize(findings, failOn);
  const shown = (file: string) => (file.startsWith('../') ? path.resolve(request.workingDir, file) : file);
  const checked = result.checked.length === 1 ? shown(result.checked[0]!) : `${result.checked.length} entries`;

  let report: string;
  if (format === 'json') {
    report = formatJson(findings, summary, result.checked, limitations);
  } else if (format === 'sarif') {
    report = formatSarif(findings, {
      workingDir: request.workingDir,
      root: root(),
      fallbackFile: result.checked[0] ?? request.bundle ?? '.',
      limitations,
    });
  } else {
    const style = textStyle(output ? {} : io.stdout, io.env);
    report = formatText(findings, summary, checked, limitations, style);
  }

  if (output) {
    writeReport(report);
    // The report went to a file; a CI log still shows the outcome.
    io.stderr.write(`${summaryLine(summary, checked)} Report written to ${output}.\n`);
  } else {
    io.stdout.write(report);
  }
  return summary.failed ? 1 : 0;
}

function runTimeout(value: unknown): number | undefined {
  const given = text(value);
  if (given === undefined) return undefined;
  const seconds = Number(given);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 900)
    throw new UsageError(`check: --run-timeout takes seconds, more than 0 and at most 900, got ${JSON.stringify(given)}`);
  return seconds * 1000;
}

/** `--run`: the audit of each entry's init (or of the bundle's), its notes prefixed by the entry when there are several. */
async function auditRequest(request: AnalysisRequest, timeoutMs: number | undefined): Promise<{ findings: BuildFinding[]; notes: string[]; cleared: Cleared[] }> {
  const { auditInit } = await import('../../emulator/audit/audit.js');
  const { BundleError } = await import('../../emulator/snapshot/bundle.js');
  const entries = request.bundle ? [request.bundle] : request.entries;
  const findings: BuildFinding[] = [];
  const notes: string[] = [];
  const cleared: Cleared[] = [];
  for (const entry of entries) {
    let audited;
    try {
      audited = await auditInit({ entry, cwd: request.cwd, workingDir: request.workingDir, plugin: request.plugin, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    } catch (error) {
      if (error instanceof BundleError) throw new UsageError(`check --run: ${error.message}`);
      throw error;
    }
    findings.push(...audited.findings);
    // One entry only: another entry may load the module at init, or keep the connection open.
    if (entries.length === 1) cleared.push(...audited.cleared);
    notes.push(...audited.notes.map((note) => (entries.length > 1 ? `${entry}: ${note}` : note)));
  }
  return { findings, notes, cleared };
}
