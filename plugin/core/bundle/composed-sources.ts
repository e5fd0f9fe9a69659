// A library's module as the bundler read it, when the bundle's source map names only what it was
// compiled from. esbuild composes the source maps of its inputs: a library that ships
// `lib/security.js` with `lib/security.js.map` (sources `../src/security.ts`, no text, the `src`
// folder unpublished) appears in the bundle's map as `src/security.ts`, which is on no disk. The
// module the build read, and its metafile names, is the compiled file: found here among the
// package's files with the same name, and confirmed by its own map listing the missing source.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapTextOf } from './source-map.js';

const PACKAGE_DIR = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/;
const GENERATED = /\.[cm]?js$/;
const SOURCE_EXTENSION = /\.(?:d\.)?[cm]?[jt]sx?$/;
/** A package with at most this many compiled files may be bundled: all their maps are read. */
const BUNDLED_PACKAGE_FILES = 64;

interface PackageFiles {
  /** Compiled files by name without extension (`security` → `lib/security.js`, `esm/security.mjs`). */
  byStem: Map<string, string[]>;
  /** Directories the compiled files found so far sit in: a package's modules come from one build. */
  chosenDirs: Map<string, number>;
  /** The extension of the file `main` names: what `require` of the package loads. */
  mainExtension: string | undefined;
}

function listPackage(dir: string): PackageFiles {
  const byStem = new Map<string, string[]>();
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (GENERATED.test(entry.name)) {
        const stem = entry.name.replace(GENERATED, '');
        const list = byStem.get(stem);
        if (list) list.push(full);
        else byStem.set(stem, [full]);
      }
    }
  };
  walk(dir);
  let mainExtension: string | undefined;
  try {
    const main = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: unknown }).main;
    if (typeof main === 'string') mainExtension = path.extname(main) || '.js';
  } catch {
    mainExtension = undefined;
  }
  return { byStem, chosenDirs: new Map(), mainExtension };
}

/**
 * A map's sources as files, both ways a `sourceRoot` without a trailing slash is read: joined as a
 * folder (the source map libraries) and resolved as a URL, replacing its last segment (esbuild:
 * `../src` + `util/utf8.ts` is `../util/utf8.ts`), so that either names what esbuild named.
 */
function resolvedSources(mapFile: string, text: string): string[] {
  let raw: { sources?: unknown; sourceRoot?: unknown };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    return [];
  }
  if (!Array.isArray(raw.sources)) return [];
  const dir = path.dirname(mapFile);
  const root = typeof raw.sourceRoot === 'string' ? raw.sourceRoot : '';
  const asUrl = root === '' || root.endsWith('/') ? root : path.posix.dirname(root);
  const toPath = (source: string) => {
    try {
      return source.startsWith('file:') ? fileURLToPath(source) : source;
    } catch {
      return source;
    }
  };
  return raw.sources.flatMap((source) => (typeof source === 'string' ? [path.resolve(dir, toPath(root), toPath(source)), path.resolve(dir, toPath(asUrl), toPath(source))] : []));
}

const isPackage = (dir: string): boolean => fs.existsSync(path.join(dir, 'package.json'));

/**
 * Finds, for a library source that is on no disk (`sources[index]`, the bundle's map's sources
 * in order), the compiled file whose own source map lists it; undefined when there is none.
 * One finder serves one bundle: it caches what it read.
 */
export function createComposedSourceFinder(sources: string[], readFile: (file: string) => string | undefined): (index: number) => string | undefined {
  const packages = new Map<string, PackageFiles>();
  const filesOf = (dir: string): PackageFiles => {
    let files = packages.get(dir);
    if (!files) {
      files = listPackage(dir);
      packages.set(dir, files);
    }
    return files;
  };
  // The packages the bundle has modules of, by the directory they are installed in.
  const known = new Map<string, string[]>();
  for (const dir of new Set(sources.map((source) => PACKAGE_DIR.exec(source)?.[1]).filter((dir) => dir !== undefined))) {
    if (!isPackage(dir)) continue;
    const parent = path.dirname(dir);
    const list = known.get(parent);
    if (list) list.push(dir);
    else known.set(parent, [dir]);
  }
  const sourcesOf = new Map<string, Set<string>>();
  const lists = (generated: string, source: string): boolean => {
    let listed = sourcesOf.get(generated);
    if (!listed) {
      const text = readFile(generated);
      const found = text === undefined ? undefined : mapTextOf(generated, text);
      listed = new Set(found ? resolvedSources(found.file, found.text) : []);
      sourcesOf.set(generated, listed);
    }
    return listed.has(source);
  };
  const findIn = (packageDir: string, source: string): string[] => {
    const files = filesOf(packageDir);
    const stem = path.basename(source).replace(SOURCE_EXTENSION, '');
    const found = (files.byStem.get(stem) ?? []).filter((generated) => lists(generated, source));
    if (found.length > 0) return found;
    // A compiled file of another name that lists it (a package bundled into a few files, as this
    // package's own runtime is): read the maps of all its compiled files, if it has few enough.
    const all = [...files.byStem.values()].flat();
    const candidates = all.length <= BUNDLED_PACKAGE_FILES ? all : [...sourcesOf.keys()].filter((generated) => generated.startsWith(packageDir + path.sep));
    return candidates.filter((generated) => lists(generated, source));
  };

  return (index) => {
    const source = sources[index]!;
    const derived = PACKAGE_DIR.exec(source)?.[1];
    if (!derived) return undefined;
    // A library's map may point above its own folder (`../../src/client.ts` from `lib/`): the
    // source then names no package, and the package is one beside that folder, in its scope or
    // among the bundle's others in the same node_modules.
    let candidates = [derived];
    if (!isPackage(derived)) {
      const parent = path.dirname(derived);
      let inScope: string[] = [];
      try {
        if (path.basename(parent).startsWith('@'))
          inScope = fs
            .readdirSync(parent)
            .map((name) => path.join(parent, name))
            .filter(isPackage);
      } catch {
        inScope = [];
      }
      candidates = [...new Set([...inScope, ...(known.get(parent) ?? [])])];
    }
    for (const packageDir of candidates) {
      const found = findIn(packageDir, source);
      if (found.length === 0) continue;
      // Several compiled files list it: a package bundled into several entry files (the sources
      // of one are emitted together, so the one listing the most of the sources that follow),
      // or compiled twice, CommonJS and ES modules (the build its other modules came from, else
      // the one `require` loads).
      const { chosenDirs, mainExtension } = filesOf(packageDir);
      const run = (generated: string) => {
        let length = 0;
        while (index + length + 1 < sources.length && lists(generated, sources[index + length + 1]!)) length++;
        return length;
      };
      const rank = (generated: string) => [-run(generated), -(chosenDirs.get(path.dirname(generated)) ?? 0), path.extname(generated) === mainExtension ? 0 : 1];
      const ranked = new Map(found.map((generated) => [generated, rank(generated)]));
      const best = found.sort((a, b) => {
        const [ra, rb] = [ranked.get(a)!, ranked.get(b)!];
        return ra[0]! - rb[0]! || ra[1]! - rb[1]! || ra[2]! - rb[2]! || (a < b ? -1 : 1);
      })[0]!;
      chosenDirs.set(path.dirname(best), (chosenDirs.get(path.dirname(best)) ?? 0) + 1);
      return best;
    }
    return undefined;
  };
}
