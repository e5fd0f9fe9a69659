// The report of one `emulate` run, and how it reads as text.
import type { HookRun, InitRecord, OpenHandle, UnsupportedUse } from './protocol.js';
import type { SameValue } from './same-values.js';

export interface InvokeReport {
  ok: boolean;
  durationMs: number;
  payload?: unknown;
  error?: { errorType: string; errorMessage: string };
}

export interface RestoreReport {
  index: number;
  pid?: number;
  /** From spawning the process to its GET /restore/next (snapshot: deserialization; plain: init too). */
  startMs?: number;
  /** Lambda's restore phase: from the answer to /restore/next to the first /invocation/next. */
  restoreMs?: number;
  afterRestoreMs?: number;
  afterRestoreHooks: HookRun[];
  /** From spawning the process to the first invoke's answer: what a caller waits for on a cold start. */
  firstInvokeMs?: number;
  invokes: InvokeReport[];
  /** A plain process's own init (the fallback). */
  init?: InitRecord;
  /** Why this environment failed (an after-restore hook, an exit). */
  error?: string;
  /** The end of the process's stderr, when it failed. */
  stderr?: string;
}

export interface LintFinding {
  code: string;
  text: string;
  location?: string;
}

export interface EmulateReport {
  /** The Node.js version that ran it (process.version): what can be snapshotted depends on it. */
  node: string;
  /** A flaw of this Node version that changes what a snapshot clones (node-flaws.ts). */
  nodeWarning?: string;
  entry: string;
  /** `snapshot`: restores started from one V8 startup snapshot; `plain`: the fallback. */
  mode: 'snapshot' | 'plain';
  /** Why the snapshot could not be used. */
  fallbackReason?: string;
  /** A failure that stopped the run (open handles at init): the CLI exits 1. */
  error?: string;
  bundle: { bytes: number; durationMs: number };
  build?: {
    durationMs: number;
    initMs: number;
    beforeSnapshotMs: number;
    snapshotBytes?: number;
    beforeSnapshotHooks: HookRun[];
  };
  openHandles: OpenHandle[];
  unsupported: UnsupportedUse[];
  /** Hook names in the order they ran (before-snapshot once; after-restore as in the first restore). */
  hooks: { beforeSnapshot: string[]; afterRestore: string[] };
  restores: RestoreReport[];
  /** How many restores were asked for (`--restores`). */
  restoresAsked: number;
  sameValues: SameValue[];
  /** Why the same-values check could not say much, if so. */
  sameValuesNote?: string;
  /** Set when the values looked at were more than the limits: the list is not complete. */
  sameValuesCut?: string;
  /** The lint's uniqueness findings (SR1xx) from the build. */
  lint: LintFinding[];
  /** The lint's other findings (SR0xx). */
  lintOther: LintFinding[];
  /** The run-time audit of init (its findings are in `lint`): how init ended there, what it left. */
  audit?: { notes: string[]; variablesRead: string[]; durationMs: number };
}

const ms = (value: number | undefined): string => (value === undefined ? '-' : value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`);
const bytes = (value: number): string => (value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(1)} MB` : `${(value / 1024).toFixed(1)} KB`);

/** The before-snapshot hooks as they ran: in the build, or (a build given up before them) in the first plain process. */
export function beforeSnapshotRuns(report: EmulateReport): HookRun[] {
  const built = report.build?.beforeSnapshotHooks ?? [];
  if (built.length > 0 || report.mode === 'snapshot') return built;
  return report.restores.find((restore) => restore.init)?.init?.beforeSnapshotHooks ?? [];
}

const RESPONSE_CHARS = 200;

/** An invoke's response on one line: JSON, cut at RESPONSE_CHARS (--json has all of it). */
function response(payload: unknown): string {
  let text: string;
  try {
    text = payload === undefined ? '(no response body)' : (JSON.stringify(payload) ?? String(payload));
  } catch {
    text = String(payload);
  }
  return text.length > RESPONSE_CHARS ? `${text.slice(0, RESPONSE_CHARS)}... (${text.length} characters; --json shows all)` : text;
}

