// The module graph of a finished webpack or Rspack compilation, in the shape the core reads
// (esbuild's metafile: inputs with their imports, outputs with their entry point and modules).
// Both bundlers expose the same objects after sealing: `compilation.modules`, each module's
// `dependencies` (import statements, `require` calls) and `blocks` (one per `import()`), the
// module graph's `getResolvedModule(dependency)` (the module the request resolved to, before
// concatenation or side-effect redirection), and `chunkGraph.getChunkModules(chunk)` for what
// each output file really contains. Concatenated modules (scope hoisting) are looked through to
// their inner modules. Only the fields read here are typed, so one reader serves both bundlers.
import * as path from 'node:path';
import type { BuildMetafile } from '../../core/build/check-build.js';
import { withImporters } from './relevant.js';

interface Dependency {
  type: string;
  request?: string;
  /** webpack: the order of import statements in the module. */
  sourceOrder?: number;
  loc?: { start?: { line: number; column: number } } | null;
}

interface Module {
  resource?: string;
  /** webpack: the resolved path without query; Rspack has it too. */
  resourceResolveData?: { path?: string } | null;
  /** Set on external modules: the request as written. */
  externalType?: string;
  userRequest?: string;
  request?: string;
  dependencies?: Dependency[];
  blocks?: Array<{ dependencies?: Dependency[] }>;
  /** Concatenated modules: the modules inside. */
  modules?: Iterable<Module>;
  rootModule?: Module;
  buildMeta?: { exportsType?: string } | null;
  constructor: { name: string };
}

interface Chunk {
  files: Iterable<string>;
}

export interface WebpackLikeCompilation {
  modules: Iterable<Module>;
  chunks: Iterable<Chunk>;
  moduleGraph: {
    getResolvedModule(dependency: Dependency): Module | null | undefined;
    getModule(dependency: Dependency): Module | null | undefined;
    getIncomingConnections(module: Module): Iterable<{ originModule: Module | null | undefined; dependency?: Dependency | null }>;
    getParentModule?(dependency: Dependency): Module | null | undefined;
  };
  chunkGraph: { getChunkModules(chunk: Chunk): Module[] | Iterable<Module> };
  entries: Map<string, { dependencies: Dependency[] }>;
  entrypoints: Map<string, { chunks: Chunk[]; getEntrypointChunk(): Chunk }>;
  outputOptions: { path?: string };
}

// Import statements (webpack: "harmony side effect evaluation", Rspack: "esm import"), which
// evaluate before the body; `export ... from` creates one of these too.
const IMPORT_STATEMENT = new Set(['harmony side effect evaluation', 'esm import']);
const REQUIRE_CALL = new Set(['cjs require', 'cjs full require', 'commonjs require']);
const DYNAMIC_IMPORT = new Set(['import()', 'import() eager', 'import() weak', 'dynamic import']);

