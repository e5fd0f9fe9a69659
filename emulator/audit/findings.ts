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
import { redact } from '../../plugin/core/rules/redact.js';
import type { UserFrame } from '../snapshot/source-map.js';
import { redactSecrets } from '../snapshot/secrets.js';
import { judge, type Judgment } from './judge.js';
import type { AuditRun } from './run-audit.js';
import type { Observation } from './protocol.js';

/** Libraries whose connections are renewed by their own retries (@smithy/node-http-handler under every AWS SDK v3 client). */
const SELF_HEALING = /^@(?:smithy|aws-sdk)\//;

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
  const report: AuditReport = { findings: [], notes: [], seen: [], variablesRead: [] };
  const record = run.record;
  if (!record) {
    report.notes.push(`the run-time audit of init could not run: ${run.failure ?? 'no record'}`);
    return report;
  }
  const candidates: Candidate[] = [];
  const variables = new Set<string>();
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
    const code = codeOf(observation, frame, immediate);
    if (!code) continue;
    const source = read(frame.file);
    const judgment = source === undefined ? undefined : judge(source, frame.file, frame.line, frame.column, options.modules);
    candidates.push({ code, frame, observation, ...(judgment ? { judgment } : {}) });
  }
  report.variablesRead = [...variables].sort();

  // A connection's own timers and handshake randomness are part of the connection: one finding, SR107.
  const connectionLines = new Set(candidates.filter((c) => c.code === 'SR107' && keeps(c)).map((c) => `${c.frame.file}:${c.frame.line}`));
  const byLine = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    if (!keeps(candidate)) continue;
    const line = `${candidate.frame.file}:${candidate.frame.line}`;
    if (candidate.code !== 'SR107' && connectionLines.has(line) && (candidate.code === 'SR106' || candidate.observation.kind === 'random' || candidate.code === 'SR103')) continue;
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
  return report;
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

/** The code an observation is a hazard of, before the line is read. */
function codeOf(observation: Observation, frame: UserFrame, immediate: boolean): DiagnosticCode | undefined {
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
      if (frame.via && SELF_HEALING.test(frame.via)) return undefined;
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
      // An in-place fill keeps its value in the buffer it was given, whatever happens to the result.
      const fill = FILLS.has(candidate.observation.what) && judgment?.fillsKept === true;
      return (judgment?.kept === true || fill) && !judgment?.renewed;
    }
  }
}

function describe(code: DiagnosticCode, group: Candidate[]): { message: string; suggestion: string } {
  const first = group[0]!;
  const call = `\`${first.judgment?.call ?? first.observation.what}\``;
  const kept = first.judgment?.keptIn ? `, kept in \`${first.judgment.keptIn}\`,` : '';
  const count = group.reduce((sum, c) => sum + c.observation.count, 0);
  const whats = [...new Set(group.map((c) => c.observation.what))].join(', ');
  const via = first.frame.via ? ` inside ${first.frame.via}` : '';
  const when = group.some((c) => c.observation.phase === 'init') ? 'at init' : 'in a before-snapshot hook';
  const target = first.judgment?.keptIn && /^[\w$.#]+$/.test(first.judgment.keptIn) ? first.judgment.keptIn : undefined;
  const renew = target
    ? `compute it in the handler, or renew it in \`registerAfterRestore(() => { ${target} = ...; })\``
    : 'compute it in the handler, or renew it in an after-restore hook (`registerAfterRestore`)';
  let message: string;
  let suggestion = renew;
  switch (code) {
    case 'SR101':
    case 'SR102':
    case 'SR103':
      message =
        first.observation.kind === 'key'
          ? `${call} generated a key ${when}${via} (${whats}${plural(count)})${kept} seen running init: every environment restored from the snapshot has the same key`
          : `${call} drew randomness ${when} (${whats}${plural(count)})${kept} seen running init: every environment restored from the snapshot has the same value${code === 'SR102' ? ", and randomUUID's entropy cache is cloned too" : ''}`;
      break;
    case 'SR104':
      message = `${call} drew randomness${via} ${when} (${whats}${plural(count)})${kept} seen running init: what it made (an ID, a seed) and the generator state behind it are the same in every environment restored from the snapshot`;
      break;
    case 'SR105':
      message = `${call} read the clock ${when} (${whats})${kept} seen running init: after a restore the value still says when the snapshot was taken`;
      break;
    case 'SR106': {
      const details = [...new Set(group.map((c) => `${c.observation.what} ${c.observation.detail ?? ''}`.trim()))].join(', ');
      message = `${call} armed a timer ${when}${via} (${details}) that was still armed at the snapshot point, seen running init: it is cloned into every restored environment, where it fires late or all at once`;
      suggestion = `clear it in a before-snapshot hook (\`registerBeforeSnapshot\`) and arm it again in an after-restore hook (\`registerAfterRestore\`)`;
      break;
    }
    case 'SR107': {
      const destinations = [
        ...new Set(group.map((c) => `${c.observation.what === 'udp' ? 'udp ' : c.observation.what === 'tls' ? 'tls ' : ''}${c.observation.detail ?? '?'}`)),
      ].join(', ');
      const holder = first.judgment?.heldBy
        ? ` and no after-restore hook of this module renews \`${first.judgment.heldBy}\``
        : ' and no after-restore hook of this module renews it';
      message = `${call} opened a connection${via} ${when} (to ${destinations}) still open at the snapshot point, after the before-snapshot hooks ran,${holder} (seen running init): every environment restored from the snapshot starts with the same connection, long closed on the other side`;
      suggestion = `close it in a before-snapshot hook (\`registerBeforeSnapshot\`) and open it again in an after-restore hook (\`registerAfterRestore\`), or connect in the handler`;
      break;
    }
    case 'SR108':
      message = `${call} reads ${first.observation.what} ${when} (seen running init): under SnapStart Lambda does not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN, so this reads undefined`;
      suggestion = 'let the AWS SDK find credentials: its default provider chain reads the container credentials endpoint; create clients without explicit keys';
      break;
    default:
      message = `${call} ${when}`;
  }
  return { message: redactSecrets(redact(message)), suggestion: redactSecrets(redact(suggestion)) };
}

/** Where a stack meets the user's code, as text. */
function siteText(run: AuditRun, stack: readonly string[], origins?: string[][]): string {
  const frame = attribute(run, { kind: 'socket', what: '', stack: [...stack], count: 1, phase: 'init', ...(origins ? { origins } : {}) });
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
        `${outcome.phase === 'init' ? 'init' : 'a before-snapshot hook'} stopped${where}: ${message}. The audit reports what init did up to there (destinations are this machine's local sink, which accepts connections and never answers)`,
      ];
    }
    case 'waiting-on-sink': {
      const open = record.observations.filter((o) => (o.kind === 'socket' || o.kind === 'datagram') && o.openAtSnapshot);
      const last = open.at(-1);
      const site = last ? siteText(run, last.stack, last.origins) : '';
      const what = last ? ` (to ${redactSecrets(last.detail ?? '?')}${site ? `, opened${site}` : ''})` : '';
      return [
        `init stopped waiting on a connection${what}: the audit's local sink accepts connections but never answers, so init went no further; what it did up to there is reported, and its before-snapshot hooks did not run`,
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
