// Inside the audited process, after the preload: runs the function's init as the stock runtime
// would (the module until it awaits `snapStart()`, or to its end), then the registered
// before-snapshot hooks through the runtime's own registry, then inspects what is still open:
// the snapshot point. A plain process, never a V8 startup snapshot: what a memory snapshot
// (Lambda's Firecracker) clones is what init left, and V8's snapshot would hide some of it (it
// re-seeds Math.random, libraries reset state in their deserialize callbacks).
// The record goes to the file the parent named; then the process exits.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTimedPhase, takeOverSnapStart } from '../../runtime/lifecycle/driver.js';
import { formatError } from '../../runtime/invoke/format-error.js';
import type { Collector } from './collector.js';
import { stackOf } from './collector.js';
import {
  AUDIT_DEADLINE_ENV,
  AUDIT_RECORD_ENV,
  BINDINGS_KEY,
  COLLECTOR_KEY,
  MODULES_RAN_KEY,
  UNSET_KEY,
  type AuditRecord,
  type BindingValue,
  type InitOutcome,
} from './protocol.js';
import type { ModuleFactory } from '../snapshot/entry.js';

const realExit = process.exit;
// The settle pause after the hooks: a destroyed socket closes a few turns of the event loop later.
const SETTLE_MS = 200;
const POLL_MS = 50;
/**
 * After the settle pause, how long the snapshot point waits for connections that are closing to
 * close: the grace the snapshot build gives init's handles (emulator/snapshot/entry.ts), so that
 * the audit calls open what the build would refuse as open.
 */
const CLOSING_GRACE_MS = 500;

export function start(factory: ModuleFactory, config: { file: string }): void {
  const collector = (globalThis as Record<symbol, Collector | undefined>)[Symbol.for(COLLECTOR_KEY)];
  if (!collector) {
    process.stderr.write('snapshot-restore audit: the preload did not run\n');
    realExit.call(process, 70);
    return;
  }
  (globalThis as Record<symbol, unknown>)[Symbol.for(BINDINGS_KEY)] = [];
  (globalThis as Record<symbol, unknown>)[Symbol.for(MODULES_RAN_KEY)] = [];
  void audit(collector, factory, config);
}

/** What the user's module-scope variables hold at the snapshot point (bindings.ts registered the readers). */
function readBindings(collector: Collector): BindingValue[] {
  const readers = (globalThis as Record<symbol, Array<{ ids: number[]; read: () => unknown[] }> | undefined>)[Symbol.for(BINDINGS_KEY)] ?? [];
  const unset = Symbol.for(UNSET_KEY);
  const values: BindingValue[] = [];
  for (const reader of readers) {
    let read: unknown[];
    try {
      read = reader.read();
    } catch {
      continue;
    }
    for (const [index, id] of reader.ids.entries()) {
      const value = read[index];
      if (value === unset) {
        values.push({ id, shape: 'unset', carries: [], asBytes: false });
        continue;
      }
      try {
        values.push({ id, ...collector.taint.report(value) });
      } catch {
        // A value that cannot be read (a revoked proxy): nothing known of it.
      }
    }
  }
  return values;
}

function errorStack(error: unknown): string[] {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  return stack
    .split('\n')
    .slice(1)
    .map((frame) => /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(frame)?.[1])
    .filter((site): site is string => site !== undefined);
}

