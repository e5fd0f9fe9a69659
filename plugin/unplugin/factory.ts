// The adapter for webpack, Rspack, Rollup and Vite, written once with unplugin. It does no
// analysis of its own: after the bundler has built everything, it reads the bundler's module
// graph into the core's shape (graph/webpack.ts, graph/rollup.ts), runs the same whole-build
// check as the esbuild plugin (checkBuild), reports the findings the bundler's own way
// (report/) and writes the same snapshot-restore.manifest.json beside the output. Hoisting
// goes through the transform hook, for entry modules only, and only when the code it receives
// is the file as written (no other transform ran first), since the plan is made on the source.
//
// Where unplugin puts each hook (read from its source, unplugin 3.7):
// - transform: Rollup/Vite: the plugin's own transform hook (`order: 'pre'` and `enforce: 'pre'`
//   put it before TypeScript transforms); webpack/Rspack: a loader added as the first module
//   rule (`enforce: 'pre'`), which sees the file as read from disk.
// - rollup/vite/webpack/rspack: bundler-specific hooks, here the end of the build
//   (`generateBundle`; `processAssets` of each compilation).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { UnpluginFactory, UnpluginOptions } from 'unplugin';
import { cachedAnalysis, checkBuild, type AnalysisCache, type BuildMetafile } from '../core/build/check-build.js';
import { decoratorModeFromTsconfig } from '../core/build/tsconfig.js';
import type { OutputFormat } from '../core/build/graph-checks.js';
import { MANIFEST_FILE, serializeManifest } from '../core/build/manifest.js';
import { hoistEntry } from '../core/hoist/load.js';
import { applyHoist, planHoist, type HoistPlan } from '../core/hoist/plan.js';
import { RUNTIME_SPECIFIER, mentionNeedles, resolvePluginOptions, stripExtension, toRuntimeModules, type RuntimeModule, type SnapshotRestoreOptions } from '../core/options.js';
import type { AdapterOptions } from './options.js';
import { fileOfId, metafileFromRollup, type RollupChunk, type RollupLikeContext } from './graph/rollup.js';
import { metafileFromCompilation, type EdgeTargets, type WebpackLikeCompilation } from './graph/webpack.js';
import { packageNames } from './graph/relevant.js';
import { reportToRollup, type RollupReporter } from './report/rollup.js';
import { reportToCompilation, type WebpackErrorClass } from './report/webpack.js';

export const PLUGIN_NAME = 'snapshot-restore';

export type { AdapterOptions };

const SOURCE = /\.[cm]?[jt]sx?$/;
/** The runtime package and its subpaths. */
const RUNTIME_PACKAGE = /^snapshot-restore(?:\/|$)/;
const LIBRARY = /[\\/]node_modules[\\/]/;

/** The adapters' options, checked as the esbuild plugin checks its own (resolvePluginOptions),
 *  with the adapters' `root` besides. */
export function checkAdapterOptions(options: unknown): void {
  resolvePluginOptions(options, { root: (value) => (typeof value === 'string' && value !== '' ? undefined : 'a directory') });
}

/** Per plugin instance: what stays valid across rebuilds (watch mode). */
class AdapterState {
  readonly cache: AnalysisCache = new Map();
  /** What the transform hook hoisted, by file. Set or removed whenever an entry is transformed,
   *  never cleared: a bundler that caches transforms (watch mode) does not transform again. */
  readonly hoisted = new Map<string, HoistPlan>();
  /** Rollup and Vite: the modules whose code, as the transform hook saw it, names the runtime or
   *  a wrapper module. Never cleared, for the same reason; a module that no longer does stays,
   *  which costs only the reading of its edges. */
  readonly mentioning = new Set<string>();
  private resolvedFor?: { workingDir: string; modules: RuntimeModule[]; needles: string[] };

  /** The options without the adapter's own `root`, checked as every adapter checks them. */
  readonly pluginOptions: SnapshotRestoreOptions;

  constructor(readonly options: AdapterOptions) {
    const { root, ...pluginOptions } = options;
    checkAdapterOptions(options);
    this.pluginOptions = pluginOptions;
  }

