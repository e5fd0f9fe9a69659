// esbuild's build errors as one line for the terminal: `file:line:column: text`, plus a hint
// for the errors a Lambda project commonly meets.
import type { Message } from 'esbuild';

export function describeBuildErrors(errors: Message[]): string {
  const [first] = errors;
  if (!first) return 'the build failed';
  const place = first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
  const unresolved = /^Could not resolve "(.*)"$/.exec(first.text)?.[1];
  const hint = unresolved ? ` (install it, or pass --external ${unresolved} if the function gets it elsewhere)` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length === 2 ? '' : 's'})` : '';
  return `build failed: ${place}${first.text}${hint}${more}`;
}

/** Whether a thrown value is esbuild's BuildFailure. */
export function isBuildFailure(error: unknown): error is Error & { errors: Message[] } {
  return error instanceof Error && Array.isArray((error as { errors?: unknown }).errors);
}
