// Exiting without losing the last log lines: process.exit() drops what stdout and stderr still
// hold when they are asynchronous (a socket, as Lambda's log descriptor can be), so the runtime
// waits for both to drain first; bounded, so that a reader that never reads cannot hold it.
const FLUSH_LIMIT_MS = 2_000;

export async function exitAfterFlush(code: number): Promise<never> {
  const pending = [process.stdout, process.stderr].filter((stream) => stream.writableLength > 0 && !stream.destroyed);
  if (pending.length > 0) {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FLUSH_LIMIT_MS);
      timer.unref();
    });
    // write('') calls back once everything written before it has been handed to the system.
    const flushed = pending.map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve())));
    await Promise.race([Promise.all(flushed), limit]);
    clearTimeout(timer);
  }
  process.exit(code);
}
