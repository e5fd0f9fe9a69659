// The module graph of a finished Rollup or Vite (Rolldown) build, in the shape the core reads
// (esbuild's metafile). `this.getModuleInfo(id)` gives each module's `importedIds` (import
// statements, in source order; Rolldown lists `require` targets there too) and
// `dynamicallyImportedIds`, but not the specifiers as written, which the core needs to tell a
// `snapshot-restore` import from any other and to pair each `require` / `import()` with its
// place in the source. So for the few modules whose code names the runtime or loads anything
// lazily, the adapter resolves the specifiers the analysis found, with the bundler's own
// `this.resolve`, and labels the edges with them. Every other module is taken as it is: its
// edges cannot change the findings or the order.
import * as path from 'node:path';
import type { BuildMetafile } from '../../core/build/check-build.js';
import type { ImportSite } from '../../core/module/analyze.js';
import { withImporters } from './relevant.js';

type Edge = BuildMetafile['inputs'][string]['imports'][number];

export interface RollupModuleInfo {
  id: string;
  code?: string | null;
  importedIds: readonly string[];
  dynamicallyImportedIds: readonly string[];
  importedIdResolutions?: ReadonlyArray<{ id: string; external: boolean | 'absolute' | 'relative' }>;
  isExternal?: boolean;
  isEntry?: boolean;
  inputFormat?: string;
  importers?: readonly string[];
  dynamicImporters?: readonly string[];
}

export interface RollupLikeContext {
  getModuleIds(): IterableIterator<string> | Iterable<string>;
  getModuleInfo(id: string): RollupModuleInfo | null;
  resolve(source: string, importer: string, options?: Record<string, unknown>): Promise<{ id: string; external?: boolean | 'absolute' | 'relative' } | null>;
}

export interface RollupChunk {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  facadeModuleId?: string | null;
  moduleIds?: readonly string[];
  modules?: Record<string, unknown>;
}

export interface RollupGraphOptions {
  workingDir: string;
  /** The import sites of a module worth labelling (it names the runtime or loads lazily), else undefined. */
  sitesOf: (file: string, info: RollupModuleInfo) => ImportSite[] | undefined;
  /**
   * The modules whose code may name the runtime or a wrapper module (a superset; relevant.ts).
   * With it, only they, the entries and the modules leading to them are asked for their edges:
   * Rolldown builds each module's info anew on its Rust side, code included.
   */
  mentioning?: ReadonlySet<string>;
}

