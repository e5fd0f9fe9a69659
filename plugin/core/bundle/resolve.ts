// Resolves an import specifier of a recovered module to another recovered module, the way the
// bundler did, as far as the bundle and the disk can tell without the bundler's configuration:
// relative paths with the extensions and `index` files esbuild tries (and TypeScript's `./x.js`
// for `./x.ts`), tsconfig `paths`, packages under node_modules (their package.json when it is on
// disk, else the sub-path or the package's last emitted module), and this package's own runtime
// wherever the bundle inlined it from. Anything else is external, as a Node.js built-in is.
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { createPathsMatcher, getTsconfig } from 'get-tsconfig';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const BUILTINS = new Set(builtinModules);

/** `onDisk`: a file the bundle does not contain (the bundler dropped it, e.g. a module of a
 *  `"sideEffects": false` package imported only for its side effects), found on disk. */
export type Resolution = { file: string; onDisk?: boolean } | { external: true };

export interface Resolver {
  resolve(specifier: string, importer: string): Resolution;
}

function packageName(specifier: string): { name: string; sub: string } {
  const parts = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, count).join('/'), sub: parts.slice(count).join('/') };
}

/** The entry a package.json names for `sub` ('' for the package itself), as a relative path. */
function packageEntry(manifest: Record<string, unknown>, sub: string, kind: 'import' | 'require'): string | undefined {
  const exportsField = manifest.exports as unknown;
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(pick).find((v) => v !== undefined);
    if (value && typeof value === 'object') {
      const conditions = value as Record<string, unknown>;
      for (const condition of ['node', kind, 'module', 'default']) {
        if (condition in conditions) {
          const chosen = pick(conditions[condition]);
          if (chosen) return chosen;
        }
      }
    }
    return undefined;
  };
  if (exportsField !== undefined && exportsField !== null) {
    const key = sub ? `./${sub}` : '.';
    if (typeof exportsField === 'string' || Array.isArray(exportsField)) return key === '.' ? pick(exportsField) : undefined;
    const map = exportsField as Record<string, unknown>;
    if (Object.keys(map).some((k) => k.startsWith('.'))) return map[key] !== undefined ? pick(map[key]) : undefined;
    return key === '.' ? pick(map) : undefined;
  }
  if (sub) return `./${sub}`;
  const main = kind === 'import' && typeof manifest.module === 'string' ? manifest.module : manifest.main;
  return typeof main === 'string' ? main : undefined;
}

function isFileOnDisk(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function createResolver(modules: Set<string>, order: string[], workingDir: string, tsconfig?: string): Resolver {
  const exists = (file: string) => modules.has(file);
  const cache = new Map<string, Resolution>();

  function asFile(base: string, test: (file: string) => boolean = exists): string | undefined {
    if (test(base)) return base;
    const extension = path.extname(base);
    for (const replacement of TS_FOR_JS[extension] ?? []) {
      const candidate = base.slice(0, -extension.length) + replacement;
      if (test(candidate)) return candidate;
    }
    for (const extension of EXTENSIONS) if (test(base + extension)) return base + extension;
    for (const extension of EXTENSIONS) if (test(path.join(base, `index${extension}`))) return path.join(base, `index${extension}`);
    return undefined;
  }

  let pathsMatcher: ((specifier: string) => string[]) | null | undefined;
  const matchPaths = (specifier: string): string[] => {
    if (pathsMatcher === undefined) {
      try {
        const found = tsconfig ? getTsconfig(path.dirname(tsconfig), path.basename(tsconfig)) : getTsconfig(workingDir);
        pathsMatcher = found ? createPathsMatcher(found) : null;
      } catch {
        pathsMatcher = null;
      }
    }
    return pathsMatcher ? pathsMatcher(specifier) : [];
  };

  // Directories holding recovered modules, for finding packages under node_modules.
  const byPackageDir = new Map<string, string[]>();
  for (const file of order) {
    const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    if (!match) continue;
    const list = byPackageDir.get(match[1]!);
    if (list) list.push(file);
    else byPackageDir.set(match[1]!, [file]);
  }

  function fromPackage(specifier: string, importer: string, kind: 'import' | 'require'): string | undefined {
    const { name, sub } = packageName(specifier);
    for (let dir = path.dirname(importer); ; dir = path.dirname(dir)) {
      const packageDir = path.join(dir, 'node_modules', name);
      const inside = byPackageDir.get(packageDir);
      if (inside) {
        let manifest: Record<string, unknown> | undefined;
        try {
          manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
        } catch {
          manifest = undefined;
        }
        const entry = manifest ? packageEntry(manifest, sub, kind) : sub ? `./${sub}` : undefined;
        const file = entry ? asFile(path.resolve(packageDir, entry)) : undefined;
        if (file) return file;
        if (!sub) return asFile(path.join(packageDir, 'index')) ?? inside[inside.length - 1]; // modules are emitted dependencies first
        return asFile(path.join(packageDir, sub));
      }
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  // This package's runtime, inlined from its sources or its dist (an alias, a link, a checkout).
  function runtimeModule(specifier: string): string | undefined {
    const { name, sub } = packageName(specifier);
    if (name !== 'snapshot-restore') return undefined;
    const base = sub || 'index';
    const pattern = new RegExp(`[\\\\/](?:runtime[\\\\/]${base}\\.ts|dist[\\\\/]esm[\\\\/]${base}\\.js|dist[\\\\/]cjs[\\\\/]${base}\\.cjs)$`);
    // A map composed with the runtime's own map lists only files with code: the index, which
    // only re-exports, is then missing, and the register functions' module stands for it.
    const register = /[\\/]runtime[\\/]hooks[\\/]register\.ts$/;
    return order.find((file) => pattern.test(file)) ?? (base === 'index' ? order.find((file) => register.test(file)) : undefined);
  }

  return {
    resolve(specifier, importer) {
      const key = `${importer}\0${specifier}`;
      const known = cache.get(key);
      if (known) return known;
      let file: string | undefined;
      if (specifier.startsWith('node:') || BUILTINS.has(specifier)) {
        file = undefined;
      } else if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
        const base = path.resolve(path.dirname(importer), specifier);
        file = asFile(base);
        const dropped = file ? undefined : asFile(base, isFileOnDisk);
        if (dropped && !/\.d\.[cm]?ts$/.test(dropped)) {
          cache.set(key, { file: dropped, onDisk: true });
          return { file: dropped, onDisk: true };
        }
      } else {
        for (const candidate of matchPaths(specifier)) {
          file = asFile(candidate);
          if (file) break;
        }
        file ??= runtimeModule(specifier) ?? fromPackage(specifier, importer, 'import');
      }
      const resolution: Resolution = file ? { file } : { external: true };
      cache.set(key, resolution);
      return resolution;
    },
  };
}
