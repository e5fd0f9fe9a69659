// Findings as webpack / Rspack report them: errors and warnings of the compilation (an error
// fails the build, `stats.hasErrors()`), each with its file and location so that the stats
// output prints `WARNING in src/handler.ts 8:2`.
import type { BuildFinding } from '../../core/build/check-build.js';
import { findingText } from './text.js';

export interface WebpackErrorClass {
  new (message?: string): Error & { file?: string; loc?: unknown; hideStack?: boolean; details?: string };
}

export interface ReportingCompilation {
  errors: unknown[];
  warnings: unknown[];
}

export function reportToCompilation(compilation: ReportingCompilation, findings: BuildFinding[], WebpackError: WebpackErrorClass): void {
  for (const finding of findings) {
    const error = new WebpackError(findingText(finding));
    error.name = finding.severity === 'error' ? 'SnapshotRestoreError' : 'SnapshotRestoreWarning';
    error.hideStack = true;
    if (finding.location) {
      error.file = finding.location.file;
      // webpack's locations: line 1-based, column 0-based.
      error.loc = { start: { line: finding.location.line, column: finding.location.column } };
    }
    (finding.severity === 'error' ? compilation.errors : compilation.warnings).push(error);
  }
}
