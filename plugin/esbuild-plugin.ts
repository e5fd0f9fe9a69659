// The esbuild wiring: per-build state reset in onStart, a content-keyed cache across rebuilds,
// and in onEnd the scan of the bundled modules (cheap string check, then analysis), the
// whole-bundle checks, the messages and the manifest. The plugin never loads or transforms a
// file. Everything heavy lives in the bundler-neutral modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, Message, Metafile, OutputFile, PartialMessage, Plugin, PluginBuild } from 'esbuild';
import { analyzeModule, type ModuleAnalysis } from './analyze.js';
import { effectiveSeverity, formatText, type Finding } from './diagnostics.js';
import { expandGlobs } from './glob.js';
import { refersToRuntime } from './imports.js';
import { droppedFindings, lazyFindings, lifecycleFindings, type OutputFormat } from './graph-checks.js';
import { MANIFEST_FILE, buildManifest, bundleOf, serializeManifest, type ManifestBundle, type ManifestDiagnostic } from './manifest.js';
import { mentionNeedles, stripExtension, toRuntimeModules, type AnalyzeOptions, type SnapshotRestoreOptions } from './options.js';
import { predictOrder, type AnalysisLookup } from './order.js';

export const PLUGIN_NAME = 'snapshot-restore';
const SOURCE_FILTER = /\.[cm]?[jt]sx?$/;

interface CacheEntry {
  source: string;
  key: string;
  analysis: ModuleAnalysis;
}

export function snapshotRestore(options: SnapshotRestoreOptions = {}): Plugin {
  return {
    name: PLUGIN_NAME,
    setup(build) {
      build.initialOptions.metafile = true;
      const workingDir = build.initialOptions.absWorkingDir ?? process.cwd();
      const modules = toRuntimeModules(options.modules, workingDir);
      const needles = mentionNeedles(modules).map((needle) => Buffer.from(needle));
      // Kept across rebuilds: a file whose content and options are unchanged is not parsed again.
      const cache = new Map<string, CacheEntry>();
      // Reset in onStart: what this build loaded.
      // Keyed by metafile input path (relative to the working directory).
      let analyses = new Map<string, ModuleAnalysis>();
      let entryFiles = new Set<string>();
      let decorators: AnalyzeOptions['decorators'] = 'tc39';

      const analyze = (file: string, source: string): ModuleAnalysis => {
        const analyzeOptions: AnalyzeOptions = {
          handler: options.handler ?? 'handler',
          defaultExportIsHandler: entryFiles.has(file) || entryFiles.has(stripExtension(file)),
          modules,
          decorators,
        };
        const key = JSON.stringify([analyzeOptions.handler, analyzeOptions.defaultExportIsHandler, decorators]);
        const cached = cache.get(file);
        if (cached && cached.source === source && cached.key === key) return cached.analysis;
        const analysis = analyzeModule(source, file, analyzeOptions);
        cache.set(file, { source, key, analysis });
        return analysis;
      };

      build.onStart(() => {
        analyses = new Map();
        entryFiles = entryFilesOf(build.initialOptions, workingDir);
        decorators = decoratorModeOf(build.initialOptions, workingDir);
      });

      // The scan happens after esbuild has loaded everything, and the cheap check is on the
      // module graph: a module is read and parsed only if one of its imports or requires names
      // the runtime or a wrapper module. An onLoad callback, even one returning at once, costs
      // a round trip from esbuild's Go core per module (1.16x the build time on a 600-module AWS
      // SDK bundle, bench/plugin-overhead.mjs), and reading every file to search it another
      // ~6 ms; this costs well under a millisecond, and never gets in other plugins' way.
      const scan = (inputs: Metafile['inputs']): void => {
        for (const [key, input] of Object.entries(inputs)) {
          if (!SOURCE_FILTER.test(key) || isOtherNamespace(key)) continue;
          const mentions = input.imports.some((edge) =>
            refersToRuntime(edge.original ?? edge.path, () => (edge.external ? undefined : path.resolve(workingDir, edge.path)), modules),
          );
          if (!mentions) continue;
          const file = path.resolve(workingDir, key);
          try {
            analyses.set(key, analyze(file, fs.readFileSync(file, 'utf8')));
          } catch {
            // unreadable now (deleted during a watch rebuild): nothing to report
          }
        }
      };

      build.onEnd(async (result) => {
        if (!result.metafile || result.errors.length > 0) return undefined;
        const metafile = result.metafile;
        scan(metafile.inputs);
        const toAbsolute = (key: string): string => path.resolve(workingDir, key);
        const relative = (file: string): string => path.relative(workingDir, file).split(path.sep).join('/');

        const analysisOf: AnalysisLookup = (key, needed) => {
          if (isOtherNamespace(key)) return undefined;
          const known = analyses.get(key);
          if (known || !needed) return known;
          const file = toAbsolute(key);
          // A module the cheap check skipped, but whose require/import() sites decide whether
          // hooks below it are lazy: analyse it now.
          try {
            const analysis = analyze(file, fs.readFileSync(file, 'utf8'));
            analyses.set(key, analysis);
            return analysis;
          } catch {
            return undefined;
          }
        };

        const findings: Finding[] = [];
        const bundles: ManifestBundle[] = [];
        const format = outputFormatOf(build.initialOptions);
        // With code splitting an entry's modules may sit in shared chunks too.
        const included = new Set(Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs)));
        for (const [output, meta] of Object.entries(metafile.outputs)) {
          if (!meta.entryPoint || !metafile.inputs[meta.entryPoint]) continue;
          const entry = meta.entryPoint;
          const prediction = predictOrder(metafile.inputs, entry, analysisOf, included);
          findings.push(...lazyFindings(prediction, analysisOf, workingDir));
          findings.push(...droppedFindings(prediction));
          const entryFormat = format ?? (metafile.inputs[entry]?.format === 'cjs' ? 'cjs' : 'esm');
          findings.push(...lifecycleFindings(prediction, entry, entryFormat, analysisOf));
          bundles.push(bundleOf(entry, output, prediction, relative));
        }

        for (const analysis of analyses.values()) {
          findings.push(...analysis.findings);
          if (!analysis.parsed) {
            findings.push({
              code: 'SR005',
              message: `could not analyse ${relative(analysis.file)}: ${analysis.parseError ?? 'parse error'}; registrations in it are not checked`,
              location: { file: analysis.file, line: 1, column: 0, length: 0, lineText: '' },
              notes: [],
            });
          }
        }
        const firstEntry = bundles[0]?.entryPoint;
        const entryDir = firstEntry ? path.dirname(toAbsolute(firstEntry)) : workingDir;
        if (options.include) {
          const inBundle = new Set(Object.keys(metafile.inputs).map(toAbsolute));
          findings.push(...missingFromBundle(options.include, workingDir, entryDir, inBundle, needles, analyze, relative));
        }

        const messages = dedupe(findings).map((finding) => ({ finding, message: toMessage(finding, relative) }));
        const errors: PartialMessage[] = [];
        const warnings: PartialMessage[] = [];
        const diagnostics: ManifestDiagnostic[] = [];
        for (const { finding, message } of messages) {
          const severity = effectiveSeverity(finding.code, options);
          if (severity === 'off') continue;
          (severity === 'error' ? errors : warnings).push(message);
          diagnostics.push({
            code: finding.code,
            severity,
            text: message.text,
            ...(finding.location
              ? { file: relative(finding.location.file), line: finding.location.line, column: finding.location.column }
              : {}),
          });
        }

        if (options.manifest !== false && bundles.length > 0) {
          writeManifest(build, result, serializeManifest(buildManifest(bundles, diagnostics)), options.manifest, workingDir);
        }
        await logMessages(build, errors, warnings);
        return { errors, warnings };
      });
    },
  };
}

