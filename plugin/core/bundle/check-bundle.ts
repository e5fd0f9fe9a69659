// The check of an already built bundle, for the tools that cannot load a bundler plugin (CDK's
// afterBundling hook, SAM makefiles, SST's postbuild), bundler-neutral so that any adapter can
// reach it. Three ways, best first:
// 1. with esbuild's metafile: the whole-build check (checkBuild) on the build's own graph,
//    reading the original sources on disk;
// 2. with a source map that carries the original modules (esbuild's does): the graph is
//    recovered from the map (recover-graph.ts) and the same whole-build check runs on it, so the
//    findings, locations, names and suggestions are the build's;
// 3. with neither: the bundle itself is analysed as one module, with esbuild's output shapes
//    made readable (bundled-runtime.ts); what that cannot check is said in `limitations`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkBuild, type BuildFinding, type BuildLocation, type BuildMetafile, type CheckBuildResult } from '../build/check-build.js';
import type { OutputFormat } from '../build/graph-checks.js';
import type { SnapshotRestoreOptions } from '../options.js';
import { exposeBundledRuntime } from './bundled-runtime.js';
import { effectiveSeverity, type DiagnosticCode } from '../diagnostics.js';
import { prepareBundle, regionAt, registerNamesIn, type PreparedBundle } from './esbuild-output.js';
import { blankUnreachingUnits } from './minified-wrappers.js';
import { identifyEntry, type IdentifiedEntry } from './identify-entry.js';
import { parsedEdges, scannedEdges } from './import-edges.js';
import { moduleFilesFromComments, modulePathsFromComments } from './module-comments.js';
import { createResolver } from './resolve.js';
import { recoverGraph } from './recover-graph.js';
import { loadSourceMap, originalLocation, type BundleSourceMap } from './source-map.js';

/** Bad input (a bundle that does not parse, a metafile of another build): one line for the user. */
export class BundleCheckError extends Error {
  override name = 'BundleCheckError';
}

export interface CheckBundleInput {
  /** The bundle file (absolute, or relative to the current directory). */
  bundle: string;
  /** The directory the build ran in: metafile paths are relative to it, findings' paths too. */
  workingDir: string;
  /** The bundle's output format (as Lambda loads it). */
  format: OutputFormat;
  /** Decorator semantics of the original sources (with a metafile or a source map). */
  decorators?: 'tc39' | 'legacy';
  options?: SnapshotRestoreOptions;
  /** esbuild's metafile of the build, when there is one. */
  metafile?: BuildMetafile;
  /** tsconfig whose `paths` the build resolved with (default: the working directory's). */
  tsconfig?: string;
  /** Reads a file (absolute path); undefined when it cannot. Default: fs, utf8. */
  readFile?: (file: string) => string | undefined;
}

export interface CheckBundleResult extends CheckBuildResult {
  /** What was analysed, relative to the working directory: the entry points, or the bundle. */
  checked: string[];
  /** What could not be checked, and why. Empty when the check is the build's own. */
  limitations: string[];
  /** How the bundle was checked. */
  via: 'metafile' | 'source-map' | 'module-comments' | 'identified-entry' | 'bundle';
}

function defaultReadFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The part of the metafile about this bundle: its output (found by path, or the only entry
 * output) and the entry-less chunks it may share. CDK moves the bundle after building, so a
 * path that matches nothing is not an error when there is one entry output.
 */
export function narrowToBundle(metafile: BuildMetafile, bundle: string, workingDir: string): BuildMetafile {
  const outputs = Object.entries(metafile.outputs);
  const withEntry = outputs.filter(([, meta]) => meta.entryPoint);
  const mine = withEntry.filter(([key]) => path.resolve(workingDir, key) === bundle);
  const chosen = mine.length > 0 ? mine : withEntry;
  return {
    inputs: metafile.inputs,
    outputs: Object.fromEntries([...chosen, ...outputs.filter(([, meta]) => !meta.entryPoint)]),
  };
}

