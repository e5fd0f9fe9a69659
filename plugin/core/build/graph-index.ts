// One pass over a build's module graph (esbuild's metafile inputs) that collects everything the
// whole-build check reads from its edges: which modules name the runtime, who imports whom (for
// the order prediction), where the runtime's own files sit and which modules are the user's own
// (for the uniqueness lint). On a large graph (13 AWS SDK clients: 3,186 modules, 11,500 edges)
// each walk over the edges costs milliseconds, most of it reading the metafile's objects, so the
// check walks them once per build rather than once per use.
import * as path from 'node:path';
import { isPackageSpecifier as isPackage, pathModuleFiles, RUNTIME_SPECIFIER, stripExtension, type RuntimeModule } from '../options.js';

/** The part of esbuild's metafile this needs (`metafile.inputs`). */
export interface ModuleGraph {
  [module: string]: { imports: Array<{ path: string; kind: string; external?: boolean; original?: string }> };
}

/** The edges that evaluate their target: import statements, require calls, import(). */
const FOLLOWED_KINDS = ['import-statement', 'require-call', 'dynamic-import'] as const;
export const FOLLOWED: ReadonlySet<string> = new Set(FOLLOWED_KINDS);
const [STATEMENT, REQUIRE, DYNAMIC] = FOLLOWED_KINDS;

/** A JavaScript or TypeScript source file. */
export const SOURCE_FILTER = /\.[cm]?[jt]sx?$/;
/** A file inside a node_modules folder (a library). */
export const LIBRARY_PATH = /(?:^|[\\/])node_modules[\\/]/;
/** A TypeScript declaration file. */
export const DECLARATION = /\.d\.[cm]?ts$/;

/** Metafile keys outside the file namespace look like `ns:path`. */
export function isOtherNamespace(key: string): boolean {
  return key.includes(':') && !path.isAbsolute(key) && !/^[a-zA-Z]:[\\/]/.test(key);
}

export interface GraphIndex {
  /** Followed edges reversed: a module → the modules that import, require or import() it. */
  importers: Map<string, string[]>;
  /** The other edges inside the build (not external, any other kind) reversed, e.g. `require.resolve`. */
  otherImporters: Map<string, string[]>;
  /** Source modules (file namespace, a JS/TS extension), in graph order. */
  sources: string[];
  /** The source modules with an import or require naming the runtime's package, or a wrapper
   *  module configured by package name (the `specifierModules` the index was built with). */
  mentioning: Set<string>;
  /** The directories of the files that `snapshot-restore` (and its subpaths) resolved to. */
  runtimeDirs: Set<string>;
  /** The user's own source modules: not in node_modules, not declarations. */
  ownSources: string[];
  /** `mentioning` grown by the modules that import one of these path-configured modules, in graph order. */
  mentioningWith(pathModules: RuntimeModule[]): Set<string>;
}

/** `workingDir`: what the graph's keys are relative to. */
export function indexGraph(graph: ModuleGraph, specifierModules: RuntimeModule[], workingDir: string): GraphIndex {
  const importers = new Map<string, string[]>();
  const otherImporters = new Map<string, string[]>();
  const sources: string[] = [];
  const mentioning = new Set<string>();
  const runtimeDirs = new Set<string>();
  const ownSources: string[] = [];
  const packages = [RUNTIME_SPECIFIER, ...specifierModules.flatMap((m) => (m.specifier === undefined ? [] : [m.specifier]))];

  // The loop's body runs once per edge, often before the JIT has compiled it (one call per
  // build): plain reads and comparisons (FOLLOWED's kinds one by one), no closures.
  const onlyRuntime = packages.length === 1;
  for (const key in graph) {
    const isSource = SOURCE_FILTER.test(key) && !isOtherNamespace(key);
    if (isSource) {
      sources.push(key);
      if (!LIBRARY_PATH.test(key) && !DECLARATION.test(key)) ownSources.push(key);
    }
    let mentions = false;
    const imports = graph[key]!.imports;
    for (let i = 0; i < imports.length; i++) {
      const edge = imports[i]!;
      const original = edge.original;
      const target = edge.path;
      const namesRuntime = original !== undefined && isPackage(original, RUNTIME_SPECIFIER);
      if (edge.external !== true) {
        const kind = edge.kind;
        const map = kind === STATEMENT || kind === REQUIRE || kind === DYNAMIC ? importers : otherImporters;
        const list = map.get(target);
        if (list === undefined) map.set(target, [key]);
        else list.push(key);
        if (namesRuntime) runtimeDirs.add(path.dirname(target));
      }
      if (isSource && !mentions) {
        if (original === undefined ? isPackage(target, RUNTIME_SPECIFIER) : namesRuntime) mentions = true;
        else if (!onlyRuntime) for (const name of packages) if (isPackage(original ?? target, name)) mentions = true;
      }
    }
    if (mentions) mentioning.add(key);
  }

  let byBareFile: Map<string, string[]> | undefined;
  const sourceSet = new Set<string>();
  const mentioningWith = (pathModules: RuntimeModule[]): Set<string> => {
    const wanted = pathModules.flatMap(pathModuleFiles);
    if (wanted.length === 0) return mentioning;
    const found = new Set(mentioning);
    if (!byBareFile) {
      // Only builds with path-configured or found wrapper modules pay for resolving every key.
      byBareFile = new Map();
      for (const key in graph) {
        const bare = stripExtension(path.resolve(workingDir, key));
        const list = byBareFile.get(bare);
        if (list) list.push(key);
        else byBareFile.set(bare, [key]);
      }
      for (const key of sources) sourceSet.add(key);
    }
    for (const bare of wanted) {
      for (const target of byBareFile.get(bare) ?? []) {
        for (const importer of [...(importers.get(target) ?? []), ...(otherImporters.get(target) ?? [])]) {
          if (sourceSet.has(importer)) found.add(importer);
        }
      }
    }
    return new Set(sources.filter((key) => found.has(key)));
  };

  return { importers, otherImporters, sources, mentioning, runtimeDirs, ownSources, mentioningWith };
}
