// Where a hook was registered, as `file:line:column`, read from a captured stack trace.
// Errors and warnings name this place so that users find the registration at once.

// Frames of the decorator helpers that TypeScript, esbuild and Babel emit: the useful
// place is the decorated class that called them, not the helper itself.
const HELPER_FRAME = /at \S*(?:__decorate|__esDecorate|__runInitializers|_apply\w*Dec|applyDecs)/;

export function callSite(skip: (...args: never[]) => unknown): string {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, skip);
  // The first line is the message ("Error"); the frames follow, innermost first.
  const frames = holder.stack?.split('\n').slice(1) ?? [];
  const frame = frames.find((line) => !HELPER_FRAME.test(line)) ?? '';
  const match = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(frame);
  return match ? match[1].replace(/^file:\/\//, '') : '<unknown>';
}
