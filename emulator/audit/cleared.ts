// What a finished run of init contradicts, for the static findings check --run merges with the
// audit's: one code on one line (every connection the line opened was closed by the snapshot
// point), or every finding in a module of the user's that init never loaded.
export type Cleared = { file: string; line: number; code: string } | { file: string; neverLoaded: true };

/** Whether the run contradicts a finding of `code` at `file`:`line`. */
export function contradicts(cleared: Cleared, file: string | undefined, line: number | undefined, code: string): boolean {
  if (cleared.file !== file) return false;
  return 'neverLoaded' in cleared || (cleared.line === line && cleared.code === code);
}
