// Turning a place in the generated snapshot script back into the user's source, with the source
// map esbuild made for the bundle: hook registration sites and the sites of open handles are
// reported as `handler.ts:12:3`, not as a line of a generated file.
import { relative } from 'node:path';

interface SourceMapV3 {
  sources: string[];
  mappings: string;
}

/** Per generated line, segments of [generatedColumn, sourceIndex, sourceLine, sourceColumn]. */
type Lines = Array<Array<[number, number, number, number]>>;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeMappings(mappings: string): Lines {
  const lines: Lines = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Lines[number] = [];
    let column = 0;
    for (const segmentText of lineText.split(',')) {
      if (!segmentText) continue;
      const fields = decodeVlq(segmentText);
      column += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        sourceLine += fields[2];
        sourceColumn += fields[3];
        segments.push([column, source, sourceLine, sourceColumn]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

export class SiteMapper {
  readonly #lines: Lines;
  readonly #sources: string[];

  /**
   * `generatedFile` holds the bundle from line `firstLine` (1-based) on; `sourceRoot` is the
   * folder the map's sources are relative to, and `cwd` the folder the sites are shown from.
   */
  constructor(
    map: SourceMapV3,
    private readonly generatedFile: string,
    private readonly firstLine: number,
    sourceRoot: string,
    cwd: string,
  ) {
    this.#lines = decodeMappings(map.mappings);
    this.#sources = map.sources.map((source) => {
      const shown = relative(cwd, `${sourceRoot}/${source}`.replace(/\/\.\//g, '/'));
      return shown.startsWith('..') ? `${sourceRoot}/${source}` : shown;
    });
  }

  /** `file:line:column` in the generated script (1-based, as in stack traces) to the source, if mapped. */
  map(site: string): string {
    const match = /^(.*):(\d+):(\d+)$/.exec(site);
    if (!match || match[1] !== this.generatedFile) return site;
    const line = Number(match[2]) - this.firstLine;
    const column = Number(match[3]) - 1;
    const segments = this.#lines[line];
    if (!segments || segments.length === 0) return site;
    let best = segments[0];
    for (const segment of segments) {
      if (segment[0] > column) break;
      best = segment;
    }
    return `${this.#sources[best[1]]}:${best[2] + 1}:${best[3] + 1}`;
  }

  /** Every generated-script site inside a text (a stack trace, a message), mapped. */
  mapText(text: string): string {
    const escaped = this.generatedFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return text.replace(new RegExp(`${escaped}:\\d+:\\d+`, 'g'), (site) => this.map(site));
  }
}
