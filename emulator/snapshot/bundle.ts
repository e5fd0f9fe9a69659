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
import { snapshotBuiltins } from './builtins.js';

export interface BundleOptions {
  /** Plugins that run before the emulator's own (the CLI passes the lint plugin). */
  plugins?: Plugin[];
  /** Passed to esbuild (tests map `snapshot-restore` to the sources). */
  alias?: Record<string, string>;
  /** Where esbuild resolves from. Default: the current directory. */
  cwd?: string;
}

export interface BundledFunction {
  /** `(function (require, __srImportMeta, __filename, __dirname) { return async function () { ...; return exports; }; })` */
  factory: string;
  /** Lines of `factory` before the bundle's first line. */
  linesBefore: number;
  /** esbuild's source map of the bundle (sources relative to `sourceRoot`). */
  sourceMap: { sources: string[]; mappings: string };
  sourceRoot: string;
  /** The bundle's own text, for finding literals. */
  code: string;
  bytes: number;
  /** Export names of the module. */
  exports: string[];
  /** Warnings of the bundler and of its plugins (the lint's findings carry their code in `id`). */
  warnings: Message[];
  durationMs: number;
}

export class BundleError extends Error {
  override name = 'BundleError';
  constructor(
    message: string,
    readonly errors: Message[],
    /** esbuild's errors, formatted. */
    readonly details: string,
  ) {
    super(message);
  }
}

export async function bundleFunction(entry: string, options: BundleOptions = {}): Promise<BundledFunction> {
  const { build, formatMessages } = await import('esbuild');
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, entry);
  const outfile = resolve(dirname(file), '__snapshot-restore-emulate__.mjs');
  const started = performance.now();
  let result;
  try {
    result = await build({
      entryPoints: [file],
      absWorkingDir: cwd,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      outfile,
      sourcemap: 'external',
      legalComments: 'none',
      // Hooks are reported by name: keep the names the code gave them.
      keepNames: true,
      define: { 'import.meta': '__srImportMeta' },
      // A native addon cannot be bundled; loading it makes the snapshot fail, and the plain fallback loads it.
      external: ['*.node'],
      logLevel: 'silent',
      alias: options.alias,
      plugins: [...(options.plugins ?? []), snapshotBuiltins()],
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    const text = errors.length > 0 ? (await formatMessages(errors, { kind: 'error', color: false })).join('').trim() : String(error);
    throw new BundleError(`could not bundle ${entry} (${errors.length || 'an'} error${errors.length === 1 ? '' : 's'})`, errors, text);
  }
  const output = result.outputFiles.find((out) => out.path === outfile);
  const map = result.outputFiles.find((out) => out.path === `${outfile}.map`);
  if (!output || !map) throw new Error('esbuild produced no output');
  const code = output.text;
  const { body, exports } = splitExports(code);
  const header = [
    '(function (require, __srImportMeta, __filename, __dirname) {',
    'return async function snapshotRestoreModule() {',
    "'use strict';",
  ];
  const returned = `return { ${exports.map(({ local, exported }) => `${JSON.stringify(exported)}: ${local}`).join(', ')} };`;
  const factory = `${header.join('\n')}\n${body}\n${returned}\n};\n})`;
  return {
    factory,
    linesBefore: header.length,
    sourceMap: JSON.parse(map.text),
    sourceRoot: dirname(outfile),
    code,
    bytes: Buffer.byteLength(code),
    exports: exports.map((entry) => entry.exported),
    warnings: result.warnings,
    durationMs: performance.now() - started,
  };
}

/** Splits esbuild's closing `export { a as b, c };` off the bundle. */
function splitExports(code: string): { body: string; exports: Array<{ local: string; exported: string }> } {
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
