// Which source file on disk a minified bundle was built from, when it has neither a metafile
// nor a map nor module comments. Minifying renames local bindings but keeps what the code means
// to the outside: the entry's export names (`export{q as handler}`, or the keys of esbuild's
// CommonJS export object), string literals, property names and object keys. The entry is the
// source file under the working directory that exports exactly the bundle's names and whose
// strings and property names are (nearly) all in the bundle; a file of another function, or of
// none, misses some. Only an unambiguous winner is taken; otherwise the bundle is read alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as t from '@babel/types';
import { parseSource } from '../ast/parse.js';
import { walk } from '../ast/walk.js';
import { parsedEdges, scannedEdges } from './import-edges.js';
import { createResolver } from './resolve.js';

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
/** Dependencies, tool output and dot-folders (.git, .aws-sam, .sst, .serverless) hold no sources of the user's. */
const SKIPPED_DIRS = new Set(['node_modules', 'cdk.out', 'coverage']);
const MAX_FILES = 3000;
const MAX_BYTES = 1 << 20;
/** Tokens that can only be told apart when long enough (a word of four), and written without escapes. */
const TOKEN = /^(?=.*[\w$]{4})[\w .,:;/@#%+=?*&|<>$-]{4,}$/;
/** A candidate may miss this share of its tokens (code the bundler dropped as unused, constants it folded). */
const TOLERANCE = 0.2;

export interface IdentifiedEntry {
  file: string;
  /** The candidates' source files (absolute), which imports resolve among. */
  candidates: string[];
  found: number;
  tokens: number;
}

export type Identification = { entry: IdentifiedEntry } | { reason: string };

/** The names the bundle exports, or undefined when its shape does not say. */
export function bundleExports(source: string): string[] | undefined {
  // The end of the code: without the map comment and the legal comments esbuild moves to the end.
  let tail = source
    .slice(-65536)
    .replace(/\/\/[#@] sourceMappingURL=\S*\s*$/, '')
    .trimEnd();
  while (tail.endsWith('*/')) {
    const start = tail.lastIndexOf('/*');
    if (start < 0) break;
    tail = tail.slice(0, start).trimEnd();
  }
  const esm = /export\s*\{([^}]*)\}\s*;?$/.exec(tail);
  if (esm) {
    return esm[1]!
      .split(',')
      .map(
        (part) =>
          part
            .trim()
            .split(/\s+as\s+/)
            .pop()!,
      )
      .filter(Boolean)
      .sort();
  }
  if (/(?:^|[;}\s])export\s+default\s[^;]*;?$/.test(tail)) return ['default'];
  // esbuild's CommonJS: `module.exports=G(x)` with `F(x,{handler:()=>q,pool:()=>r})` before it.
  const target = /module\.exports\s*=\s*[\w$]+\(([\w$]+)\)\s*;?/.exec(tail)?.[1];
  if (!target) return undefined;
  const escaped = target.replace(/\$/g, '\\$');
  const object = new RegExp(`[\\w$]+\\(${escaped},\\s*\\{([^}]*)\\}\\)`).exec(source)?.[1];
  if (object === undefined) return undefined;
  return [...object.matchAll(/([\w$]+|"[^"]*")\s*:\s*\(\)\s*=>/g)].map((m) => m[1]!.replace(/^"|"$/g, '')).sort();
}

/** A file too large to be a source the user wrote (another bundle beside this one): not even read. */
function tooLarge(file: string): boolean {
  try {
    return fs.statSync(file).size > MAX_BYTES;
  } catch {
    return false;
  }
}

/** Source files under the working directory, or undefined when there are too many to read. */
function sourceFiles(workingDir: string, bundle: string): string[] | undefined {
  const found: string[] = [];
  const pending = [workingDir];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(file);
      } else if (entry.isFile() && SOURCE.test(entry.name) && !DECLARATION.test(entry.name) && file !== bundle && !tooLarge(file)) {
        found.push(file);
        if (found.length > MAX_FILES) return undefined;
      }
    }
  }
  return found.sort();
}