  /** The decorator semantics of this build's tsconfig: read once per build (finding and parsing
   *  the tsconfig and its bases is file system work), again in the next (watch mode). */
  private decorators?: { workingDir: string; mode: 'tc39' | 'legacy' };

  /** A build starts: what was read from its configuration may have changed since the last. */
  startBuild(): void {
    this.decorators = undefined;
  }

  decoratorsFor(workingDir: string): 'tc39' | 'legacy' {
    if (this.decorators?.workingDir !== workingDir) this.decorators = { workingDir, mode: decoratorModeFromTsconfig(workingDir) };
    return this.decorators.mode;
  }

  modulesFor(workingDir: string): { modules: RuntimeModule[]; needles: string[] } {
    if (this.resolvedFor?.workingDir !== workingDir) {
      const modules = toRuntimeModules(this.options.modules, workingDir);
      this.resolvedFor = { workingDir, modules, needles: mentionNeedles(modules) };
    }
    return this.resolvedFor;
  }

  get handler(): string {
    return this.options.handler ?? 'handler';
  }

  /** The whole-build check on a finished build's graph. */
  check(metafile: BuildMetafile, workingDir: string, format: OutputFormat | undefined, entryPoints: string[] | undefined) {
    const hoist = this.options.hoist !== false;
    return checkBuild({
      metafile,
      workingDir,
      options: this.pluginOptions,
      ...(entryPoints ? { entryPoints } : {}),
      ...(format ? { format } : {}),
      decorators: this.decoratorsFor(workingDir),
      cache: this.cache,
      ...(hoist ? { hoisted: this.hoisted } : {}),
    });
  }

