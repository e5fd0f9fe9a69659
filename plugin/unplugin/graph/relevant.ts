// The modules whose edges can change a build's findings, so that the adapters read the edges
// of those alone (a bundler's module graph is mostly node_modules, and reading every module's
// edges costs a call into Rspack's Rust core or Rolldown's per module and per edge).
//
// The check reads edges for three things: the cheap check (a module is analysed when an edge
// names the runtime or a wrapper module), the order prediction (which walks only the analysed
// modules and the modules that lead to them), and the modules only loaded lazily below them. So
// take every module that may name the runtime or a wrapper (a superset is fine) and every module
// that leads to one (its importers, up to the entries): any other module has no such module
// below it, so neither it nor anything it loads can register a hook, be analysed, or lead to a
// module that is. The check gives the same findings when the other modules' edges are left out.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The seeds and everything that imports them, directly or not. */
export function withImporters<T>(seeds: Iterable<T>, importersOf: (module: T) => Iterable<T>): Set<T> {
  const found = new Set<T>();
  const stack = [...seeds];
  while (stack.length > 0) {
    const module = stack.pop()!;
    if (found.has(module)) continue;
    found.add(module);
    for (const importer of importersOf(module)) if (!found.has(importer)) stack.push(importer);
  }
  return found;
}

/**
 * The name of the package a file belongs to: the nearest package.json with a `name` (a
 * package.json with only `type`, as in `dist/esm/`, does not end the package), as the bundlers'
 * `descriptionData` reads it. One lookup per directory.
 */
export function packageNames(): (file: string) => string | undefined {
  const byDir = new Map<string, string | undefined>();
  const lookup = (dir: string): string | undefined => {
    if (byDir.has(dir)) return byDir.get(dir);
    let name: string | undefined;
    try {
      const data = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (typeof data.name === 'string') name = data.name;
    } catch {
      // no package.json here, or not JSON: look further up
    }
    const parent = path.dirname(dir);
    if (name === undefined && parent !== dir && path.basename(dir) !== 'node_modules') name = lookup(parent);
    byDir.set(dir, name);
    return name;
  };
  return (file) => lookup(path.dirname(file));
}