interface Fingerprint {
  /** Export names, or undefined for a CommonJS module or one with `export *`. */
  exports: string[] | undefined;
  tokens: Set<string>;
}

function fingerprint(text: string, file: string): Fingerprint | undefined {
  const parsed = parseSource(text, file);
  if (!parsed.ok) return undefined;
  const tokens = new Set<string>();
  const add = (value: string) => {
    if (TOKEN.test(value)) tokens.add(value);
  };
  let exports: string[] | undefined = [];
  let esm = false;
  // `false`: nothing below is the module's code (types, specifiers).
  const visit = (node: t.Node): boolean | void => {
    if (
      node.type.startsWith('TS') &&
      node.type !== 'TSAsExpression' &&
      node.type !== 'TSNonNullExpression' &&
      node.type !== 'TSSatisfiesExpression' &&
      node.type !== 'TSEnumDeclaration' &&
      node.type !== 'TSEnumMember'
    )
      return false;
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration') {
      esm = true;
      if (node.type === 'ExportAllDeclaration') exports = undefined;
      return false;
    }
    if (node.type === 'ExportNamedDeclaration') {
      esm = true;
      if (node.exportKind === 'type') return false;
      for (const specifier of node.specifiers) {
        if (specifier.type === 'ExportSpecifier' && specifier.exportKind !== 'type')
          exports?.push(specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value);
        else if (specifier.type === 'ExportNamespaceSpecifier') exports?.push(specifier.exported.name);
      }
      const declaration = node.declaration;
      if (declaration?.type === 'VariableDeclaration' && !declaration.declare) {
        // `export const { a, b: [c] } = ...` exports every name its pattern binds.
        for (const d of declaration.declarations) exports?.push(...boundNames(d.id));
      } else if (
        (declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') &&
        declaration.id &&
        !('declare' in declaration && declaration.declare)
      ) {
        exports?.push(declaration.id.name);
      } else if (declaration?.type === 'TSEnumDeclaration') {
        exports?.push(declaration.id.name);
      }
      if (node.source) return false;
    }
    if (node.type === 'ExportDefaultDeclaration') {
      esm = true;
      exports?.push('default');
    }
    if (node.type === 'StringLiteral') add(node.value);
    if (node.type === 'TemplateElement') add(node.value.cooked ?? node.value.raw);
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed && node.property.type === 'Identifier') add(node.property.name);
    if (
      (node.type === 'ObjectProperty' || node.type === 'ObjectMethod' || node.type === 'ClassMethod' || node.type === 'ClassProperty') &&
      !node.computed &&
      node.key.type === 'Identifier'
    )
      add(node.key.name);
    if (
      node.type === 'ImportExpression' ||
      (node.type === 'CallExpression' && (node.callee.type === 'Import' || (node.callee.type === 'Identifier' && node.callee.name === 'require')))
    )
      return false; // a specifier, not code
  };
  walk(parsed.ast.program, visit);
  return { exports: esm ? exports?.sort() : undefined, tokens };
}

/** The names a declaration's target binds: an identifier, or each name in a destructuring pattern. */
function boundNames(target: t.LVal | t.ObjectProperty['value']): string[] {
  switch (target.type) {
    case 'Identifier':
      return [target.name];
    case 'ObjectPattern':
      return target.properties.flatMap((p) => (p.type === 'RestElement' ? boundNames(p.argument) : boundNames(p.value)));
    case 'ArrayPattern':
      return target.elements.flatMap((e) => (e ? boundNames(e) : []));
    case 'AssignmentPattern':
      return boundNames(target.left);
    case 'RestElement':
      return boundNames(target.argument);
    default:
      return [];
  }
}

/** Quoted strings, import specifiers aside: before parsing, a file most of whose strings the
 *  bundle lacks is not its entry (half, to leave room for strings that are only types). */
