// What this process has been told over HTTP, kept beside the hook registry on globalThis so that
// every copy of the runtime (ESM and CommonJS builds, a bundled copy) shares one answer: which
// calls have run (a retried call gets the first one's outcome and runs nothing again), whether the
// process is between a snapshot and its restore, and the MicroVM run payload.
import { registry } from '../hooks/registry.js';

export interface HookTiming {
  name: string;
  site: string;
  durationMs: number;
  error?: string;
}

/** How one call ended: what the platform is answered, and what ran. */
export interface CallOutcome {
  ok: boolean;
  /** The lifecycle call, e.g. `before-checkpoint`, `ready`, `suspend`. */
  call: string;
  /** The registry phase it ran, if any. */
  phase?: 'beforeSnapshot' | 'afterRestore';
  hooks: HookTiming[];
  durationMs: number;
  error?: string;
  /** The call was sent again: this is the first call's outcome, and nothing ran again. */
  repeated?: boolean;
}

export interface HttpState {
  restoring: boolean;
  /** Outcomes (settled or not) by call key: once-only calls and retries. */
  calls: Map<string, Promise<CallOutcome>>;
  /** Suspend/resume cycles so far (each cycle's calls are keyed by it). */
  cycle: number;
  suspended: boolean;
  runPayload?: string;
  /** The MicroVM hook that began each phase last (`ready` or `suspend`; `run` or `resume`): for late registrations. */
  began?: Partial<Record<'beforeSnapshot' | 'afterRestore', string>>;
  /**
   * Told of each handler snapshotHooks() makes, when something installed it: only `emulate
   * --platform`'s snapshot build does, to send the calls that come before the snapshot to the
   * app's handler in-process (its server does not listen yet). The runtime keeps nothing for it.
   */
  onHandler?: (handler: {
    matches(pathname: string): boolean;
    answer(call: { method: string; pathname: string; body(): Promise<string>; remoteAddress?: string }): Promise<unknown>;
  }) => void;
}

const KEY = Symbol.for('snapshot-restore.http.v1');

export function httpState(): HttpState {
  const store = registry() as unknown as { [KEY]?: HttpState };
  return (store[KEY] ??= { restoring: false, calls: new Map(), cycle: 0, suspended: false });
}

/** The run hook's payload (RunMicrovm's runHookPayload), once `run` has been called; never logged. */
export function runPayload(): string | undefined {
  return httpState().runPayload;
}
