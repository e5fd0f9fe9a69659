// Makes an esbuild bundle readable as one module, without a source map, from the shapes esbuild
// writes (read from its output, not guessed):
// - unminified, every module's code starts with a `// path/to/module.js` comment line: library
//   modules (node_modules) are blanked out, so the analysis parses whitespace instead of
//   megabytes of code it would not check in a build either; the names the user's code takes from
//   a library (`var import_uuid = __toESM(require_uuid())`) become `require("uuid")` again;
// - a CommonJS module is wrapped in `__commonJS({ "path"(exports, module) { ... } })` and an ES
//   module that is required or imported lazily in `__esm({ "path"() { ... } })`: the wrapper
//   becomes a plain function, so that its code runs where its `require_x()` / `init_x()` calls
//   run (at init when called at the top level); the entry's own wrapper is opened up, so that
//   its exports are the module's;
// - `(0, x.f)(...)`, esbuild's way to call an import without a `this`, loses the `0, `.
// Every edit keeps lines and columns (blanked text becomes spaces); names to declare are
// appended as `var` lines at the end.

export interface Region {
  /** The module path esbuild wrote in the comment (relative to its working directory). */
  path: string;
  start: number;
  end: number;
  library: boolean;
  runtime: boolean;
}

export interface PreparedBundle {
  source: string;
  regions: Region[];
  /** Wrapper functions (`require_x`, `init_x`) of the user's modules: their module path and lines (1-based). */
  wrappers: Map<string, { path: string; startLine: number; endLine: number }>;
  /** Lines to append (declarations of names taken from libraries). */
  appended: string[];
  /** Local names esbuild gave imports, and the name the source used (`randomUUID2` → `randomUUID`). */
  renames: Map<string, string>;
  /** Decorated instance methods whose registration (at construction) was not followed. */
  instanceDecorators: number;
}

const LIBRARY = /(?:^|\/)node_modules\//;
const RUNTIME = /(?:^|\/)node_modules\/snapshot-restore\/|(?:^|\/)runtime\/(?:(?:hooks|lifecycle|invoke|runtime-api)\/)?[\w-]+\.ts$|(?:^|\/)dist\/(?:esm|cjs)\/[\w-]+\.c?js$/;

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** Applies non-overlapping edits, each padded to its original length, keeping newlines. */
export function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const { start, end, replacement } of sorted) {
    if (start < at) continue; // overlapping: the first edit wins
    parts.push(source.slice(at, start));
    let count = 0;
    for (let i = source.indexOf('\n', start); i !== -1 && i < end; i = source.indexOf('\n', i + 1)) count++;
    parts.push(replacement, ' '.repeat(Math.max(0, end - start - replacement.length - count)), '\n'.repeat(count));
    at = end;
  }
  parts.push(source.slice(at));
  return parts.join('');
}

function packageOf(modulePath: string): string | undefined {
  return /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(modulePath)?.[1];
}

/** How the user's code named a library module, from the name esbuild gave the import
 *  (`import_random` for 'lodash/random.js'): a root file of that name is a sub-path. */
function specifierOf(local: string, modulePath: string, pkg: string): string {
  const named = local.replace(/^import_/, '').replace(/\d+$/, '');
  const rest = modulePath.slice(modulePath.lastIndexOf(`node_modules/${pkg}/`) + `node_modules/${pkg}/`.length);
  const file = /^([^/]+?)\.[cm]?js$/.exec(rest)?.[1];
  return file && named !== pkg.split('/').pop() && file.replace(/\W/g, '_') === named ? `${pkg}/${rest}` : pkg;
}

/** The name a library's export has in its package, from the local name esbuild gave it. */
function exportName(local: string, modulePath: string): string {
  const base = local.replace(/\d+$/, '');
  if (base.endsWith('_default')) {
    // A per-method module (`lodash-es/random.js`) is named by its file; an entry by convention is the default.
    const file = /([^/]+?)(?:\.[cm]?[jt]sx?)?$/.exec(modulePath)?.[1] ?? 'default';
    return ['index', 'main', 'wrapper', packageOf(modulePath)?.split('/').pop()].includes(file) ? 'default' : file;
  }
  return base;
}

