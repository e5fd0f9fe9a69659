// The run-time audit of init, in the parent: writes the audited script (the function's bundle as
// a module factory, then the runner) and the preload, starts the local sink, runs the script in
// a plain Node process (its own process group, Lambda's variables only) bounded by a deadline,
// and reads back what the process recorded. Whatever init started is ended afterwards, also
// children that left the group (detached ones), by their process ids.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundledFunction } from '../snapshot/bundle.js';
import { functionEnv } from '../snapshot/function-env.js';
import { killGroup } from '../snapshot/process-group.js';
import { SiteMapper } from '../snapshot/source-map.js';
import { AUDIT_DEADLINE_ENV, AUDIT_RECORD_ENV, AUDIT_SINK_ENV, CREDENTIALS_PATH, type AuditRecord } from './protocol.js';
import { startSink } from './sink.js';
import { SINK_CERT } from './sink-identity.js';
import { withBindingAccessors, type BindingSite, type WrappedModule } from './bindings.js';

export const DEFAULT_AUDIT_TIMEOUT_MS = 20_000;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface RunAuditOptions {
  /** The function's entry as the user named it (absolute): `import.meta`, `require` resolve from it. */
  file: string;
  /** The folder sites are shown relative to. */
  cwd: string;
  /** How long init and the before-snapshot hooks may take before the audit reports what it saw. */
  timeoutMs?: number;
  /** Variables for the function's process on top of Lambda's (emulate's --env). */
  env?: Record<string, string | undefined>;
  /** Called with the audited process's id as soon as it runs (to end it on Ctrl-C). */
  onSpawn?: (pid: number) => void;
}

export interface AuditRun {
  record?: AuditRecord;
  /** Why no record came back (the process crashed before it could write one). */
  failure?: string;
  mapper: SiteMapper;
  /** Children that init started and that were still running afterwards: ended by the audit. */
  endedChildren: number[];
  /** Wall time of the audited process, from spawn to exit. */
  durationMs: number;
  /** The audited process's stderr (the end of it). */
  stderr: string;
  /** The user's module-scope variables the process read at the snapshot point (record.bindings). */
  bindingSites: BindingSite[];
  /** The user's modules that run only when loaded, and whether each did (record.modulesRan). */
  wrappedModules: WrappedModule[];
}

/** A module of this folder as compiled (dist/) or, from the sources (tests), as TypeScript. */
function own(name: string): string {
  const compiled = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
}

const COMMON = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', keepNames: true, legalComments: 'none' } as const;

/** The preload as one CommonJS file in `dir` (for `node --require`); returns its path. */
export async function writePreload(dir: string): Promise<string> {
  const { bundleEntry } = await import('../../plugin/esbuild/bundle-entry.js');
  const out = await bundleEntry({ ...COMMON, entryPoints: [own('preload')] }, 'the audit preload');
  const preload = join(dir, 'audit-preload.cjs');
  writeFileSync(preload, out.outputFiles[0]!.text);
  return preload;
}

async function writeScripts(bundled: BundledFunction, dir: string, file: string): Promise<{ preload: string; script: string; sites: BindingSite[]; modules: WrappedModule[] }> {
  const { bundleEntry } = await import('../../plugin/esbuild/bundle-entry.js');
  const runner = own('runner');
  const common = COMMON;
  const [preload, runnerOut] = await Promise.all([
    writePreload(dir),
    bundleEntry(
      {
        ...common,
        stdin: {
          contents: `import { start } from ${JSON.stringify(runner)};\nstart(snapshotRestoreFactory, ${JSON.stringify({ file })});\n`,
          resolveDir: join(runner, '..'),
          sourcefile: 'snapshot-restore-audit.js',
          loader: 'js',
        },
      },
      'the audit runner',
    ),
  ]);
  const script = join(dir, 'audit-entry.cjs');
  const { factory, sites, modules } = withBindingAccessors(bundled);
  writeFileSync(script, `var snapshotRestoreFactory = ${factory};\n${runnerOut.outputFiles[0]!.text}`);
  return { preload, script, sites, modules };
}

