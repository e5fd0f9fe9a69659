// In the parent, on the bundle: accessors for the module-scope variables of the user's own
// modules, so that the audited process can say at the snapshot point what each one holds (a
// client, an ID, a key) and whether it carries randomness init drew (taint.ts). An ES module's
// variables share the bundle's top-level scope; a CommonJS module's live in the function esbuild
// wraps it in. Each accessor is appended to the end of an existing line (the factory's
// 'use strict' line, a wrapper's first line), so no position the source map knows moves.
import { resolve, sep } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { BundledFunction } from '../snapshot/bundle.js';
import { BINDINGS_KEY, MODULES_RAN_KEY, UNSET_KEY } from './protocol.js';

/** A variable an accessor reads: its name in the bundle, and where the user's source declares it. */
export interface BindingSite {
  id: number;
  /** As in the bundle (esbuild renames on collisions: `client2`). */
  name: string;
  /** Absolute. */
  file: string;
  line: number;
}

/**
 * A module of the user's that runs only when something loads it (a dynamic `import()`, a
 * `require`): its top level is a function esbuild wraps it in, and the marker appended to the
 * wrapper's first line says at the snapshot point whether it ran. Other modules run with the bundle.
 */
export interface WrappedModule {
  index: number;
  /** Absolute. */
  file: string;
}

const TOP_LEVEL = /^(?:var|let|const)\s+([A-Za-z_$][\w$]*)(?=\s*[=;,])/gm;
const CJS_WRAPPER = /^ {2}"([^"\n]+)"\((?:exports(?:, module)?)?\) \{$/;
/** An ES module esbuild loads lazily: `var init_x = __esm({` then `  "src/x.ts"() {`. */
const ESM_WRAPPER = /^ {2}"([^"\n]+)"\(\) \{$/;
const CJS_DECLARATION = /^ {4}(?:var|let|const)\s+([A-Za-z_$][\w$]*)(?=\s*[=;,])/;
/** esbuild's own helpers, import namespaces and a lazily loaded module's export object: not values the user keeps. */
const GENERATED = /^(?:import_|require_|init_|__)|_exports$/;
/** The rest of a declaration list esbuild hoists for a lazily loaded module (`var import_x, driver;`). */
const LIST_REST = /^(?:\s*,\s*[A-Za-z_$][\w$]*)+\s*;/;

export function withBindingAccessors(bundled: BundledFunction): { factory: string; sites: BindingSite[]; modules: WrappedModule[] } {
  const traced = new TraceMap(bundled.sourceMap as ConstructorParameters<typeof TraceMap>[0]);
  const sites: BindingSite[] = [];
  const userSource = (line: number, column: number): { file: string; line: number } | undefined => {
    const position = originalPositionFor(traced, { line, column });
    if (position.source === null || /(^|[\\/])node_modules[\\/]/.test(position.source)) return undefined;
    return { file: resolve(bundled.sourceRoot, position.source), line: position.line };
  };
  const lines = bundled.code.split('\n');
  const top: BindingSite[] = [];
  const appended = new Map<number, string>();
  // ES modules: declarations at column 0 of the bundle.
  let lineNumber = 1;
  let lastIndex = 0;
  for (const match of bundled.code.matchAll(TOP_LEVEL)) {
    for (let at = bundled.code.indexOf('\n', lastIndex); at !== -1 && at < match.index; at = bundled.code.indexOf('\n', at + 1)) lineNumber++;
    lastIndex = match.index;
    const source = userSource(lineNumber, 0);
    if (!source) continue;
    const rest = LIST_REST.exec(bundled.code.slice(match.index + match[0].length, match.index + match[0].length + 2_000))?.[0] ?? '';
    const names = [match[1]!, ...(rest.match(/[A-Za-z_$][\w$]*/g) ?? [])];
    for (const name of names) if (!GENERATED.test(name)) top.push({ id: sites.length + top.length, name, ...source });
  }
  sites.push(...top);
  // CommonJS modules of the user's: the declarations at the wrapper function's own level.
  for (let index = 0; index < lines.length; index++) {
    const wrapper = CJS_WRAPPER.exec(lines[index]!);
    if (!wrapper || /(^|[\\/])node_modules[\\/]/.test(wrapper[1]!)) continue;
    const own: BindingSite[] = [];
    for (let inner = index + 1; inner < lines.length && !/^ {2}\}/.test(lines[inner]!); inner++) {
      const declared = CJS_DECLARATION.exec(lines[inner]!);
      if (!declared || GENERATED.test(declared[1]!)) continue;
      const source = userSource(inner + 1, 4);
      if (source) own.push({ id: sites.length + own.length, name: declared[1]!, ...source });
    }
    if (own.length === 0) continue;
    sites.push(...own);
    appended.set(index, accessor(own));
  }
  // Wrapped modules of the user's (CommonJS and lazily loaded ES modules), known by their wrapper's key.
  const sources = ((bundled.sourceMap as { sources?: string[] }).sources ?? []).map((source) => resolve(bundled.sourceRoot, source));
  const modules: WrappedModule[] = [];
  for (let index = 0; index < lines.length; index++) {
    const key = (ESM_WRAPPER.exec(lines[index]!) ?? CJS_WRAPPER.exec(lines[index]!))?.[1];
    if (key === undefined || /(^|[\\/])node_modules[\\/]/.test(key)) continue;
    // The key is the path from esbuild's working directory: the source it names.
    const tail = key
      .replace(/^(?:\.\.\/)+/, '')
      .split('/')
      .join(sep);
    const file = sources.find((source) => source === tail || source.endsWith(`${sep}${tail}`));
    if (!file || /(^|[\\/])node_modules[\\/]/.test(file)) continue;
    const marker = `globalThis[Symbol.for(${JSON.stringify(MODULES_RAN_KEY)})]?.push(${modules.length});`;
    appended.set(index, appended.has(index) ? `${appended.get(index)} ${marker}` : marker);
    modules.push({ index: modules.length, file });
  }
  const factoryLines = bundled.factory.split('\n');
  // The header's last line is `'use strict';`, just before the bundle's first line.
  if (top.length > 0) factoryLines[bundled.linesBefore - 1] += ` ${accessor(top)}`;
  for (const [index, text] of appended) factoryLines[bundled.linesBefore + index] += ` ${text}`;
  return { factory: factoryLines.join('\n'), sites, modules };
}

/** Registers a reader of these variables; one still in its temporal dead zone reads as unset. */
function accessor(sites: BindingSite[]): string {
  const reads = sites.map((site) => `(() => { try { return ${site.name}; } catch { return __srUnset; } })()`).join(', ');
  return `{ const __srUnset = Symbol.for(${JSON.stringify(UNSET_KEY)}); globalThis[Symbol.for(${JSON.stringify(BINDINGS_KEY)})]?.push({ ids: [${sites.map((s) => s.id).join(', ')}], read: () => [${reads}] }); }`;
}
