// Which files a specifier names, as the library reader sees them: relative paths with Node's
// extension search, and a package's entry points from its package.json. A dual package has
// several (an ES build under `exports.import` or `module`, a CommonJS or UMD build under
// `require` or `main`); they export the same names, but one may be a readable file of `export`
// statements and the other a bundle the reader cannot see into. So every entry is listed, in an
// order the caller picks (ES first for an ES importer, as Node resolves it), and the reader
// tries them in turn until one yields the export it looks for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageNameOf } from './facts.js';

const ESM_ORDER = ['node', 'import', 'module', 'default', 'require'];
const CJS_ORDER = ['node', 'require', 'default', 'import', 'module'];
const EXTENSIONS = ['', '.js', '.cjs', '.mjs', '/index.js', '/index.cjs', '/index.mjs'];

/** Whether a file is read as an ES module by its importer's rules (`.mjs`, `.mts`, `.ts`, or `import`/`export` in it). */
export function importsAsEsm(file: string, source?: string): boolean {
  if (/\.m[jt]s$/.test(file)) return true;
  if (/\.c[jt]s$/.test(file)) return false;
  if (/\.tsx?$/.test(file)) return true;
  return source !== undefined && /^\s*(?:import\s[\w{*]|export\s)/m.test(source);
}

/** Every file `specifier` may name from `fromFile`, best first; empty for built-ins and when nothing is installed. */
export function resolveFiles(specifier: string, fromFile: string, esm = false): string[] {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const base = path.resolve(path.dirname(fromFile), specifier);
    const found = EXTENSIONS.map((ext) => `${base}${ext}`).find(isFile);
    return found ? [found] : [];
  }
  const pkg = packageNameOf(specifier);
  if (!pkg) return [];
  const sub = specifier.slice(pkg.length + 1);
  for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
    const root = path.join(dir, 'node_modules', pkg);
    const manifestFile = path.join(root, 'package.json');
    if (isFile(manifestFile)) {
      let manifest: Record<string, unknown>;
      try {
        manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
      } catch {
        return [];
      }
      const out: string[] = [];
      for (const entry of entriesOf(manifest, sub, esm ? ESM_ORDER : CJS_ORDER)) {
        for (const file of resolveFiles(`./${entry.replace(/^\.\//, '')}`, manifestFile)) if (!out.includes(file)) out.push(file);
      }
      return out;
    }
    if (path.dirname(dir) === dir) return [];
  }
}

/** The first file `specifier` names (CommonJS order unless `esm`). */
export function resolveFile(specifier: string, fromFile: string, esm = false): string | undefined {
  return resolveFiles(specifier, fromFile, esm)[0];
}

/** A package's entries for the subpath `sub` ('' for the package itself), in the order `conditions` prefers. */
export function entriesOf(manifest: Record<string, unknown>, sub: string, conditions: string[]): string[] {
  const out: string[] = [];
  const add = (entry: string | undefined): void => {
    if (entry && !entry.endsWith('.d.ts') && !entry.endsWith('.d.cts') && !entry.endsWith('.d.mts') && !out.includes(entry)) out.push(entry);
  };
  const pick = (value: unknown): void => {
    if (typeof value === 'string') return add(value);
    if (Array.isArray(value)) {
      for (const v of value) pick(v);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const map = value as Record<string, unknown>;
    for (const condition of conditions) if (condition in map) pick(map[condition]);
  };
  const exportsField = manifest.exports;
  if (exportsField && typeof exportsField === 'object' && !Array.isArray(exportsField)) {
    const map = exportsField as Record<string, unknown>;
    if (Object.keys(map).some((k) => k.startsWith('.'))) pick(map[sub ? `./${sub}` : '.'] ?? patternEntry(map, sub));
    else if (!sub) pick(map);
  } else if (!sub && (typeof exportsField === 'string' || Array.isArray(exportsField))) pick(exportsField);
  if (sub) {
    add(sub);
    return out;
  }
  const fields = conditions[1] === 'import' ? ['module', 'main'] : ['main', 'module'];
  for (const field of fields) if (typeof manifest[field] === 'string') add(manifest[field] as string);
  if (out.length === 0) add('index.js');
  return out;
}

/** `"./*": "./dist/*.js"`: a subpath pattern's target for `sub`. */
function patternEntry(map: Record<string, unknown>, sub: string): unknown {
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(2, star);
    const suffix = key.slice(star + 1);
    if (!sub.startsWith(prefix) || !sub.endsWith(suffix) || sub.length < prefix.length + suffix.length) continue;
    const matched = sub.slice(prefix.length, sub.length - suffix.length);
    return JSON.parse(JSON.stringify(value).replaceAll('*', matched));
  }
  return undefined;
}

export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
