// What the CLI reports: one finding per diagnostic, whatever produced it (the plugin during an
// in-memory build, or the analysis of an already built bundle), and the summary that decides
// the exit code. Locations keep esbuild's convention: line 1-based, column 0-based.
import * as path from 'node:path';
import type { BuildFinding, BuildLocation, FindingNote, SourceLocation } from '../../plugin/core/index.js';
import { failsAt } from '../../plugin/core/options.js';
import { type Cleared, contradicts } from '../../emulator/audit/cleared.js';

export type FindingSeverity = 'error' | 'warning';

// The same shapes as the plugin's: a location relative to the working directory.
export type FindingLocation = SourceLocation;
export type { FindingNote };

export interface CheckFinding {
  /** SRnnn */
  code: string;
  severity: FindingSeverity;
  /** The message without its `[SRnnn]` prefix. */
  message: string;
  location?: FindingLocation;
  suggestion?: string;
  notes: FindingNote[];
}

export interface Summary {
  errors: number;
  warnings: number;
  failOn: FindingSeverity;
  /** Whether any finding is at or above the fail level: the exit code is then 1. */
  failed: boolean;
}

const CODE_PREFIX = /^\[SR\d{3}\]\s*/;

function locationOf(location: BuildLocation | null, workingDir: string): FindingLocation | undefined {
  if (!location) return undefined;
  const { file, line, column, length, lineText } = location;
  // A file outside the working directory (a bundle in /tmp) reads better absolute than as ../../..
  const shown = file.startsWith('../') ? path.resolve(workingDir, file) : file;
  return { file: shown, line, column, length, lineText };
}

/**
 * The rules write option advice in the plugins' syntax (`severity: { SR007: 'off' }`, the
 * `modules` option); the CLI says the same in its own flags (`--severity SR007=off`, `--wrapper`).
 */
export function inCliSyntax(text: string): string {
  return text.replace(/`severity: \{ (SR\d{3}): '(\w+)' \}`/g, '`--severity $1=$2`').replace(/\bin the `modules` option\b/g, 'with `--wrapper <module>`');
}

/** A finding of the plugin's whole-build check (paths relative to workingDir) as the CLI reports it. */
export function fromBuildFinding(finding: BuildFinding, workingDir: string): CheckFinding {
  const location = locationOf(finding.location, workingDir);
  return {
    code: finding.code,
    severity: finding.severity,
    message: inCliSyntax(finding.text.replace(CODE_PREFIX, '')),
    ...(location ? { location } : {}),
    ...(finding.suggestion ? { suggestion: inCliSyntax(finding.suggestion) } : {}),
    // checkBuild repeats the suggestion as a last note, for esbuild's printer; the CLI shows it
    // once, under the code frame.
    notes: finding.notes
      .filter((note) => !(finding.suggestion && !note.location && note.text === `Suggestion: ${finding.suggestion}`))
      .map((note) => {
        const noteLocation = locationOf(note.location, workingDir);
        return { text: inCliSyntax(note.text), ...(noteLocation ? { location: noteLocation } : {}) };
      }),
  };
}

/** The same finding reached twice (a module shared by two entries) is reported once. */
export function dedupeFindings(findings: CheckFinding[]): CheckFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.code, f.location?.file, f.location?.line, f.location?.column, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The static findings and the run-time audit's, one per line and code (and one per line for a
 * value made at init): where both found the same hazard the static finding stays (its words name
 * the call), and says the run saw it too.
 */
export function mergeFindings(found: CheckFinding[], audited: CheckFinding[], cleared: readonly Cleared[] = []): CheckFinding[] {
  // What the run saw not happen (a connection closed by the snapshot point, a module never loaded at init) drops the static finding.
  const contradicted = (f: CheckFinding) => /^SR1\d\d$/.test(f.code) && cleared.some((c) => contradicts(c, f.location?.file, f.location?.line, f.code));
  found = found.filter((f) => !contradicted(f));
  // A value drawn at init (SR101-SR105) is one hazard whichever rule names it: the static one's
  // code stays (lodash's `random()` is SR101 there, randomness through a library, SR104, in the run).
  const family = (code: string) => (/^SR10[1-5]$/.test(code) ? 'value' : code);
  const place = (f: CheckFinding) => `${f.location?.file ?? ''}\0${f.location?.line ?? 0}`;
  const byFamily = new Map(found.map((f) => [`${family(f.code)}\0${place(f)}`, f]));
  const seen = new Set(found.map((f) => `${f.code}\0${place(f)}`));
  const merged = [...found];
  for (const finding of audited) {
    const same = byFamily.get(`${family(finding.code)}\0${place(finding)}`);
    if (same) {
      const note = 'The run-time audit of init saw it happen too.';
      if (!same.notes.some((n) => n.text === note)) same.notes = [...same.notes, { text: note }];
      continue;
    }
    if (seen.has(`${finding.code}\0${place(finding)}`)) continue;
    seen.add(`${finding.code}\0${place(finding)}`);
    merged.push(finding);
  }
  return merged;
}

/** In file and position order, so output is stable from run to run and reads like the source. */
export function sortFindings(findings: CheckFinding[]): CheckFinding[] {
  return [...findings].sort(
    (a, b) =>
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

export function summarize(findings: CheckFinding[], failOn: FindingSeverity): Summary {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  // The plugin's own meaning of failOn (plugin/core/options.ts): the same findings fail the check and the build.
  return { errors, warnings, failOn, failed: findings.some((f) => failsAt(f.severity, failOn)) };
}
