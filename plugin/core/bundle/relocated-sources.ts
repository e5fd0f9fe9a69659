// A source map's sources, found in the project when the map was moved. Deployment tools copy the
// bundle and its map away from where the build wrote them (CDK into cdk.out/asset.<hash>/, SAM
// into .aws-sam/build/<Function>/, Docker bundling from /asset-output), so sources written
// relative to the map (`../../src/handler.ts`) or absolute in another file system
// (`/asset-input/src/handler.ts`) name files that are not there. The map still names every
// module by its path below some directory that was the project: here that directory is found
// again, as the one prefix that, swapped for the working directory or one of its parents, turns
// the most of the missing sources into files that exist. Files are named as esbuild names them,
// by their real path (a linked node_modules is where it links to).
import * as fs from 'node:fs';
import * as path from 'node:path';

const LIBRARY = /[\\/]node_modules[\\/]/;
/** Sources tried for a new root each round: enough to find it, few enough to stay cheap. */
const SAMPLES = 16;
const ROUNDS = 4;

export interface RelocatedSources {
  /** The sources, those found again replaced by the project's files. */
  sources: string[];
  /** The user's own sources (outside node_modules) that are on disk neither as written nor moved. */
  missing: string[];
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The file by its real path; for a file that is not there, its nearest existing folder's. */
function realFile(file: string): string {
  for (let dir = file, rest = ''; ; rest = path.join(path.basename(dir), rest), dir = path.dirname(dir)) {
    try {
      return path.join(fs.realpathSync.native(dir), rest);
    } catch {
      if (path.dirname(dir) === dir) return file;
    }
  }
}

const NODE_MODULES_DIR = /^(.*[\\/]node_modules)[\\/]/;

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A way the sources may have moved: where a source would be now (not yet checked). */
type Move = (source: string) => string | undefined;

/** A prefix of the sources' paths swapped for another (absolute sources, a `sourceRoot`, Docker's /asset-input). */
function swapPrefix(from: string, to: string): Move {
  const prefix = from.endsWith(path.sep) ? from : from + path.sep;
  return (source) => (source.startsWith(prefix) ? path.join(to, source.slice(prefix.length)) : undefined);
}

/**
 * The map read from another folder: its sources, relative to where it was written, resolved
 * from `written` instead of from where it is now (a map copied into cdk.out/asset.<hash>/).
 */
function rebase(mapDir: string, written: string): Move {
  return (source) => path.resolve(written, path.relative(mapDir, source));
}

/**
 * The sources with the moved ones found again under the working directory (or one of its
 * parents, for a monorepo's other packages). `mapDir`: the folder the map is in now, which the
 * sources were resolved from. Nothing moves when the user's own sources are all on disk as written.
 */
export function relocateSources(sources: string[], workingDir: string, mapDir?: string, exists: (file: string) => boolean = isFile): RelocatedSources {
  const result = [...sources];
  const absent = new Set<number>();
  sources.forEach((source, i) => {
    if (path.isAbsolute(source) && !exists(source)) absent.add(i);
  });
  const ownAbsent = () => [...absent].filter((i) => !LIBRARY.test(result[i]!));
  if (ownAbsent().length === 0) return { sources: result, missing: [] };

  const roots: string[] = [];
  for (let dir = path.resolve(workingDir); ; dir = path.dirname(dir)) {
    roots.push(dir);
    if (path.dirname(dir) === dir) break;
  }

  for (let round = 0; round < ROUNDS && absent.size > 0; round++) {
    const samples = [...ownAbsent(), ...[...absent].filter((i) => LIBRARY.test(result[i]!))].slice(0, SAMPLES);
    // Each way a sample is found under a root is a candidate move.
    const moves = new Map<string, Move>();
    for (const i of samples) {
      const source = result[i]!;
      if (mapDir !== undefined) {
        // Written `<ups>/<rest>` relative to the map: the map was in a folder <ups> below a root holding <rest>.
        const segments = path.relative(mapDir, source).split(path.sep);
        const ups = segments.findIndex((segment) => segment !== '..');
        const rest = segments.slice(ups).join(path.sep);
        for (const root of roots) {
          if (exists(path.join(root, rest))) moves.set(`rebase\0${root}\0${ups}`, rebase(mapDir, path.join(root, ...Array<string>(ups).fill('_'))));
        }
      }
      const segments = source.split(path.sep);
      const library = segments.lastIndexOf('node_modules');
      for (let k = 1; k < segments.length; k++) {
        if (library !== -1 && k > library) break; // a library's file keeps its node_modules/<package>/ path
        const tail = segments.slice(k).join(path.sep);
        const from = segments.slice(0, k).join(path.sep) || path.sep;
        for (const to of roots) if (exists(path.join(to, tail))) moves.set(`swap\0${from}\0${to}`, swapPrefix(from, to));
      }
    }
    const found = (move: Move, i: number): string | undefined => {
      const candidate = move(result[i]!);
      return candidate !== undefined && candidate !== result[i] && exists(candidate) ? candidate : undefined;
    };
    // The best move finds the most of the user's own files, then the most files at all.
    let best: { move: Move; own: number; all: number } | undefined;
    for (const move of moves.values()) {
      let own = 0;
      let all = 0;
      for (const i of absent) {
        if (found(move, i) === undefined) continue;
        all++;
        if (!LIBRARY.test(result[i]!)) own++;
      }
      if (all > 0 && (!best || own > best.own || (own === best.own && all > best.all))) best = { move, own, all };
    }
    if (!best) break;
    for (const i of [...absent]) {
      let moved = found(best.move, i);
      if (moved === undefined && LIBRARY.test(result[i]!)) {
        // A library's source that is on no disk (compiled from files it does not publish) moves
        // with its node_modules, where the compiled file is then found.
        const candidate = best.move(result[i]!);
        const modulesDir = candidate && NODE_MODULES_DIR.exec(candidate)?.[1];
        if (modulesDir && isDirectory(modulesDir)) moved = candidate;
      }
      if (moved === undefined) continue;
      result[i] = realFile(moved);
      absent.delete(i);
    }
  }
  return { sources: result, missing: ownAbsent().map((i) => result[i]!) };
}
