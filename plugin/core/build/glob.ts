// A small glob matcher and directory walk for the `include` option (`*`, `**`, `?`, `{a,b}`,
// `[...]`), so the plugin needs no glob dependency. node_modules and dot-directories are skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches anything.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) {
        out += '\\{';
        continue;
      }
      const options = glob.slice(i + 1, close).split(',').map((o) => globToRegExp(o).source.slice(1, -1));
      out += `(?:${options.join('|')})`;
      i = close;
    } else if (c === '[') {
      const close = glob.indexOf(']', i);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      out += `[${glob.slice(i + 1, close).replace(/^!/, '^')}]`;
      i = close;
    } else {
      out += c.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

/** The leading directories without wildcards, where the walk can start. */
function staticBase(glob: string): string {
  const parts = glob.split('/');
  const base: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?{[]/.test(part)) break;
    base.push(part);
  }
  return base.join('/');
}

/** Absolute paths of the files under `workingDir` matching any of the globs. */
export function expandGlobs(globs: string[], workingDir: string): string[] {
  const found = new Set<string>();
  for (const raw of globs) {
    const glob = raw.replace(/^\.\//, '');
    const matcher = globToRegExp(glob);
    const base = staticBase(glob);
    const walk = (dir: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(workingDir, dir), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const relative = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
          walk(relative);
        } else if (entry.isFile() && matcher.test(relative)) {
          found.add(path.join(workingDir, relative));
        }
      }
    };
    walk(base);
  }
  return [...found].sort();
}