function identifierOf(specifier: string): string | undefined {
  const last =
    specifier
      .replace(/^node:/, '')
      .split('/')
      .pop() ?? '';
  return /^[A-Za-z_$][\w$]*$/.test(last) ? last : undefined;
}

/** The local names of the register functions, from the runtime's definitions (`makeRegister("afterRestore", "registerAfterRestore")`). */
export function registerNamesIn(text: string): string[] {
  // Found from the public names' strings, which are rare, rather than by a pattern tried at every
  // name of a megabytes-long bundle.
  const names: string[] = [];
  const before = /(?<![\w$])([\w$]+)\s*=\s*[\w$]+\(\s*"(beforeSnapshot|afterRestore)"\s*,\s*$/;
  for (const [publicName, phase] of [
    ['registerBeforeSnapshot', 'beforeSnapshot'],
    ['registerAfterRestore', 'afterRestore'],
  ] as const) {
    for (let at = text.indexOf(`"${publicName}"`); at !== -1; at = text.indexOf(`"${publicName}"`, at + 1)) {
      const match = before.exec(text.slice(Math.max(0, at - 200), at));
      if (match?.[2] === phase && /^"[\w]+"\s*\)/.test(text.slice(at, at + 40))) names.push(match[1]!);
    }
  }
  return names;
}

