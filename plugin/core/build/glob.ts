// The files the `include` option names: picomatch globs (`*`, `**`, `?`, `{a,b}`, `[...]`; a
// leading `!` excludes) relative to the working directory, matched against a walk of it. The walk
// starts at each glob's fixed leading directories (so `vendor/.generated/**` reaches that folder)
// and below them skips node_modules, dot-directories and dot-files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Absolute paths of the files under `workingDir` matching the globs, sorted. */
export function expandGlobs(globs: string[], workingDir: string): string[] {
  const positive = globs.filter((glob) => !glob.startsWith('!'));
  const negative = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  if (positive.length === 0) return [];
  const matches = picomatch(positive, { ignore: negative });
  const found = new Set<string>();
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(workingDir, dir), { withFileTypes: true });
    } catch {
      return; // a base directory that does not exist matches nothing
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(relative);
      } else if (entry.isFile() && matches(relative)) {
        found.add(path.join(workingDir, relative));
      }
    }
  };
  // Each glob's walk starts at its leading directories without wildcards.
  const bases = new Set(positive.map((glob) => picomatch.scan(glob).base));
  for (const base of bases) {
    if (![...bases].some((other) => other !== base && isInside(base, other))) walk(base);
  }
  return [...found].sort();
}

function isInside(dir: string, parent: string): boolean {
  return parent === '' || dir.startsWith(`${parent}/`);
}
