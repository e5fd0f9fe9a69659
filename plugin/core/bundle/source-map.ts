// A bundle's source map (v3, as esbuild writes it with `sourcemap: true`): the `.map` file its
// `//# sourceMappingURL=` comment names, an inline `data:` map, or `<bundle>.map` beside it.
// Decoding is @jridgewell/trace-mapping's; this file only finds the map and resolves its sources
// to files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TraceMap, originalPositionFor, type EncodedSourceMap } from '@jridgewell/trace-mapping';
import type { SourceLocation } from '../diagnostics.js';

export interface BundleSourceMap {
  /** The map file (the bundle itself for an inline map), for messages. */
  file: string;
  /** Each source, resolved: an absolute file path, or the source as written when it is not a file (`webpack://...`). */
  sources: string[];
  /** The original text of each source, when the map carries it (esbuild's does, unless `sourcesContent: false`). */
  contents: Array<string | undefined>;
  trace: TraceMap;
}

/** The text of the map a generated file names (or `<file>.map`), and where it is. */
export function mapTextOf(bundle: string, source: string): { file: string; text: string } | undefined {
  // The last such comment (an inline map is longer than any tail worth slicing).
  const at = Math.max(source.lastIndexOf('//# sourceMappingURL='), source.lastIndexOf('//@ sourceMappingURL='));
  const url = at === -1 ? undefined : /^\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(source.slice(at))?.[1];
  if (url?.startsWith('data:')) {
    const match = /^data:application\/json[^,]*?(;base64)?,(.*)$/.exec(url);
    if (!match) return undefined;
    const text = match[1] ? Buffer.from(match[2]!, 'base64').toString('utf8') : decodeURIComponent(match[2]!);
    return { file: bundle, text };
  }
  const file = url ? path.resolve(path.dirname(bundle), decodeURIComponent(url)) : `${bundle}.map`;
  try {
    return { file, text: fs.readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

function toFile(resolved: string): string {
  if (resolved.startsWith('file:')) {
    try {
      return fileURLToPath(resolved);
    } catch {
      return resolved;
    }
  }
  return resolved;
}

/** The bundle's source map, or undefined when it has none (or one that is not a v3 map). */
export function loadSourceMap(bundle: string, source: string): BundleSourceMap | undefined {
  const found = mapTextOf(bundle, source);
  if (!found) return undefined;
  let trace: TraceMap;
  try {
    const raw = JSON.parse(found.text) as { version?: unknown; mappings?: unknown; sources?: unknown };
    if (raw.version !== 3 || typeof raw.mappings !== 'string' || !Array.isArray(raw.sources)) return undefined;
    // The parsed object, not the text: trace-mapping would parse the JSON again (a 20 MB map: ~70 ms).
    trace = new TraceMap(raw as EncodedSourceMap, pathToFileURL(found.file).href);
  } catch {
    return undefined;
  }
  return {
    file: found.file,
    sources: trace.resolvedSources.map(toFile),
    contents: trace.resolvedSources.map((_, i) => trace.sourcesContent?.[i] ?? undefined),
    trace,
  };
}

/**
 * Where a place in the bundle (line 1-based, column 0-based) came from: the original file
 * (absolute), line, column and that line's text, or undefined when the map says nothing there.
 */
export function originalLocation(map: BundleSourceMap, location: SourceLocation, lineOf: (file: string, line: number) => string): SourceLocation | undefined {
  const original = originalPositionFor(map.trace, { line: location.line, column: location.column });
  if (original.source === null || original.line === null || original.column === null) return undefined;
  const file = toFile(original.source);
  const lineText = lineOf(file, original.line);
  // The marked length is the bundle's; in the source it is the same text unless minified.
  const length = Math.min(location.length, Math.max(0, lineText.length - original.column));
  return { file, line: original.line, column: original.column, length, lineText };
}
