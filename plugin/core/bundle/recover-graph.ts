// The module graph of a bundle, recovered from its source map: esbuild's maps carry every
// original module (`sources`, with their text in `sourcesContent`) in the order it emitted them.
// Each module's imports are found in its text and resolved to the other modules, which gives
// the same metafile-shaped graph (`inputs` with their import edges, the output with its entry
// point) that the whole-build check reads, so it runs exactly as it runs in the build.
import * as path from 'node:path';
import type { BuildMetafile } from '../build/check-build.js';
import { mentionNeedles, toRuntimeModules, type SnapshotRestoreOptions } from '../options.js';
import { createComposedSourceFinder } from './composed-sources.js';
import { parsedEdges, scannedEdges, type RawEdge } from './import-edges.js';
import { relocateSources } from './relocated-sources.js';
import { createResolver } from './resolve.js';
import type { BundleSourceMap } from './source-map.js';

export interface RecoveredGraph {
  metafile: BuildMetafile;
  entryPoint: string;
  /** Module text by absolute file: what checkBuild reads instead of the disk. */
  contents: Map<string, string>;
  /** Modules whose text was neither in the map nor on disk (relative to the working directory). */
  unreadable: string[];
  /** The user's own modules checked from the map's text, though not on disk, even moved (as the map names them). */
  notOnDisk: string[];
}

const LIBRARY = /[\\/]node_modules[\\/]/;
const SCRIPT = /\.[cm]?[jt]sx?$/;
/** This package's runtime as its sources or dist files, when inlined from outside node_modules. */
const RUNTIME_FILE = /[\\/](?:runtime[\\/](?:(?:hooks|lifecycle|invoke|runtime-api)[\\/])?[\w-]+\.ts|dist[\\/](?:esm|cjs)[\\/][\w-]+\.c?js)$/;

export interface RecoverOptions {
  workingDir: string;
  /** The bundle's key in the synthesised metafile's outputs. */
  outputKey: string;
  options?: SnapshotRestoreOptions;
  tsconfig?: string;
  readFile: (file: string) => string | undefined;
}

/** The graph, or undefined when the map has no module text to recover it from. */
export function recoverGraph(map: Pick<BundleSourceMap, 'sources' | 'contents'> & { file?: string }, input: RecoverOptions): RecoveredGraph | undefined {
  const { workingDir, readFile } = input;
  const key = (file: string) => (path.isAbsolute(file) ? path.relative(workingDir, file).split(path.sep).join('/') : file);

  const contents = new Map<string, string>();
  const order: string[] = [];
  const unreadable: string[] = [];
  // A map copied away from the build (CDK's cdk.out, SAM's .aws-sam) names the project's files
  // from where it was written: find them again, so that modules are named as the build named them.
  const { sources, missing } = relocateSources(map.sources, workingDir, map.file === undefined ? undefined : path.dirname(map.file));
  const composedFrom = createComposedSourceFinder(sources, readFile);
  sources.forEach((source, i) => {
    let file = source;
    let text = map.contents[i] ?? (path.isAbsolute(file) ? readFile(file) : undefined);
    if (text === undefined && LIBRARY.test(file)) {
      // A library's source the bundler only knew from the library's own map: the module is the
      // compiled file it read.
      const compiled = composedFrom(i);
      if (compiled !== undefined) {
        file = compiled;
        text = readFile(compiled);
      }
    }
    if (contents.has(file) || unreadable.includes(key(file))) return; // a module inlined twice, or one compiled from several sources
    if (text === undefined) {
      unreadable.push(key(file));
      return;
    }
    contents.set(file, text);
    order.push(file);
  });
  if (order.length === 0 || unreadable.length > order.length) return undefined;
  // Without the user's own modules there is nothing of the build's to check.
  if (!order.some((file) => !LIBRARY.test(file)) && unreadable.some((file) => !LIBRARY.test(file))) return undefined;

  const resolver = createResolver(new Set(order), order, workingDir, input.tsconfig);
  const needles = mentionNeedles(toRuntimeModules(input.options?.modules, workingDir));
  // Library edges matter only when a library itself registers hooks or wraps the runtime.
  const scanLibraries = order.some((file) => LIBRARY.test(file) && needles.some((needle) => contents.get(file)!.includes(needle)));

  const inputs: BuildMetafile['inputs'] = {};
  const targeted = new Set<string>();
  const pending = [...order];
  const seen = new Set(order);
  while (pending.length > 0) {
    const file = pending.shift()!;
    const text = contents.get(file)!;
    let raw: RawEdge[] = [];
    if (SCRIPT.test(file) && path.isAbsolute(file)) {
      if (!LIBRARY.test(file)) raw = parsedEdges(text, file) ?? scannedEdges(text);
      else if (scanLibraries) raw = scannedEdges(text);
    }
    const imports: BuildMetafile['inputs'][string]['imports'] = [];
    for (const edge of raw) {
      const resolution = resolver.resolve(edge.specifier, file);
      if (!('file' in resolution)) {
        imports.push({ path: edge.specifier, kind: edge.kind, external: true, original: edge.specifier });
        continue;
      }
      if (resolution.onDisk && !seen.has(resolution.file)) {
        const dropped = readFile(resolution.file);
        if (dropped === undefined) continue;
        seen.add(resolution.file);
        contents.set(resolution.file, dropped);
        pending.push(resolution.file);
      }
      if (resolution.file !== file) targeted.add(resolution.file);
      imports.push({ path: key(resolution.file), kind: edge.kind, original: edge.specifier });
    }
    inputs[key(file)] = { imports };
  }

  // The entry point: a module of the user's that nothing imports (not a piece of this package's
  // runtime inlined from a checkout), preferably one that mentions the handler; esbuild emits
  // it last in an ES module bundle, first in a CommonJS one.
  const handler = new RegExp(`\\b${(input.options?.handler ?? 'handler').replace(/[^\w$]/g, '\\$&')}\\b`);
  const allRoots = order.filter((file) => !targeted.has(file) && !LIBRARY.test(file) && SCRIPT.test(file));
  const ownRoots = allRoots.filter((file) => !RUNTIME_FILE.test(file));
  const roots = ownRoots.length > 0 ? ownRoots : allRoots;
  const named = roots.filter((file) => handler.test(contents.get(file)!));
  const entry = named[named.length - 1] ?? roots[roots.length - 1] ?? order[order.length - 1]!;
  const metafile: BuildMetafile = {
    inputs,
    outputs: { [input.outputKey]: { entryPoint: key(entry), inputs: Object.fromEntries(order.map((file) => [key(file), {}])) } },
  };
  const notOnDisk = missing.filter((file) => contents.has(file)).map(key);
  return { metafile, entryPoint: key(entry), contents, unreadable, notOnDisk };
}
