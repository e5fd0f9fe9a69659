// The whole-build check, bundler-neutral: given a finished build's metafile (esbuild's format),
// analyse the modules that matter, predict the hook order, run the whole-bundle checks and
// return the findings (with their final severity and text) and the manifest. The esbuild
// plugin calls it from onEnd; the CLI calls it on an already built bundle's metafile.
//
// How the CLI calls it (`snapshot-restore check --bundle dist/index.js --metafile meta.json`):
//
//   import { checkBuild } from '../../plugin/core/index.js';
//   const metafile = JSON.parse(fs.readFileSync('meta.json', 'utf8'));
//   const { findings, manifest } = checkBuild({
//     metafile,
//     workingDir: process.cwd(),      // the build's absWorkingDir: metafile paths are relative to it
//     format: 'esm',                  // optional: the bundle's output format; default: each entry's input format
//     options: { handler: 'handler' }, // the plugin's options (severity, failOn, include, modules, ...)
//   });
//   for (const f of findings) print(f.severity, f.text, f.location, f.notes);
//   // manifest is undefined when no output has an entry point; otherwise serializeManifest(manifest)
//
// checkBuild also runs the uniqueness lint (SR1xx) on the user's own modules in the output
// (`options.uniqueness: false` turns it off) and, for SR001/SR003 in entry modules, notes whether
// hoisting could move the registration. `hoisted` is only for the esbuild plugin (what its
// load-time transform moved); without it the bundle is taken as built with no hoisting.
//
// Findings whose configured severity is 'off' are already left out; `failOn: 'warning'` has
// already turned every finding into an error. Paths in findings and manifest are relative to
// workingDir, with forward slashes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModule, type ModuleAnalysis } from '../module/analyze.js';
import { effectiveSeverity, formatText, type DiagnosticCode, type Finding } from '../diagnostics.js';
import { expandGlobs } from './glob.js';
import { decoratorModeFromTsconfig } from './tsconfig.js';
import { droppedFindings, lazyFindings, lifecycleFindings, type OutputFormat } from './graph-checks.js';
import { detectDeploy } from './deploy-kind.js';
import { planHoist, type HoistPlan } from '../hoist/plan.js';
import { explainNotHoisted, hoistedAnalysis } from '../hoist/report.js';
import { lintUniqueness } from '../module/uniqueness.js';
import { UNIQUENESS_PREFILTER } from '../rules/uniqueness-match.js';
import { SR004, SR005 } from '../rules/index.js';
import { parseSource } from '../ast/parse.js';
import { redact } from '../rules/redact.js';
import { buildManifest, bundleOf, type Manifest, type ManifestBundle, type ManifestDiagnostic } from './manifest.js';
import {
  RUNTIME_SPECIFIER,
  mentionNeedles,
  resolveOptions,
  stripExtension,
  toRuntimeModules,
  type AnalyzeOptions,
  type RuntimeModule,
  type SnapshotRestoreOptions,
} from '../options.js';
import { predictOrder, type AnalysisLookup } from './order.js';
import { DECLARATION, indexGraph, isOtherNamespace, LIBRARY_PATH, SOURCE_FILTER, type GraphIndex } from './graph-index.js';

export type { OutputFormat } from './graph-checks.js';

/** The part of esbuild's metafile the check reads (a `--metafile` JSON file has this shape). */
export interface BuildMetafile {
  inputs: {
    [path: string]: {
      imports: Array<{ path: string; kind: string; external?: boolean; original?: string }>;
      format?: 'cjs' | 'esm';
    };
  };
  outputs: {
    [path: string]: { entryPoint?: string; inputs: { [path: string]: unknown } };
  };
}

/** A place in a source file, as esbuild prints it: line 1-based, column 0-based, file relative. */
export interface BuildLocation {
  file: string;
  line: number;
  column: number;
  length: number;
  lineText: string;
  suggestion?: string;
}

export interface BuildFinding {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  /** The message, starting with `[SRnnn]`. */
  text: string;
  location: BuildLocation | null;
  /** Related places; the last note repeats the suggestion as `Suggestion: ...` when there is one. */
  notes: Array<{ text: string; location: BuildLocation | null }>;
  /** What to write instead (also in location.suggestion). */
  suggestion?: string;
}