  /** The transform hook's work: hoist out of an entry module's handler when it is safe. */
  async hoist(file: string, code: string, workingDir: string, resolve: Resolve): Promise<{ code: string; map: SourceMapObject | undefined; watchFiles: string[] } | undefined> {
    let source: string;
    try {
      source = await fs.promises.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const { modules, needles } = this.modulesFor(workingDir);
    const decorators = this.decoratorsFor(workingDir);
    const result = await hoistEntry(file, {
      handler: this.handler,
      modules,
      needles,
      decorators,
      analyze: (f, s) => cachedAnalysis(this.cache, f, s, { handler: this.handler, defaultExportIsHandler: true, modules, decorators }),
      resolve,
    });
    if (!result) {
      this.hoisted.delete(file);
      return undefined;
    }
    const watchFiles = result.watchFiles.filter((f) => f !== file);
    if (source === code) {
      this.hoisted.set(file, result.plan);
      return { ...splitInlineMap(result.contents), watchFiles };
    }
    // Something compiled the file before any transform hook: @rollup/plugin-typescript emits the
    // TypeScript program's output from its `load` hook. The plan decided on the source (what the
    // findings report) is applied to the code received, item for item.
    const applied = applyToCompiled(result.plan, code, file, { handler: this.handler, defaultExportIsHandler: true, modules, decorators });
    if (!applied) {
      this.hoisted.delete(file);
      return undefined;
    }
    this.hoisted.set(file, applied.plan);
    return { ...splitInlineMap(applied.contents), watchFiles };
  }

  /** Rollup and Vite: remembers a module whose code names the runtime or a wrapper module. */
  noteMentions(id: string, code: string, workingDir: string): void {
    if (this.modulesFor(workingDir).needles.some((n) => code.includes(n))) this.mentioning.add(id);
  }

  /** Whether a module names the runtime or a wrapper module: in its code as the transform hook
   *  saw it (@rollup/plugin-commonjs turns `require('snapshot-restore')` into an import of the
   *  resolved file, which names neither), or in its code now. */
  private mentions(id: string, code: string, workingDir: string): boolean {
    return this.mentioning.has(id) || this.modulesFor(workingDir).needles.some((n) => code.includes(n));
  }

  /** The import sites of a module worth labelling in a Rollup graph: one whose code names the
   *  runtime or a wrapper module; of the user's own modules, also one that loads anything lazily
   *  or requires anything. A library's lazy loads are left unlabelled: reading every library
   *  that has a `require(` would parse most of node_modules. */
  sitesOf(id: string, file: string, code: string | null | undefined, lazy: boolean, isEntry: boolean, workingDir: string) {
    const { modules } = this.modulesFor(workingDir);
    const text = code ?? '';
    const mentions = this.mentions(id, text, workingDir);
    if (!mentions && (LIBRARY.test(file) || (!lazy && !text.includes('require(')))) return undefined;
    let source: string;
    try {
      source = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    // The same options checkBuild uses, so the analysis is cached for it.
    const decorators = this.decoratorsFor(workingDir);
    return cachedAnalysis(this.cache, file, source, { handler: this.handler, defaultExportIsHandler: isEntry, modules, decorators }).importSites;
  }
}

/**
 * The source's hoisting plan carried over to code an earlier plugin compiled from it: the
 * compiled code's own plan, each item moved only if the source plan moves the item in the same
 * place of its list (the same registration text or import specifier) and the compiled plan finds
 * it safe too. Items are matched in order; lists of different lengths move nothing. Returns the
 * source plan as applied (for the findings) and the compiled code with the moves.
 */
function applyToCompiled(sourcePlan: HoistPlan, code: string, file: string, options: Parameters<typeof planHoist>[2]): { plan: HoistPlan; contents: string } | undefined {
  const compiled = planHoist(code, file, options);
  if (compiled.registrations.length !== sourcePlan.registrations.length || compiled.imports.length !== sourcePlan.imports.length) return undefined;
  const squash = (text: string) => text.replace(/\s+/g, '');
  const plan: HoistPlan = {
    ...sourcePlan,
    registrations: sourcePlan.registrations.map((item, i) => {
      const other = compiled.registrations[i]!;
      const moves = item.hoisted && other.hoisted && squash(other.text) === squash(item.text);
      other.hoisted = moves;
      return moves || !item.hoisted ? item : { ...item, hoisted: false, reason: 'the code another plugin compiled it to does not allow it' };
    }),
    imports: sourcePlan.imports.map((item, i) => {
      const other = compiled.imports[i]!;
      const moves = item.hoisted && other.hoisted && other.specifier === item.specifier;
      other.hoisted = moves;
      return moves || !item.hoisted ? item : { ...item, hoisted: false, reason: 'the code another plugin compiled it to does not allow it' };
    }),
  };
  const contents = applyHoist(code, compiled, path.basename(file));
  return contents === undefined ? undefined : { plan, contents };
}

type Resolve = (specifier: string, kind: 'dynamic-import' | 'require-call' | 'import-statement', importer: string) => Promise<string | undefined>;

/** A source map as an object (version 3). */
interface SourceMapObject {
  version: number;
  sources: string[];
  mappings: string;
  [key: string]: unknown;
}

/**
 * magic-string's output carries its map inline; bundlers want it as a separate value, and as an
 * object: unplugin hands a webpack loader's map to the next loader as it is, and loaders read it
 * as an object (ts-loader's source-map consumer fails on a string: `reading 'map'`).
 */
function splitInlineMap(contents: string): { code: string; map: SourceMapObject | undefined } {
  const marker = '\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,';
  const at = contents.lastIndexOf(marker);
  if (at < 0) return { code: contents, map: undefined };
  const encoded = contents.slice(at + marker.length).trim();
  return { code: `${contents.slice(0, at)}\n`, map: JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as SourceMapObject };
}

function manifestName(option: SnapshotRestoreOptions['manifest']): string | undefined {
  if (option === false) return undefined;
  return typeof option === 'string' ? option : MANIFEST_FILE;
}

/**
 * The manifest's name inside the output folder: beside the entry bundles, since the runtime looks
 * for it in its own bundle's folder. Entry file names may have folders (`[name].mjs` with
 * serverless-webpack's `src/create-order`); when all entries share one, it goes there.
 */
function besideEntries(name: string, entryFiles: string[]): string {
  const dirs = new Set(entryFiles.map((file) => path.posix.dirname(file.split(path.sep).join('/'))));
  const [only] = dirs;
  return dirs.size === 1 && only !== '.' ? path.posix.join(only!, name) : name;
}

// ---- Rollup and Vite ------------------------------------------------------------------------

function rollupFormat(format: string | undefined): OutputFormat {
  if (format === 'cjs' || format === 'commonjs') return 'cjs';
  if (format === 'es' || format === 'esm' || format === 'module' || format === undefined) return 'esm';
  return 'iife';
}

interface RollupPluginThis extends RollupLikeContext, RollupReporter {
  emitFile(file: { type: 'asset'; fileName: string; source: string }): string;
}

/**
 * `emit: 'asset'` (Rollup): the manifest is an emitted asset, so it also works with
 * `bundle.generate()`. `'write'` (Vite): written in writeBundle, because Vite drops emitted
 * assets in SSR builds (the usual way to build for Node) unless `build.ssrEmitAssets` is set.
 */
function rollupHooks(state: AdapterState, workingDirOf: () => string, emit: 'asset' | 'write') {
  let pending: { name: string; text: string } | undefined;
  return {
    async generateBundle(this: RollupPluginThis, output: { format?: string; dir?: string; file?: string }, bundle: Record<string, RollupChunk>) {
      const workingDir = workingDirOf();
      const outputDir = path.resolve(workingDir, output.dir ?? (output.file ? path.dirname(output.file) : '.'));
      const chunks = Object.values(bundle);
      const metafile = await metafileFromRollup(this, chunks, outputDir, {
        workingDir,
        mentioning: state.mentioning,
        sitesOf: (file, info) => state.sitesOf(info.id, file, info.code, info.dynamicallyImportedIds.length > 0, info.isEntry === true, workingDir),
      });
      const { findings, manifest } = state.check(metafile, workingDir, rollupFormat(output.format), undefined);
      const name = manifestName(state.options.manifest);
      pending = undefined;
      if (name && manifest) {
        const fileName = besideEntries(
          name,
          chunks.filter((c) => c.type === 'chunk' && c.isEntry).map((c) => c.fileName),
        );
        if (emit === 'asset') this.emitFile({ type: 'asset', fileName, source: serializeManifest(manifest) });
        else pending = { name: fileName, text: serializeManifest(manifest) };
      }
      // Rollup prints a warning's own place (`src/handler.ts (8:2)`); Vite prints the message only.
      reportToRollup(this, findings, workingDir, emit === 'write');
    },
    writeBundle(output: { dir?: string; file?: string }) {
      if (!pending) return;
      const file = path.resolve(workingDirOf(), output.dir ?? (output.file ? path.dirname(output.file) : '.'), pending.name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, pending.text);
      pending = undefined;
    },
  };
}

// ---- webpack and Rspack ---------------------------------------------------------------------

interface WebpackLikeCompiler {
  context: string;
  options: {
    entry: unknown;
    output: { module?: boolean; library?: { type?: string } | false };
    resolve?: { alias?: unknown };
  };
  hooks: { thisCompilation: { tap(name: string, fn: (compilation: WebpackCompilation) => void): void } };
  webpack?: WebpackNamespace;
  rspack?: WebpackNamespace;
}

interface WebpackNamespace {
  WebpackError: WebpackErrorClass;
  Compilation: { PROCESS_ASSETS_STAGE_ADDITIONAL: number };
  sources: { RawSource: new (source: string) => unknown };
}

interface WebpackCompilation extends WebpackLikeCompilation {
  errors: unknown[];
  warnings: unknown[];
  hooks: { processAssets: { tap(options: { name: string; stage: number }, fn: () => void): void } };
  emitAsset(file: string, source: unknown): void;
  updateAsset(file: string, source: unknown): void;
  getAsset(file: string): unknown;
}

function webpackFormat(compiler: WebpackLikeCompiler): OutputFormat {
  const output = compiler.options.output;
  const library = output.library ? output.library.type : undefined;
  if (output.module || library === 'module') return 'esm';
  return 'cjs';
}

/** Entry files given as paths in a static `entry` option, without extension (webpack resolves them). */
function webpackEntryFiles(compiler: WebpackLikeCompiler): Set<string> | undefined {
  const entry = compiler.options.entry;
  if (typeof entry === 'function') return undefined;
  const files = new Set<string>();
  for (const description of Object.values((entry ?? {}) as Record<string, { import?: string[] }>)) {
    for (const request of description.import ?? []) {
      if (request.startsWith('.') || path.isAbsolute(request)) files.add(stripExtension(path.resolve(compiler.context, request)));
    }
  }
  return files;
}

function webpackHooks(state: AdapterState, compiler: WebpackLikeCompiler, namespace: WebpackNamespace): void {
  const workingDir = state.options.root ? path.resolve(state.options.root) : compiler.context;
  compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
    state.startBuild();
    compilation.hooks.processAssets.tap({ name: PLUGIN_NAME, stage: namespace.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
      // A build that already failed has no complete graph: report nothing more.
      if (compilation.errors.length > 0) return;
      const metafile = metafileFromCompilation(compilation, workingDir, edgeTargets(state.modulesFor(workingDir).modules, compiler.options.resolve?.alias));
      const { findings, manifest } = state.check(metafile, workingDir, webpackFormat(compiler), undefined);
      const base = manifestName(state.options.manifest);
      if (base && manifest) {
        const entryFiles = [...compilation.entrypoints.values()].flatMap((point) => [...point.getEntrypointChunk().files].filter((f) => /\.[cm]?js$/.test(f)));
        const name = besideEntries(base, entryFiles);
        const source = new namespace.sources.RawSource(serializeManifest(manifest));
        if (compilation.getAsset(name)) compilation.updateAsset(name, source);
        else compilation.emitAsset(name, source);
      }
      reportToCompilation(compilation, findings, namespace.WebpackError);
    });
  });
}

