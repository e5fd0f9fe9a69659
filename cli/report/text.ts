// The human-readable report, laid out like esbuild's messages: a headline per finding, its code
// frame and suggestion, then each note with its own frame, and a one-line summary at the end.
import { codeFrame, plain, type Paint } from './code-frame.js';
import type { CheckFinding, Summary } from './findings.js';

export interface TextStyle extends Paint {
  error(text: string): string;
  warning(text: string): string;
  bold(text: string): string;
}

const noStyle: TextStyle = { ...plain, error: (t) => t, warning: (t) => t, bold: (t) => t };

const ansi = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const colorStyle: TextStyle = {
  dim: ansi(2, 22),
  marker: ansi(32, 39),
  suggestion: ansi(32, 39),
  error: (t) => ansi(31, 39)(ansi(1, 22)(t)),
  warning: (t) => ansi(33, 39)(ansi(1, 22)(t)),
  bold: ansi(1, 22),
};

/** Colors when writing to a terminal, unless NO_COLOR is set; FORCE_COLOR forces them. */
export function textStyle(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): TextStyle {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return colorStyle;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return noStyle;
  return stream.isTTY ? colorStyle : noStyle;
}

function formatFinding(finding: CheckFinding, style: TextStyle): string {
  const headline = finding.severity === 'error' ? style.error('✘ [ERROR]') : style.warning('▲ [WARNING]');
  const lines = [`${headline} ${style.bold(`[${finding.code}] ${finding.message}`)}`, ''];
  if (finding.location) {
    lines.push(...codeFrame(finding.location, finding.suggestion, '    ', style), '');
  } else if (finding.suggestion) {
    lines.push(`  ${style.suggestion(finding.suggestion)}`, '');
  }
  for (const note of finding.notes) {
    lines.push(`  ${note.text.replace(/\.$/, '')}${note.location ? ':' : ''}`, '');
    if (note.location) lines.push(...codeFrame(note.location, undefined, '    ', style), '');
  }
  return lines.join('\n');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One line: what was found and whether it fails the check. */
export function summaryLine(summary: Summary, checked: string): string {
  if (summary.errors + summary.warnings === 0) return `No SnapStart findings in ${checked}.`;
  const counts = `${plural(summary.errors, 'error')} and ${plural(summary.warnings, 'warning')} in ${checked}`;
  return summary.failed ? `${counts} (failing on ${summary.failOn}s).` : `${counts} (none at the fail level, ${summary.failOn}).`;
}

/** The whole report, ending with a newline. `limitations` say what could not be checked. */
export function formatText(findings: CheckFinding[], summary: Summary, checked: string, limitations: string[], style: TextStyle = noStyle): string {
  const parts = findings.map((finding) => formatFinding(finding, style));
  for (const limitation of limitations) parts.push(`${style.dim('note:')} ${limitation}`);
  parts.push(summaryLine(summary, checked));
  return `${parts.join('\n')}\n`;
}