export function checkBundle(input: CheckBundleInput): CheckBundleResult {
  const bundle = path.resolve(input.bundle);
  const readFile = input.readFile ?? defaultReadFile;
  if (input.metafile) return checkWithMetafile(input, bundle, input.metafile, readFile);
  const source = readFile(bundle);
  if (source === undefined) throw new BundleCheckError(`cannot read the bundle ${input.bundle}`);
  const map = loadSourceMap(bundle, source);
  const viaMap = map ? checkWithSourceMap(input, bundle, map, readFile) : undefined;
  if (viaMap) return viaMap;
  const viaComments = checkWithModuleComments(input, bundle, source, readFile);
  if (viaComments) return viaComments;
  // A minified bundle names no modules: find its entry among the sources on disk.
  const identified = modulePathsFromComments(source).length === 0 ? identifyEntry(source, bundle, input.workingDir, readFile, input.tsconfig) : undefined;
  const viaEntry = identified && 'entry' in identified ? checkFromIdentifiedEntry(input, bundle, identified.entry, readFile) : undefined;
  if (viaEntry) return viaEntry;
  return checkBundleAlone(input, bundle, source, map, readFile, identified && 'reason' in identified ? identified.reason : undefined);
}

/**
 * A minified bundle without a map, whose entry was found on disk (identify-entry.ts): the entry
 * and the user's modules it imports (resolved as the build did) are checked as the build's graph.
 * Which of them the bundler dropped cannot be told, so all count as bundled.
 */
function checkFromIdentifiedEntry(input: CheckBundleInput, bundle: string, entry: IdentifiedEntry, readFile: (file: string) => string | undefined): CheckBundleResult | undefined {
  const { workingDir } = input;
  const resolver = createResolver(new Set(entry.candidates), entry.candidates, workingDir, input.tsconfig);
  // The modules in the order esbuild emits them: each after what it imports, the entry last.
  const sources: string[] = [];
  const visited = new Set<string>();
  const visit = (file: string) => {
    visited.add(file);
    const text = readFile(file) ?? '';
    for (const edge of parsedEdges(text, file) ?? scannedEdges(text)) {
      const resolution = resolver.resolve(edge.specifier, file);
      if ('file' in resolution && !visited.has(resolution.file)) visit(resolution.file);
    }
    sources.push(file);
  };
  visit(entry.file);
  const checked = checkRecovered(input, bundle, { sources, contents: sources.map(() => undefined) }, readFile);
  if (!checked) return undefined;
  const { graph, result } = checked;
  const shown = path.relative(workingDir, entry.file).split(path.sep).join('/');
  const limitations = [
    `no --metafile, no source map, and the bundle is minified: its entry was identified on disk as ${shown} (its exports and ${entry.found} of its ${entry.tokens} strings and property names are in the bundle) and checked with the modules it imports, as \`check ${shown}\` would; whether the bundler dropped one of them (SR004) cannot be told from a minified bundle`,
  ];
  return { ...result, checked: [graph.entryPoint], limitations, via: 'identified-entry' };
}

/**
 * No metafile and no usable map, but an unminified bundle names its modules, and the project's
 * files are on disk (the check runs where the build ran, as with --metafile): the graph is
 * recovered from those files exactly as from a map without `sourcesContent`.
 */
function checkWithModuleComments(input: CheckBundleInput, bundle: string, source: string, readFile: (file: string) => string | undefined): CheckBundleResult | undefined {
  const { workingDir } = input;
  const files = moduleFilesFromComments(source, workingDir, (file) => readFile(file) !== undefined);
  if (!files) return undefined;
  const checked = checkRecovered(input, bundle, { sources: files, contents: files.map(() => undefined) }, readFile);
  if (!checked) return undefined;
  const { graph, result } = checked;
  const limitations = [
    `no --metafile and no source map: the ${files.length} modules the bundle names in its module comments were checked from their files on disk, as the build would (if they changed since the build, rebuild first)`,
  ];
  return { ...result, checked: [graph.entryPoint], limitations, via: 'module-comments' };
}