export function prepareBundle(source: string): PreparedBundle {
  const regions: Region[] = [];
  const comment = /^\/\/ ([^\n]+?\.[\w]+)$/gm;
  let previous: { path: string; start: number } | undefined;
  for (const match of source.matchAll(comment)) {
    const start = match.index!;
    if (previous) regions.push(region(previous.path, previous.start, start));
    previous = { path: match[1]!, start };
  }
  if (previous) {
    const tail = source.search(/\n\/\/[#@] sourceMappingURL=/);
    regions.push(region(previous.path, previous.start, tail > previous.start ? tail : source.length));
  }

  const edits: Edit[] = [];
  const appended: string[] = [];
  const wrappers = new Map<string, { path: string; startLine: number; endLine: number }>();
  const lineAt = (offset: number) => {
    let line = 1;
    for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
    return line;
  };
  const renames = new Map<string, string>();
  const requireOf = new Map<string, string>(); // require_x of a library: its package
  const requirePath = new Map<string, string>(); // ... and its module path
  const libraryNames = new Map<string, { pkg: string; modulePath: string }>();

  for (const r of regions) {
    if (!r.library || r.runtime) continue;
    const text = source.slice(r.start, r.end);
    const pkg = packageOf(r.path);
    if (pkg) {
      for (const match of text.matchAll(/^(?:var|let|const) ([\w$]+) = |^(?:async )?function\*? ?([\w$]+)\s*\(|^class ([\w$]+)/gm)) {
        const name = match[1] ?? match[2] ?? match[3]!;
        if (name.startsWith('require_')) {
          requireOf.set(name, pkg);
          requirePath.set(name, r.path);
        } else if (!name.startsWith('init_') && !name.endsWith('_exports')) libraryNames.set(name, { pkg, modulePath: r.path });
      }
    }
    edits.push({ start: r.start, end: r.end, replacement: '' });
  }

  // The runtime's export objects, through which esbuild's CommonJS code reaches it:
  // `var { registerAfterRestore: r } = (init_esm(), __toCommonJS(esm_exports))`.
  const runtimeExports = new Map<string, string>();
  for (const r of regions) {
    if (!r.runtime) continue;
    const text = source.slice(r.start, r.end);
    for (const match of text.matchAll(/__export\(([\w$]+), \{([^}]*)\}/g)) {
      if (/\bregister(?:AfterRestore|BeforeSnapshot)\b/.test(match[2]!)) runtimeExports.set(match[1]!, 'snapshot-restore');
      else if (/\bsnapStart\b/.test(match[2]!)) runtimeExports.set(match[1]!, 'snapshot-restore/lambda');
    }
  }

  // The register functions' local names, from the runtime's definitions.
  // (Minified, there are no regions: the definitions are found in the whole bundle.)
  const registerNames = new Set<string>();
  for (const r of regions.length > 0 ? regions.filter((region) => region.runtime) : [{ start: 0, end: source.length }]) {
    for (const name of registerNamesIn(source.slice(r.start, r.end))) registerNames.add(name);
  }
  let instanceDecorators = 0;
  const interop = new Set<string>(); // `import_x` of `__toESM(...)`: CommonJS modules imported by ES modules
  const requireAliases = new Map<string, string>();

  // Top-level code outside every region (esbuild's helpers, the import lines it hoists) and the
  // user's regions: what the analysis reads.
  const kept: Array<[number, number]> = [];
  let at = 0;
  for (const r of regions) {
    if (r.library && !r.runtime) {
      kept.push([at, r.start]);
      at = r.end;
    }
  }
  kept.push([at, source.length]);
  const userText = kept.map(([s, e]) => source.slice(s, e)).join('\n');

  // Wrappers of the user's modules. The entry's is the one the bundle exports the result of.
  const entryWrapper = /^(?:module\.exports = |export default )(require_[\w$]+)\(\);$/m.exec(userText)?.[1];
  for (const [s, e] of kept) {
    const text = source.slice(s, e);
    for (const match of text.matchAll(/^var ((?:require|init)_[\w$]+) = __(?:commonJS|esm)\(\{\n\s*"([^"\n]+)"\(([^)\n]*)\) \{$/gm)) {
      const headerStart = s + match.index! + `var ${match[1]} = `.length;
      const headerEnd = s + match.index! + match[0].length;
      const close = source.indexOf('\n});', headerEnd);
      if (close < 0 || close > e) continue;
      const name = match[1]!;
      if (name !== entryWrapper && !regionAt(regions, headerStart)?.runtime) wrappers.set(name, { path: match[2]!, startLine: lineAt(headerStart), endLine: lineAt(close + 1) });
      if (name === entryWrapper) {
        // The body becomes top-level code: blank the head and the `}` / `});` that close it.
        edits.push({ start: s + match.index!, end: headerEnd, replacement: '' });
        edits.push({ start: source.lastIndexOf('}', close - 1), end: close + 4, replacement: '' });
      } else {
        edits.push({ start: headerStart, end: headerEnd, replacement: `function(${match[3]}) {` });
        edits.push({ start: close + 1, end: close + 3, replacement: '' }); // `})` of `});`
      }
    }
    if (entryWrapper) {
      for (const match of text.matchAll(new RegExp(`^(?:module\\.exports = |export default )${entryWrapper.replace(/\$/g, '\\$')}\\(\\);$`, 'gm'))) {
        edits.push({ start: s + match.index!, end: s + match.index! + match[0].length, replacement: '' });
      }
    }
    // var import_x = __toESM(require_x()): the library's module object, as `require("x")`.
    for (const match of text.matchAll(/^var ([\w$]+) = __toESM\((require_[\w$]+)\(\)(?:, 1)?\);$/gm)) {
      const pkg = requireOf.get(match[2]!);
      if (!pkg) continue;
      edits.push({ start: s + match.index!, end: s + match.index! + match[0].length, replacement: '' });
      appended.push(`var ${match[1]} = require(${JSON.stringify(specifierOf(match[1]!, requirePath.get(match[2]!)!, pkg))});`);
    }
    // var import_net = __toESM(require("net")): a module kept external (a Node.js built-in), the same.
    for (const match of text.matchAll(/^var ([\w$]+) = (__toESM\()(require\("[^"\n]+"\))((?:, 1)?\));$/gm)) {
      const start = s + match.index! + `var ${match[1]} = `.length;
      edits.push({ start, end: start + match[2]!.length, replacement: '' });
      const close = start + match[2]!.length + match[3]!.length;
      edits.push({ start: close, end: close + match[4]!.length, replacement: '' });
    }
    for (const match of text.matchAll(/^var ([\w$]+) = __toESM\((?:require_[\w$]+\(\)|require\("[^"\n]+"\))(?:, 1)?\);$/gm)) interop.add(match[1]!);
    // require_pg() elsewhere (CommonJS code's own `require('pg')`): a short name for `require("pg")`.
    for (const match of text.matchAll(/(?<![\w$.])(require_[\w$]+)\(\)/g)) {
      const pkg = requireOf.get(match[1]!);
      if (!pkg) continue;
      const alias = `__sr${requireAliases.size}`;
      requireAliases.set(alias, pkg);
      edits.push({ start: s + match.index!, end: s + match.index! + match[0].length, replacement: alias });
    }
    for (const match of text.matchAll(/\(init_[\w$]+\(\), __toCommonJS\(([\w$]+)\)\)/g)) {
      const specifier = runtimeExports.get(match[1]!);
      if (specifier) edits.push({ start: s + match.index!, end: s + match.index! + match[0].length, replacement: `require(${JSON.stringify(specifier)})` });
    }
    // Decorators esbuild lowered: a static method's become the registration calls they make
    // when the class is defined; an instance method's (registered at each construction) are
    // taken out and counted, not followed.
    const registrations = (list: string, target: string, name: string) =>
      list
        .split(',')
        .map((d) => d.trim())
        .filter((d) => registerNames.has(d))
        .map((d) => `${d}(${target}.${name})`);
    // The call may be one expression of several (`a(...), b(...)` when minified): what replaces
    // it stays an expression, `0` when the calls do not fit and go to the end.
    const replaceCall = (start: number, end: number, calls: string[]) => {
      const text = calls.join(', ');
      if (text && text.length <= end - start) edits.push({ start, end, replacement: text });
      else {
        edits.push({ start, end, replacement: '0' });
        if (text) appended.push(`${text};`);
      }
    };
    // (`__decorateClass` and `__decorateElement` by their arguments: minified, they are renamed.)
    for (const match of text.matchAll(/(?<![\w$])[\w$]+\(\[([^\]]*)\],\s*([\w$.]+),\s*"([^"]+)",\s*\d+\)/g)) {
      const target = match[2]!;
      const calls = registrations(match[1]!, target.replace(/\.prototype$/, ''), match[3]!);
      if (calls.length === 0) continue;
      if (target.endsWith('.prototype')) {
        instanceDecorators++;
        replaceCall(s + match.index!, s + match.index! + match[0].length, []);
      } else {
        replaceCall(s + match.index!, s + match.index! + match[0].length, calls);
      }
    }
    for (const match of text.matchAll(/(?<![\w$])[\w$]+\([\w$]+,\s*(\d+),\s*"([^"]+)",\s*([\w$]+),\s*([\w$]+)\)/g)) {
      const flags = Number(match[1]);
      const array = new RegExp(`(?<![\\w$])${match[3]!.replace(/\$/g, '\\$')}\\s*=\\s*\\[([^\\]]*)\\]`).exec(text);
      if (!array) continue;
      const calls = registrations(array[1]!, match[4]!, match[2]!);
      if (calls.length === 0) continue;
      // Take the register functions out of the decorator list, so they are no value use.
      const listStart = s + array.index! + array[0].indexOf('[') + 1;
      for (const name of array[1]!.matchAll(/[\w$]+/g)) {
        if (registerNames.has(name[0])) edits.push({ start: listStart + name.index!, end: listStart + name.index! + name[0].length, replacement: '0' });
      }
      if ((flags & 7) === 1 && flags & 8) replaceCall(s + match.index!, s + match.index! + match[0].length, calls);
      else instanceDecorators++;
    }
    // `await import('./late.js')` became `Promise.resolve().then(() => (init_late(), late_exports))`:
    // the module's init runs where the import is, so the wrapper call is made plain.
    for (const match of text.matchAll(/Promise\.resolve\(\)\.then\(\(\) => (\(init_[\w$]+\(\), (?:__toCommonJS\()?[\w$]+\)?\))\)/g)) {
      const start = s + match.index!;
      const inner = start + match[0].indexOf(match[1]!);
      edits.push({ start, end: inner, replacement: '' });
      edits.push({ start: inner + match[1]!.length, end: start + match[0].length, replacement: '' });
    }
    // (0, x.f)(...) -> (   x.f)(...)
    for (const match of text.matchAll(/\(0, ([\w$]+\.[\w$]+)\)/g)) {
      edits.push({ start: s + match.index! + 1, end: s + match.index! + 3, replacement: '' });
    }
    // `const require = createRequire(import.meta.url)`, the banner ESM bundles carry so that
    // CommonJS code can load built-ins: blanked, so that `require("x")` is the require again.
    for (const match of text.matchAll(/(?<![\w$.])(?:const|let|var) require = [\w$]*[cC]reateRequire\([^;\n]*\);?/g)) {
      edits.push({ start: s + match.index!, end: s + match.index! + match[0].length, replacement: '' });
    }
    // __require("x") in an ES module bundle: esbuild's require.
    for (const match of text.matchAll(/\b__require\(/g)) {
      edits.push({ start: s + match.index!, end: s + match.index! + '__require('.length, replacement: 'require(' });
    }
    // The names esbuild gave imports (`randomUUID2`, `crypto3`), for messages.
    for (const match of text.matchAll(/^import (?:\* as ([\w$]+)|([\w$]+)|\{([^}]*)\}) from "([^"]+)";$/gm)) {
      const base = identifierOf(match[4]!);
      const whole = match[1] ?? match[2];
      if (whole && base && whole !== base && whole.replace(/\d+$/, '') === base) renames.set(whole, base);
      for (const specifier of (match[3] ?? '').split(',')) {
        const named = /^\s*([\w$]+) as ([\w$]+)\s*$/.exec(specifier);
        if (named && named[2]!.replace(/\d+$/, '') === named[1]) renames.set(named[2]!, named[1]!);
      }
    }
    for (const match of text.matchAll(/^var (import_[\w$]+) = (?:__toESM\()?require\("([^"]+)"\)/gm)) {
      const base = identifierOf(match[2]!);
      if (base) renames.set(match[1]!, base);
    }
  }

  // `import pg from 'pg'` of a CommonJS module reads `import_pg.default.Pool`: the default is
  // the module itself, so `.default` goes (padded, keeping columns) and the name is the build's.
  if (interop.size > 0) {
    const names = [...interop].map((name) => name.replace(/\$/g, '\\$')).join('|');
    for (const [s, e] of kept) {
      for (const match of source.slice(s, e).matchAll(new RegExp(`(?<![\\w$.])(?:${names})(\\.default)(?![\\w$])`, 'g'))) {
        const end = s + match.index! + match[0].length;
        edits.push({ start: end - match[1]!.length, end, replacement: '' });
      }
    }
  }

  for (const [alias, pkg] of requireAliases) appended.push(`var ${alias} = require(${JSON.stringify(pkg)});`);

  // Names the user's code takes from bundled ES module libraries.
  const used = new Set(userText.match(/(?<![\w$.])[A-Za-z_$][\w$]*/g) ?? []);
  for (const [name, { pkg, modulePath }] of libraryNames) {
    if (!used.has(name)) continue;
    // A default export is the module as `import x from` names it: `require()` itself, as for CommonJS.
    const exported = exportName(name, modulePath);
    appended.push(exported === 'default' ? `var ${name} = require(${JSON.stringify(pkg)});` : `var { ${exported}: ${name} } = require(${JSON.stringify(pkg)});`);
    const original = exportName(name, modulePath);
    if (original !== name && /^[A-Za-z_$][\w$]*$/.test(original) && original !== 'default') renames.set(name, original);
  }

  return { source: edits.length > 0 ? applyEdits(source, edits) : source, regions, wrappers, appended, renames, instanceDecorators };
}

function region(path: string, start: number, end: number): Region {
  return { path, start, end, library: LIBRARY.test(path), runtime: RUNTIME.test(path) };
}

/** The region a position is in. */
export function regionAt(regions: Region[], offset: number): Region | undefined {
  let low = 0;
  let high = regions.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const r = regions[mid]!;
    if (offset < r.start) high = mid - 1;
    else if (offset >= r.end) low = mid + 1;
    else return r;
  }
  return undefined;
}
