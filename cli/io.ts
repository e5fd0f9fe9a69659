// Where a command writes and which directory its file arguments are relative to: the process's
// own when it runs as the binary; captured streams in tests, which call `run` in-process.
export interface Output {
  write(text: string): unknown;
  /** A terminal: text reports are coloured (unless NO_COLOR). */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  /** Absolute: file arguments are resolved against it. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