function checkWithMetafile(input: CheckBundleInput, bundle: string, full: BuildMetafile, readFile: (file: string) => string | undefined): CheckBundleResult {
  const { workingDir } = input;
  const metafile = narrowToBundle(full, bundle, workingDir);
  const sources = Object.keys(metafile.inputs).filter((key) => !key.includes('node_modules/') && !/^[a-z-]+:/.test(key));
  if (sources.length > 0 && !sources.some((key) => fs.existsSync(path.resolve(workingDir, key)))) {
    throw new BundleCheckError(`none of the metafile's source files exist under ${workingDir} (e.g. ${sources[0]}): pass --working-dir <the directory the build ran in>`);
  }
  const result = checkBuild({ metafile, workingDir, format: input.format, decorators: input.decorators, options: input.options, readFile });
  const entries = Object.values(metafile.outputs).flatMap((meta) => (meta.entryPoint ? [meta.entryPoint] : []));
  return { ...result, checked: entries, limitations: [], via: 'metafile' };
}

/** The whole-build check on a graph recovered from a list of sources (a map's, or files on disk). */
function checkRecovered(input: CheckBundleInput, bundle: string, sources: Parameters<typeof recoverGraph>[0], readFile: (file: string) => string | undefined) {
  const { workingDir } = input;
  const graph = recoverGraph(sources, { workingDir, outputKey: outputKey(bundle, workingDir), options: input.options, tsconfig: input.tsconfig, readFile });
  if (!graph) return undefined;
  const result = checkBuild({
    metafile: graph.metafile,
    workingDir,
    format: input.format,
    decorators: input.decorators,
    options: input.options,
    readFile: (file) => graph.contents.get(file) ?? readFile(file),
  });
  return { graph, result };
}

function outputKey(bundle: string, workingDir: string): string {
  // The bundle's name in messages: relative to the working directory, or absolute outside it.
  const relative = path.relative(workingDir, bundle).split(path.sep).join('/');
  return relative.startsWith('../') ? bundle : relative;
}

function checkWithSourceMap(input: CheckBundleInput, bundle: string, map: BundleSourceMap, readFile: (file: string) => string | undefined): CheckBundleResult | undefined {
  const checked = checkRecovered(input, bundle, map, readFile);
  if (!checked) return undefined;
  const { graph, result } = checked;
  const limitations: string[] = [];
  const { unreadable, notOnDisk } = graph;
  if (unreadable.length > 0) {
    limitations.push(
      `the source map has no text for ${unreadable.length} module${unreadable.length === 1 ? '' : 's'} that are not on disk either (e.g. ${unreadable[0]}): they were not checked`,
    );
  }
  if (notOnDisk.length > 0) {
    limitations.push(
      `${notOnDisk.length} of your modules named by the source map ${notOnDisk.length === 1 ? 'is' : 'are'} not under the working directory, as written or moved (e.g. ${notOnDisk[0]}): checked from the map's text and named as the map names them; run the check in the project the bundle was built from (--working-dir) to see its files`,
    );
  }
  return { ...result, checked: [graph.entryPoint], limitations, via: 'source-map' };
}