/** A module's file, without query; undefined for runtime, virtual and external modules. */
function fileOf(module: Module): string | undefined {
  // `resource` first: Rspack builds `resourceResolveData` anew, a whole object from its Rust
  // side, at each read; it is needed only when the resource has a query or a fragment.
  const resource = module.resource;
  const file = resource !== undefined && !/[?#]/.test(resource) ? resource : (module.resourceResolveData?.path ?? resource?.replace(/[?#].*$/, ''));
  return file && path.isAbsolute(file) ? file : undefined;
}

/** fileOf, once per module: each edge asks for its target's file, and Rspack's getters cross to Rust. */
function memoizedFileOf(): (module: Module) => string | undefined {
  const files = new Map<Module, string | undefined>();
  return (module) => {
    if (files.has(module)) return files.get(module);
    const file = fileOf(module);
    files.set(module, file);
    return file;
  };
}

function isExternal(module: Module): boolean {
  return module.externalType !== undefined || module.constructor.name === 'ExternalModule';
}

/** The modules a (possibly concatenated) module stands for. */
function expand(module: Module): Module[] {
  return module.modules ? [...module.modules] : [module];
}

function locKey(dependency: Dependency): number {
  const start = dependency.loc?.start;
  return start ? start.line * 1e6 + start.column : Number.MAX_SAFE_INTEGER;
}

/** What can make a module's edges matter (relevant.ts): the modules an import of the runtime or
 *  of a wrapper module can reach. */
export interface EdgeTargets {
  /** A module file that is the runtime or a wrapper module. */
  isTarget(file: string): boolean;
  /** An external module's request that names the runtime or a wrapper module. */
  isTargetRequest(request: string): boolean;
}

/**
 * With `targets`, only the modules that lead to one of them (and the entries) get their edges;
 * every other module is listed without: reading a module's dependencies is a call into Rspack's
 * Rust core per module and per edge, most of the adapter's cost on a large build.
 */
export function metafileFromCompilation(compilation: WebpackLikeCompilation, workingDir: string, targets?: EdgeTargets): BuildMetafile {
  // Every edge names its target: each file's relative path is worked out once.
  const relatives = new Map<string, string>();
  const relative = (file: string) => {
    let shown = relatives.get(file);
    if (shown === undefined) {
      shown = path.relative(workingDir, file).split(path.sep).join('/');
      relatives.set(file, shown);
    }
    return shown;
  };
  const inputs: BuildMetafile['inputs'] = {};
  const seen = new Set<string>();
  const fileOf = memoizedFileOf();

  const entryModules: Module[] = [];
  for (const entry of compilation.entries.values()) {
    const dependency = entry.dependencies[entry.dependencies.length - 1];
    const module = dependency && (compilation.moduleGraph.getResolvedModule(dependency) ?? compilation.moduleGraph.getModule(dependency));
    if (module) entryModules.push(module.rootModule ?? module);
  }
  // Rspack builds the list anew (from its Rust side) at each read of `compilation.modules`.
  const outerModules = [...compilation.modules];
  const withEdges = targets ? relevantFiles(compilation, outerModules, targets, entryModules, fileOf) : undefined;

  const add = (module: Module) => {
    const file = fileOf(module);
    if (!file || seen.has(file)) return;
    seen.add(file);
    if (withEdges && !withEdges.has(file)) {
      inputs[relative(file)] = { imports: [] };
      return;
    }
    const statements: Array<{ order: number; edge: BuildMetafile['inputs'][string]['imports'][number] }> = [];
    const others: Array<{ order: number; edge: BuildMetafile['inputs'][string]['imports'][number] }> = [];
    const edgeOf = (dependency: Dependency, kind: string) => {
      const target = compilation.moduleGraph.getResolvedModule(dependency) ?? compilation.moduleGraph.getModule(dependency);
      if (!target || dependency.request === undefined) return undefined;
      if (isExternal(target)) return { path: dependency.request, kind, external: true, original: dependency.request };
      const targetFile = fileOf(target.rootModule ?? target);
      return targetFile ? { path: relative(targetFile), kind, original: dependency.request } : undefined;
    };
    for (const dependency of module.dependencies ?? []) {
      const kind = IMPORT_STATEMENT.has(dependency.type) ? 'import-statement' : REQUIRE_CALL.has(dependency.type) ? 'require-call' : undefined;
      if (!kind) continue;
      const edge = edgeOf(dependency, kind);
      if (!edge) continue;
      if (kind === 'import-statement') statements.push({ order: dependency.sourceOrder ?? locKey(dependency), edge });
      else others.push({ order: locKey(dependency), edge });
    }
    for (const block of module.blocks ?? []) {
      for (const dependency of block.dependencies ?? []) {
        if (!DYNAMIC_IMPORT.has(dependency.type)) continue;
        const edge = edgeOf(dependency, 'dynamic-import');
        if (edge) others.push({ order: locKey(dependency), edge });
      }
    }
    statements.sort((a, b) => a.order - b.order);
    others.sort((a, b) => a.order - b.order);
    const format = module.buildMeta?.exportsType === 'namespace' ? 'esm' : others.some((o) => o.edge.kind === 'require-call') ? 'cjs' : undefined;
    inputs[relative(file)] = { imports: [...statements, ...others].map((s) => s.edge), ...(format ? { format } : {}) };
  };
  for (const module of outerModules) for (const inner of expand(module)) add(inner);

  const outputDir = compilation.outputOptions.path ?? workingDir;
  const outputs: BuildMetafile['outputs'] = {};
  const entryChunks = new Map<Chunk, string>();
  for (const [name, entry] of compilation.entries) {
    const point = compilation.entrypoints.get(name);
    const dependency = entry.dependencies[entry.dependencies.length - 1];
    const module = dependency && (compilation.moduleGraph.getResolvedModule(dependency) ?? compilation.moduleGraph.getModule(dependency));
    const file = module && fileOf(module.rootModule ?? module);
    if (point && file) entryChunks.set(point.getEntrypointChunk(), relative(file));
  }
  for (const chunk of compilation.chunks) {
    const js = [...chunk.files].find((f) => /\.[cm]?js$/.test(f));
    if (!js) continue;
    const included: Record<string, object> = {};
    for (const module of compilation.chunkGraph.getChunkModules(chunk)) {
      for (const inner of expand(module)) {
        const file = fileOf(inner);
        if (file) included[relative(file)] = {};
      }
    }
    const entryPoint = entryChunks.get(chunk);
    outputs[relative(path.join(outputDir, js))] = { ...(entryPoint ? { entryPoint } : {}), inputs: included };
  }
  return { inputs, outputs };
}

/**
 * The files of the targets, of the entries, and of every module that imports one of them. Scope
 * hoisting moves a concatenated module's incoming connections from its root module to the
 * concatenated module, so a file's importers are asked of both, and an importer that is a
 * concatenated module stands for all the files inside.
 */
function relevantFiles(
  compilation: WebpackLikeCompilation,
  outerModules: Module[],
  targets: EdgeTargets,
  entries: Module[],
  fileOf: (module: Module) => string | undefined,
): Set<string> {
  const modulesOf = new Map<string, Module[]>();
  const holders = (file: string, module: Module) => {
    const list = modulesOf.get(file);
    if (!list) modulesOf.set(file, [module]);
    else if (!list.includes(module)) list.push(module);
  };
  const filesOf = (module: Module): string[] => expand(module).flatMap((inner) => fileOf(inner) ?? []);
  const importerFiles = (module: Module): string[] => {
    const files: string[] = [];
    for (const connection of compilation.moduleGraph.getIncomingConnections(module)) {
      const origin = connection.originModule;
      if (!origin) continue;
      // A concatenated module's connection still has the inner module's dependency.
      const parent = origin.modules && connection.dependency ? compilation.moduleGraph.getParentModule?.(connection.dependency) : undefined;
      files.push(...filesOf(parent ?? origin));
    }
    return files;
  };
  const seeds: string[] = [];
  for (const outer of outerModules) {
    for (const module of expand(outer)) {
      if (isExternal(module)) {
        // webpack's `request` may be an array or an object (per-type requests); `userRequest` is as written.
        if ([module.userRequest, module.request].some((request) => typeof request === 'string' && targets.isTargetRequest(request))) seeds.push(...importerFiles(module));
        continue;
      }
      const file = fileOf(module);
      if (!file) continue;
      holders(file, module);
      if (outer !== module) holders(file, outer);
      if (targets.isTarget(file)) seeds.push(file);
    }
  }
  for (const module of entries) seeds.push(...filesOf(module));
  return withImporters(seeds, (file) => (modulesOf.get(file) ?? []).flatMap(importerFiles));
}
