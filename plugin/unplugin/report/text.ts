// A finding as one block of text for bundlers whose warnings are plain messages (webpack,
// Rspack, Rollup, Vite): the `[SRnnn] ...` message, then each note (the related place, the
// suggestion) on a line of its own, with `file:line:column` (1-based column, as editors open it).
import type { BuildFinding, BuildLocation } from '../../core/build/check-build.js';

export function place(location: BuildLocation): string {
  return `${location.file}:${location.line}:${location.column + 1}`;
}

export function findingText(finding: BuildFinding, withPlace = false): string {
  const head = withPlace && finding.location ? `${place(finding.location)}: ${finding.text}` : finding.text;
  const notes = finding.notes.map((note) => `  ${note.location ? `${place(note.location)}: ` : ''}${note.text}`);
  return [head, ...notes].join('\n');
}
