// The shape of a finding, and the severity it is reported with. The codes, their default
// severities and their words live in the rule modules (rules/); findings are bundler-neutral,
// the esbuild adapter turns them into esbuild messages.
import { RULES, type DiagnosticCode } from './rules/index.js';

export type { DiagnosticCode } from './rules/index.js';
export type Severity = 'error' | 'warning' | 'off';

/** One line of documentation per code; the first words of every message repeat it. */
export const DIAGNOSTIC_TITLES = Object.fromEntries(RULES.map((rule) => [rule.id, rule.title])) as Record<DiagnosticCode, string>;

export const DEFAULT_SEVERITY = Object.fromEntries(RULES.map((rule) => [rule.id, rule.defaultSeverity])) as Record<DiagnosticCode, Exclude<Severity, 'off'>>;

/** A place in a source file. line is 1-based, column 0-based (esbuild's convention). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  length: number;
  lineText: string;
}

export interface FindingNote {
  text: string;
  location?: SourceLocation;
}

export interface Finding {
  code: DiagnosticCode;
  /** Message text without the code prefix. */
  message: string;
  location?: SourceLocation;
  /** What to write instead. */
  suggestion?: string;
  notes: FindingNote[];
  /** The build already fixed it (hoisted the registration): reported, but never an error by default. */
  fixed?: boolean;
}

/** "[SR001] message": every message starts with its code so it can be searched and silenced. */
export function formatText(finding: Finding): string {
  return `[${finding.code}] ${finding.message}`;
}

export interface SeverityOptions {
  severity?: Partial<Record<DiagnosticCode, Severity>>;
  /** 'warning': every finding fails the build; 'error' (default): only findings whose severity is 'error'. */
  failOn?: 'error' | 'warning';
}

/**
 * The severity a finding is reported with, after per-code overrides and failOn. A finding the
 * build fixed (a hoisted SR001 / SR003) is at most a warning: the code works as built, the source
 * should still change.
 */
export function effectiveSeverity(finding: Pick<Finding, 'code' | 'fixed'>, options: SeverityOptions): Severity {
  const configured = options.severity?.[finding.code] ?? DEFAULT_SEVERITY[finding.code];
  if (configured === 'off') return 'off';
  if (options.failOn === 'warning') return 'error';
  return finding.fixed ? 'warning' : configured;
}