/**
 * What an import of the runtime or of a wrapper module can resolve to in a webpack or Rspack
 * build: a file of a package with that name (the nearest package.json with a name), a path
 * wrapper module's file, or the target of an alias for one of those names.
 */
function edgeTargets(modules: RuntimeModule[], alias: unknown): EdgeTargets {
  const specifiers = [RUNTIME_SPECIFIER, ...modules.flatMap((m) => (m.specifier ? [m.specifier] : []))];
  const names = new Set(specifiers.map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2) : s.split('/').slice(0, 1)).join('/')));
  const isTargetRequest = (request: string) => specifiers.some((s) => request === s || request.startsWith(`${s}/`));
  const paths = new Set(modules.flatMap((m) => (m.path ? [m.path, `${m.path}/index`] : [])));
  // Aliases as webpack and Rspack take them: an object or a list of { name, alias }; `$` ends an exact match.
  const entries = Array.isArray(alias)
    ? (alias as Array<{ name?: unknown; alias?: unknown }>).map((a) => [a.name, a.alias] as const)
    : alias && typeof alias === 'object'
      ? Object.entries(alias)
      : [];
  const aliased: string[] = [];
  for (const [name, to] of entries) {
    if (typeof name !== 'string' || !isTargetRequest(name.replace(/\$$/, ''))) continue;
    for (const target of Array.isArray(to) ? to : [to]) if (typeof target === 'string' && path.isAbsolute(target)) aliased.push(stripExtension(target));
  }
  const packageOf = packageNames();
  return {
    isTargetRequest,
    isTarget(file) {
      const bare = stripExtension(file);
      if (paths.has(bare) || aliased.some((a) => bare === a || bare.startsWith(`${a}${path.sep}`))) return true;
      const name = packageOf(file);
      return name !== undefined && names.has(name);
    },
  };
}