export function formatReport(report: EmulateReport): string {
  const lines: string[] = [];
  const title = report.mode === 'snapshot' ? 'a V8 startup snapshot, restored in separate processes' : 'plain processes (fallback: no snapshot)';
  lines.push(`snapshot-restore emulate ${report.entry}: ${title}`);
  if (report.nodeWarning) lines.push(`  warning: ${report.nodeWarning}`);
  if (report.fallbackReason) lines.push(`  fallback: ${report.fallbackReason}`);
  for (const use of report.unsupported) lines.push(`    init used ${use.module} (${use.property})${use.site ? ` at ${use.site}` : ''}`);
  if (report.error) lines.push('', `ERROR: ${report.error}`);
  if (report.openHandles.length > 0) {
    lines.push(
      '',
      report.mode === 'snapshot' || report.error
        ? 'Open after init and the before-snapshot hooks (close them in a before-snapshot hook):'
        : 'Left open by init (these would keep a snapshot from being taken):',
    );
    for (const handle of report.openHandles) lines.push(`  - ${handle.description}${handle.site ? `, created at ${handle.site}` : ''}`);
  }

  lines.push('', 'Phases');
  lines.push(`  bundle                 ${ms(report.bundle.durationMs)}  (${bytes(report.bundle.bytes)})`);
  if (report.build) {
    if (report.mode === 'plain') lines.push('  (in the snapshot build that was given up:)');
    lines.push(`  init                   ${ms(report.build.initMs)}`);
    lines.push(`  before-snapshot hooks  ${ms(report.build.beforeSnapshotMs)}`);
    if (report.build.snapshotBytes !== undefined) lines.push(`  snapshot               ${bytes(report.build.snapshotBytes)} (build ${ms(report.build.durationMs)})`);
  }
  for (const restore of report.restores) {
    const pid = restore.pid === undefined ? '' : ` pid ${restore.pid}`;
    lines.push(`  restore ${restore.index}${pid}`);
    if (restore.init) lines.push(`    init ${ms(restore.init.initMs)}, before-snapshot hooks ${ms(restore.init.beforeSnapshotMs)} (in this process)`);
    lines.push(`    process start -> /restore/next ${ms(restore.startMs)}; restore phase ${ms(restore.restoreMs)} (after-restore hooks ${ms(restore.afterRestoreMs)})`);
    restore.invokes.forEach((invoke, index) => {
      const outcome = invoke.ok ? `ok -> ${response(invoke.payload)}` : `failed: ${invoke.error?.errorType}: ${invoke.error?.errorMessage}`;
      lines.push(`    invoke ${index + 1}: ${ms(invoke.durationMs)} ${outcome}`);
    });
    if (restore.firstInvokeMs !== undefined) lines.push(`    process start -> first answer ${ms(restore.firstInvokeMs)}`);
    if (restore.error) lines.push(`    FAILED: ${restore.error}`);
    if (restore.stderr)
      lines.push(
        ...restore.stderr
          .trimEnd()
          .split('\n')
          .slice(-8)
          .map((line) => `      | ${line}`),
      );
  }

  const beforeRuns = beforeSnapshotRuns(report);
  if (report.error && beforeRuns.length === 0) {
    lines.push(...lintLines(report));
    return `${lines.join('\n')}\n`;
  }

  lines.push('', 'Hooks, in the order they ran');
  if (beforeRuns.length === 0) lines.push('  before-snapshot: none');
  for (const [index, hook] of beforeRuns.entries()) {
    lines.push(`  before-snapshot ${index + 1}. ${hook.name} ${ms(hook.durationMs)}  (${hook.site})${hook.error ? `  FAILED: ${hook.error}` : ''}`);
  }
  const afterRuns = report.restores.find((restore) => restore.afterRestoreHooks.length > 0)?.afterRestoreHooks ?? [];
  if (afterRuns.length === 0) lines.push(report.restores.length === 0 ? '  after-restore: did not run (no restore)' : '  after-restore: none');
  for (const [index, hook] of afterRuns.entries()) {
    const times = report.restores.map((restore) => restore.afterRestoreHooks[index]?.durationMs).filter((value): value is number => value !== undefined);
    lines.push(`  after-restore ${index + 1}. ${hook.name} ${times.map(ms).join(' / ')}  (${hook.site})${hook.error ? `  FAILED: ${hook.error}` : ''}`);
  }
  if (report.mode === 'snapshot' && report.restores.length > 0) {
    lines.push(`  before-snapshot hooks ran once, in the build; after-restore hooks ran in each of the ${report.restores.length} restored processes`);
  }
  if (report.error) {
    lines.push(...lintLines(report));
    return `${lines.join('\n')}\n`;
  }

  lines.push('', `Same in every restore (${report.restores.length} restores), although it looks unique (your own modules' values and the responses)`);
  if (report.sameValuesNote) lines.push(`  ${report.sameValuesNote}`);
  else if (report.sameValues.length === 0) lines.push('  nothing found');
  if (report.sameValuesCut) lines.push(`  (${report.sameValuesCut})`);
  for (const same of report.sameValues) {
    lines.push(`  - ${same.where.join(', ')} = ${JSON.stringify(same.value)}  (${same.looksLike})`);
  }
  lines.push(...lintLines(report));
  return `${lines.join('\n')}\n`;
}

function lintLines(report: EmulateReport): string[] {
  const lines = ['', 'Lint: uniqueness findings (SR1xx)'];
  if (report.lint.length === 0) lines.push('  none');
  for (const finding of report.lint) lines.push(`  - ${finding.location ? `${finding.location}: ` : ''}${finding.text}`);
  if (report.lintOther.length > 0) {
    lines.push('', 'Lint: other findings');
    for (const finding of report.lintOther) lines.push(`  - ${finding.location ? `${finding.location}: ` : ''}${finding.text}`);
  }
  if (report.audit && (report.audit.notes.length > 0 || report.audit.variablesRead.length > 0)) {
    lines.push('', `Run-time audit of init (a plain process; every connection went to a local sink), ${ms(report.audit.durationMs)}`);
    for (const note of report.audit.notes) lines.push(`  - ${note}`);
    if (report.audit.variablesRead.length > 0) lines.push(`  - secret-looking variables read at init (values not shown): ${report.audit.variablesRead.join(', ')}`);
  }
  return lines;
}
