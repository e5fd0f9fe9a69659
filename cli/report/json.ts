// The machine-readable report: every finding as plain data, and the summary that decided the
// exit code. Locations keep esbuild's convention (line 1-based, column 0-based), like the
// manifest, so the two can be joined.
import type { CheckFinding, Summary } from './findings.js';
import { packageInfo } from './package-info.js';

export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: string; version: string };
  /** What was checked: entry points, or the bundle. */
  checked: string[];
  findings: CheckFinding[];
  /** What could not be checked (e.g. a bundle without its metafile). */
  limitations: string[];
  summary: Summary;
}

export function formatJson(findings: CheckFinding[], summary: Summary, checked: string[], limitations: string[]): string {
  const { name, version } = packageInfo();
  const report: JsonReport = { version: JSON_REPORT_VERSION, tool: { name, version }, checked, findings, limitations, summary };
  return `${JSON.stringify(report, null, 2)}\n`;
}