/** Analyses kept across rebuilds: a file whose content and options are unchanged is not parsed again. */
export type AnalysisCache = Map<string, { source: string; key: string; analysis?: ModuleAnalysis; uniqueness?: Finding[] }>;

export interface CheckBuildInput {
  metafile: BuildMetafile;
  /** The directory metafile paths are relative to (esbuild's absWorkingDir). */
  workingDir: string;
  /** The plugin's options as the user wrote them (checked here: a bad one throws an OptionsError). */
  options?: SnapshotRestoreOptions;
  /** Entry point files (relative to workingDir or absolute). Default: the outputs' entry points. */
  entryPoints?: string[];
  /** Output format. Default: each entry module's own format in the metafile (esm unless cjs). */
  format?: OutputFormat;
  /** Decorator semantics the build used. Default: from workingDir/tsconfig.json. */
  decorators?: 'tc39' | 'legacy';
  /** Reads a source file (absolute path); undefined when it cannot. Default: fs, utf8. */
  readFile?: (file: string) => string | undefined;
  /** Pass the same map on each rebuild to skip parsing unchanged files. */
  cache?: AnalysisCache;
  /** What the build hoisted, by absolute file (the esbuild plugin's load-time transform).
   *  Absent: the bundle was built without hoisting (a plain esbuild build). */
  hoisted?: ReadonlyMap<string, HoistPlan>;
}

export interface CheckBuildResult {
  findings: BuildFinding[];
  /** Undefined when no output has an entry point (nothing to predict). */
  manifest?: Manifest;
}

function defaultReadFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // unreadable now (deleted during a watch rebuild): nothing to report
  }
}

