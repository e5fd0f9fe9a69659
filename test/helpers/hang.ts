// Hang guards, never speed limits. A test waits for an event (an answer, an exit, a line of
// output); a limit exists only so that a hung program fails the test instead of the run, and it is
// set where no correct program gets, whatever else runs on the machine: HANG_MS for one wait (or,
// for a child process, for a silence), twice that for a whole test (vitest.config.ts). When one
// runs out, the error names what was being waited for and what had happened so far.
import { type ChildProcess, spawn } from 'node:child_process';

/** How long one awaited event may take before the test calls it a hang. */
export const HANG_MS = 300_000;

/** A test (or a hook) as a whole: past any sequence of guarded waits that ends in one hang. */
export const TEST_HANG_MS = 2 * HANG_MS;

export class HangError extends Error {
  override name = 'HangError';
}

/** `promise`, or a HangError naming `what` (and what `sofar` says had happened) after HANG_MS. */
export function withinHang<T>(promise: Promise<T>, what: string, sofar?: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HangError(`hung: ${what} did not happen within ${HANG_MS / 1000} s${sofar ? `; so far: ${sofar()}` : ''}`)), HANG_MS);
    timer.unref();
  });
  return Promise.race([promise, hung]).finally(() => clearTimeout(timer));
}

export interface ProcessResult {
  /** The exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run `command` through the shell (a command line, as a makefile would). */
  shell?: boolean;
}

/**
 * Runs a process to its end and collects its output; never rejects on a non-zero exit. The guard
 * is on silence, not on the run's length: a process that printed nothing on stdout or stderr for
 * HANG_MS is killed (with what it started, its own process group) and the promise rejects with
 * the command and its last output. A slow build that keeps saying something runs to its end.
 */
export function runProcess(command: string, args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      shell: options.shell,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let hung = false;
    let timer: NodeJS.Timeout | undefined;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {}
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        hung = true;
        killGroup();
      }, HANG_MS);
    };
    arm();
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      arm();
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      arm();
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!hung) return resolve({ code, signal, stdout, stderr });
      const last = `${stdout}${stderr}`.trimEnd().split('\n').slice(-20).join('\n');
      reject(new HangError(`hung: \`${[command, ...args].join(' ')}\` printed nothing for ${HANG_MS / 1000} s and was killed; its last output:\n${last || '(none)'}`));
    });
  });
}