async function audit(collector: Collector, factory: ModuleFactory, config: { file: string }): Promise<void> {
  const driver = takeOverSnapStart();
  const started = collector.quiet(() => performance.now());
  const cpu = process.cpuUsage();
  const record: AuditRecord = { outcome: { state: 'finished' }, observations: [], beforeSnapshotHooks: [], calledSnapStart: false, initMs: 0, initCpuMs: 0 };
  const endInit = () => {
    record.initMs = collector.quiet(() => performance.now()) - started;
    const used = process.cpuUsage(cpu);
    record.initCpuMs = (used.user + used.system) / 1000;
  };
  let written = false;
  // `settle`: let what is under way land first (a failed init's other clients connect a turn later).
  const finish = (outcome?: InitOutcome, settle = true): void => {
    if (written) return;
    written = true;
    if (outcome) record.outcome = outcome;
    if (record.initMs === 0) endInit();
    if (settle) collector.quiet(() => setTimeout(() => whenClosed(write), SETTLE_MS));
    else write();
  };
  // A connection that is closing (a request sent with `Connection: close`, an SMTP QUIT, an end()
  // the peer has yet to answer) is closed by the time a snapshot would be taken: wait for it.
  const whenClosed = (then: () => void): void => {
    const closed = collector.closed();
    if (!closed) return then();
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      then();
    };
    void closed.then(once);
    collector.quiet(() => setTimeout(once, CLOSING_GRACE_MS));
  };
  const write = (): void => {
    collector.inspect();
    record.observations = collector.observations();
    collector.clockStopped = true;
    record.bindings = readBindings(collector);
    record.modulesRan = [...((globalThis as Record<symbol, number[] | undefined>)[Symbol.for(MODULES_RAN_KEY)] ?? [])];
    if (collector.cut) record.cut = true;
    const file = process.env[AUDIT_RECORD_ENV];
    if (file) writeFileSync(file, JSON.stringify(record));
    realExit.call(process, 0);
  };

  // What ends init early still ends with a record: an exit, an error nobody caught, an empty
  // event loop, waiting on the sink forever, the deadline.
  process.exit = function exit(code?: number | string | null): never {
    finish({ state: 'exit', code: Number(code ?? process.exitCode ?? 0), stack: stackOf(exit) }, false);
    return undefined as never;
  } as typeof process.exit;
  const failed = (error: unknown) => finish({ state: 'failed', phase: collector.phase, message: formatError(error), stack: errorStack(error) });
  process.on('uncaughtException', failed);
  process.on('unhandledRejection', failed);
  process.on('beforeExit', () => finish({ state: 'never-settles' }, false));
  const deadline = Number(process.env[AUDIT_DEADLINE_ENV]) || 20_000;
  collector.quiet(() => setTimeout(() => finish({ state: 'deadline', ms: deadline }, false), deadline).unref());
  const baseline = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) baseline.set(type, (baseline.get(type) ?? 0) + 1);
  let idlePolls = 0;
  collector.quiet(() =>
    setInterval(() => {
      if (waitsOnSinkOnly(collector, baseline)) idlePolls++;
      else idlePolls = 0;
      if (idlePolls >= 3) finish({ state: 'waiting-on-sink' });
    }, POLL_MS).unref(),
  );

  const requireFn = createRequire(config.file);
  const importMeta = { url: pathToFileURL(config.file).href, dirname: dirname(config.file), filename: config.file };
  const module = Promise.resolve()
    .then(() => factory(requireFn, importMeta, config.file, dirname(config.file))())
    .then(
      () => undefined,
      (error: unknown) => error ?? new Error(String(error)),
    );
  const first = await Promise.race([module, driver.called.then(() => 'snapStart' as const)]);
  endInit();
  record.calledSnapStart = first === 'snapStart';
  if (first !== undefined && first !== 'snapStart') return failed(first);

  collector.phase = 'before-snapshot';
  try {
    await runTimedPhase('beforeSnapshot', driver.options().beforeSnapshotTimeoutMs, (timing) =>
      record.beforeSnapshotHooks.push({
        name: timing.name,
        site: timing.site,
        ...(timing.error !== undefined ? { error: timing.error instanceof Error ? `${timing.error.name}: ${timing.error.message}` : String(timing.error) } : {}),
      }),
    );
  } catch (error) {
    return failed(error);
  }
  // The snapshot point, once what the hooks closed has closed.
  finish();
}

/**
 * Whether nothing can happen any more: init is pending, and everything that could wake it is a
 * socket to the sink (one it does not answer) or a datagram socket; no timer, file operation,
 * child process or lookup is in flight.
 */
function waitsOnSinkOnly(collector: Collector, baseline: ReadonlyMap<string, number>): boolean {
  const left = new Map(baseline);
  // Sockets (to the sink: an answered one would have moved init on), and pipes: this process's own stdout and stderr, made
  // when first written to (a child's pipes come with its ProcessWrap, which is not on the list).
  const waiting = new Set(['TCPSocketWrap', 'TCPWRAP', 'TLSWrap', 'UDPWrap', 'TCPServerWrap', 'PipeWrap', 'TTYWrap']);
  for (const type of process.getActiveResourcesInfo()) {
    const known = left.get(type) ?? 0;
    if (known > 0) left.set(type, known - 1);
    else if (!waiting.has(type)) return false;
  }
  return collector.openHeld('socket') + collector.openHeld('datagram') + collector.openHeld('server') > 0;
}
