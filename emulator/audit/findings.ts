// From what the audited process recorded to findings: each observation is attributed to the
// user's line (the first frame of the user's own code, through the source map), mapped onto an
// SR1xx code, and kept only where the line says it matters (judge.ts: the value is kept, no
// after-restore hook renews it). One finding per line and code. How init ended, children the
// audit had to end, servers and files left open are notes.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { BuildFinding } from '../../plugin/core/build/check-build.js';
import type { DiagnosticCode } from '../../plugin/core/rules/index.js';
import type { Severity } from '../../plugin/core/diagnostics.js';
import type { RuntimeModule } from '../../plugin/core/options.js';
import { ruleById } from '../../plugin/core/rules/index.js';
import { redact } from '../../plugin/core/rules/redact.js';
import { findingMessage } from '../../plugin/core/rules/rule.js';
import type { UserFrame } from '../snapshot/source-map.js';
import { redactSecrets } from '../snapshot/secrets.js';
import { declarationSpan, judge, judgeDeclaration, type Judgment } from './judge.js';
import { keptAsSecret } from './secret-kind.js';
import type { AuditRun } from './run-audit.js';
import type { BindingValue, Observation } from './protocol.js';
import type { BindingSite } from './bindings.js';
import type { Cleared } from './cleared.js';

/** Libraries whose connections are renewed by their own retries (@smithy/node-http-handler under every AWS SDK v3 client). */
const SELF_HEALING = /^@(?:smithy|aws-sdk)\//;
const SELF_HEALING_FILE = /(?:^|[\\/])node_modules[\\/]@(?:smithy|aws-sdk)[\\/]/;

/** A connection the AWS SDK opened: its library on the way, or anywhere on its stacks (a wrapper of the SDK's in between). */
function selfHealing(run: AuditRun, observation: Observation, frame: UserFrame): boolean {
  if (frame.via && SELF_HEALING.test(frame.via)) return true;
  return [observation.stack, ...(observation.origins ?? [])].some((stack) => stack.some((site) => SELF_HEALING_FILE.test(run.mapper.map(site))));
}

/** Functions that fill their first argument in place. */
const FILLS = new Set(['crypto.randomFillSync', 'crypto.randomFill', 'crypto.getRandomValues']);

/** The static AWS credential variables: SnapStart leaves them unset. */
const AWS_CREDENTIALS = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

export interface AuditedThing {
  kind: Observation['kind'];
  what: string;
  detail?: string;
  /** `file:line:column` of the user's line, or of the library's when no line of the user's is on the stack. */
  site?: string;
  via?: string;
  count: number;
  phase: Observation['phase'];
  openAtSnapshot?: boolean;
}

export interface AuditReport {
  findings: BuildFinding[];
  /** How init ended and what the audit had to do, one sentence each. */
  notes: string[];
  /** Everything seen, attributed (for emulate's report and --format json). */
  seen: AuditedThing[];
  /** Secret-looking variables init read (names only). */
  variablesRead: string[];
  /** What the run contradicts (cleared.ts), only when init finished; paths relative to workingDir. */
  cleared: Cleared[];
}

export interface AuditFindingOptions {
  /** Finding paths are relative to it. */
  workingDir: string;
  modules: RuntimeModule[];
  severity: Record<DiagnosticCode, Severity>;
}

interface Candidate {
  code: DiagnosticCode;
  frame: UserFrame;
  judgment?: Judgment;
  observation: Observation;
  /** A module-scope value of the user's holds what the call gave at the snapshot point (a clock read's time). */
  found?: boolean;
}

const plural = (count: number) => (count > 1 ? ` ×${count}` : '');

