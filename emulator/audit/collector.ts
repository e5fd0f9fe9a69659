// Inside the audited process: where the instrumentation writes down what init does. Each call is
// recorded with its stack (the parent maps it to the user's line); the same call from the same
// stack is counted instead of repeated. Objects that can stay open (a socket, a timer, a child
// process) are kept so that the snapshot point can ask whether they still are.
import { createHook, executionAsyncResource } from 'node:async_hooks';
import type { Observation, ObservationKind } from './protocol.js';
import { Taint } from './taint.js';

/** The instrumented function: its frame and those above it are left out of a stack. */
export type Skip = (...args: never[]) => unknown;

const LIMIT = 5_000;
const FRAME = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/;
const ORIGIN = Symbol('snapshot-restore.audit.origin');
const ORIGIN_DEPTH = 4;

/**
 * Where an asynchronous resource (a tick, a timer, a promise) was made, and where its maker was:
 * a connection a library opens in a process.nextTick has no line of the user's on its own stack,
 * but the tick was queued by the user's `new Redis()`. The stack is captured when the resource is
 * made and turned into text only when an observation needs it.
 */
interface Origin {
  holder: { stack?: string };
  parent?: Origin;
  sites?: string[];
}

function sitesOf(origin: Origin): string[] {
  origin.sites ??= parseStack(origin.holder.stack ?? '');
  return origin.sites;
}

/** Something that can be closing: closed on one side, not yet on both (a socket after end(), a request sent with `Connection: close`). */
export interface Closing {
  isClosing: () => boolean;
  /** Settles when it has closed. */
  closed: () => Promise<void>;
}

interface Held {
  observation: Observation;
  isOpen: () => boolean;
  closing?: Closing;
}

export class Collector {
  phase: 'init' | 'before-snapshot' = 'init';
  /** Off after the snapshot point, and while the audit's own code runs. */
  active = true;
  cut = false;
  /** While the kept values are read, after the snapshot point: clock reads answer 0 (probes.ts). */
  clockStopped = false;
  /** Fingerprints of the randomness drawn, to find it again in what init kept. */
  readonly taint = new Taint();
  #nextId = 0;
  readonly #byKey = new Map<string, Observation>();
  readonly #held: Held[] = [];

  constructor() {
    const collector = this;
    createHook({
      init(_id, _type, _trigger, resource) {
        if (!collector.active) return;
        const holder: { stack?: string } = {};
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 24;
        Error.captureStackTrace(holder);
        Error.stackTraceLimit = limit;
        const parent = (executionAsyncResource() as Record<symbol, Origin | undefined> | undefined)?.[ORIGIN];
        (resource as Record<symbol, Origin>)[ORIGIN] = parent ? { holder, parent } : { holder };
      },
    }).enable();
  }

  /** The stacks that led to the code running now, nearest first. */
  #origins(): string[][] {
    const origins: string[][] = [];
    let origin = (executionAsyncResource() as Record<symbol, Origin | undefined> | undefined)?.[ORIGIN];
    while (origin && origins.length < ORIGIN_DEPTH) {
      origins.push(sitesOf(origin));
      origin = origin.parent;
    }
    return origins;
  }

  /** Runs the audit's own code (its timers, its clock reads) without recording it. */
  quiet<T>(fn: () => T): T {
    const was = this.active;
    this.active = false;
    try {
      return fn();
    } finally {
      this.active = was;
    }
  }

  /** Records a call; `skip` is the instrumented function (its frame and those above it are left out). */
  record(kind: ObservationKind, what: string, skip: Skip, detail?: string): Observation | undefined {
    if (!this.active) return undefined;
    const stack = stackOf(skip);
    const origins = this.#origins();
    const key = `${kind}\0${what}\0${detail ?? ''}\0${this.phase}\0${stack.join('\n')}\0${origins.map((o) => o.join('\n')).join('\0')}`;
    const known = this.#byKey.get(key);
    if (known) {
      known.count++;
      return known;
    }
    if (this.#byKey.size >= LIMIT) {
      this.cut = true;
      return undefined;
    }
    const observation: Observation = {
      id: this.#nextId++,
      kind,
      what,
      stack,
      count: 1,
      phase: this.phase,
      ...(detail !== undefined ? { detail } : {}),
      ...(origins.length > 0 ? { origins } : {}),
    };
    this.#byKey.set(key, observation);
    return observation;
  }

  /** Records something that can stay open; each one is its own observation. */
  hold(kind: ObservationKind, what: string, skip: Skip, detail: string | undefined, isOpen: () => boolean, closing?: Closing): Observation | undefined {
    if (!this.active) return undefined;
    const origins = this.#origins();
    const observation: Observation = {
      id: this.#nextId++,
      kind,
      what,
      stack: stackOf(skip),
      count: 1,
      phase: this.phase,
      ...(detail !== undefined ? { detail } : {}),
      ...(origins.length > 0 ? { origins } : {}),
    };
    this.#held.push({ observation, isOpen, ...(closing ? { closing } : {}) });
    return observation;
  }

  /** The snapshot point: what is still open is marked so, and nothing more is recorded. */
  inspect(): void {
    this.active = false;
    for (const { observation, isOpen } of this.#held) {
      try {
        observation.openAtSnapshot = isOpen();
      } catch {
        observation.openAtSnapshot = false;
      }
    }
  }

  /** Settles when what is closing now (ended on one side, not yet closed) has closed; undefined when nothing is. */
  closed(): Promise<unknown> | undefined {
    const closing = this.#held.filter((held) => held.closing !== undefined && safeOpen(held.closing.isClosing));
    return closing.length === 0 ? undefined : Promise.all(closing.map((held) => held.closing!.closed()));
  }

  /** Whether every held socket is still open (for the stuck check) and how many. */
  openHeld(kind: ObservationKind): number {
    return this.#held.filter((held) => held.observation.kind === kind && safeOpen(held.isOpen)).length;
  }

  observations(): Observation[] {
    return [...this.#byKey.values(), ...this.#held.map((held) => held.observation)];
  }
}

function safeOpen(isOpen: () => boolean): boolean {
  try {
    return isOpen();
  } catch {
    return false;
  }
}

/** The stack of the caller of `skip`, innermost first, as `file:line:column` sites (async frames included). */
export function stackOf(skip: Skip): string[] {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  Error.captureStackTrace(holder, skip);
  Error.stackTraceLimit = limit;
  return parseStack(holder.stack ?? '');
}

function parseStack(stack: string): string[] {
  const sites: string[] = [];
  for (const frame of stack.split('\n').slice(1)) {
    const site = FRAME.exec(frame)?.[1];
    if (site !== undefined) sites.push(site);
  }
  return sites;
}
