// Waiting for a child's output. Its stdout is a pipe, read on this process's event loop like any
// socket: a line the child printed before it answered an invoke can arrive after the answer.
// Wait for the line itself, never for time.
import type { RuntimeProcess } from '../../emulator/runtime-api/runtime-process.js';
import { HANG_MS } from './hang.js';

/**
 * Resolves with the complete lines of stdout once one of them contains `text`; rejects, with the
 * output so far, when the process ends first or after HANG_MS (a hang).
 */
export function stdoutLinesUntil(runtime: RuntimeProcess, text: string): Promise<string[]> {
  const lines = () => runtime.stdout.split('\n').slice(0, -1); // the last piece is not a whole line yet
  return new Promise((resolve, reject) => {
    const stream = runtime.child.stdout;
    const done = (error?: Error) => {
      clearTimeout(timer);
      stream?.off('data', check);
      if (error) reject(error);
      else resolve(lines());
    };
    const check = () => {
      if (lines().some((line) => line.includes(text))) done();
    };
    const timer = setTimeout(() => done(new Error(`hung: no line with ${JSON.stringify(text)} within ${HANG_MS / 1000} s; stdout:\n${runtime.stdout}`)), HANG_MS);
    // The runtime's own listener was added first, so its copy of the output is current here.
    stream?.on('data', check);
    void runtime.exited.then(() => {
      check();
      done(new Error(`the process ended without a line with ${JSON.stringify(text)}; stdout:\n${runtime.stdout}`));
    });
    check();
  });
}
