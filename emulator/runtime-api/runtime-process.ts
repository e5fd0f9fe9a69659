import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { RuntimeApiEmulator } from './server.js';
import type { RuntimeExitInfo } from './types.js';

export interface RuntimeProcessOptions {
  /** The emulator to run against: its `env()` is applied and it is told when the process exits. */
  emulator: RuntimeApiEmulator;
  /** Default: the Node.js binary running this code. */
  command?: string;
  args?: readonly string[];
  cwd?: string;
  /** Applied last, over the emulator's variables; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Start from this process's environment (minus AWS and Lambda variables). Default true. */
  inheritEnv?: boolean;
  /** Also forward the child's output to this process's stdout/stderr as it arrives. Default false. */
  echo?: boolean;
  /**
   * Run it in its own process group, and end the whole group when it exits or is stopped: child
   * processes it started end with it. Default false.
   */
  ownGroup?: boolean;
}

export interface RuntimeExit extends RuntimeExitInfo {
  /** Set when the process could not be started at all. */
  error?: Error;
}

export interface RuntimeProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout so far. */
  readonly stdout: string;
  /** Everything the process wrote to stderr so far. */
  readonly stderr: string;
  /** Settles when the process has exited and its output is fully read. Never rejects. */
  readonly exited: Promise<RuntimeExit>;
  /** SIGTERM, then SIGKILL after `timeoutMs` (default 2000); resolves with the exit. */
  stop(options?: { timeoutMs?: number }): Promise<RuntimeExit>;
}

// Variables that would make a local run differ from Lambda: the developer's real credentials
// and profiles (Lambda has none under SnapStart), and any Lambda variables of an outer process.
const NOT_INHERITED = /^(AWS_|LAMBDA_|_HANDLER$|_X_AMZN_TRACE_ID$)/;

/** Starts a runtime as a child process against the emulator, collecting its output. */
export function startRuntimeProcess(options: RuntimeProcessOptions): RuntimeProcess {
  const env: Record<string, string> = {};
  if (options.inheritEnv ?? true) {
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !NOT_INHERITED.test(name)) env[name] = value;
    }
  }
  // Keep AWS SDKs from reading ~/.aws: on Lambda, credentials come from the environment only.
  const nowhere = join(tmpdir(), 'snapshot-restore-emulator-no-aws-config');
  env.AWS_SHARED_CREDENTIALS_FILE = nowhere;
  env.AWS_CONFIG_FILE = nowhere;
  Object.assign(env, options.emulator.env());
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  const child = spawn(options.command ?? process.execPath, [...(options.args ?? [])], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownGroup ?? false,
  });
  return new ChildRuntimeProcess(child, options.emulator, options.echo ?? false, options.ownGroup ?? false);
}

class ChildRuntimeProcess implements RuntimeProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<RuntimeExit>;
  #stdout = '';
  #stderr = '';
  #exit: RuntimeExit | undefined;

  readonly #ownGroup: boolean;

  constructor(child: ChildProcess, emulator: RuntimeApiEmulator, echo: boolean, ownGroup: boolean) {
    this.child = child;
    this.#ownGroup = ownGroup;
    // What it started ends with it (and stops holding its pipes open).
    if (ownGroup) child.on('exit', () => this.#signal('SIGKILL'));
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      this.#stdout += text;
      if (echo) process.stdout.write(text);
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.#stderr += text;
      if (echo) process.stderr.write(text);
    });
    this.exited = new Promise<RuntimeExit>((resolve) => {
      const finish = (exit: RuntimeExit): void => {
        if (this.#exit) return;
        this.#exit = exit;
        emulator.notifyRuntimeExit({ code: exit.code, signal: exit.signal });
        resolve(exit);
      };
      // 'close' rather than 'exit': by then stdout and stderr are fully read.
      child.on('close', (code, signal) => finish({ code, signal }));
      child.on('error', (error) => {
        // A process that never started emits no 'close'.
        if (child.pid === undefined) finish({ code: null, signal: null, error });
      });
    });
  }

  get stdout(): string {
    return this.#stdout;
  }

  get stderr(): string {
    return this.#stderr;
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<RuntimeExit> {
    if (this.#exit) return this.#exit;
    this.#signal('SIGTERM');
    const timer = setTimeout(() => this.#signal('SIGKILL'), options.timeoutMs ?? 2000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  #signal(signal: NodeJS.Signals): void {
    if (!this.#ownGroup || this.child.pid === undefined) {
      this.child.kill(signal);
      return;
    }
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // The group is gone already.
    }
  }
}