/** A module id that is a file on disk (no NUL prefix, no query). */
export function fileOfId(id: string): string | undefined {
  return !id.startsWith('\0') && !/[?#]/.test(id) && path.isAbsolute(id) ? id : undefined;
}

export async function metafileFromRollup(context: RollupLikeContext, chunks: RollupChunk[], outputDir: string, options: RollupGraphOptions): Promise<BuildMetafile> {
  // Most ids are under the working directory: a slice, not path.relative, for those.
  const base = options.workingDir.endsWith(path.sep) ? options.workingDir : `${options.workingDir}${path.sep}`;
  const relative = (file: string) => {
    const shown = file.startsWith(base) ? file.slice(base.length) : path.relative(options.workingDir, file);
    return path.sep === '/' ? shown : shown.split(path.sep).join('/');
  };
  // Keys as esbuild writes them: files relative to the working directory; anything else in a
  // namespace of its own (`virtual:`), which the core skips.
  const keys = new Map<string, string>();
  const keyOf = (id: string) => {
    let key = keys.get(id);
    if (key === undefined) {
      const file = fileOfId(id);
      key = file ? relative(file) : `virtual:${id}`;
      keys.set(id, key);
    }
    return key;
  };
  const inputs: BuildMetafile['inputs'] = {};
  // One getModuleInfo per module: Rolldown (Vite 8) builds each answer anew from its Rust side,
  // code included, so asking again for every edge's target costs as much as the first time.
  const infos = new Map<string, RollupModuleInfo | null>();
  const infoOf = (id: string): RollupModuleInfo | undefined => {
    if (!infos.has(id)) infos.set(id, context.getModuleInfo(id));
    return infos.get(id) ?? undefined;
  };
  const ids = [...context.getModuleIds()];
  let withEdges: Set<string> | undefined;
  if (options.mentioning) {
    const seeds = ids.filter((id) => options.mentioning!.has(id));
    for (const chunk of chunks) if (chunk.type === 'chunk' && chunk.isEntry && chunk.facadeModuleId) seeds.push(chunk.facadeModuleId);
    withEdges = withImporters(seeds, (id) => {
      const info = infoOf(id);
      return info ? [...(info.importers ?? []), ...(info.dynamicImporters ?? [])] : [];
    });
  }
  for (const id of ids) {
    if (withEdges && !withEdges.has(id)) {
      // Nothing below it can matter: listed without edges, and without asking for its info
      // (an external module becomes a key in a namespace of its own, which the core skips).
      if (fileOfId(id) !== undefined || id.startsWith('\0')) inputs[keyOf(id)] = { imports: [] };
      continue;
    }
    const info = infoOf(id);
    if (!info || info.isExternal) continue;
    const file = fileOfId(id);
    const externals = new Set((info.importedIdResolutions ?? []).filter((r) => r.external).map((r) => r.id));
    const edgeTo = (target: string, kind: string, original?: string): Edge => {
      const external = externals.has(target) || (fileOfId(target) === undefined && !target.startsWith('\0')) || infoOf(target)?.isExternal === true;
      return external ? { path: target, kind, external: true, original: original ?? target } : { path: keyOf(target), kind, ...(original ? { original } : {}) };
    };
    const sites = file ? options.sitesOf(file, info) : undefined;
    const imports: Edge[] = [];
    if (!sites) {
      for (const target of info.importedIds) imports.push(edgeTo(target, 'import-statement'));
      for (const target of info.dynamicallyImportedIds) imports.push(edgeTo(target, 'dynamic-import'));
    } else {
      // Each site resolved as the bundler resolves it.
      const resolved = await Promise.all(
        sites.map(async (site) => {
          const result = await context.resolve(site.specifier, id, { kind: site.kind, isEntry: false }).catch(() => null);
          return result ? { site, target: result.id } : undefined;
        }),
      );
      const statementOf = new Map<string, string>();
      const requireTargets = new Set<string>();
      const lazy: Edge[] = [];
      for (const item of resolved) {
        if (!item) continue;
        if (item.site.kind === 'import-statement') {
          if (!statementOf.has(item.target)) statementOf.set(item.target, item.site.specifier);
        } else {
          if (item.site.kind === 'require-call') requireTargets.add(item.target);
          lazy.push(edgeTo(item.target, item.site.kind, item.site.specifier));
        }
      }
      const dynamicTargets = new Set(lazy.filter((e) => e.kind === 'dynamic-import').map((e) => e.path));
      for (const target of info.importedIds) {
        if (requireTargets.has(target) && !statementOf.has(target)) continue;
        imports.push(edgeTo(target, 'import-statement', statementOf.get(target)));
      }
      imports.push(...lazy);
      for (const target of info.dynamicallyImportedIds) {
        if (!dynamicTargets.has(keyOf(target)) && !dynamicTargets.has(target)) imports.push(edgeTo(target, 'dynamic-import'));
      }
    }
    inputs[keyOf(id)] = { imports, ...(info.inputFormat === 'cjs' ? { format: 'cjs' as const } : { format: 'esm' as const }) };
  }

  const outputs: BuildMetafile['outputs'] = {};
  for (const chunk of chunks) {
    if (chunk.type !== 'chunk') continue;
    const moduleIds = chunk.moduleIds ?? Object.keys(chunk.modules ?? {});
    outputs[relative(path.join(outputDir, chunk.fileName))] = {
      ...(chunk.isEntry && chunk.facadeModuleId ? { entryPoint: keyOf(chunk.facadeModuleId) } : {}),
      inputs: Object.fromEntries(moduleIds.map((id) => [keyOf(id), {}])),
    };
  }
  return { inputs, outputs };
}
