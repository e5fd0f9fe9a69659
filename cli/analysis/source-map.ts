// Maps places in a bundle back to the original sources through the bundle's source map (v3,
// as esbuild writes it with `sourcemap: true`): `bundle.js.map` beside it, or the file its
// `//# sourceMappingURL=` comment names. Inline (data:) maps are read too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FindingLocation } from '../report/findings.js';

interface RawSourceMap {
  version: number;
  sources: string[];
  sourcesContent?: Array<string | null>;
  sourceRoot?: string;
  mappings: string;
}

/** [generated column, source index, original line (0-based), original column] */
type Segment = [number, number, number, number];

export interface SourceMap {
  /** The map file, for messages. */
  file: string;
  /** Where a 1-based line and 0-based column of the bundle came from, or undefined. */
  original(line: number, column: number): { file: string; line: number; column: number; lineText: string } | undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((char, i) => [char, i]));

/** One line of `mappings`: base64 VLQ numbers, comma-separated segments, relative values. */
function decodeLine(text: string, state: number[]): Segment[] {
  const segments: Segment[] = [];
  let generatedColumn = 0;
  for (const part of text.split(',')) {
    if (!part) continue;
    const values: number[] = [];
    let value = 0;
    let shift = 0;
    for (const char of part) {
      const digit = BASE64_VALUE.get(char) ?? 0;
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    generatedColumn += values[0] ?? 0;
    if (values.length < 4) continue; // a segment that maps to no source
    state[0]! += values[1]!;
    state[1]! += values[2]!;
    state[2]! += values[3]!;
    segments.push([generatedColumn, state[0]!, state[1]!, state[2]!]);
  }
  return segments;
}

function mapFileOf(bundle: string, source: string): { file: string; text: string } | undefined {
  const url = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(source.slice(-2000))?.[1];
  if (url?.startsWith('data:')) {
    const base64 = /^data:application\/json[^,]*;base64,(.*)$/.exec(url)?.[1];
    return base64 ? { file: bundle, text: Buffer.from(base64, 'base64').toString('utf8') } : undefined;
  }
  const file = url ? path.resolve(path.dirname(bundle), decodeURIComponent(url)) : `${bundle}.map`;
  return fs.existsSync(file) ? { file, text: fs.readFileSync(file, 'utf8') } : undefined;
}

/** The bundle's source map, or undefined when it has none (or one this cannot read). */
export function loadSourceMap(bundle: string, source: string): SourceMap | undefined {
  const found = mapFileOf(bundle, source);
  if (!found) return undefined;
  let raw: RawSourceMap;
  try {
    raw = JSON.parse(found.text) as RawSourceMap;
  } catch {
    return undefined;
  }
  if (raw.version !== 3 || typeof raw.mappings !== 'string' || !Array.isArray(raw.sources)) return undefined;

  const state = [0, 0, 0]; // source index, line, column: relative across the whole mappings string
  const lines = raw.mappings.split(';').map((line) => decodeLine(line, state));
  const base = path.resolve(path.dirname(found.file), raw.sourceRoot ?? '');
  const sourceLines = new Map<number, string[]>();
  const linesOf = (index: number): string[] => {
    let cached = sourceLines.get(index);
    if (!cached) {
      let content = raw.sourcesContent?.[index] ?? undefined;
      if (content === undefined) {
        try {
          content = fs.readFileSync(path.resolve(base, raw.sources[index]!), 'utf8');
        } catch {
          content = '';
        }
      }
      cached = content.split(/\r?\n/);
      sourceLines.set(index, cached);
    }
    return cached;
  };

  return {
    file: found.file,
    original(line, column) {
      const segments = lines[line - 1];
      if (!segments || segments.length === 0) return undefined;
      // The last segment starting at or before the column.
      let match: Segment | undefined;
      for (const segment of segments) {
        if (segment[0] > column) break;
        match = segment;
      }
      if (!match || raw.sources[match[1]] === undefined) return undefined;
      return {
        file: path.resolve(base, raw.sources[match[1]]!),
        line: match[2] + 1,
        column: match[3],
        lineText: linesOf(match[1])[match[2]] ?? '',
      };
    },
  };
}

/** A bundle location mapped to its source (file absolute), or the location unchanged. */
export function mapLocation(map: SourceMap, location: FindingLocation): FindingLocation {
  const original = map.original(location.line, location.column);
  if (!original) return location;
  // The marked length is the bundle's; in the source it is the same text unless minified.
  const length = Math.min(location.length, Math.max(0, original.lineText.length - original.column));
  return { ...original, length };
}
