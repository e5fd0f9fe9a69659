// One file's findings for the ESLint rules: the same per-module analysis the build runs
// (analyzeModule for the hook rules, lintUniqueness for SR1xx), run once per file and shared by
// every rule of the plugin. ESLint gives every rule of one lint of one file the same SourceCode
// object, so a WeakMap keyed by it is the cache (nothing outlives the lint).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from 'eslint';
import { SR005 } from '../core/rules/index.js';
import { analyzeModule, mentionsAny } from '../core/module/analyze.js';
import { lintUniqueness } from '../core/module/uniqueness.js';
import { importedWrappers } from '../core/module/wrappers.js';
import { UNIQUENESS_PREFILTER } from '../core/rules/uniqueness-match.js';
import { decoratorModeFromTsconfig } from '../core/build/tsconfig.js';
import { planHoist, type HoistPlan } from '../core/hoist/plan.js';
import type { Finding } from '../core/diagnostics.js';
import { mentionNeedles, toRuntimeModules, type AnalyzeOptions, type WrapperModule } from '../core/options.js';

/** `settings['snapshot-restore']` in the ESLint config: the analysis options the build takes too. */
export interface SnapshotRestoreSettings {
  /** The handler export's name (default `handler`). */
  handler?: string;
  /** Wrapper modules, as the plugin's `modules` option (paths relative to ESLint's cwd). */
  modules?: Array<string | WrapperModule>;
  /** Decorator semantics; default: from the tsconfig.json nearest the file, as the build reads it. */
  decorators?: 'tc39' | 'legacy';
  /** Whether a default export (`export default`, `module.exports =`) is the handler, as it is in a
   *  bundle's entry point. Default false: set it for your handler files. */
  defaultExportIsHandler?: boolean;
}

export const SETTINGS_KEY = 'snapshot-restore';

export interface FileFindings {
  findings: Finding[];
  /** The hoisting plan of the file, made on first use (only SR001 fixes need it). */
  plan(): HoistPlan;
}

const perFile = new WeakMap<object, FileFindings>();
const decoratorsByDir = new Map<string, 'tc39' | 'legacy'>();

/** The decorator mode of the nearest tsconfig.json above the file (`experimentalDecorators`). */
function decoratorsFor(file: string): 'tc39' | 'legacy' {
  const start = path.dirname(file);
  const known = decoratorsByDir.get(start);
  if (known) return known;
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'tsconfig.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const mode = fs.existsSync(path.join(dir, 'tsconfig.json')) ? decoratorModeFromTsconfig(dir) : 'tc39';
  decoratorsByDir.set(start, mode);
  return mode;
}

function analyzeOptions(context: Rule.RuleContext): AnalyzeOptions & { needles: string[] } {
  const settings = (context.settings?.[SETTINGS_KEY] ?? {}) as SnapshotRestoreSettings;
  const modules = toRuntimeModules(settings.modules, context.cwd);
  const decorators = settings.decorators ?? decoratorsFor(context.filename);
  return {
    handler: settings.handler ?? 'handler',
    defaultExportIsHandler: settings.defaultExportIsHandler ?? false,
    modules,
    decorators,
    needles: mentionNeedles(modules),
  };
}

/** The file's findings, computed by the first rule that asks and reused by the others. */
export function findingsOf(context: Rule.RuleContext): FileFindings {
  const sourceCode = context.sourceCode;
  const known = perFile.get(sourceCode);
  if (known) return known;
  const source = sourceCode.text;
  const file = context.filename;
  const { needles: configured, ...options } = analyzeOptions(context);
  // The user's own modules that re-export the register functions, found as the build finds them.
  const found = /\bfrom\s*['"]\.|\b(?:require|import)\s*\(\s*['"]\./.test(source) ? importedWrappers(source, file, options.modules ?? []) : [];
  if (found.length > 0) options.modules = [...(options.modules ?? []), ...found];
  const needles = found.length > 0 ? mentionNeedles(options.modules ?? []) : configured;
  const findings: Finding[] = [];
  // The same cheap checks as the build: no parse unless the file can have a finding.
  if (mentionsAny(source, needles)) {
    const analysis = analyzeModule(source, file, options);
    findings.push(...analysis.findings);
    if (!analysis.parsed) {
      findings.push({
        code: 'SR005',
        message: SR005.message('unparsed', { file: path.relative(context.cwd, file).split(path.sep).join('/'), error: analysis.parseError ?? 'parse error' }),
        location: { file, line: 1, column: 0, length: 0, lineText: '' },
        notes: [],
      });
    }
  }
  if (UNIQUENESS_PREFILTER.test(source)) findings.push(...lintUniqueness(source, file, options));
  let plan: HoistPlan | undefined;
  const result: FileFindings = { findings, plan: () => (plan ??= planHoist(source, file, options)) };
  perFile.set(sourceCode, result);
  return result;
}
