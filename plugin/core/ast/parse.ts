// Parsing with Babel: pick the syntax plugins from the file name, and try both decorator
// proposals so TC39 and experimentalDecorators sources both parse.
import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';

export type ParseResult = { ok: true; ast: File } | { ok: false; error: string };

function syntaxPlugins(fileName: string): ParserPlugin[] {
  const isTs = /\.[cm]?tsx?$/.test(fileName);
  const isJsx = /\.[jt]sx$/.test(fileName) || /\.[cm]?js$/.test(fileName);
  const plugins: ParserPlugin[] = [];
  if (isTs) plugins.push('typescript');
  // JSX in .js files is common in React code; it never conflicts with plain JavaScript,
  // whereas in .ts files it would break `<T>value` casts.
  if (isJsx) plugins.push('jsx');
  return plugins;
}

function sourceTypeOf(fileName: string): 'module' | 'script' | 'unambiguous' {
  if (/\.m[jt]s$/.test(fileName)) return 'module';
  if (/\.c[jt]s$/.test(fileName)) return 'script';
  return 'unambiguous';
}

// The last few parses, keyed by file and content: the hook analysis, the hoisting plan and the
// uniqueness lint of one module share one AST, and with it Babel's scope information (building
// scopes is most of the cost). None of them changes the tree.
const RECENT = 16;
const recent = new Map<string, { source: string; result: ParseResult }>();

/** Parses or reports why not; never throws. The same (file, source) returns the same tree. */
export function parseSource(source: string, fileName: string): ParseResult {
  const hit = recent.get(fileName);
  if (hit && hit.source === source) return hit.result;
  const result = parseUncached(source, fileName);
  recent.delete(fileName);
  recent.set(fileName, { source, result });
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return result;
}

function parseUncached(source: string, fileName: string): ParseResult {
  const base = syntaxPlugins(fileName);
  let firstError = '';
  for (const decorators of [['decorators', {}], 'decorators-legacy'] as ParserPlugin[]) {
    try {
      const ast = parse(source, {
        sourceType: sourceTypeOf(fileName),
        sourceFilename: fileName,
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowUndeclaredExports: true,
        // TC39 `accessor` fields (class auto-accessors) come with the decorators proposal.
        plugins: [...base, decorators, 'decoratorAutoAccessors'],
      });
      return { ok: true, ast };
    } catch (error) {
      if (!firstError) firstError = error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: false, error: firstError };
}
