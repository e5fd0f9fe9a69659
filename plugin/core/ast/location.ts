// Where a node is, in esbuild's message shape: line 1-based, column 0-based, the line's text,
// and the length of what to underline (to the end of the line when the node spans lines).
import type * as t from '@babel/types';
import type { SourceLocation } from '../diagnostics.js';

export function locationOf(node: t.Node, file: string, lines: string[]): SourceLocation {
  const start = node.loc?.start ?? { line: 1, column: 0 };
  const end = node.loc?.end;
  const lineText = lines[start.line - 1] ?? '';
  const length = end && end.line === start.line ? end.column - start.column : Math.max(0, lineText.length - start.column);
  return { file, line: start.line, column: start.column, length, lineText };
}