// ---- the factory ----------------------------------------------------------------------------

interface TransformThis {
  getModuleInfo?: (id: string) => { isEntry?: boolean } | null;
  resolve?: (source: string, importer: string, options?: Record<string, unknown>) => Promise<{ id: string; external?: unknown } | null>;
  addWatchFile(file: string): void;
  getNativeBuildContext?: () => {
    framework: string;
    loaderContext?: { getResolve(options?: Record<string, unknown>): (context: string, request: string) => Promise<string | false> };
  };
}

export const unpluginFactory: UnpluginFactory<AdapterOptions | undefined, false> = (rawOptions, meta) => {
  const options = rawOptions ?? {};
  const state = new AdapterState(options);
  let viteRoot: string | undefined;
  let webpackCompiler: WebpackLikeCompiler | undefined;
  if (meta.framework === 'webpack') webpackCompiler = meta.webpack.compiler as unknown as WebpackLikeCompiler;
  if (meta.framework === 'rspack') webpackCompiler = meta.rspack.compiler as unknown as WebpackLikeCompiler;
  const workingDirOf = (): string => (options.root ? path.resolve(options.root) : (webpackCompiler?.context ?? viteRoot ?? process.cwd()));
  const webpackEntries = webpackCompiler ? webpackEntryFiles(webpackCompiler) : undefined;
  /** Set with Rollup's and Vite's transform hook: the build's working directory and entries are known. */
  let knowBuild: ((input: unknown, base: string) => void) | undefined;

  const plugin: UnpluginOptions = {
    name: PLUGIN_NAME,
    enforce: 'pre',
    rollup: {
      ...rollupHooks(state, workingDirOf, 'asset'),
      // A cache from an earlier build (Rollup's `cache` option) skips the transform of an
      // unchanged module, so its code is looked at here. (In watch mode the modules were noted
      // by the first build, with this plugin instance.)
      shouldTransformCachedModule({ id, code }: { id: string; code: string }) {
        state.noteMentions(id, code, workingDirOf());
        return null;
      },
      // Rolldown reads the filter when the build starts binding plugins, after `options` and
      // before `buildStart`; Rollup when the first module is transformed.
      options(inputOptions: { input?: unknown }) {
        knowBuild?.(inputOptions.input, process.cwd());
        return null;
      },
      buildStart(inputOptions: { input?: unknown }) {
        state.startBuild();
        knowBuild?.(inputOptions.input, process.cwd());
      },
    } as UnpluginOptions['rollup'],
    vite: {
      apply: 'build',
      // A Vite SSR build (the way to build for Node) leaves every package external, and a Lambda
      // function ships one bundle: the runtime at least must be in it. Vite merges this into the
      // user's `ssr.noExternal` (an array is added to, `true` stays true).
      config() {
        return { ssr: { noExternal: [RUNTIME_PACKAGE] } };
      },
      configResolved(config: ViteResolvedConfig) {
        viteRoot = config.root;
        const build = config.build ?? {};
        knowBuild?.(typeof build.ssr === 'string' ? build.ssr : (build.rolldownOptions?.input ?? build.rollupOptions?.input), config.root);
      },
      buildStart() {
        state.startBuild();
      },
      ...rollupHooks(state, workingDirOf, 'write'),
    } as UnpluginOptions['vite'],
    webpack(compiler) {
      const c = compiler as unknown as WebpackLikeCompiler;
      webpackHooks(state, c, c.webpack!);
    },
    rspack(compiler) {
      const c = compiler as unknown as WebpackLikeCompiler;
      webpackHooks(state, c, c.rspack!);
    },
  };

  const hoists = options.hoist !== false;
  if (!webpackCompiler) {
    // Rollup, Vite, Rolldown: one transform hook does two things. It notes the modules whose
    // code names the runtime or a wrapper module (relevant.ts: at the end, only they and the
    // modules leading to them are asked for their edges), and it hoists out of the entries. Its
    // `filter` is applied by Rollup (>= 4.38) and Vite (>= 6.3) themselves, by Rolldown on its
    // Rust side: a module whose code has none of the needles, `import(` or `require(` (the
    // hoisting's own pre-filter) never crosses into JavaScript, while a call costs a round trip
    // with the module's code. The needles depend on the working directory (wrapper modules given
    // as paths), known once the build starts (Rollup's options and buildStart, before the first
    // transform, which is when Rollup reads the filter; Vite's configResolved, before Rolldown
    // binds the plugin).
    let entryFiles: Set<string> | undefined;
    const filterFor = (workingDir: string) => ({ id: { exclude: VIRTUAL_ID }, code: mentionFilter(state.modulesFor(workingDir).needles) });
    const hook = {
      // Rollup runs transform hooks in plugin order unless one asks to go first.
      order: 'pre',
      filter: filterFor(workingDirOf()),
      async handler(this: TransformThis, code: string, id: string) {
        const file = fileOfId(id);
        if (!file) return undefined;
        const workingDir = workingDirOf();
        state.noteMentions(id, code, workingDir);
        if (!hoists || !SOURCE.test(file) || LIBRARY.test(file)) return undefined;
        // Inputs that are not files on disk (a package name, a virtual module): ask Rollup.
        const entry = entryFiles ? entryFiles.has(stripExtension(file)) : this.getModuleInfo?.(id)?.isEntry === true;
        if (!entry) return undefined;
        return transformResult(this, await state.hoist(file, code, workingDir, resolverFor(this)));
      },
    };
    plugin.transform = hook as unknown as UnpluginOptions['transform'];
    knowBuild = (input, base) => {
      hook.filter = filterFor(workingDirOf());
      const files = inputFiles(input).map((file) => path.resolve(base, file));
      entryFiles = files.length > 0 && files.every((file) => fs.existsSync(file)) ? new Set(files.map(stripExtension)) : undefined;
    };
  } else if (hoists && webpackEntries && webpackEntries.size > 0) {
    // webpack and Rspack add the loader to every module the filter matches: with the entries
    // known, only to them.
    const hook = {
      filter: { id: { include: entryFilter(webpackEntries), exclude: LIBRARY } },
      async handler(this: TransformThis, code: string, id: string) {
        const file = fileOfId(id);
        if (!file || !webpackEntries.has(stripExtension(file))) return undefined;
        return transformResult(this, await state.hoist(file, code, workingDirOf(), resolverFor(this)));
      },
    };
    plugin.transform = hook as unknown as UnpluginOptions['transform'];
  }
  return plugin;
};

