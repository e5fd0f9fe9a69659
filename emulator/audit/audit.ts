// The run-time audit of init, start to end: bundle the function (a source entry or a built
// bundle, whose own source map esbuild follows), run its init instrumented against the local
// sink, and turn what it did into findings. `check --run` and `emulate` both call this.
import { resolve } from 'node:path';
import type { SnapshotRestoreOptions } from '../../plugin/core/options.js';
import { resolveOptions, toRuntimeModules } from '../../plugin/core/options.js';
import { bundleFunction, type BundledFunction } from '../snapshot/bundle.js';
import { auditFindings, type AuditReport } from './findings.js';
import { runAudit } from './run-audit.js';

export type { AuditReport, AuditedThing } from './findings.js';
export { DEFAULT_AUDIT_TIMEOUT_MS } from './run-audit.js';

export interface AuditInitOptions {
  /** The function: a source entry or a built bundle, relative to cwd or absolute. */
  entry: string;
  cwd: string;
  /** Finding paths are relative to it (default cwd). */
  workingDir?: string;
  /** The plugin's options: wrapper modules and severities, as `check` resolves them. */
  plugin?: SnapshotRestoreOptions;
  timeoutMs?: number;
  /** Variables on top of Lambda's for the audited process. */
  env?: Record<string, string | undefined>;
  /** The function already bundled (emulate has it). */
  bundled?: BundledFunction;
  onSpawn?: (pid: number) => void;
}

export interface AuditResult extends AuditReport {
  /** Wall time of the audited process. */
  durationMs: number;
}

export async function auditInit(options: AuditInitOptions): Promise<AuditResult> {
  const file = resolve(options.cwd, options.entry);
  const workingDir = options.workingDir ?? options.cwd;
  const resolved = resolveOptions(options.plugin ?? {});
  const bundled = options.bundled ?? (await bundleFunction(file, { cwd: options.cwd }));
  const run = await runAudit(bundled, { file, cwd: options.cwd, timeoutMs: options.timeoutMs, env: options.env, onSpawn: options.onSpawn });
  const report = auditFindings(run, { workingDir, modules: toRuntimeModules(resolved.modules, workingDir), severity: resolved.severity });
  return { ...report, durationMs: run.durationMs };
}
