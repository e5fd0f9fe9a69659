// Which module format a file is, by the rule Node.js and the Lambda Node.js runtime load it
// with: .mjs/.mts are ES modules, .cjs/.cts CommonJS, and anything else follows the "type"
// field of the nearest package.json (CommonJS when there is none).
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ModuleFormat = 'esm' | 'cjs';

export function moduleFormatOf(file: string): ModuleFormat {
  if (/\.m[jt]s$/.test(file)) return 'esm';
  if (/\.c[jt]s$/.test(file)) return 'cjs';
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module' ? 'esm' : 'cjs';
      } catch {
        return 'cjs'; // an unreadable package.json: Node would fail too, assume the default
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'cjs';
    dir = parent;
  }
}
