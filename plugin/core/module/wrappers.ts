// Wrapper modules found from one file, for the adapters that see one file at a time (ESLint):
// the user modules it imports by relative path that re-export the register functions under
// their own names (`export { registerAfterRestore as onRestore } from 'snapshot-restore'`,
// `export * from ...`, and chains of such modules). The build finds the same modules from its
// module graph (build/check-build.ts, wrapperModulesOf); this reads the imported files from disk,
// cheaply: only files whose text names the runtime or a wrapper are parsed, and each file's
// answer is cached by its modification time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModule } from './analyze.js';
import { mentionNeedles, stripExtension, type RuntimeModule } from '../options.js';

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]+)\1/g;
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js', '/index.mjs'];
/** TypeScript's `./x.js` for `./x.ts`. */
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };

const cache = new Map<string, { mtimeMs: number; key: string; found: RuntimeModule[] }>();

function resolveRelative(specifier: string, fromFile: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const extension = path.extname(base);
  const candidates = [...EXTENSIONS.map((e) => base + e), ...(TS_FOR_JS[extension] ?? []).map((e) => base.slice(0, -extension.length) + e)];
  return candidates.find((file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** The wrapper modules `source` (the file `file`) imports, directly or along re-export chains. */
export function importedWrappers(source: string, file: string, modules: RuntimeModule[], depth = 0, seen = new Set<string>()): RuntimeModule[] {
  if (depth > 6) return [];
  const found: RuntimeModule[] = [];
  for (const match of source.matchAll(RELATIVE_IMPORT)) {
    const target = resolveRelative(match[2]!, file);
    if (!target || seen.has(target) || /[\\/]node_modules[\\/]/.test(target)) continue;
    seen.add(target);
    found.push(...wrappersOf(target, [...modules, ...found], depth, seen));
  }
  return found;
}

/** The wrappers `file` is or leads to: those its own imports re-export, then itself if it re-exports. */
function wrappersOf(file: string, modules: RuntimeModule[], depth: number, seen: Set<string>): RuntimeModule[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const key = JSON.stringify(modules);
  const known = cache.get(file);
  if (known && known.mtimeMs === stat.mtimeMs && known.key === key) return known.found;
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const below = importedWrappers(source, file, modules, depth + 1, seen);
  const all = [...modules, ...below];
  const found = [...below];
  if (mentionNeedles(all).some((needle) => source.includes(needle))) {
    const exported = analyzeModule(source, file, { modules: all }).exportedHooks;
    if (exported.length > 0) {
      found.push({
        path: stripExtension(file),
        beforeSnapshot: exported.filter((e) => e.phase === 'beforeSnapshot').map((e) => e.name),
        afterRestore: exported.filter((e) => e.phase === 'afterRestore').map((e) => e.name),
      });
    }
  }
  cache.set(file, { mtimeMs: stat.mtimeMs, key, found });
  return found;
}
