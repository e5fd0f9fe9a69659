// `snapshot-restore check`: lint a Lambda function's code, or an already built bundle, for the
// SnapStart pitfalls the esbuild plugin reports, and say so in text, JSON or SARIF with an exit
// code CI can act on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, toAnalysisRequest } from '../analysis/options.js';
import { oneOf, parseCommandArgs, text } from '../args.js';
import { analyze } from '../analysis/analyze.js';
import { dedupeFindings, fromBuildFinding, sortFindings, summarize } from '../report/findings.js';
import { formatJson } from '../report/json.js';
import { formatText, summaryLine, textStyle } from '../report/text.js';
import { findProjectRoot } from '../report/project-root.js';
import { allRules } from '../report/rules.js';
import { formatSarif } from '../report/sarif.js';
import { processIo, type CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: snapshot-restore check [options] <entry...>
       snapshot-restore check [options] --bundle <file> [--metafile <file>]

Checks a Lambda function for SnapStart pitfalls: hooks registered where they never run, hook
modules loaded lazily, output in which nothing drives the snapshot lifecycle, and the other
findings of the esbuild plugin. File arguments are relative to the current directory.

${ANALYSIS_HELP}

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
  const findings = sortFindings(dedupeFindings(result.findings.map((finding) => fromBuildFinding(finding, request.workingDir))));
  const summary = summarize(findings, failOn);
  const shown = (file: string) => (file.startsWith('../') ? path.resolve(request.workingDir, file) : file);
  const checked = result.checked.length === 1 ? shown(result.checked[0]!) : `${result.checked.length} entries`;

  let report: string;
  if (format === 'json') {
    report = formatJson(findings, summary, result.checked, result.limitations);
  } else if (format === 'sarif') {
    report = formatSarif(findings, {
      workingDir: request.workingDir,
      root: root(),
      fallbackFile: result.checked[0] ?? request.bundle ?? '.',
      limitations: result.limitations,
    });
  } else {
    const style = textStyle(output ? {} : io.stdout, io.env);
    report = formatText(findings, summary, checked, result.limitations, style);
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