export function auditFindings(run: AuditRun, options: AuditFindingOptions): AuditReport {
  const sources = new Map<string, string | undefined>();
  const read = (file: string) => {
    if (!sources.has(file)) {
      try {
        sources.set(file, readFileSync(file, 'utf8'));
      } catch {
        // Not on disk (a deployed bundle's sources): the text its source map carries.
        sources.set(file, run.mapper.contentOf(file));
      }
    }
    return sources.get(file);
  };
  const report: AuditReport = { findings: [], notes: [], seen: [], variablesRead: [], cleared: [] };
  const record = run.record;
  if (!record) {
    report.notes.push(`the run-time audit of init could not run: ${run.failure ?? 'no record'}`);
    return report;
  }
  const candidates: Candidate[] = [];
  const timedReads: TimedRead[] = [];
  const directReads: Array<{ id: number; own?: BindingValue }> = [];
  const variables = new Set<string>();
  const values = new KeptValues(run.bindingSites, record.bindings ?? []);
  for (const observation of record.observations) {
    const frame = attribute(run, observation);
    const librarySite = frame ? undefined : (run.mapper.userSite(observation.stack) ?? firstMapped(run, observation.stack));
    report.seen.push({
      kind: observation.kind,
      what: observation.what,
      ...(observation.detail !== undefined ? { detail: redactSecrets(observation.detail) } : {}),
      ...(frame ? { site: `${frame.shown}:${frame.line}:${frame.column}` } : librarySite ? { site: librarySite } : {}),
      ...(frame?.via ? { via: frame.via } : {}),
      count: observation.count,
      phase: observation.phase,
      ...(observation.openAtSnapshot !== undefined ? { openAtSnapshot: observation.openAtSnapshot } : {}),
    });
    if (observation.kind === 'credential' && frame) variables.add(observation.what);
    if (!frame) continue;
    const immediate = run.mapper.userFrame(observation.stack.slice(0, 1)) !== undefined;
    let code = codeOf(observation, frame, immediate, (observation.kind === 'socket' || observation.kind === 'datagram') && selfHealing(run, observation, frame));
    // A clock read inside a library, or in work init queued: a hazard when a value init keeps holds its time.
    const timed = !code && observation.kind === 'clock' && values.keepsTime(observation.id, { shared: true });
    if (timed) code = 'SR105';
    if (!code) continue;
    const source = read(frame.file);
    const judgment = source === undefined ? undefined : judge(source, frame.file, frame.line, frame.column, options.modules);
    if (timed) {
      if (judgment?.loadsModule) continue;
      const own = judgment ? values.at(frame.file, judgment.keptBinding) : undefined;
      timedReads.push({ code, frame, observation, ...(judgment ? { judgment } : {}), found: true, ...(own && own.shape !== 'unset' ? { own } : {}) });
      continue;
    }
    if (observation.kind === 'clock' && judgment) {
      const own = values.at(frame.file, judgment.keptBinding);
      directReads.push({ id: observation.id, ...(own && own.shape !== 'unset' ? { own } : {}) });
    }
    if (judgment?.handedTo && !holds(values.at(frame.file, judgment.keptBinding), observation)) continue;
    if (code === 'SR104' && judgment) {
      // Randomness a library drew: a hazard when what the line keeps carries it (values.ts).
      code = libraryDraw(observation, judgment, values.at(frame.file, judgment.keptBinding));
      if (!code) continue;
    }
    candidates.push({ code, frame, observation, ...(judgment ? { judgment } : {}) });
  }
  candidates.push(...keptTimes(timedReads, directReads, values));
  report.variablesRead = [...variables].sort();
  candidates.push(...carriedElsewhere(run, values, candidates, read, options));
  candidates.push(...keptCredentials(values, read, options));
  // Text kept from randomness a library drew: a salt, token or secret is SR103, an ID SR104.
  for (const candidate of candidates) if (candidate.code === 'SR104' && candidate.observation.kind === 'random' && keptAsSecret(candidate.judgment)) candidate.code = 'SR103';

  // A connection's own timers and handshake randomness are part of the connection: one finding, SR107.
  const connectionLines = new Set(candidates.filter((c) => c.code === 'SR107' && keeps(c)).map((c) => `${c.frame.file}:${c.frame.line}`));
  const byLine = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    if (!keeps(candidate)) continue;
    const line = `${candidate.frame.file}:${candidate.frame.line}`;
    if (
      candidate.code !== 'SR107' &&
      connectionLines.has(line) &&
      (candidate.code === 'SR106' || candidate.code === 'SR105' || candidate.observation.kind === 'random' || candidate.code === 'SR103')
    )
      continue;
    const key = `${line}\0${candidate.code}`;
    byLine.set(key, [...(byLine.get(key) ?? []), candidate]);
  }
  for (const group of byLine.values()) {
    const first = group[0]!;
    const severity = options.severity[first.code];
    if (severity === 'off') continue;
    const { message, suggestion } = describe(first.code, group);
    const file = relative(options.workingDir, first.frame.file).split(sep).join('/');
    const judgment = first.judgment;
    const location = {
      file,
      line: first.frame.line,
      column: judgment?.column ?? first.frame.column - 1,
      length: judgment?.length ?? 0,
      lineText: judgment?.lineText ?? '',
      suggestion,
    };
    report.findings.push({
      code: first.code,
      severity,
      text: `[${first.code}] ${message}`,
      location,
      notes: [{ text: `Suggestion: ${suggestion}`, location: null }],
      suggestion,
    });
  }
  report.notes.push(...outcomeNotes(run), ...leftOpenNotes(run));
  if (record.outcome.state === 'finished') report.cleared = cleared(run, options.workingDir);
  return report;
}

