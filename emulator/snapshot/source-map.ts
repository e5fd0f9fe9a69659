// Turning a place in the generated snapshot script back into the user's source, with the source
// map esbuild made for the bundle (read with @jridgewell/trace-mapping): hook registration sites,
// hook errors and the sites of open handles are reported as `handler.ts:12:3`, not as a line of
// a generated file in a temporary folder. For a stack, the user's own line is the first frame
// that maps to a source outside node_modules and outside this package.
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap, type SourceMapInput } from '@jridgewell/trace-mapping';

// This package's own code that ends up in a bundle: the runtime, the emulator's stand-ins.
// Run from dist/ or from the sources, the package root is one of these.
const here = fileURLToPath(new URL('../..', import.meta.url));
const roots = basename(here) === 'dist' ? [here, dirname(here)] : [here];
const OWN = roots.flatMap((root) => ['runtime', 'emulator', 'dist'].map((folder) => `${resolve(root, folder)}${sep}`));

/** A frame of the user's code: `column` 1-based, as in stack traces. */
export interface UserFrame {
  /** Absolute. */
  file: string;
  /** Relative to the folder sites are shown from, when inside it. */
  shown: string;
  line: number;
  column: number;
  /** The library the call went through, when the user's line did not make it itself. */
  via?: string;
}

export class SiteMapper {
  readonly #map: TraceMap;
  readonly #sourceRoot: string;

  /**
   * `generatedFile` holds the bundle from line `firstLine` (1-based) on; `sourceRoot` is the
   * folder the map's sources are relative to, and `cwd` the folder the sites are shown from.
   */
  constructor(
    map: SourceMapInput,
    private readonly generatedFile: string,
    private readonly firstLine: number,
    sourceRoot: string,
    private readonly cwd: string,
  ) {
    this.#map = new TraceMap(map);
    this.#sourceRoot = sourceRoot;
  }

  /** The source position of a generated-script site, as an absolute path, or undefined when unmapped. */
  #original(site: string): { file: string; line: number; column: number } | undefined {
    const match = /^(?:file:\/\/)?(.*):(\d+):(\d+)$/.exec(site);
    if (!match || match[1] !== this.generatedFile) return undefined;
    const line = Number(match[2]) - this.firstLine + 1;
    if (line < 1) return undefined;
    const position = originalPositionFor(this.#map, { line, column: Number(match[3]) - 1 });
    if (position.source === null) return undefined;
    return { file: resolve(this.#sourceRoot, position.source), line: position.line, column: position.column + 1 };
  }

  #shown(file: string): string {
    const shown = relative(this.cwd, file);
    return shown.startsWith('..') ? file : shown;
  }

  /** `file:line:column` in the generated script (1-based, as in stack traces) to the source, if mapped. */
  map(site: string): string {
    const original = this.#original(site);
    return original ? `${this.#shown(original.file)}:${original.line}:${original.column}` : site;
  }

  /** The user's own line in a stack (innermost first): the first frame outside node_modules and this package. */
  userSite(stack: readonly string[]): string | undefined {
    for (const site of stack) {
      const original = this.#original(site);
      if (!original || /[\\/]node_modules[\\/]/.test(original.file) || OWN.some((own) => original.file.startsWith(own))) continue;
      return `${this.#shown(original.file)}:${original.line}:${original.column}`;
    }
    return undefined;
  }

  /**
   * The user's own frame in a stack, with what led from it to the call: `via` names the first
   * library (a node_modules package) between them, undefined when the user's
   * line made the call itself (frames of Node's own modules in between do not count).
   */
  userFrame(stack: readonly string[]): UserFrame | undefined {
    let via: string | undefined;
    for (const site of stack) {
      const original = this.#original(site);
      if (!original) continue;
      const library = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(original.file)?.[1]?.replace('\\', '/');
      // This package's own code (the runtime, emulate's stand-ins for node:https and friends) is
      // neutral, like Node's own modules.
      if (OWN.some((own) => original.file.startsWith(own))) continue;
      if (library) {
        via ??= library;
        continue;
      }
      return { file: original.file, shown: this.#shown(original.file), line: original.line, column: original.column, ...(via ? { via } : {}) };
    }
    return undefined;
  }

  /** The text of a source as the map carries it (a deployed bundle's sources may be gone from disk). */
  contentOf(file: string): string | undefined {
    const index = this.#map.sources.findIndex((source) => source !== null && resolve(this.#sourceRoot, source) === file);
    return index === -1 ? undefined : (this.#map.sourcesContent?.[index] ?? undefined);
  }

  /** The first node_modules package a stack runs through, innermost first. */
  firstLibrary(stack: readonly string[]): string | undefined {
    for (const site of stack) {
      const original = this.#original(site);
      const library = original && /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(original.file)?.[1];
      if (library) return library.replace('\\', '/');
    }
    return undefined;
  }

  /**
   * Every generated-script site inside a text (a stack trace, a message), mapped. Stack frames
   * that map to nothing (the emulator's own code around the bundle, in a temporary folder) are
   * left out: they would only point at a file that is gone.
   */
  mapText(text: string): string {
    const escaped = this.generatedFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const site = new RegExp(`(?:file://)?${escaped}:\\d+:\\d+`, 'g');
    const ownFrame = new RegExp(`^\\s+at .*${escaped}:\\d+:\\d+\\)?\\s*$`);
    return text
      .split('\n')
      .filter((line) => !ownFrame.test(line) || line.replace(site, (found) => this.map(found)) !== line)
      .map((line) => line.replace(site, (found) => this.map(found)))
      .join('\n');
  }
}
