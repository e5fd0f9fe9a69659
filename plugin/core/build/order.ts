// Predicting the order hooks run in, from the bundler's module graph (esbuild's metafile) and
// each module's own registration order:
// - ESM: a module's import statements are evaluated first, depth-first, each module once
//   (post-order), then the module body;
// - `require` (and a top-level `await import()`) evaluates its target at that point of the body;
// - any other `import()`, and `require` inside functions that only run later, are lazy: what
//   only they load is excluded from the hook lists and reported.
import { compareKeys, type HookRegistration, type ImportSite, type ModuleAnalysis } from '../module/analyze.js';
import { FOLLOWED, type GraphIndex, type ModuleGraph } from './graph-index.js';

export type { ModuleGraph } from './graph-index.js';

export interface PlannedHook {
  /** Module (a metafile input path). */
  module: string;
  registration: HookRegistration;
}

export interface LazyModule {
  /** The module only loaded lazily. */
  module: string;
  /** The module whose import() / require loads it (first step from the eager part). */
  importer: string;
  kind: 'dynamic-import' | 'require-call';
  /** The import site, when the importer was analysed. */
  site?: ImportSite;
  /** Registrations that will not run before the snapshot. */
  registrations: HookRegistration[];
}

export interface Prediction {
  /** The modules that matter (those analysed, and those that lead to them), in evaluation order. */
  evaluated: string[];
  /** Registrations in registration order. */
  registered: PlannedHook[];
  /** In run order: the reverse of registration. */
  beforeSnapshot: PlannedHook[];
  /** In run order: registration order. */
  afterRestore: PlannedHook[];
  /** Modules that register hooks but are only reached lazily. */
  lazy: LazyModule[];
  /** Modules that register hooks and are imported, but that the bundler left out of the output
   *  (tree shaking of a module imported for its side effects in a `"sideEffects": false` package). */
  dropped: Array<{ module: string; importer: string; site?: ImportSite; registrations: HookRegistration[] }>;
}

/**
 * `analysisOf(module, needed)`: the module's analysis if there is one; with `needed`, the caller
 * should analyse the module even if the cheap check skipped it (its `require`/`import()` sites
 * decide whether hooks below it are lazy).
 */
export type AnalysisLookup = (module: string, needed: boolean) => ModuleAnalysis | undefined;

interface Edge {
  target: string;
  kind: string;
  site?: ImportSite;
}

/** What the caller already knows of the graph: its index, and the modules analysed so far. */
export interface KnownGraph {
  index: Pick<GraphIndex, 'importers'>;
  analysed: Iterable<string>;
}

/**
 * `included`: the modules that made it into the output (esbuild: the keys of
 * `metafile.outputs[file].inputs`); a module left out never evaluates.
 * `known`: the graph's index and the analysed modules (the whole-build check predicts each
 * entry from one index).
 */
