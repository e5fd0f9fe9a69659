// Diagnostic codes, their default severity, and the shape of a finding.
// Findings are bundler-neutral; plugin/esbuild-plugin.ts turns them into esbuild messages.

import { UNIQUENESS_RULES, type UniquenessCode } from './rules/uniqueness-rules.js';

export type DiagnosticCode = 'SR001' | 'SR002' | 'SR003' | 'SR004' | 'SR005' | 'SR006' | 'SR007' | UniquenessCode;
export type Severity = 'error' | 'warning' | 'off';

/** One line of documentation per code; the first words of every message repeat it. */
export const DIAGNOSTIC_TITLES: Record<DiagnosticCode, string> = {
  SR001: 'registration inside the handler',
  SR002: 'registration in code that only runs at invoke time',
  SR003: 'a module that registers hooks is loaded lazily',
  SR004: 'a source file that registers hooks is not in the bundle',
  SR005: 'a registration the analysis cannot resolve',
  SR006: 'instance-method hook on a class constructed at invoke time',
  SR007: 'nothing will drive the snapshot lifecycle',
  ...(Object.fromEntries(UNIQUENESS_RULES.map((r) => [r.code, r.title])) as Record<UniquenessCode, string>),
};

export const DEFAULT_SEVERITY: Record<DiagnosticCode, Exclude<Severity, 'off'>> = {
  SR001: 'warning',
  SR002: 'warning',
  SR003: 'warning',
  SR004: 'warning',
  SR005: 'warning',
  SR006: 'warning',
  SR007: 'warning',
  ...(Object.fromEntries(UNIQUENESS_RULES.map((r) => [r.code, 'warning'])) as Record<UniquenessCode, 'warning'>),
};

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

/** The severity a finding is reported with, after per-code overrides and failOn. */
export function effectiveSeverity(code: DiagnosticCode, options: SeverityOptions): Severity {
  const configured = options.severity?.[code] ?? DEFAULT_SEVERITY[code];
  if (configured === 'off') return 'off';
  if (options.failOn === 'warning') return 'error';
  return configured;
}
