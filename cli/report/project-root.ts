// The repository root, which SARIF locations are relative to: the nearest directory above the
// working directory holding `.git` (a directory, or a file in worktrees and submodules).
import * as fs from 'node:fs';
import * as path from 'node:path';

export function findProjectRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from); // not in a repository: the working directory
    dir = parent;
  }
}
