// The load-time side of hoisting, for a bundler's load hook: read an entry module, plan the
// hoisting, confirm that each lazily imported module really registers hooks (using the
// bundler's resolver), and produce the transformed source. Returns undefined when there is
// nothing to change, so the bundler loads the file itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModule, type ModuleAnalysis } from '../module/analyze.js';
import { applyHoist, hasHoisting, planHoist, type HoistPlan } from './plan.js';
import type { RuntimeModule } from '../options.js';

export interface HoistEntryOptions {
  handler: string;
  modules: RuntimeModule[];
  /** Strings whose presence makes a file worth parsing (mentionNeedles). */
  needles: string[];
  decorators: 'tc39' | 'legacy';
  /** The module's analysis (the whole-build check's cache, so the work is not repeated there). */
  analyze: (file: string, source: string) => ModuleAnalysis;
  /** The bundler's resolver: an absolute file, or undefined (external, missing, virtual). */
  resolve: (specifier: string, kind: 'dynamic-import' | 'require-call' | 'import-statement', importer: string) => Promise<string | undefined>;
}

export interface HoistedEntry {
  contents: string;
  plan: HoistPlan;
  /** Files read to decide, for watch mode. */
  watchFiles: string[];
}

/** At most this many modules are read to find whether a lazy import leads to registrations. */
const SEARCH_LIMIT = 50;
const LIBRARY_PATH = /[\\/]node_modules[\\/]/;

export async function hoistEntry(file: string, options: HoistEntryOptions): Promise<HoistedEntry | undefined> {
  const source = await fs.promises.readFile(file, 'utf8');
  // Cheap check first: nothing to move unless the entry registers hooks or loads something lazily.
  if (!options.needles.some((n) => source.includes(n)) && !source.includes('import(') && !source.includes('require(')) return undefined;
  // The analysis finds registrations and lazy imports in the handler; only then plan.
  const analysis = options.analyze(file, source);
  const inHandler = analysis.findings.some((f) => f.code === 'SR001') || analysis.importSites.some((s) => s.when === 'invoke' && s.kind !== 'import-statement');
  if (!inHandler) return undefined;
  const plan = planHoist(source, file, { handler: options.handler, defaultExportIsHandler: true, modules: options.modules, decorators: options.decorators });
  const watchFiles = [file];
  for (const item of plan.imports) {
    if (!item.hoisted) continue;
    const target = await options.resolve(item.specifier, item.kind, file);
    const registers = target !== undefined && (await leadsToRegistrations(target, options, watchFiles));
    if (!registers) {
      item.hoisted = false;
      item.reason = 'the plugin found no hook registrations in the module it loads, so it keeps it lazy';
    }
  }
  if (!hasHoisting(plan)) return undefined;
  const contents = applyHoist(source, plan, path.basename(file));
  return contents === undefined ? undefined : { contents, plan, watchFiles };
}

/** Whether the module, or a module it loads eagerly, registers hooks at init. */
async function leadsToRegistrations(start: string, options: HoistEntryOptions, watchFiles: string[]): Promise<boolean> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0 && seen.size < SEARCH_LIMIT) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let source: string;
    try {
      source = await fs.promises.readFile(file, 'utf8');
    } catch {
      continue;
    }
    watchFiles.push(file);
    const mentions = options.needles.some((n) => source.includes(n));
    // Libraries are only checked themselves; the user's own modules are followed.
    if (LIBRARY_PATH.test(file) && !mentions) continue;
    const analysis = analyzeModule(source, file, { handler: options.handler, modules: options.modules, decorators: options.decorators });
    if (mentions && analysis.registrations.some((r) => r.when === 'init')) return true;
    if (LIBRARY_PATH.test(file)) continue;
    for (const site of analysis.importSites) {
      if (!site.eager) continue;
      const next = await options.resolve(site.specifier, site.kind, file);
      if (next !== undefined) queue.push(next);
    }
  }
  return false;
}