function checkBundleAlone(
  input: CheckBundleInput,
  bundle: string,
  source: string,
  map: BundleSourceMap | undefined,
  readFile: (file: string) => string | undefined,
  /** Why the minified bundle's entry was not found on disk. */
  noEntry?: string,
): CheckBundleResult {
  const { workingDir, format } = input;
  const key = outputKey(bundle, workingDir);
  // Minified (no module comment): the wrapped modules that cannot register a hook are blanked out
  // first (minified-wrappers.ts; its scan can misread, and then the bundle is read as it is).
  const blanked = /^\/\/ [^\n]+?\.\w+$/m.test(source) ? undefined : blankUnreachingUnits(source, registerNamesIn(source));
  let skipped = blanked && blanked.blanked > 0 ? blanked : undefined;
  let prepared = prepareBundle(skipped?.source ?? source);
  let outcome = exposeBundledRuntime(prepared.source, bundle);
  if (!outcome.ok && skipped) {
    skipped = undefined;
    prepared = prepareBundle(source);
    outcome = exposeBundledRuntime(prepared.source, bundle);
  }
  if (!outcome.ok) {
    // Say it on the bundle as it is, not on the prepared text.
    const original = prepared.source === source ? outcome : exposeBundledRuntime(source, bundle);
    const { line, column, error } = original.ok ? outcome : original;
    throw new BundleCheckError(`${key}:${line}:${column + 1}: the bundle does not parse: ${error}`);
  }
  const { exposed } = outcome;
  const analysed = prepared.appended.length > 0 ? `${exposed.source}\n${prepared.appended.join('\n')}\n` : exposed.source;
  const specifiers = [...new Set(scannedEdges(analysed).map((edge) => edge.specifier))];

  const minified = prepared.regions.length === 0;
  const limitations = [
    minified
      ? `no --metafile and no source map with the original sources, and the bundle is minified, so it was checked as one module: its entry was not found on disk (${noEntry ?? 'the bundle names its modules'}; run \`check\` on the entry file, or keep the source map). Lazily loaded hook modules (SR003) and files missing from the bundle (SR004) were not checked, and neither were the uniqueness rules (SR101-SR108): without module boundaries a library's code cannot be told from yours; decorators esbuild lowered are not followed once their helpers are renamed (SR005 may name one)`
      : 'no --metafile and no source map with the original sources: the bundle was checked as one module, so files missing from the bundle (SR004) were not checked, lazily loaded hook modules (SR003) only when esbuild wrapped them, and `// snapshot-restore-ignore` comments, which bundling drops, were not seen',
  ];
  if (skipped) {
    limitations.push(
      `${skipped.blanked} of esbuild's module wrappers and top-level functions were skipped unread (${Math.round(skipped.bytes / 1024)} KB): they name neither the runtime nor code that reaches it, so they cannot register a hook, as a library module in a build (\`eval\` or \`new Function\` in them is not SR005)`,
    );
  }
  if ((input.options?.modules ?? []).some((m) => (typeof m === 'string' ? m : m.module).startsWith('.'))) {
    limitations.push("wrapper modules given by path are part of the bundle's one module now: calls of their register functions were not recognised");
  }
  if (prepared.instanceDecorators > 0) {
    limitations.push(
      `${prepared.instanceDecorators} decorated instance method${prepared.instanceDecorators === 1 ? ' registers' : 's register'} hooks at each construction, which the bundle analysis does not follow (SR006 is not checked): pass --metafile or keep the source map`,
    );
  }
  const mentionsRuntime = /["'`]snapshot-restore["'`/]|"registerAfterRestore"|"registerBeforeSnapshot"/.test(source);
  if (mentionsRuntime && exposed.imports.length === 0) {
    limitations.push('the bundle contains snapshot-restore, but its register functions were not recognised (a CommonJS-wrapped copy of the runtime?): pass --metafile');
  } else if (exposed.registerFunctions.length > 0 && exposed.snapStart.length === 0 && format === 'esm') {
    limitations.push('snapStart() was not found in the bundle; if it is minified, SR007 may be reported wrongly: pass --metafile');
  }

  // A metafile of one module: the bundle, importing the runtime (external) when it has it inlined.
  const metafile: BuildMetafile = {
    inputs: { [key]: { imports: specifiers.map((specifier) => ({ path: specifier, kind: 'require-call', external: true })), format: format === 'cjs' ? 'cjs' : 'esm' } },
    outputs: { [key]: { entryPoint: key, inputs: { [key]: {} } } },
  };
  const result = checkBuild({
    metafile,
    workingDir,
    format,
    decorators: 'tc39', // esbuild has already lowered decorators to calls
    // Minified, a library's top-level code reads as the user's: its uniqueness findings would be
    // guesses, so the lint does not run (and megabytes of code are not walked for it).
    options: minified ? { ...input.options, uniqueness: false } : input.options,
    readFile: (file) => (file === bundle ? analysed : readFile(file)),
  });
  const shaped = fromEsbuildShapes(result.findings, prepared, input.options ?? {}, source);
  if (map) {
    const shown = path.relative(workingDir, map.file);
    limitations.push(`locations were mapped to the original sources through ${shown.startsWith('..') ? map.file : shown}`);
  } else {
    limitations.push('locations are in the bundle: it has no source map (build with sourcemap: true to see the original sources)');
  }
  const relative = (file: string) => path.relative(workingDir, file).split(path.sep).join('/');
  const lines = new Map<string, string[]>();
  const lineOf = (file: string, line: number): string => {
    let cached = lines.get(file);
    if (!cached) {
      const index = map?.sources.indexOf(file) ?? -1;
      cached = (map?.contents[index] ?? readFile(file) ?? '').split(/\r?\n/);
      lines.set(file, cached);
    }
    return cached[line - 1] ?? '';
  };
  // The uniqueness lint (SR1xx) reads only the user's own code in a normal build; here the whole
  // bundle is one module, so leave out what the source map says came from libraries.
  const findings = map
    ? shaped
        .map((finding) => mapFinding(finding, (location) => originalLocation(map, { ...location, file: path.resolve(workingDir, location.file) }, lineOf), relative))
        .filter((f) => !(/^SR1\d\d$/.test(f.code) && f.location?.file.includes('node_modules/')))
    : shaped;
  return { ...result, findings, checked: [key], limitations, via: 'bundle' };
}

/** A finding's places in the bundle, mapped to the original sources. */
function mapFinding(finding: BuildFinding, original: (location: BuildLocation) => ReturnType<typeof originalLocation>, relative: (file: string) => string): BuildFinding {
  const mapped = (location: BuildLocation | null): BuildLocation | null => {
    if (!location) return null;
    const found = original(location);
    if (!found) return location;
    return { ...found, file: relative(found.file), ...(location.suggestion ? { suggestion: location.suggestion } : {}) };
  };
  return { ...finding, location: mapped(finding.location), notes: finding.notes.map((note) => ({ ...note, location: mapped(note.location) })) };
}

/**
 * The bundle analysis' findings in the build's terms: nothing from the runtime's own code; a
 * registration that only runs because the handler calls a module's esbuild wrapper
 * (`require_x()`, `init_x()`: a lazy `require` or `import()`) is that module loaded lazily
 * (SR003, once per module); and the names esbuild gave imports (`randomUUID2`) are the source's.
 */
function fromEsbuildShapes(findings: BuildFinding[], prepared: PreparedBundle, options: SnapshotRestoreOptions, source: string): BuildFinding[] {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offsetOf = (location: BuildLocation) => (lineStarts[location.line - 1] ?? source.length) + location.column;
  const rename = (text: string): string => {
    let result = text;
    for (const [local, original] of prepared.renames) result = result.replace(new RegExp(`(?<![\\w$])${local.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'), original);
    return result;
  };
  const lazyReported = new Set<string>();
  const result: BuildFinding[] = [];
  for (const finding of findings) {
    const region = finding.location ? regionAt(prepared.regions, offsetOf(finding.location)) : undefined;
    if (region?.runtime) continue;
    let shaped = finding;
    if (finding.code === 'SR002' && finding.location) {
      const line = finding.location.line;
      const wrapper = [...prepared.wrappers].find(([, w]) => w.startLine <= line && line <= w.endLine);
      if (wrapper) {
        const [name, { path: modulePath }] = wrapper;
        const severity = effectiveSeverity({ code: 'SR003' }, options);
        if (severity === 'off' || lazyReported.has(modulePath)) continue;
        lazyReported.add(modulePath);
        const how = name.startsWith('require_') ? '`require()`' : '`import()`';
        const suggestion = `import it at module top level: \`import './${modulePath.replace(/^.*\//, '').replace(/\.([cm]?)tsx?$/, '.$1js')}';\``;
        shaped = {
          code: 'SR003' as DiagnosticCode,
          severity,
          text: `[SR003] ${modulePath} registers hooks but is only loaded lazily, with ${how} inside the handler, after the snapshot: its hooks never run`,
          location: { ...finding.location, suggestion },
          notes: [
            { text: 'It registers a hook here.', location: finding.location },
            { text: `Suggestion: ${suggestion}`, location: null },
          ],
          suggestion,
        };
      }
    }
    if (prepared.renames.size > 0) {
      shaped = {
        ...shaped,
        text: rename(shaped.text),
        ...(shaped.suggestion ? { suggestion: rename(shaped.suggestion) } : {}),
        location: shaped.location && shaped.location.suggestion ? { ...shaped.location, suggestion: rename(shaped.location.suggestion) } : shaped.location,
        notes: shaped.notes.map((note) => ({ ...note, text: rename(note.text) })),
      };
    }
    result.push(shaped);
  }
  return result;
}