/** Metafile keys outside the file namespace look like `ns:path`. */
function isOtherNamespace(key: string): boolean {
  return key.includes(':') && !path.isAbsolute(key) && !/^[a-zA-Z]:[\\/]/.test(key);
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

function toMessage(finding: Finding, relative: (file: string) => string): PartialMessage & { text: string } {
  const location = (loc: Finding['location'], suggestion?: string) =>
    loc
      ? {
          file: relative(loc.file),
          namespace: 'file',
          line: loc.line,
          column: loc.column,
          length: loc.length,
          lineText: loc.lineText,
          ...(suggestion ? { suggestion } : {}),
        }
      : null;
  return {
    id: finding.code,
    pluginName: PLUGIN_NAME,
    text: formatText(finding),
    location: location(finding.location, finding.suggestion),
    notes: [
      ...finding.notes.map((note) => ({ text: note.text, location: location(note.location) })),
      ...(finding.suggestion ? [{ text: `Suggestion: ${finding.suggestion}`, location: null }] : []),
    ],
  };
}

/** SR004: files matching `include` that register hooks but are not in the bundle. */
function missingFromBundle(
  include: SnapshotRestoreOptions['include'],
  workingDir: string,
  entryDir: string,
  inBundle: Set<string>,
  needles: Buffer[],
  analyze: (file: string, source: string) => ModuleAnalysis,
  relative: (file: string) => string,
): Finding[] {
  if (!include) return [];
  const globs = Array.isArray(include) ? include : [include];
  const findings: Finding[] = [];
  for (const file of expandGlobs(globs, workingDir)) {
    if (inBundle.has(file) || !/\.[cm]?[jt]sx?$/.test(file) || /\.d\.[cm]?ts$/.test(file)) continue;
    const bytes = fs.readFileSync(file);
    if (!needles.some((needle) => bytes.includes(needle))) continue;
    const analysis = analyze(file, bytes.toString('utf8'));
    const first = analysis.registrations[0];
    if (!first) continue;
    let specifier = path.relative(entryDir, file).split(path.sep).join('/').replace(/\.([cm]?)tsx?$/, '.$1js');
    if (!specifier.startsWith('.')) specifier = `./${specifier}`;
    findings.push({
      code: 'SR004',
      message: `${relative(file)} registers hooks but is not in the bundle: nothing the entry point imports loads it, so its hooks never run`,
      location: first.location,
      suggestion: `import it from the handler module: \`import '${specifier}';\``,
      notes: [],
    });
  }
  return findings;
}

function entryFilesOf(initial: BuildOptions, workingDir: string): Set<string> {
  const entries = initial.entryPoints;
  const raw: string[] = Array.isArray(entries)
    ? entries.map((e) => (typeof e === 'string' ? e : e.in))
    : entries
      ? Object.values(entries)
      : [];
  const files = new Set<string>();
  for (const entry of raw) {
    const file = path.resolve(workingDir, entry);
    files.add(file);
    files.add(stripExtension(file));
  }
  return files;
}

/** esbuild's format default: cjs for bundles on platform node, iife for the browser, esm for neutral. */
function outputFormatOf(initial: BuildOptions): OutputFormat | undefined {
  if (initial.format) return initial.format;
  if (!initial.bundle) return undefined;
  if (initial.platform === 'node') return 'cjs';
  if (initial.platform === 'neutral') return 'esm';
  return 'iife';
}

/** `legacy` when the tsconfig esbuild will use turns on experimentalDecorators. */
function decoratorModeOf(initial: BuildOptions, workingDir: string): 'tc39' | 'legacy' {
  let config: unknown = initial.tsconfigRaw;
  if (typeof config === 'string') config = parseJsonc(config);
  if (config === undefined) {
    try {
      config = parseJsonc(fs.readFileSync(path.resolve(workingDir, initial.tsconfig ?? 'tsconfig.json'), 'utf8'));
    } catch {
      config = undefined;
    }
  }
  const compilerOptions = (config as { compilerOptions?: { experimentalDecorators?: boolean } } | undefined)?.compilerOptions;
  return compilerOptions?.experimentalDecorators ? 'legacy' : 'tc39';
}

function parseJsonc(text: string): unknown {
  try {
    // tsconfig allows comments and trailing commas.
    const stripped = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str: string | undefined) => str ?? '');
    return JSON.parse(stripped.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return undefined;
  }
}

