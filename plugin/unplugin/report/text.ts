// A finding as one block of text for bundlers whose warnings are plain messages (webpack,
// Rspack, Rollup, Vite): the `[SRnnn] ...` message, then each note (the related place, the
// suggestion) on a line of its own, with `file:line:column`. Columns are 0-based, as these
// bundlers print the finding's own place (webpack's `8:2`, Rollup's `(8:2)`) and as esbuild
// prints its messages: one convention in a build's output (the CLI's reports are 1-based).
import type { BuildFinding, BuildLocation } from '../../core/build/check-build.js';

export function place(location: BuildLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

export function findingText(finding: BuildFinding, withPlace = false): string {
  const head = withPlace && finding.location ? `${place(finding.location)}: ${finding.text}` : finding.text;
  const notes = finding.notes.map((note) => `  ${note.location ? `${place(note.location)}: ` : ''}${note.text}`);
  return [head, ...notes].join('\n');
}
