// Writing the snapshot script (the user's module factory, then entry.ts with the runtime it
// uses, as one CommonJS file) and building a V8 startup snapshot from it with
// `node --snapshot-blob <blob> --build-snapshot <script>`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundledFunction } from './bundle.js';
import { BUILD_EXIT, BUILD_RECORD_ENV, type InitRecord } from './protocol.js';
import type { EntryConfig } from './entry.js';
import { snapshotBuiltins } from './builtins.js';
import { webGlobalsShape } from './web-globals.js';
import { SiteMapper } from './source-map.js';
import { killGroup } from './process-group.js';

export interface SnapshotScript {
  file: string;
  /** Maps sites in the script back to the user's sources. */
  mapper: SiteMapper;
}

/** An entry as compiled (dist/) or, when running from the sources (tests), as TypeScript. */
export function entryModule(name = 'entry'): string {
  const compiled = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
}

/**
 * `entry` is the program inside the snapshot: entry.ts (a function), or platform-entry.ts (a web
 * app, `emulate --platform`); `config` is what its `start` gets.
 */
export async function writeSnapshotScript(
  bundled: BundledFunction,
  dir: string,
  config: (Partial<EntryConfig> & { file: string }) | object,
  cwd: string,
  entry = entryModule(),
): Promise<SnapshotScript> {
  const { bundleEntry } = await import('../../plugin/esbuild/bundle-entry.js');
  const full = { userBindings: bundled.userBindings, webGlobals: webGlobalsShape(), ...config };
  const result = await bundleEntry(
    {
      stdin: {
        contents: `import { start } from ${JSON.stringify(entry)};\nstart(snapshotRestoreFactory, ${JSON.stringify(full)});\n`,
        resolveDir: join(entry, '..'),
        sourcefile: 'snapshot-restore-emulate.js',
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      keepNames: true,
      legalComments: 'none',
      plugins: [snapshotBuiltins()],
    },
    'the snapshot entry',
  );
  const file = join(dir, 'snapshot-entry.cjs');
  writeFileSync(file, `var snapshotRestoreFactory = ${bundled.factory};\n${result.outputFiles[0].text}`);
  return { file, mapper: new SiteMapper(bundled.sourceMap, file, bundled.linesBefore + 1, bundled.sourceRoot, cwd) };
}

export type BuildOutcome =
  | { ok: true; blob: string; blobBytes: number; durationMs: number; init: InitRecord }
  | {
      ok: false;
      /**
       * open-handles: init left something open; unsupported: init really used what Node cannot
       * snapshot; failed: init or a hook threw; exit: init called process.exit(); crashed,
       * timeout: the build died or did not finish within the init deadline.
       */
      reason: 'open-handles' | 'unsupported' | 'failed' | 'exit' | 'crashed' | 'timeout';
      message: string;
      init?: InitRecord;
      durationMs: number;
      stderr: string;
    };

export interface BuildSnapshotOptions {
  env: Record<string, string>;
  cwd?: string;
  /** Default 130 000 ms, Lambda's init limit under SnapStart. */
  timeoutMs?: number;
  /** Forward the build's output as it arrives. */
  echo?: boolean;
  /** Called every few seconds while the build runs, with the time it has taken so far. */
  onTick?: (elapsedMs: number) => void;
  /** Told of the build's process id, to end it (and what it started) on Ctrl-C. */
  onSpawn?: (pid: number) => void;
}

export const DEFAULT_INIT_TIMEOUT_MS = 130_000;
const TICK_MS = 5_000;

export function buildSnapshot(script: string, dir: string, options: BuildSnapshotOptions): Promise<BuildOutcome> {
  const blob = join(dir, 'snapshot.blob');
  const recordFile = join(dir, 'build-record.json');
  const timeoutMs = options.timeoutMs ?? DEFAULT_INIT_TIMEOUT_MS;
  const started = performance.now();
  // Its own process group: child processes that init started end with it.
  const child = spawn(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', script], {
    cwd: options.cwd,
    env: { ...options.env, [BUILD_RECORD_ENV]: recordFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    if (options.echo) process.stdout.write(text);
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    if (options.echo) process.stderr.write(text);
  });
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    const ticker = setInterval(() => options.onTick?.(performance.now() - started), TICK_MS);
    const closed = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      clearInterval(ticker);
      const durationMs = performance.now() - started;
      const init = existsSync(recordFile) ? (JSON.parse(readFileSync(recordFile, 'utf8')) as InitRecord) : undefined;
      const fail = (reason: Exclude<BuildOutcome, { ok: true }>['reason'], message: string): void =>
        resolve({ ok: false, reason, message, ...(init ? { init } : {}), durationMs, stderr });
      if (timedOut) return fail('timeout', `init did not finish within ${seconds(timeoutMs)} (the init deadline; --init-timeout sets it)`);
      if (init?.exit) return fail('exit', `init called process.exit(${init.exit.code})`);
      if (code === 0 && init && existsSync(blob)) {
        return resolve({ ok: true, blob, blobBytes: statSync(blob).size, durationMs, init });
      }
      if (code === BUILD_EXIT.openHandles) return fail('open-handles', 'init left handles open');
      if (code === BUILD_EXIT.unsupported) return fail('unsupported', 'init really used a built-in module that Node cannot put in a startup snapshot');
      if (code === BUILD_EXIT.failed) return fail('failed', init?.error?.message ?? 'init failed');
      if (code === 0 && !init) return fail('failed', 'init never finished: the module waits for something that never settles');
      return fail('crashed', `the snapshot build exited with ${signal ?? `code ${code}`}: ${firstMeaningfulLine(stderr)}`);
    };
    // Whatever init started and left running ends with the build (it would also hold the pipes open).
    child.on('exit', () => killGroup(child.pid, 'SIGKILL'));
    child.on('close', closed);
  });
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** The line of a crash output that says what went wrong (V8 prints a lot around it). */
function firstMeaningfulLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // V8's "# Fatal error in , line 0" header says nothing; the check that failed follows it.
  const interesting = lines.find((line) => /Error|error|failed|not serialized|Unknown external|Cannot/.test(line) && !line.startsWith('(node:') && !/^# Fatal error in/.test(line));
  const line = interesting ?? lines.find((line) => !line.startsWith('(node:')) ?? 'no output';
  // Node's fetch (undici) holds handles a startup snapshot cannot serialise: the usual cause.
  return /CheckGlobalAndEternalHandles/.test(line)
    ? `${line.replace(/^#\s*/, '')} (init left something Node cannot serialise, such as Node's fetch, undici, loaded by a read of globalThis.Request or Headers)`
    : line;
}