export function predictOrder(graph: ModuleGraph, entry: string, analysisOf: AnalysisLookup, included: { has(module: string): boolean }, known: KnownGraph): Prediction {
  const registersBelow = new Map<string, boolean>();
  const initRegistrations = (module: string): HookRegistration[] => analysisOf(module, false)?.registrations.filter((r) => r.when === 'init') ?? [];

  // Whether a module or anything it loads registers hooks; cycles count as "no" while open.
  function registersIn(module: string): boolean {
    const known = registersBelow.get(module);
    if (known !== undefined) return known;
    registersBelow.set(module, false);
    let result = initRegistrations(module).length > 0;
    for (const edge of graph[module]?.imports ?? []) {
      if (!edge.external && FOLLOWED.has(edge.kind) && registersIn(edge.path)) result = true;
    }
    registersBelow.set(module, result);
    return result;
  }

  // The modules that were analysed (they mention the runtime) and every module that leads to
  // one: found by walking the graph backwards from the analysed ones, so cycles need no care.
  // The rest of the graph, usually almost all of it (node_modules), cannot change the
  // prediction, so it is not walked.
  const { importers } = known.index;
  const relevantModules = new Set(known.analysed);
  for (const module of relevantModules) {
    for (const importer of importers.get(module) ?? []) relevantModules.add(importer);
  }
  const relevant = (module: string) => relevantModules.has(module);

  // The module's edges, each paired with the import site the analysis found for it, by
  // specifier and kind, in source order: the bundler lists a module's edges in source order, so
  // the n-th edge of a kind and specifier is the n-th site of them. An import statement or an
  // import() is paired with a site of its own kind first; then each require with the first site
  // left of its specifier that a require can come from: a `require` as written, or an import
  // statement a loader compiled to one before the bundler parsed the module (ts-loader with
  // `"module": "commonjs"`, Babel's CommonJS transform). The compiled requires keep the
  // statements' order, so a module that imports X and also requires X lazily inside a function
  // pairs each require with the site in its place, not the first of either kind.
  function edgesOf(module: string): Edge[] {
    const raw = (graph[module]?.imports ?? []).filter((e) => !e.external && FOLLOWED.has(e.kind));
    const needsSites = raw.some((e) => e.kind !== 'import-statement' && registersIn(e.path));
    const analysis = analysisOf(module, needsSites);
    const bySpecifier = new Map<string, ImportSite[]>();
    const inSourceOrder = [...(analysis?.importSites ?? [])].sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
    for (const site of inSourceOrder) {
      const list = bySpecifier.get(site.specifier);
      if (list) list.push(site);
      else bySpecifier.set(site.specifier, [site]);
    }
    const used = new Set<ImportSite>();
    const take = (specifier: string, fits: (site: ImportSite) => boolean): ImportSite | undefined => {
      const site = bySpecifier.get(specifier)?.find((s) => !used.has(s) && fits(s));
      if (site) used.add(site);
      return site;
    };
    const specifierOf = (e: (typeof raw)[number]) => e.original ?? e.path;
    const sites = raw.map((e) => (e.kind === 'require-call' ? undefined : take(specifierOf(e), (s) => s.kind === e.kind)));
    raw.forEach((e, i) => {
      if (e.kind === 'require-call') sites[i] = take(specifierOf(e), (s) => s.kind === 'require-call' || s.kind === 'import-statement');
    });
    return raw.map((e, i) => {
      const site = sites[i];
      return { target: e.path, kind: site?.kind === 'import-statement' ? 'import-statement' : e.kind, site };
    });
  }

  const visited = new Set<string>();
  const evaluated: string[] = [];
  const registered: PlannedHook[] = [];
  const lazyEdges: Array<{ importer: string; edge: Edge }> = [];
  const dropped: Prediction['dropped'] = [];

  function evaluate(module: string, importer: string, site?: ImportSite): void {
    if (visited.has(module) || !relevant(module)) return;
    visited.add(module);
    const edges = edgesOf(module);
    for (const edge of edges) if (edge.kind === 'import-statement') evaluate(edge.target, module, edge.site);
    if (!included.has(module)) {
      const registrations = initRegistrations(module);
      if (registrations.length > 0) dropped.push({ module, importer, site, registrations });
      return;
    }

    // The body: registrations and eager require / await import(), in evaluation order.
    type Step = { key: number[]; hook?: HookRegistration; edge?: Edge };
    const steps: Step[] = [];
    for (const registration of initRegistrations(module)) {
      for (const key of registration.orderKeys) steps.push({ key, hook: registration });
    }
    edges.forEach((edge, index) => {
      if (edge.kind === 'import-statement') return;
      if (edge.site) {
        if (edge.site.eager) steps.push({ key: edge.site.orderKey ?? [Number.MAX_SAFE_INTEGER, index], edge });
        else lazyEdges.push({ importer: module, edge });
      } else if (edge.kind === 'require-call') {
        // Not analysed: assume a top-level require, in source order.
        steps.push({ key: [Number.MAX_SAFE_INTEGER, index], edge });
      } else {
        lazyEdges.push({ importer: module, edge });
      }
    });
    steps.sort((a, b) => compareKeys(a.key, b.key));
    evaluated.push(module);
    for (const step of steps) {
      if (step.hook) registered.push({ module, registration: step.hook });
      else if (step.edge) evaluate(step.edge.target, module, step.edge.site);
    }
  }
  evaluate(entry, entry);

  // Everything reached only through lazy edges, attributed to the first lazy edge reaching it.
  const lazy: LazyModule[] = [];
  const lazySeen = new Set<string>();
  for (const { importer, edge } of lazyEdges) {
    const stack = [edge.target];
    while (stack.length > 0) {
      const module = stack.pop()!;
      if (visited.has(module) || lazySeen.has(module)) continue;
      lazySeen.add(module);
      const registrations = initRegistrations(module);
      if (registrations.length > 0) {
        lazy.push({ module, importer, kind: edge.kind as LazyModule['kind'], site: edge.site, registrations });
      }
      for (const next of graph[module]?.imports ?? []) {
        if (!next.external && FOLLOWED.has(next.kind)) stack.push(next.path);
      }
    }
  }

  const before = registered.filter((h) => h.registration.phase === 'beforeSnapshot').reverse();
  const after = registered.filter((h) => h.registration.phase === 'afterRestore');
  return { evaluated, registered, beforeSnapshot: before, afterRestore: after, lazy, dropped };
}