/**
 * What a finished run contradicts: a line whose connections were all closed by the snapshot
 * point (a request sent with `Connection: close`, a verify that quits) or are the AWS SDK's, and a module of the
 * user's that runs only when loaded and whose top level never ran at init (a module the handler
 * imports lazily: its marker, bindings.ts).
 */
function cleared(run: AuditRun, workingDir: string): Cleared[] {
  const shown = (file: string) => relative(workingDir, file).split(sep).join('/');
  const sockets = new Map<string, { file: string; line: number; open: boolean }>();
  for (const observation of run.record!.observations) {
    if (observation.kind !== 'socket') continue;
    const frame = attribute(run, observation);
    if (!frame) continue;
    const key = `${frame.file}\0${frame.line}`;
    const known = sockets.get(key);
    // The AWS SDK's keep-alive sockets are no hazard open (codeOf): the line's other connections decide.
    const open = observation.openAtSnapshot === true && !selfHealing(run, observation, frame);
    sockets.set(key, { file: frame.file, line: frame.line, open: (known?.open ?? false) || open });
  }
  const out: Cleared[] = [...sockets.values()].filter((s) => !s.open).map((s) => ({ file: shown(s.file), line: s.line, code: 'SR107' }));
  const ran = new Set(run.record!.modulesRan ?? []);
  for (const module of run.wrappedModules) if (!ran.has(module.index)) out.push({ file: shown(module.file), neverLoaded: true });
  return out;
}

/**
 * The user's line behind an observation: on its own stack, else on the stacks that queued the
 * asynchronous work it ran in (a connection opened in a library's nextTick belongs to the
 * `new Redis()` that queued it). The library it went through is named either way.
 */
function attribute(run: AuditRun, observation: Observation): UserFrame | undefined {
  const own = run.mapper.userFrame(observation.stack);
  if (own) return own;
  for (const origin of observation.origins ?? []) {
    const frame = run.mapper.userFrame(origin);
    if (!frame) continue;
    const via = run.mapper.firstLibrary(observation.stack) ?? frame.via;
    return { ...frame, ...(via ? { via } : {}) };
  }
  return undefined;
}

function firstMapped(run: AuditRun, stack: readonly string[]): string | undefined {
  for (const site of stack) {
    const mapped = run.mapper.map(site);
    if (mapped !== site) return mapped;
  }
  return undefined;
}

/** The user's module-scope variables and what they held at the snapshot point. */
class KeptValues {
  readonly #byLine = new Map<string, Array<{ site: BindingSite; value: BindingValue }>>();
  readonly all: Array<{ site: BindingSite; value: BindingValue }> = [];

  constructor(sites: readonly BindingSite[], values: readonly BindingValue[]) {
    const byId = new Map(values.map((value) => [value.id, value]));
    for (const site of sites) {
      const value = byId.get(site.id);
      if (!value) continue;
      const key = `${site.file}\0${site.line}`;
      this.#byLine.set(key, [...(this.#byLine.get(key) ?? []), { site, value }]);
      this.all.push({ site, value });
    }
  }

