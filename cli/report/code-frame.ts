// A code frame like esbuild's: the place (file:line:column), the source line, a marker under
// the reported range and, when there is one, the suggestion below it.
//
//     src/handler.ts:8:3:
//       8 │   registerAfterRestore(refreshToken);
//         │   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
//         ╵   move it to module top level
//
// Columns are shown 1-based (esbuild's are 0-based) because editors and terminals open
// `file:line:column` 1-based.
import type { FindingLocation } from './findings.js';

export interface Paint {
  dim(text: string): string;
  marker(text: string): string;
  suggestion(text: string): string;
}

export const plain: Paint = { dim: (t) => t, marker: (t) => t, suggestion: (t) => t };

/** The widest slice of a source line shown; minified bundles have lines of megabytes. */
const MAX_WIDTH = 100;
/** How much of the line before the reported column a cut line keeps. */
const CONTEXT_BEFORE = 30;

/** `file:line:column`, the column 1-based. */
export function formatPlace(location: FindingLocation): string {
  return `${location.file}:${location.line}:${location.column + 1}`;
}

/** The lines of the frame, each starting with `indent`. */
export function codeFrame(location: FindingLocation, suggestion: string | undefined, indent: string, paint: Paint = plain): string[] {
  const lines = [`${indent}${formatPlace(location)}:`];
  if (!location.lineText) {
    if (suggestion) lines.push(`${indent}  ${paint.suggestion(suggestion)}`);
    return lines;
  }
  const { text, column, length } = visibleSlice(location.lineText, location.column, Math.max(location.length, 1));
  const gutter = String(location.line);
  const blank = ' '.repeat(gutter.length);
  const pad = ' '.repeat(column);
  const marker = `^${'~'.repeat(Math.max(0, length - 1))}`;
  lines.push(`${indent}  ${paint.dim(`${gutter} │`)} ${text}`);
  lines.push(`${indent}  ${paint.dim(`${blank} ${suggestion ? '│' : '╵'}`)} ${pad}${paint.marker(marker)}`);
  if (suggestion) lines.push(`${indent}  ${paint.dim(`${blank} ╵`)} ${pad}${paint.suggestion(suggestion)}`);
  return lines;
}

/** The part of the line to show (tabs expanded), and the marked range within it. */
function visibleSlice(lineText: string, column: number, length: number): { text: string; column: number; length: number } {
  const expand = (s: string) => s.replace(/\t/g, '  ');
  const start = lineText.length > MAX_WIDTH ? Math.max(0, Math.min(column - CONTEXT_BEFORE, lineText.length - MAX_WIDTH)) : 0;
  const end = Math.min(lineText.length, start + MAX_WIDTH);
  const head = start > 0 ? '…' : '';
  const tail = end < lineText.length ? '…' : '';
  const before = head + expand(lineText.slice(start, Math.max(start, column)));
  const shownLength = Math.max(1, Math.min(length, end - Math.max(start, column)));
  return {
    text: head + expand(lineText.slice(start, end)) + tail,
    column: before.length,
    length: expand(lineText.slice(column, column + shownLength)).length || 1,
  };
}
