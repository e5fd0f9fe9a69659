// An error the CLI reports as one line and exit code 2: bad arguments, a missing file, a build
// that failed. Anything else is a bug and is reported the same way, but with its stack.
export class UsageError extends Error {
  override name = 'UsageError';
}