/** Ids that are no file: Rollup's virtual modules (`\0`), and ids with a query or a fragment. */
const VIRTUAL_ID = /^\0|[?#]/;

/** Code worth a look: it names the runtime or a wrapper module, or loads something lazily. */
function mentionFilter(needles: string[]): RegExp {
  return new RegExp([...needles.map(escapeRegExp), 'import\\(', 'require\\('].join('|'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What the transform hook returns for a hoisting result. */
function transformResult(context: TransformThis, result: Awaited<ReturnType<AdapterState['hoist']>>) {
  if (!result) return undefined;
  for (const watched of result.watchFiles) context.addWatchFile(watched);
  return result.map ? { code: result.code, map: result.map } : { code: result.code };
}

interface ViteResolvedConfig {
  root: string;
  build?: { ssr?: unknown; rollupOptions?: { input?: unknown }; rolldownOptions?: { input?: unknown } };
}

/** Rollup's `input` option (a string, a list, or names to files) as a list of strings. */
function inputFiles(input: unknown): string[] {
  const list = typeof input === 'string' ? [input] : Array.isArray(input) ? input : input && typeof input === 'object' ? Object.values(input) : [];
  return list.filter((item): item is string => typeof item === 'string');
}

function entryFilter(entries: Set<string>): RegExp {
  const escaped = [...entries].map(escapeRegExp);
  return new RegExp(`^(?:${escaped.join('|')})\\.[cm]?[jt]sx?(?:[?#].*)?$`);
}

/** The bundler's resolver, as hoistEntry wants it: an absolute file, or undefined. */
function resolverFor(context: TransformThis): Resolve {
  const native = context.getNativeBuildContext?.();
  if (native?.loaderContext) {
    const loader = native.loaderContext;
    return async (specifier, kind, importer) => {
      try {
        const resolve = loader.getResolve({ dependencyType: kind === 'require-call' ? 'commonjs' : 'esm' });
        const result = await resolve(path.dirname(importer), specifier);
        return typeof result === 'string' && path.isAbsolute(result) ? result.replace(/[?#].*$/, '') : undefined;
      } catch {
        return undefined;
      }
    };
  }
  return async (specifier, _kind, importer) => {
    const result = await context.resolve?.(specifier, importer).catch(() => null);
    return result && !result.external ? fileOfId(result.id) : undefined;
  };
}