export async function runAudit(bundled: BundledFunction, options: RunAuditOptions): Promise<AuditRun> {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-restore-audit-'));
  const sink = await startSink();
  try {
    const { preload, script, sites, modules } = await writeScripts(bundled, dir, options.file);
    const mapper = new SiteMapper(bundled.sourceMap, script, bundled.linesBefore + 1, bundled.sourceRoot, options.cwd);
    const recordFile = join(dir, 'audit-record.json');
    const caFile = join(dir, 'audit-sink-ca.pem');
    writeFileSync(caFile, SINK_CERT);
    const timeoutMs = options.timeoutMs ?? DEFAULT_AUDIT_TIMEOUT_MS;
    const sinkAddress = `127.0.0.1:${sink.tcpPort}`;
    const env = {
      ...functionEnv(options.file, {
        // Where Lambda's own endpoints would be: the sink, like every other destination.
        AWS_LAMBDA_RUNTIME_API: sinkAddress,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://${sinkAddress}${CREDENTIALS_PATH}`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'snapshot-restore-audit',
        ...options.env,
      }),
      [AUDIT_SINK_ENV]: `${sink.tcpPort},${sink.udpPort},${sink.token},${sink.accessKeyId}`,
      [AUDIT_RECORD_ENV]: recordFile,
      [AUDIT_DEADLINE_ENV]: String(timeoutMs),
      // Node processes that init starts get the preload too: their connections stay here as well.
      NODE_OPTIONS: `--require ${JSON.stringify(preload)}`,
      // The sink terminates TLS with its own throwaway certificate: trusted here, and nowhere else.
      NODE_EXTRA_CA_CERTS: caFile,
    };
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', preload, script], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    // Its own process group keeps a terminal's Ctrl-C from reaching it: end it (and its work folder) here.
    const onSignal = (signal: NodeJS.Signals) => {
      killGroup(child.pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      process.kill(process.pid, signal);
    };
    for (const signal of SIGNALS) process.once(signal, onSignal);
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-8_000);
    });
    // The process reports at its own deadline; this one is for a process stuck in a loop that never yields.
    const killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs + 5_000);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('exit', () => killGroup(child.pid, 'SIGKILL'));
      child.on('close', (code, signal) => resolve({ code, signal }));
      child.on('error', () => resolve({ code: null, signal: null }));
    });
    clearTimeout(killer);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    const durationMs = performance.now() - started;
    const record = existsSync(recordFile) ? (JSON.parse(readFileSync(recordFile, 'utf8')) as AuditRecord) : undefined;
    const endedChildren = endChildren(record);
    if (record) return { record, mapper, endedChildren, durationMs, stderr, bindingSites: sites, wrappedModules: modules };
    const how = exit.signal
      ? `was ended by ${exit.signal}${exit.signal === 'SIGKILL' ? ` after ${timeoutMs / 1000 + 5} s (a loop that never yields?)` : ''}`
      : `exited with code ${exit.code}`;
    return {
      failure: `the audited process ${how} before it could report: ${lastLine(stderr)}`,
      mapper,
      endedChildren,
      durationMs,
      stderr,
      bindingSites: sites,
      wrappedModules: modules,
    };
  } finally {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ends the children init left running (detached ones left the process group, so by id); returns their ids. */
function endChildren(record: AuditRecord | undefined): number[] {
  const ended: number[] = [];
  for (const observation of record?.observations ?? []) {
    if (observation.kind !== 'child' || observation.pid === undefined || !observation.openAtSnapshot) continue;
    killGroup(observation.pid, 'SIGKILL');
    try {
      process.kill(observation.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    ended.push(observation.pid);
  }
  return ended;
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /Error|error/.test(line)) ?? lines.at(-1) ?? 'no output';
}
