// Findings as Rollup / Vite report them: `this.warn` for each warning (printed by the bundler
// with its location), and one `this.error` that fails the build and lists every error finding
// (Rollup stops at the first `this.error`, so they are gathered into one).
import * as path from 'node:path';
import type { BuildFinding } from '../../core/build/check-build.js';
import { findingText } from './text.js';

export interface RollupLog {
  message: string;
  code?: string;
  pluginCode?: string;
  id?: string;
  loc?: { file?: string; line: number; column: number };
}

export interface RollupReporter {
  warn(log: RollupLog): void;
  error(log: RollupLog): never;
}

export function reportToRollup(context: RollupReporter, findings: BuildFinding[], workingDir: string, placeInMessage = false): void {
  const logOf = (finding: BuildFinding, withPlace: boolean): RollupLog => ({
    message: findingText(finding, withPlace),
    pluginCode: finding.code,
    ...(finding.location
      ? {
          id: path.resolve(workingDir, finding.location.file),
          loc: { file: path.resolve(workingDir, finding.location.file), line: finding.location.line, column: finding.location.column },
        }
      : {}),
  });
  for (const finding of findings) if (finding.severity === 'warning') context.warn(logOf(finding, placeInMessage));
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return;
  if (errors.length === 1) context.error(logOf(errors[0]!, placeInMessage));
  context.error({
    ...logOf(errors[0]!, false),
    message: `${errors.length} snapshot-restore errors:\n${errors.map((f) => findingText(f, true)).join('\n')}`,
  });
}