export function checkBuild(input: CheckBuildInput): CheckBuildResult {
  const { metafile, workingDir } = input;
  const options = resolveOptions(input.options);
  const readFile = input.readFile ?? defaultReadFile;
  const cache: AnalysisCache = input.cache ?? new Map();
  const decorators = input.decorators ?? decoratorModeFromTsconfig(workingDir);
  let modules = toRuntimeModules(options.modules, workingDir);
  const toAbsolute = (key: string): string => path.resolve(workingDir, key);
  const relative = (file: string): string => path.relative(workingDir, file).split(path.sep).join('/');

  const entryKeys = input.entryPoints ?? Object.values(metafile.outputs).flatMap((o) => (o.entryPoint ? [o.entryPoint] : []));
  const entryFiles = new Set<string>();
  for (const entry of entryKeys) {
    const file = toAbsolute(entry);
    entryFiles.add(file);
    entryFiles.add(stripExtension(file));
  }

  const isEntry = (file: string): boolean => entryFiles.has(file) || entryFiles.has(stripExtension(file));
  const analyzeOptionsFor = (file: string): AnalyzeOptions => ({
    handler: options.handler,
    defaultExportIsHandler: isEntry(file),
    modules,
    decorators,
  });
  const analyze = (file: string, source: string): ModuleAnalysis => cachedAnalysis(cache, file, source, analyzeOptionsFor(file));

  // Keyed by metafile input path (relative to the working directory).
  const analyses = new Map<string, ModuleAnalysis>();
  const analyzeInput = (key: string): ModuleAnalysis | undefined => {
    const file = toAbsolute(key);
    const source = readFile(file);
    if (source === undefined) return undefined;
    const plan = input.hoisted?.get(file);
    // A module the build hoisted from is analysed as it now runs.
    const analysis = plan ? hoistedAnalysis(analyze(file, source), plan, source, options.handler) : analyze(file, source);
    analyses.set(key, analysis);
    return analysis;
  };

  // The cheap check is on the module graph: a module is read and parsed only if one of its
  // imports or requires names the runtime or a wrapper module (or the build hoisted from it).
  // The graph's edges are read once, here, for this and for everything below that needs them.
  const index = indexGraph(metafile.inputs, modules, workingDir);
  const hoistedKeys = hoistedInputs(input.hoisted, index.sources, toAbsolute);
  const analyzeMentioning = (): void => {
    analyses.clear();
    const mentioning = index.mentioningWith(modules);
    const keys = hoistedKeys.size === 0 ? mentioning : index.sources.filter((key) => hoistedKeys.has(key) || mentioning.has(key));
    for (const key of keys) analyzeInput(key);
  };
  analyzeMentioning();
  // A user module that re-exports the register functions (under its own names, through
  // `export *`, or along a chain of such modules) is a wrapper module, found rather than
  // configured: the modules importing it are analysed again with it, until no new one appears.
  for (let round = 0; round < 8; round++) {
    const found = wrapperModulesOf(analyses.values(), modules);
    if (found.length === 0) break;
    modules = [...modules, ...found];
    analyzeMentioning();
  }

  const analysisOf: AnalysisLookup = (key, needed) => {
    if (isOtherNamespace(key)) return undefined;
    const known = analyses.get(key);
    if (known || !needed) return known;
    // A module the cheap check skipped, but whose require/import() sites decide whether
    // hooks below it are lazy: analyse it now.
    return analyzeInput(key);
  };

  const findings: Finding[] = [];
  const bundles: ManifestBundle[] = [];
  const deploy = detectDeploy(workingDir, options.deploy);
  // With code splitting an entry's modules may sit in shared chunks too. Asked only of the
  // modules that matter, so no set of every module is built.
  const outputInputs = Object.values(metafile.outputs).map((o) => o.inputs);
  const included = { has: (key: string): boolean => outputInputs.some((inputs) => Object.hasOwn(inputs, key)) };
  for (const [output, meta] of Object.entries(metafile.outputs)) {
    if (!meta.entryPoint || !metafile.inputs[meta.entryPoint]) continue;
    const entry = meta.entryPoint;
    const prediction = predictOrder(metafile.inputs, entry, analysisOf, included, { index, analysed: [...analyses.keys()] });
    findings.push(...lazyFindings(prediction, analysisOf, workingDir));
    findings.push(...droppedFindings(prediction));
    const entryFormat = input.format ?? (metafile.inputs[entry]?.format === 'cjs' ? 'cjs' : 'esm');
    findings.push(...lifecycleFindings(prediction, entry, entryFormat, analysisOf, deploy));
    bundles.push(bundleOf(entry, output, prediction, relative));
  }

  for (const analysis of analyses.values()) {
    findings.push(...analysis.findings);
    if (!analysis.parsed) {
      findings.push({
        code: 'SR005',
        message: SR005.message('unparsed', { file: relative(analysis.file), error: analysis.parseError ?? 'parse error' }),
        location: { file: analysis.file, line: 1, column: 0, length: 0, lineText: '' },
        notes: [],
      });
    }
  }
  if (options.uniqueness !== false) {
    for (const key of uniquenessCandidates(index, included, workingDir, readFile)) {
      const file = toAbsolute(key);
      const source = readFile(file);
      if (source === undefined) continue;
      // A module the hook analysis already reported as unparsable is not reported twice.
      const reported = analyses.get(key)?.parsed === false;
      findings.push(...cachedUniqueness(cache, file, source, analyzeOptionsFor(file), reported ? undefined : relative(file)));
    }
  }

  const firstEntry = bundles[0]?.entryPoint;
  const entryDir = firstEntry ? path.dirname(toAbsolute(firstEntry)) : workingDir;
  if (options.include.length > 0) {
    const inBundle = new Set(Object.keys(metafile.inputs).map(toAbsolute));
    const needles = mentionNeedles(modules);
    findings.push(...missingFromBundle(options.include, workingDir, entryDir, inBundle, needles, readFile, analyze, relative));
  }

  // Registrations and lazy imports left in the handler: say why they were not hoisted.
  const plans = new Map<string, HoistPlan | undefined>();
  const planFor = (file: string): HoistPlan | undefined => {
    if (!isEntry(file)) return undefined;
    const given = input.hoisted?.get(file);
    if (given) return given;
    if (!plans.has(file)) {
      const source = readFile(file);
      plans.set(file, source === undefined ? undefined : planHoist(source, file, analyzeOptionsFor(file)));
    }
    return plans.get(file);
  };
  const explained =
    options.hoist === false
      ? findings
      : findings.map((f) =>
          (f.code === 'SR001' || f.code === 'SR003') && f.location && !f.message.includes('; hoisted: ')
            ? explainNotHoisted(f, { applied: input.hoisted !== undefined, plan: planFor(f.location.file) })
            : f,
        );

  const result: BuildFinding[] = [];
  const diagnostics: ManifestDiagnostic[] = [];
  for (const finding of dedupe(explained)) {
    const severity = effectiveSeverity(finding, options);
    if (severity === 'off') continue;
    const built = toBuildFinding(finding, severity, relative);
    result.push(built);
    diagnostics.push({
      code: finding.code,
      severity,
      text: built.text,
      ...(built.location ? { file: built.location.file, line: built.location.line, column: built.location.column } : {}),
    });
  }
  return { findings: result, manifest: bundles.length > 0 ? buildManifest(bundles, diagnostics) : undefined };
}