  /**
   * The value of the variable `name` declared at `file`:`line` (esbuild may have renamed it
   * `name2`, and hoists the variables of a module it loads lazily to a line of their own).
   */
  at(file: string, binding: { name: string; line: number } | undefined): BindingValue | undefined {
    if (!binding) return undefined;
    const named = (entry: { site: BindingSite }) => entry.site.name === binding.name || new RegExp(`^${binding.name.replace(/\$/g, '\\$')}\\d+$`).test(entry.site.name);
    const here = (this.#byLine.get(`${file}\0${binding.line}`) ?? []).filter(named);
    const exact = here.find((entry) => entry.site.name === binding.name);
    if (exact) return exact.value;
    if (here.length === 1) return here[0]!.value;
    const inFile = this.all.filter((entry) => entry.site.file === file && named(entry));
    return inFile.length === 1 ? inFile[0]!.value : undefined;
  }

  /** Whether a value kept at the snapshot point (not one of `except`) holds the time clock read `id` gave (`shared`: or may hold it). */
  keepsTime(id: number, { except, shared = false }: { except?: ReadonlySet<BindingValue>; shared?: boolean } = {}): boolean {
    return this.all.some(({ value }) => value.shape !== 'unset' && !except?.has(value) && keepsRead(value, id, shared));
  }
}

/** Whether a kept value holds the time clock read `id` gave (`shared`: or a time it shares with other reads). */
function keepsRead(value: BindingValue, id: number, shared: boolean): boolean {
  return value.clock?.includes(id) === true || (shared && value.clockShared?.includes(id) === true);
}

/** Whether a kept value holds what the observation gave: the randomness it drew, the time it read. */
function holds(value: BindingValue | undefined, observation: Observation): boolean {
  if (!value || value.shape === 'unset') return false;
  if (observation.kind === 'random') return value.carries.includes(observation.id);
  if (observation.kind === 'clock') return keepsRead(value, observation.id, true);
  // A key, a timer, a socket handed over: the object holds it as long as it holds anything.
  return true;
}

/**
 * Randomness drawn inside a library call: a hazard when the value the line keeps is made of it
 * (an ID, a key, random bytes), not when the library drew it for a purpose of its own (a
 * client's retry jitter or internal name). SR103 when the value is the bytes or a key, SR104 for
 * an ID made from them. Undefined: no hazard.
 */
function libraryDraw(observation: Observation, judgment: Judgment, value: BindingValue | undefined): DiagnosticCode | undefined {
  // What a module draws while it loads is its own state, whoever required it.
  if (judgment.loadsModule) return undefined;
  // Not found (kept in a property, destructured): as the line reads.
  if (!value) return 'SR104';
  // Never assigned: init stopped in the call, so there is no value to clone.
  if (value.shape === 'unset') return undefined;
  // A client or a task keeps what it drew for itself (its client id, its jitter): its connection and timers are what matter.
  if (value.shape === 'service') return undefined;
  if (value.carries.includes(observation.id)) return value.asBytes ? 'SR103' : 'SR104';
  switch (value.shape) {
    case 'primitive':
      // Text made from a number drawn (`Math.random().toString(36)`, blocks of digits) keeps no trace of
      // it; a binary string (one byte a character) is random bytes made by the library's own generator.
      return value.binary ? 'SR103' : 'SR104';
    case 'bytes':
    case 'key':
      return 'SR103';
    default:
      // A client, a task, an object that does not carry what was drawn.
      return undefined;
  }
}

/**
 * Kept values that carry randomness a library drew on another line: an ID generator whose pool
 * (uuid's, bson's process-unique bytes) was filled by an earlier call hands out IDs made of it
 * without drawing again. A draw reported (or renewed) on its own line that put the value where the
 * variable holds it is that line's, not the declaration's: a line that hands it to the variable
 * (`map.set(k, draw())` below `const map = new Map()`), a draw inside the declaration's own
 * statement (a property of a frozen literal), or one the declaration's call ran (the field
 * initialisers of `new Telemetry()`).
 */
function carriedElsewhere(
  run: AuditRun,
  values: KeptValues,
  candidates: readonly Candidate[],
  read: (file: string) => string | undefined,
  options: AuditFindingOptions,
): Candidate[] {
  const found: Candidate[] = [];
  const lineOf = (c: Candidate) => `${c.frame.file}:${c.frame.line}`;
  const reported = new Set(candidates.filter((c) => c.code === 'SR103' || c.code === 'SR104').map(lineOf));
  // The draws the line that made them accounts for: it keeps the value (a finding there) or an after-restore hook makes it again.
  const settled = new Map(candidates.filter((c) => c.observation.kind === 'random' && (keeps(c) || c.judgment?.renewed === true)).map((c) => [c.observation.id, c]));
  const byId = new Map(run.record!.observations.map((o) => [o.id, o]));
  for (const { site, value } of values.all) {
    if (value.carries.length === 0 || value.shape === 'service' || value.shape === 'unset') continue;
    if (reported.has(`${site.file}:${site.line}`)) continue;
    const source = read(site.file);
    if (source === undefined) continue;
    const span = declarationSpan(source, site.file, site.line, site.name) ?? declarationSpan(source, site.file, site.line, site.name.replace(/\d+$/, ''));
    const accountedFor = (draw: Candidate): boolean => {
      const base = site.name.replace(/\d+$/, '');
      for (const binding of [draw.judgment?.keptBinding, draw.judgment?.handedBinding]) if (binding?.line === site.line && binding.name === base) return true;
      if (draw.frame.file !== site.file) return false;
      if (span && draw.frame.line >= span.start && draw.frame.line <= span.end) return true;
      return [draw.observation.stack, ...(draw.observation.origins ?? [])].some((stack) =>
        stack.some((at) => {
          const frame = run.mapper.userFrame([at]);
          return frame?.file === site.file && frame.line === site.line;
        }),
      );
    };
    let drawn: { observation: Observation; via: string } | undefined;
    for (const id of value.carries) {
      const observation = byId.get(id);
      if (observation?.kind !== 'random') continue;
      const draw = settled.get(id);
      if (draw && accountedFor(draw)) continue;
      const frame = attribute(run, observation);
      if (frame?.via && !(frame.file === site.file && frame.line === site.line)) drawn = { observation, via: frame.via };
    }
    if (!drawn) continue;
    const name = site.name.replace(/\d+$/, '');
    const judgment = judgeDeclaration(source, site.file, site.line, site.name, options.modules) ?? judgeDeclaration(source, site.file, site.line, name, options.modules);
    if (!judgment || judgment.loadsModule) continue;
    reported.add(`${site.file}:${site.line}`);
    const shown = relative(options.workingDir, site.file).split(sep).join('/');
    found.push({
      code: value.asBytes ? 'SR103' : 'SR104',
      frame: { file: site.file, shown, line: site.line, column: judgment.column + 1, via: drawn.via },
      judgment,
      observation: drawn.observation,
    });
  }
  return found;
}

/** What a kept-credentials finding stands on: no call of init's was seen, a value was. */
const KEPT_CREDENTIALS = 'credentials resolved at init';

/**
 * Values init keeps that hold the credentials the function resolved (the sink serves throwaway
 * ones as the container credentials endpoint, taint.ts finds their key id again): the
 * credentials themselves, or a token presigned with them. They expire long before the last
 * restore. SR108 at the line that declares the value, unless an after-restore hook renews it; a
 * client holding them is not reported (the SDK refreshes its own).
 */
function keptCredentials(values: KeptValues, read: (file: string) => string | undefined, options: AuditFindingOptions): Candidate[] {
  const found: Candidate[] = [];
  for (const { site, value } of values.all) {
    if (!value.credential || value.shape === 'service' || value.shape === 'unset') continue;
    const source = read(site.file);
    const judgment = source === undefined ? undefined : judgeDeclaration(source, site.file, site.line, site.name.replace(/\d+$/, ''), options.modules);
    if (judgment?.renewed || judgment?.loadsModule) continue;
    const shown = relative(options.workingDir, site.file).split(sep).join('/');
    found.push({
      code: 'SR108',
      frame: { file: site.file, shown, line: site.line, column: (judgment?.column ?? 0) + 1 },
      ...(judgment ? { judgment } : {}),
      observation: { id: -1, kind: 'credential', what: KEPT_CREDENTIALS, stack: [], count: 1, phase: 'init' },
    });
  }
  return found;
}

interface TimedRead extends Candidate {
  /** The variable the line itself assigns, as it was at the snapshot point. */
  own?: BindingValue;
}

/**
 * Clock reads whose time a kept value holds. A time is only as precise as what keeps it (an
 * Instant keeps seconds, a date its day), so reads in the same second by other lines match too:
 * a line that assigns a variable of its own is judged by that variable alone, and a line that
 * does not (`gauge.setToCurrentTime()`, `this.at = now()` in a constructor) by the kept values
 * no such line claims. A time several reads gave (the same millisecond) is that read's when the
 * others are all judged by variables of their own; otherwise which of them is kept is not known.
 * `direct`: the reads the user's lines made themselves, with the variable each assigns.
 */
function keptTimes(reads: readonly TimedRead[], direct: ReadonlyArray<{ id: number; own?: BindingValue }>, values: KeptValues): Candidate[] {
  const judgedByOwn = [...reads.map((read) => ({ id: read.observation.id, own: read.own })), ...direct].filter((read) => read.own !== undefined);
  const claimed = new Set(judgedByOwn.map((read) => read.own!));
  const ownIds = new Set(judgedByOwn.map((read) => read.id));
  const keptElsewhere = (id: number) =>
    values.keepsTime(id, { except: claimed }) ||
    values.all.some(({ value }) => !claimed.has(value) && value.clockShared?.includes(id) === true && value.clockShared.every((other) => other === id || ownIds.has(other)));
  return reads.filter((read) => (read.own ? keepsRead(read.own, read.observation.id, true) : keptElsewhere(read.observation.id)));
}

/** The code an observation is a hazard of, before the line is read. */
function codeOf(observation: Observation, frame: UserFrame, immediate: boolean, healing: boolean): DiagnosticCode | undefined {
  const direct = frame.via === undefined;
  switch (observation.kind) {
    case 'random':
      if (!direct) return 'SR104';
      if (observation.what === 'Math.random') return 'SR101';
      return observation.what === 'crypto.randomUUID' ? 'SR102' : 'SR103';
    case 'key':
      return 'SR103';
    case 'clock':
      // A library reading the clock (a logger, a cache, Node's own fetch timing) keeps nothing
      // the line hands back: only a read made by the line itself counts.
      return direct && immediate ? 'SR105' : undefined;
    case 'credential':
      return direct && AWS_CREDENTIALS.has(observation.what) ? 'SR108' : undefined;
    case 'timer':
      return observation.openAtSnapshot ? 'SR106' : undefined;
    case 'socket':
    case 'datagram':
      // The AWS SDK's keep-alive sockets heal themselves: a reset one fails with ECONNRESET/EPIPE,
      // which @smithy/core's retry strategy counts as transient and retries on a new socket.
      if (healing) return undefined;
      return observation.openAtSnapshot ? 'SR107' : undefined;
    default:
      return undefined;
  }
}

/** Whether the line keeps what the run saw (values) or leaves it unrenewed (state). */
function keeps(candidate: Candidate): boolean {
  const { code, judgment } = candidate;
  if (judgment?.ignoredCodes && (judgment.ignoredCodes.size === 0 || judgment.ignoredCodes.has(code))) return false;
  switch (code) {
    case 'SR106':
    case 'SR107':
      return !judgment?.touchedAfterRestore;
    case 'SR108':
      return true;
    case 'SR102':
      // randomUUID's entropy cache is cloned even when the UUID is dropped, unless the call turns it off.
      if (judgment?.trueOptions.includes('disableEntropyCache')) return judgment.kept && !judgment.renewed;
      return !judgment?.renewed;
    default: {
      // What the call gave is held by a value init keeps, whatever the line does with it.
      if (candidate.found) return !judgment?.renewed;
      // An in-place fill keeps its value in the buffer it was given, whatever happens to the result.
      const fill = FILLS.has(candidate.observation.what) && judgment?.fillsKept === true;
      return (judgment?.kept === true || fill) && !judgment?.renewed;
    }
  }
}

function describe(code: DiagnosticCode, group: Candidate[]): { message: string; suggestion: string } {
  const first = group[0]!;
  const count = group.reduce((sum, c) => sum + c.observation.count, 0);
  // The message reads as the lint's do (plugin/core/rules/rule.ts): a short first sentence (what,
  // where), then what the run saw, then the rule page.
  const data = {
    call: first.judgment?.call ?? first.observation.what,
    kept: first.judgment?.keptIn ? `, kept in \`${first.judgment.keptIn}\`,` : '',
    whats: `${[...new Set(group.map((c) => c.observation.what))].join(', ')}${plural(count)}`,
    via: first.frame.via ? ` inside ${first.frame.via}` : '',
    when: group.some((c) => c.observation.phase === 'init') ? 'at init' : 'in a before-snapshot hook',
  };
  const target = first.judgment?.keptIn && /^[\w$.#]+$/.test(first.judgment.keptIn) ? first.judgment.keptIn : undefined;
  const renew = target
    ? `compute it in the handler, or renew it in \`registerAfterRestore(() => { ${target} = ...; })\``
    : 'compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)';
  let template: string;
  let extra: Record<string, string> = {};
  let suggestion = renew;
  switch (code) {
    case 'SR101':
    case 'SR102':
    case 'SR103':
      template =
        first.observation.kind === 'key'
          ? '`{{call}}` generated a key {{when}}: every restored environment has the same key. Seen running init{{via}} ({{whats}}): the key{{kept}} is cloned with the snapshot'
          : `\`{{call}}\` drew randomness {{when}}: every restored environment has the same value. Seen running init ({{whats}}): the value{{kept}} is cloned with the snapshot${code === 'SR102' ? ", and randomUUID's entropy cache is cloned too" : ''}`;
      break;
    case 'SR104':
      template =
        '`{{call}}` drew randomness {{when}}: every restored environment has the same ID. Seen running init{{via}} ({{whats}}): what it made (an ID, a seed){{kept}} and the generator state behind it are cloned with the snapshot';
      break;
    case 'SR105':
      template =
        '`{{call}}` read the clock {{when}}: the value says when the snapshot was taken. Seen running init ({{whats}}): the value{{kept}} is cloned with the snapshot, and every restored environment sees that time';
      break;
    case 'SR106':
      extra = { details: [...new Set(group.map((c) => `${c.observation.what} ${c.observation.detail ?? ''}`.trim()))].join(', ') };
      template =
        '`{{call}}` armed a timer {{when}} that was still armed at the snapshot. Seen running init{{via}} ({{details}}): it is cloned into every restored environment, where it fires late or all at once';
      suggestion = `clear it in a before-snapshot hook (\`registerBeforeSnapshot\`) and arm it again in an after-restore hook (\`registerAfterRestore\`)`;
      break;
    case 'SR107':
      extra = {
        destinations: [...new Set(group.map((c) => `${c.observation.what === 'udp' ? 'udp ' : c.observation.what === 'tls' ? 'tls ' : ''}${c.observation.detail ?? '?'}`))].join(
          ', ',
        ),
        holder: first.judgment?.heldBy ? `\`${first.judgment.heldBy}\`` : 'it',
      };
      template =
        '`{{call}}` opened a connection {{when}} still open at the snapshot. Seen running init{{via}}: to {{destinations}}, still open after the before-snapshot hooks ran, and no after-restore hook of this module renews {{holder}}: every environment restored from the snapshot starts with the same connection, long closed on the other side';
      suggestion = `close it in a before-snapshot hook (\`registerBeforeSnapshot\`) and open it again in an after-restore hook (\`registerAfterRestore\`), or connect in the handler`;
      break;
    case 'SR108':
      if (first.observation.what === KEPT_CREDENTIALS) {
        template =
          '`{{call}}` keeps credentials resolved {{when}} (or a token made with them). Seen running init: the value{{kept}} holds the credentials the function was given, which expire long before the last restore, and every restored environment uses them';
        suggestion =
          'resolve credentials (and tokens made with them) in the handler, or renew them in an after-restore hook (`registerAfterRestore`); let an SDK client keep its own';
        break;
      }
      extra = { what: first.observation.what };
      template =
        '`{{call}}` reads {{what}} {{when}}: undefined under SnapStart. Seen running init: under SnapStart Lambda does not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN';
      suggestion = 'let the AWS SDK find credentials: its default provider chain reads the container credentials endpoint; create clients without explicit keys';
      break;
    default:
      template = '`{{call}}` {{when}}. Seen running init';
  }
  const message = findingMessage(code, template, { ...data, ...extra }, ruleById(code)!.docsUrl);
  return { message: redactSecrets(message), suggestion: redactSecrets(redact(suggestion)) };
}

/** Where a stack meets the user's code, as text. */
function siteText(run: AuditRun, stack: readonly string[], origins?: string[][]): string {
  const frame = attribute(run, { id: -1, kind: 'socket', what: '', stack: [...stack], count: 1, phase: 'init', ...(origins ? { origins } : {}) });
  return frame ? ` at ${frame.shown}:${frame.line}:${frame.column}` : '';
}

function outcomeNotes(run: AuditRun): string[] {
  const record = run.record!;
  const outcome = record.outcome;
  switch (outcome.state) {
    case 'failed': {
      const where = siteText(run, outcome.stack);
      const message = redactSecrets(run.mapper.mapText(outcome.message).split('\n')[0] ?? '');
      return [
        `${outcome.phase === 'init' ? 'init' : 'a before-snapshot hook'} stopped${where}: ${message}. The audit reports what init did up to there (destinations are this machine's local sink, which answers only the openings of common protocols and empty results)`,
      ];
    }
    case 'waiting-on-sink': {
      const open = record.observations.filter((o) => (o.kind === 'socket' || o.kind === 'datagram') && o.openAtSnapshot);
      const last = open.at(-1);
      const site = last ? siteText(run, last.stack, last.origins) : '';
      const what = last ? ` (to ${redactSecrets(last.detail ?? '?')}${site ? `, opened${site}` : ''})` : '';
      return [
        `init stopped waiting on a connection${what}: the audit's local sink did not know how to answer it (a protocol whose server speaks first, or one it does not speak), so init went no further; what it did up to there is reported, and its before-snapshot hooks did not run`,
      ];
    }
    case 'never-settles':
      return ['init never finished: it awaits something that never settles (the event loop emptied); what it did up to there is reported'];
    case 'deadline':
      return [`init did not finish within ${outcome.ms / 1000} s (--run-timeout): what it did up to then is reported, and its before-snapshot hooks did not run`];
    case 'exit':
      return [`init called process.exit(${outcome.code})${siteText(run, outcome.stack)}: what it did up to there is reported`];
    default:
      return [];
  }
}

function leftOpenNotes(run: AuditRun): string[] {
  const notes: string[] = [];
  for (const observation of run.record!.observations) {
    if (!observation.openAtSnapshot) continue;
    const where = siteText(run, observation.stack, observation.origins);
    if (observation.kind === 'child') {
      const ended = observation.pid !== undefined && run.endedChildren.includes(observation.pid) ? ': ended by the audit' : '';
      notes.push(`init started a child process (${observation.detail}, pid ${observation.pid ?? '?'})${where} that was still running at the snapshot point${ended}`);
    } else if (observation.kind === 'server') {
      notes.push(`init left a server listening${where} at the snapshot point`);
    } else if (observation.kind === 'file') {
      notes.push(`init left a file open${where} at the snapshot point (${redactSecrets(observation.detail ?? '')})`);
    }
  }
  return notes;
}
