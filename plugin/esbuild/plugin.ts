// The esbuild wiring: per-build state reset in onStart, a content-keyed cache across rebuilds,
// and in onEnd the whole-build check (plugin/check-build.ts: cheap check on the module graph,
// analysis, whole-bundle checks, manifest), turned into esbuild messages. Everything heavy lives
// in the bundler-neutral modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, Loader, Message, OutputFile, PartialMessage, Plugin, PluginBuild } from 'esbuild';
import { cachedAnalysis, checkBuild, type AnalysisCache, type BuildFinding, type BuildLocation } from '../core/build/check-build.js';
import type { OutputFormat } from '../core/build/graph-checks.js';
import type { HoistPlan } from '../core/hoist/plan.js';
import { hoistEntry } from '../core/hoist/load.js';
import { MANIFEST_FILE, serializeManifest } from '../core/build/manifest.js';
import { decoratorModeFromTsconfig } from '../core/build/tsconfig.js';
import { mentionNeedles, resolvePluginOptions, stripExtension, toRuntimeModules, type ResolvedOptions, type SnapshotRestoreOptions } from '../core/options.js';

export const PLUGIN_NAME = 'snapshot-restore';

export function snapshotRestore(userOptions: SnapshotRestoreOptions = {}): Plugin {
  // Checked when the plugin is created: a typo fails the build script at once, naming the option.
  const options: ResolvedOptions = resolvePluginOptions(userOptions);
  return {
    name: PLUGIN_NAME,
    setup(build) {
      build.initialOptions.metafile = true;
      const workingDir = build.initialOptions.absWorkingDir ?? process.cwd();
      // Kept across rebuilds: a file whose content and options are unchanged is not parsed again.
      const cache: AnalysisCache = new Map();
      let decorators: 'tc39' | 'legacy' = 'tc39';
      // Reset in onStart: what this build's entry points had hoisted at load time.
      let hoisted = new Map<string, HoistPlan>();

      build.onStart(() => {
        decorators = decoratorModeFromTsconfig(workingDir, build.initialOptions.tsconfig, build.initialOptions.tsconfigRaw);
        hoisted = new Map();
      });

      // Hoisting needs a transform, so an onLoad, but only for the entry points (the handler is
      // exported by an entry module): the filter matches their exact paths, so esbuild's Go core
      // calls into JavaScript once per entry, not once per module. It returns undefined (esbuild
      // loads the file itself) unless something is hoisted.
      const entries = entryPointsOf(build.initialOptions).map((e) => stripExtension(path.resolve(workingDir, e)));
      if (options.hoist !== false && entries.length > 0) {
        const modules = toRuntimeModules(options.modules, workingDir);
        const needles = mentionNeedles(modules);
        const filter = new RegExp(`^(?:${entries.map(escapeRegExp).join('|')})(?:\\.[cm]?[jt]sx?)?$`);
        build.onLoad({ filter, namespace: 'file' }, async (args) => {
          const result = await hoistEntry(args.path, {
            handler: options.handler,
            modules,
            needles,
            decorators,
            analyze: (file, source) => cachedAnalysis(cache, file, source, { handler: options.handler, defaultExportIsHandler: true, modules, decorators }),
            resolve: async (specifier, kind, importer) => {
              const resolved = await build.resolve(specifier, { kind, importer, resolveDir: path.dirname(importer) });
              return resolved.errors.length > 0 || resolved.external || resolved.namespace !== 'file' ? undefined : resolved.path;
            },
          });
          if (!result) return undefined;
          hoisted.set(args.path, result.plan);
          return {
            contents: result.contents,
            loader: loaderFor(args.path, build.initialOptions.loader),
            resolveDir: path.dirname(args.path),
            watchFiles: result.watchFiles,
          };
        });
      }

      // The scan happens after esbuild has loaded everything, and the cheap check is on the
      // module graph: a module is read and parsed only if one of its imports or requires names
      // the runtime or a wrapper module. An onLoad callback, even one returning at once, costs
      // a round trip from esbuild's Go core per module (1.16x the build time on a 600-module AWS
      // SDK bundle, bench/plugin.mjs), and reading every file to search it another
      // ~6 ms; this costs well under a millisecond, and never gets in other plugins' way.
      build.onEnd(async (result) => {
        if (!result.metafile || result.errors.length > 0) return undefined;
        const { findings, manifest } = checkBuild({
          metafile: result.metafile,
          workingDir,
          options,
          entryPoints: entryPointsOf(build.initialOptions),
          format: outputFormatOf(build.initialOptions),
          decorators,
          cache,
          ...(options.hoist !== false ? { hoisted } : {}),
        });
        const errors: PartialMessage[] = [];
        const warnings: PartialMessage[] = [];
        for (const finding of findings) (finding.severity === 'error' ? errors : warnings).push(toMessage(finding));
        if (options.manifest !== false && manifest) {
          writeManifest(build, result, serializeManifest(manifest), options.manifest, workingDir);
        }
        await logMessages(build, errors, warnings);
        return { errors, warnings };
      });
    },
  };
}

function toMessage(finding: BuildFinding): PartialMessage {
  const location = (loc: BuildLocation | null) => (loc ? { ...loc, namespace: 'file' } : null);
  return {
    id: finding.code,
    pluginName: PLUGIN_NAME,
    text: finding.text,
    location: location(finding.location),
    // esbuild prints location.suggestion under the code frame: the `Suggestion:` note that
    // repeats it (for printers without one) would print it twice.
    notes: finding.notes
      .filter((note) => !(finding.location?.suggestion && !note.location && note.text === `Suggestion: ${finding.suggestion}`))
      .map((note) => ({ text: note.text, location: location(note.location) })),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The loader esbuild would have used: the build's own mapping for the extension, else by extension. */
function loaderFor(file: string, configured: BuildOptions['loader']): Loader {
  const extension = path.extname(file);
  const own = configured?.[extension];
  if (own) return own;
  if (extension === '.tsx') return 'tsx';
  if (extension === '.jsx') return 'jsx';
  if (/^\.[cm]?ts$/.test(extension)) return 'ts';
  return 'js';
}

function entryPointsOf(initial: BuildOptions): string[] {
  const entries = initial.entryPoints;
  return Array.isArray(entries) ? entries.map((e) => (typeof e === 'string' ? e : e.in)) : entries ? Object.values(entries) : [];
}

/** esbuild's format default: cjs for bundles on platform node, iife for the browser, esm for neutral. */
function outputFormatOf(initial: BuildOptions): OutputFormat | undefined {
  if (initial.format) return initial.format;
  if (!initial.bundle) return undefined;
  if (initial.platform === 'node') return 'cjs';
  if (initial.platform === 'neutral') return 'esm';
  return 'iife';
}

function manifestDirectory(initial: BuildOptions, workingDir: string): string | undefined {
  if (initial.outfile) return path.dirname(path.resolve(workingDir, initial.outfile));
  if (initial.outdir) return path.resolve(workingDir, initial.outdir);
  return undefined;
}

function writeManifest(build: PluginBuild, result: { outputFiles?: OutputFile[] }, text: string, option: SnapshotRestoreOptions['manifest'], workingDir: string): void {
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