/** Wrapper modules the analyses found: modules that export register functions and are not yet known as wrappers. */
export function wrapperModulesOf(analyses: Iterable<ModuleAnalysis>, known: RuntimeModule[]): RuntimeModule[] {
  const found: RuntimeModule[] = [];
  for (const analysis of analyses) {
    if (analysis.exportedHooks.length === 0 || LIBRARY_PATH.test(analysis.file)) continue;
    const bare = stripExtension(analysis.file);
    if (known.some((m) => m.path === bare)) continue;
    found.push({
      path: bare,
      beforeSnapshot: analysis.exportedHooks.filter((e) => e.phase === 'beforeSnapshot').map((e) => e.name),
      afterRestore: analysis.exportedHooks.filter((e) => e.phase === 'afterRestore').map((e) => e.name),
    });
  }
  return found;
}

/** analyzeModule through the cache: a file whose content and options are unchanged is not parsed again. */
export function cachedAnalysis(cache: AnalysisCache, file: string, source: string, options: AnalyzeOptions): ModuleAnalysis {
  const key = JSON.stringify([options.handler, options.defaultExportIsHandler, options.decorators, options.modules]);
  const cached = cache.get(file);
  if (cached?.analysis && cached.source === source && cached.key === key) return cached.analysis;
  const analysis = analyzeModule(source, file, options);
  cache.set(file, { source, key, analysis });
  return analysis;
}

/** lintUniqueness through the cache; the cheap string check first. */
function cachedUniqueness(cache: AnalysisCache, file: string, source: string, options: AnalyzeOptions, shown?: string): Finding[] {
  const cacheKey = `${file}\0uniqueness`;
  const key = JSON.stringify([options.handler, options.defaultExportIsHandler, options.decorators, options.modules, shown]);
  const cached = cache.get(cacheKey);
  if (cached?.uniqueness && cached.source === source && cached.key === key) return cached.uniqueness;
  let findings: Finding[] = [];
  if (UNIQUENESS_PREFILTER.test(source)) {
    // The bundler parsed this file, so a parse failure is the analysis's own limit: say so,
    // rather than let the lint skip it silently (the file need not import the runtime).
    const parsed = parseSource(source, file);
    findings = parsed.ok
      ? lintUniqueness(source, file, options)
      : shown === undefined
        ? []
        : [
            {
              code: 'SR005',
              message: SR005.message('unparsedLint', { file: shown, error: parsed.error }),
              location: { file, line: 1, column: 0, length: 0, lineText: '' },
              notes: [],
            },
          ];
  }
  cache.set(cacheKey, { source, key, uniqueness: findings });
  return findings;
}

/**
 * The modules the uniqueness lint reads: the user's own source files in the output. Libraries
 * (node_modules) are left out, and so is this package's runtime wherever it resolves from: the
 * directories that `snapshot-restore` imports lead to and, when such a directory is inside the
 * runtime's own package (a package.json named `snapshot-restore` above it, not the project's
 * own), everything in that package (a linked or aliased checkout of the runtime's sources).
 */
function uniquenessCandidates(index: GraphIndex, included: { has(key: string): boolean }, workingDir: string, readFile: (file: string) => string | undefined): string[] {
  const { runtimeDirs } = index;
  const packagePrefixes = [...runtimeDirs].flatMap((dir) => {
    const root = runtimePackageRoot(path.resolve(workingDir, dir), workingDir, readFile);
    return root === undefined ? [] : [`${path.relative(workingDir, root).split(path.sep).join('/')}/`];
  });
  return index.ownSources.filter((key) => included.has(key) && !runtimeDirs.has(path.dirname(key)) && !packagePrefixes.some((prefix) => key.startsWith(prefix)));
}

