// Bundling the user's function (TypeScript source or an already built bundle) into one module
// factory that a CommonJS snapshot script can run.
//
// Why a factory: a snapshot entry is a CommonJS script, and a handler written for the stock
// runtime ends with a top-level `await snapStart()`, which esbuild cannot turn into CommonJS. So
// the function is bundled as ESM, with every built-in reached through `require` (see
// snapshot-builtins.ts), which leaves one `export { ... }` statement as the only ESM syntax at the
// end of the output. That statement becomes a `return`, `import.meta` becomes a parameter, and the
// rest becomes the body of an async function: a top-level `await` is then an ordinary `await`,
// and the module can stay suspended in it across the snapshot.
import { dirname, resolve } from 'node:path';
import type { Message, Plugin } from 'esbuild';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { snapshotBuiltins } from './builtins.js';
import { webGlobalNames, webGlobalsShape } from './web-globals.js';

export interface BundleOptions {
  /** Plugins that run before the emulator's own (the CLI passes the lint plugin). */
  plugins?: Plugin[];
  /** Passed to esbuild (tests map `snapshot-restore` to the sources). */
  alias?: Record<string, string>;
  /** Where esbuild resolves from. Default: the current directory. */
  cwd?: string;
  /** Declare Node's undici-backed globals in the factory, from its fifth argument (what the snapshot build needs). */
  webGlobals?: boolean;
}

export interface BundledFunction {
  /** `(function (require, __srImportMeta, __filename, __dirname, __srWebGlobals) { var { fetch, ... } = __srWebGlobals; return async function () { ...; return exports; }; })` */
  factory: string;
  /** Lines of `factory` before the bundle's first line. */
  linesBefore: number;
  /** esbuild's source map of the bundle (sources relative to `sourceRoot`). */
  sourceMap: { version: 3; sources: string[]; mappings: string; names: string[] };
  sourceRoot: string;
  /** The bundle's own text, for finding literals. */
  code: string;
  bytes: number;
  /** Export names of the module. */
  exports: string[];
  /** Module-scope bindings declared by the user's own modules (not node_modules): the values worth comparing. */
  userBindings: string[];
  /** Warnings of the bundler and of its plugins (the lint's findings carry their code in `id`). */
  warnings: Message[];
  durationMs: number;
}

export { BundleError } from '../../plugin/esbuild/bundle-entry.js';

export async function bundleFunction(entry: string, options: BundleOptions = {}): Promise<BundledFunction> {
  // Through the plugin, which loads esbuild only now (DESIGN.md: the emulator does not import it).
  const { bundleEntry } = await import('../../plugin/esbuild/bundle-entry.js');
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, entry);
  const outfile = resolve(dirname(file), '__snapshot-restore-emulate__.mjs');
  const started = performance.now();
  const result = await bundleEntry(
    {
      entryPoints: [file],
      absWorkingDir: cwd,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      sourcemap: 'external',
      legalComments: 'none',
      // Hooks are reported by name: keep the names the code gave them.
      keepNames: true,
      define: { 'import.meta': '__srImportMeta' },
      // A native addon cannot be bundled; loading it makes the snapshot fail, and the plain fallback loads it.
      external: ['*.node'],
      alias: options.alias,
      plugins: [...(options.plugins ?? []), snapshotBuiltins()],
    },
    entry,
  );
  const output = result.outputFiles.find((out) => out.path === outfile);
  const map = result.outputFiles.find((out) => out.path === `${outfile}.map`);
  if (!output || !map) throw new Error('esbuild produced no output');
  const code = output.text;
  const { body, exports } = splitExports(code);
  // Node's undici-backed globals (fetch, Response...) as the module sees them: stand-ins (web-globals.ts).
  const globals = options.webGlobals ? webGlobalNames(webGlobalsShape()) : [];
  const header = [
    '(function (require, __srImportMeta, __filename, __dirname, __srWebGlobals) {',
    globals.length > 0 ? `var { ${globals.join(', ')} } = __srWebGlobals || globalThis;` : '',
    'return async function snapshotRestoreModule() {',
    "'use strict';",
  ];
  const returned = `return { ${exports.map(({ local, exported }) => `${JSON.stringify(exported)}: ${local}`).join(', ')} };`;
  const factory = `${header.join('\n')}\n${body}\n${returned}\n};\n})`;
  const sourceMap = JSON.parse(map.text);
  return {
    factory,
    linesBefore: header.length,
    sourceMap,
    sourceRoot: dirname(outfile),
    code,
    bytes: Buffer.byteLength(code),
    exports: exports.map((entry) => entry.exported),
    userBindings: userBindings(code, sourceMap),
    warnings: result.warnings,
    durationMs: performance.now() - started,
  };
}

// A top-level declaration of esbuild's ESM output: every ESM module's bindings share the bundle's
// one scope, each statement at column 0 (CommonJS modules are wrapped in functions, indented).
const DECLARATION = /^(?:var|let|const|async function\*?|function\*?|class)\s+([A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*)\s*(;|=|\(|\{|extends\b)?/gm;

/**
 * Names of the module-scope bindings that the user's own modules declare: each top-level
 * declaration's line is traced through the source map to its module, and node_modules is left out.
 */
export function userBindings(code: string, sourceMap: object): string[] {
  const traced = new TraceMap(sourceMap as ConstructorParameters<typeof TraceMap>[0]);
  const names = new Set<string>();
  let line = 1;
  let lastIndex = 0;
  for (const match of code.matchAll(DECLARATION)) {
    for (let at = code.indexOf('\n', lastIndex); at !== -1 && at < match.index; at = code.indexOf('\n', at + 1)) line++;
    lastIndex = match.index;
    const source = originalPositionFor(traced, { line, column: 0 }).source;
    if (source === null || /(^|[\\/])node_modules[\\/]/.test(source)) continue;
    // `var a, b;` (esbuild hoists lists like this) declares each name; `var a = x, b` only the first reliably.
    const list = match[1].split(/\s*,\s*/);
    for (const name of match[2] === ';' || match[2] === undefined ? list : list.slice(0, 1)) names.add(name);
  }
  return [...names].sort();
}

/** Splits esbuild's closing `export { a as b, c };` off the bundle. */
function splitExports(code: string): { body: string; exports: Array<{ local: string; exported: string }> } {
  // A CommonJS entry (a bundle built for the bootstrap): esbuild ends with `export default require_x();`.
  const commonJs = /(^|[;\n}])\s*export\s+default\s+([A-Za-z_$][\w$]*\(\));?\s*$/.exec(code);
  if (commonJs) {
    const body = `${code.slice(0, commonJs.index + commonJs[1].length)}\nvar __srDefault = ${commonJs[2]};`;
    return { body, exports: [{ local: '__srDefault', exported: 'default' }] };
  }
  // At the very end, after a newline or, when minified, a `;` or `}`.
  const match = /(^|[;\n}])\s*export\s*\{([^}]*)\};?\s*$/.exec(code);
  if (!match) {
    if (/^\s*export\s/m.test(code)) throw new Error('unexpected export statement in the ESM bundle');
    return { body: code, exports: [] };
  }
  const exports = match[2]
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [local, exported = local] = part.split(/\s+as\s+/);
      return { local, exported: exported.replace(/^["']|["']$/g, '') };
    });
  return { body: code.slice(0, match.index + match[1].length), exports };
}