const QUOTED = /(?<!(?:from|import|require)\s*\(?\s*)(['"`])((?=[^'"`]*[\w$]{4})[\w .,:;/@#%+=?*&|<>$-]{4,})\1/g;
function quotedStringsMayFit(text: string, inBundle: (token: string) => boolean): boolean {
  let all = 0;
  let found = 0;
  for (const match of text.matchAll(QUOTED)) {
    all++;
    if (inBundle(match[2]!)) found++;
  }
  return all < 4 || found >= all / 2;
}

/** The entry among the working directory's sources, or why none could be told. */
export function identifyEntry(source: string, bundle: string, workingDir: string, readFile: (file: string) => string | undefined, tsconfig?: string): Identification {
  const files = sourceFiles(workingDir, bundle);
  if (!files) return { reason: `more than ${MAX_FILES} source files under the working directory to compare it with` };
  const exported = bundleExports(source);
  const sameNames = (names: string[] | undefined) => {
    if (!exported) return true;
    if (!names) return exported.length === 1 && exported[0] === 'default'; // a CommonJS entry bundled to ESM
    return names.length === exported.length && names.every((name, i) => name === exported[i]);
  };
  const words = (exported ?? []).filter((name) => name !== 'default').map((name) => new RegExp(`(?<![\\w$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`));
  const mentionsAll = (text: string) => /\bexports?\b/.test(text) && words.every((word) => word.test(text));
  // The bundle's words, once: a token is in the bundle when its words are (looked up, not
  // searched for in megabytes).
  // (Made at the first lookup: most working directories have no file that exports the names.)
  let bundleWords: Set<string> | undefined;
  const inBundle = (token: string) => {
    bundleWords ??= new Set(source.match(/[\w$]{4,}/g));
    return (token.match(/[\w$]{4,}/g) ?? []).every((part) => bundleWords!.has(part));
  };
  const scored: Array<{ file: string; found: number; tokens: number }> = [];
  for (const file of files) {
    const text = readFile(file);
    if (text === undefined || text.length > MAX_BYTES || /\/\/[#@] sourceMappingURL=/.test(text)) continue; // built output, not a source
    // Cheap first: most files do not export the names, or their quoted strings are not in the bundle.
    if (!mentionsAll(text) || !quotedStringsMayFit(text, inBundle)) continue;
    const print = fingerprint(text, file);
    if (!print || !sameNames(print.exports)) continue;
    let found = 0;
    for (const token of print.tokens) if (inBundle(token)) found++;
    scored.push({ file, found, tokens: print.tokens.size });
  }
  let fits = scored.filter((s) => s.found >= s.tokens * (1 - TOLERANCE));
  // The entry is imported by none of the others (a hook module may share its exports and strings).
  if (fits.length > 1) {
    const resolver = createResolver(new Set(files), files, workingDir, tsconfig);
    const imported = new Set<string>();
    for (const fit of fits) {
      const text = readFile(fit.file) ?? '';
      for (const edge of parsedEdges(text, fit.file) ?? scannedEdges(text)) {
        const resolution = resolver.resolve(edge.specifier, fit.file);
        if ('file' in resolution && resolution.file !== fit.file) imported.add(resolution.file);
      }
    }
    fits = fits.filter((fit) => !imported.has(fit.file));
  }
  if (fits.length === 0) return { reason: 'no source file under the working directory matches its exports and strings' };
  // The best: the most tokens found, each missing one counting against it three times (a file
  // of another function shares much of this one's code, but not all). Among several files with
  // the bundle's exports, a file with almost nothing to compare proves nothing.
  const score = (s: { found: number; tokens: number }) => s.found - 3 * (s.tokens - s.found);
  fits.sort((a, b) => score(b) - score(a));
  const [best, next] = fits;
  if (next && (best!.found < 3 || score(next) === score(best!))) {
    const names = fits.slice(0, 3).map((s) => path.relative(workingDir, s.file).split(path.sep).join('/'));
    return { reason: `several source files match its exports and strings about as well (${names.join(', ')})` };
  }
  return { entry: { ...best!, candidates: files } };
}
