// A throwaway function project for the run-time audit's tests: its files, a package.json, and a
// node_modules whose packages are links to the corpus's real libraries (test/corpus, pinned
// versions) and to this repository's runtime. Expectations are written in the files themselves,
// `// expect: SR107` (or `none`) at the end of a line, and read back with `expectations()`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, tempDir } from './run-cli.js';

export const corpusModules = path.join(repoRoot, 'test/corpus/node_modules');

export function hasCorpus(): boolean {
  return fs.existsSync(path.join(corpusModules, 'pg'));
}

export function auditProject(files: Record<string, string>): string {
  const dir = tempDir('sr-audit-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  if (fs.existsSync(corpusModules)) {
    for (const name of fs.readdirSync(corpusModules)) {
      if (name.startsWith('.')) continue;
      fs.symlinkSync(path.join(corpusModules, name), path.join(modules, name));
    }
  }
  fs.symlinkSync(path.join(repoRoot, 'runtime'), path.join(modules, 'snapshot-restore'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** `file:line` → the codes its `// expect:` comment names (empty for `none`). */
export function expectations(files: Record<string, string>): Map<string, string[]> {
  const expected = new Map<string, string[]>();
  for (const [name, text] of Object.entries(files)) {
    text.split('\n').forEach((line, index) => {
      const match = /\/\/ expect: ([^(]*)/.exec(line);
      if (!match) return;
      const codes = match[1]!.match(/SR\d{3}/g) ?? [];
      expected.set(`${name}:${index + 1}`, codes.sort());
    });
  }
  return expected;
}

/** The same shape from findings: every line that has one. */
export function foundAt(findings: Array<{ code: string; location?: { file: string; line: number } | null }>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const finding of findings) {
    if (!finding.location) continue;
    const key = `${finding.location.file}:${finding.location.line}`;
    found.set(key, [...(found.get(key) ?? []), finding.code].sort());
  }
  return found;
}

/** Compares expectations with findings: lines with an expectation must match it, other lines must have none. */
export function differences(expected: Map<string, string[]>, found: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [line, codes] of expected) {
    const got = found.get(line) ?? [];
    if (got.join() !== codes.join()) out.push(`${line}: expected [${codes.join(', ')}], found [${got.join(', ')}]`);
  }
  for (const [line, codes] of found) if (!expected.has(line)) out.push(`${line}: unexpected [${codes.join(', ')}]`);
  return out;
}