/** The metafile keys of the files the build hoisted from (few: entry points). */
function hoistedInputs(hoisted: ReadonlyMap<string, HoistPlan> | undefined, sources: string[], toAbsolute: (key: string) => string): Set<string> {
  if (!hoisted || hoisted.size === 0) return new Set();
  // Resolving every key against the working directory would cost more than the rest of the
  // check on a large graph: only keys with a hoisted file's base name are resolved.
  const names = new Set([...hoisted.keys()].map((file) => path.basename(file)));
  return new Set(sources.filter((key) => names.has(path.basename(key)) && hoisted.has(toAbsolute(key))));
}

/** The folder of the `snapshot-restore` package that holds `dir`, if any (and it is not the project itself). */
function runtimePackageRoot(dir: string, workingDir: string, readFile: (file: string) => string | undefined): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const text = readFile(path.join(current, 'package.json'));
    if (text !== undefined) {
      let name: unknown;
      try {
        name = (JSON.parse(text) as { name?: unknown }).name;
      } catch {
        return undefined;
      }
      // A package.json with only `type` (as in `dist/esm/`) does not end the package.
      if (name !== undefined) return name === RUNTIME_SPECIFIER && path.resolve(current) !== path.resolve(workingDir) ? current : undefined;
    }
    if (path.dirname(current) === current || path.basename(current) === 'node_modules') return undefined;
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\0${f.location?.file}\0${f.location?.line}\0${f.location?.column}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toBuildFinding(unredacted: Finding, severity: 'error' | 'warning', relative: (file: string) => string): BuildFinding {
  // Every word of the tool's own is redacted once more here, whatever built it (the rule
  // templates already redact what they quote); the quoted source line is the user's and stays.
  const finding: Finding = {
    ...unredacted,
    message: redact(unredacted.message),
    ...(unredacted.suggestion !== undefined ? { suggestion: redact(unredacted.suggestion) } : {}),
    notes: unredacted.notes.map((note) => ({ ...note, text: redact(note.text) })),
  };
  const location = (loc: Finding['location'], suggestion?: string): BuildLocation | null =>
    loc
      ? {
          file: relative(loc.file),
          line: loc.line,
          column: loc.column,
          length: loc.length,
          lineText: loc.lineText,
          ...(suggestion ? { suggestion } : {}),
        }
      : null;
  return {
    code: finding.code,
    severity,
    text: formatText(finding),
    location: location(finding.location, finding.suggestion),
    notes: [
      ...finding.notes.map((note) => ({ text: note.text, location: location(note.location) })),
      ...(finding.suggestion ? [{ text: `Suggestion: ${finding.suggestion}`, location: null }] : []),
    ],
    ...(finding.suggestion ? { suggestion: finding.suggestion } : {}),
  };
}

/** SR004: files matching `include` that register hooks but are not in the bundle. */
function missingFromBundle(
  include: SnapshotRestoreOptions['include'],
  workingDir: string,
  entryDir: string,
  inBundle: Set<string>,
  needles: string[],
  readFile: (file: string) => string | undefined,
  analyze: (file: string, source: string) => ModuleAnalysis,
  relative: (file: string) => string,
): Finding[] {
  if (!include) return [];
  const globs = Array.isArray(include) ? include : [include];
  const findings: Finding[] = [];
  for (const file of expandGlobs(globs, workingDir)) {
    if (inBundle.has(file) || !SOURCE_FILTER.test(file) || DECLARATION.test(file)) continue;
    const source = readFile(file);
    if (source === undefined || !needles.some((needle) => source.includes(needle))) continue;
    const analysis = analyze(file, source);
    const first = analysis.registrations[0];
    if (!first) continue;
    let specifier = path
      .relative(entryDir, file)
      .split(path.sep)
      .join('/')
      .replace(/\.([cm]?)tsx?$/, '.$1js');
    if (!specifier.startsWith('.')) specifier = `./${specifier}`;
    findings.push({
      code: 'SR004',
      message: SR004.message('notImported', { file: relative(file) }),
      location: first.location,
      suggestion: SR004.suggest('importIt', { specifier }),
      notes: [],
    });
  }
  return findings;
}
