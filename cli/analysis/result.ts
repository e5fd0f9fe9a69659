// What analysing a project or a bundle gives both commands.
import type { BuildFinding, Manifest } from '../../plugin/core/index.js';

export interface AnalysisResult {
  findings: BuildFinding[];
  /** Undefined when there was no entry point to predict the hooks of. */
  manifest?: Manifest;
  /** What was analysed, relative to the working directory, for the report. */
  checked: string[];
  /** Why some checks could not run (a bundle without a metafile, ...), shown with the report. */
  limitations: string[];
}