function manifestDirectory(initial: BuildOptions, workingDir: string): string | undefined {
  if (initial.outfile) return path.dirname(path.resolve(workingDir, initial.outfile));
  if (initial.outdir) return path.resolve(workingDir, initial.outdir);
  return undefined;
}

function writeManifest(
  build: PluginBuild,
  result: { outputFiles?: OutputFile[] },
  text: string,
  option: SnapshotRestoreOptions['manifest'],
  workingDir: string,
): void {
  const dir = manifestDirectory(build.initialOptions, workingDir);
  const name = typeof option === 'string' ? option : MANIFEST_FILE;
  if (build.initialOptions.write === false) {
    const file = path.resolve(dir ?? workingDir, name);
    const contents = new TextEncoder().encode(text);
    result.outputFiles?.push({ path: file, contents, text, hash: '' } as OutputFile);
    return;
  }
  if (!dir) return; // output went to stdout: there is nowhere beside it
  const file = path.resolve(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const LOG_ORDER = ['verbose', 'debug', 'info', 'warning', 'error', 'silent'];

/** esbuild does not print messages returned from onEnd, so print them at its log level. */
async function logMessages(build: PluginBuild, errors: PartialMessage[], warnings: PartialMessage[]): Promise<void> {
  const level = LOG_ORDER.indexOf(build.initialOptions.logLevel ?? 'warning');
  const color = build.initialOptions.color ?? process.stderr.isTTY;
  const print = async (messages: PartialMessage[], kind: 'error' | 'warning') => {
    if (messages.length === 0) return;
    const formatted = await build.esbuild.formatMessages(messages as Message[], { kind, color });
    process.stderr.write(formatted.join(''));
  };
  if (level <= LOG_ORDER.indexOf('warning')) await print(warnings, 'warning');
  if (level <= LOG_ORDER.indexOf('error')) await print(errors, 'error');
}
