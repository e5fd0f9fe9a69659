// The machine-readable report: every finding as plain data, and the summary that decided the
// exit code. Lines and columns are 1-based, as in the text report and in SARIF (the manifest
// keeps esbuild's 0-based columns). Its shape is documented, and tested, in
// docs/check-report.schema.json. A check that could not run (a build that failed) still writes a
// report, with the error and no findings, so that a CI step reading the file does not fail on it.
import type { CheckFinding, FindingLocation, Summary } from './findings.js';
import { packageInfo } from './package-info.js';

/** 2: columns became 1-based, and `error` was added. */
export const JSON_REPORT_VERSION = 2;

type JsonLocation = FindingLocation;

interface JsonFinding extends Omit<CheckFinding, 'location' | 'notes'> {
  location?: JsonLocation;
  notes: Array<{ text: string; location?: JsonLocation }>;
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: string; version: string };
  /** What was checked: entry points, or the bundle. */
  checked: string[];
  findings: JsonFinding[];
  /** What could not be checked (e.g. a bundle without its metafile). */
  limitations: string[];
  summary: Summary;
  /** Why the check could not run (then there are no findings and the exit code is 2). */
  error?: string;
}

const oneBased = (location: FindingLocation): JsonLocation => ({ ...location, column: location.column + 1 });

function toJsonFinding(finding: CheckFinding): JsonFinding {
  return {
    ...finding,
    ...(finding.location ? { location: oneBased(finding.location) } : {}),
    notes: finding.notes.map((note) => ({ ...note, ...(note.location ? { location: oneBased(note.location) } : {}) })),
  };
}

export function formatJson(findings: CheckFinding[], summary: Summary, checked: string[], limitations: string[], error?: string): string {
  const { name, version } = packageInfo();
  const report: JsonReport = {
    version: JSON_REPORT_VERSION,
    tool: { name, version },
    checked,
    findings: findings.map(toJsonFinding),
    limitations,
    summary,
    ...(error !== undefined ? { error } : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
