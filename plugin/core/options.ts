// Options of the plugin and of the analysis, and how the first become the second. The one
// place their defaults live and they are validated (resolveOptions): the esbuild plugin, the
// CLI and emulate all pass what the user wrote through it, so a typo is an error naming it
// everywhere, and `failOn` means the same everywhere.
import * as path from 'node:path';
import type { Severity, SeverityOptions } from './diagnostics.js';
import { RULES, isDiagnosticCode, type DiagnosticCode } from './rules/index.js';

/** A module of the user's own that re-exports or wraps the two register functions. */
export interface WrapperModule {
  /** A package name (`@acme/lambda-hooks`) or a path relative to the working directory (`./src/hooks.ts`). */
  module: string;
  /** Export names that register before-snapshot hooks (default `registerBeforeSnapshot`). */
  beforeSnapshot?: string[];
  /** Export names that register after-restore hooks (default `registerAfterRestore`). */
  afterRestore?: string[];
}

export interface SnapshotRestoreOptions extends SeverityOptions {
  /** Name of the handler export (default `handler`). */
  handler?: string;
  /** Wrapper modules treated like `snapshot-restore` itself. */
  modules?: Array<string | WrapperModule>;
  /** Glob(s), relative to the working directory, of source files that must be in the bundle (SR004). */
  include?: string | string[];
  /** Write `snapshot-restore.manifest.json` (default true), or a different file name. */
  manifest?: boolean | string;
  /** Move provably safe registrations (and lazy imports of hook modules) out of the handler
   *  into module top level (default true). */
  hoist?: boolean;
  /** Lint the user's own modules for values made before the snapshot that every restored
   *  environment shares (SR101-SR108; default true). */
  uniqueness?: boolean;
  /** How the function is deployed: `zip` (a zip function on nodejs2x.x, which cannot turn SnapStart
   *  on: SR007 says no hook will run), `image` (a container image), or `auto` (default: read
   *  template.yaml, serverless.yml or sst.config.ts in the working directory). */
  deploy?: 'auto' | 'zip' | 'image';
}

/** A module whose exports register hooks, as the analysis sees it. */
export interface RuntimeModule {
  /** Matched against import specifiers as written (`snapshot-restore`, `@acme/hooks`). */
  specifier?: string;
  /** Absolute path without extension, matched against relative imports once resolved. */
  path?: string;
  beforeSnapshot: string[];
  afterRestore: string[];
}

export interface AnalyzeOptions {
  /** Name of the handler export (default `handler`). */
  handler?: string;
  /** Whether `export default` / `module.exports = fn` is the handler too (true for entry points). */
  defaultExportIsHandler?: boolean;
  /** Wrapper modules; `snapshot-restore` is always included. */
  modules?: RuntimeModule[];
  /** Decorator semantics the bundler will apply (`legacy` when tsconfig has experimentalDecorators). */
  decorators?: 'tc39' | 'legacy';
}

export const RUNTIME_SPECIFIER = 'snapshot-restore';
export const LAMBDA_SPECIFIER = 'snapshot-restore/lambda';
export const BOOTSTRAP_SPECIFIER = 'snapshot-restore/bootstrap';
export const HTTP_SPECIFIER = 'snapshot-restore/http';

export const RUNTIME_MODULE: RuntimeModule = {
  specifier: RUNTIME_SPECIFIER,
  beforeSnapshot: ['registerBeforeSnapshot'],
  afterRestore: ['registerAfterRestore'],
};

const SOURCE_EXTENSION = /\.[cm]?[jt]sx?$/;

export function stripExtension(file: string): string {
  return file.replace(SOURCE_EXTENSION, '');
}

/** Whether an import specifier names the package `name` or one of its subpaths. */
export function isPackageSpecifier(specifier: string, name: string): boolean {
  return specifier === name || specifier.startsWith(`${name}/`);
}

/** The files, without extension, a path-configured module may be: itself, or its folder's index. */
export function pathModuleFiles(module: RuntimeModule): string[] {
  return module.path === undefined ? [] : [module.path, `${module.path}/index`];
}

/** Turns the `modules` option into what the analysis matches imports against. */
export function toRuntimeModules(modules: SnapshotRestoreOptions['modules'], workingDir: string): RuntimeModule[] {
  return (modules ?? []).map((entry) => {
    const spec = typeof entry === 'string' ? { module: entry } : entry;
    const names = {
      beforeSnapshot: spec.beforeSnapshot ?? RUNTIME_MODULE.beforeSnapshot,
      afterRestore: spec.afterRestore ?? RUNTIME_MODULE.afterRestore,
    };
    const isPath = spec.module.startsWith('.') || path.isAbsolute(spec.module);
    return isPath ? { path: stripExtension(path.resolve(workingDir, spec.module)), ...names } : { specifier: spec.module, ...names };
  });
}

/** A package name as it appears in an import or require: quoted, maybe followed by a subpath. */
function quotedForms(specifier: string): string[] {
  return ["'", '"', '`'].flatMap((quote) => [`${quote}${specifier}${quote}`, `${quote}${specifier}/`]);
}

/**
 * The strings whose presence makes a file worth parsing: the runtime's name as an import
 * specifier (quoted, so log messages and symbol keys that merely mention it do not count) and,
 * for each wrapper module, its specifier or file base name (an import of it must contain that).
 */
export function mentionNeedles(modules: RuntimeModule[]): string[] {
  const needles = new Set<string>(quotedForms(RUNTIME_SPECIFIER));
  for (const m of modules) {
    if (m.specifier) for (const form of quotedForms(m.specifier)) needles.add(form);
    if (m.path) needles.add(path.basename(m.path) === 'index' ? path.basename(path.dirname(m.path)) : path.basename(m.path));
  }
  return [...needles];
}

/** A bad option: the message names the option and the value. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

/** Every option with its default: what the analysis and the adapters read. */
export interface ResolvedOptions {
  handler: string;
  modules: Array<string | WrapperModule>;
  include: string[];
  manifest: boolean | string;
  hoist: boolean;
  uniqueness: boolean;
  deploy: 'auto' | 'zip' | 'image';
  /** The configured severity of every code: the rule's default unless overridden. */
  severity: Record<DiagnosticCode, Severity>;
  failOn: 'error' | 'warning';
}

const SEVERITIES = ['error', 'warning', 'off'] as const;
const FAIL_ON = ['error', 'warning'] as const;
const KEYS = ['handler', 'modules', 'include', 'manifest', 'hoist', 'uniqueness', 'severity', 'failOn', 'deploy'] as const;
const DEPLOY = ['auto', 'zip', 'image'] as const;
const WRAPPER_KEYS = ['module', 'beforeSnapshot', 'afterRestore'];
const EXPORT_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

const show = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value ? (Array.isArray(value) ? 'an array' : 'an object') : String(value);

/** "did you mean" for a near miss: the same letters in another case, or one edit away. */
function nearest(word: string, known: readonly string[]): string {
  const lower = word.toLowerCase();
  const close = known.find((k) => k.toLowerCase() === lower) ?? known.find((k) => editDistance(k.toLowerCase(), lower) <= 1);
  return close ? ` (did you mean ${JSON.stringify(close)}?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function codeRanges(): string {
  const ids = RULES.map((r) => r.id);
  const groups: string[][] = [];
  for (const id of ids) {
    const last = groups.at(-1);
    if (last && Number(id.slice(2)) === Number(last.at(-1)!.slice(2)) + 1) last.push(id);
    else groups.push([id]);
  }
  return groups.map((g) => (g.length > 1 ? `${g[0]}-${g.at(-1)}` : g[0])).join(', ');
}

/** Checks a rule code as the user wrote it (`SR001`); the error names it and the known codes. */
export function checkCode(code: string, where: string): DiagnosticCode {
  if (isDiagnosticCode(code)) return code;
  throw new OptionsError(`unknown rule code ${JSON.stringify(code)} in ${where} (known: ${codeRanges()})`);
}

/** Checks a severity as the user wrote it. */
export function checkSeverity(level: unknown, where: string): Severity {
  if (typeof level === 'string' && (SEVERITIES as readonly string[]).includes(level)) return level as Severity;
  throw new OptionsError(`${where} must be one of ${SEVERITIES.join(', ')} (got ${show(level)})`);
}

function stringList(value: unknown, name: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v === '')) {
    throw new OptionsError(`option ${name} must be a string or an array of strings (got ${show(value)})`);
  }
  return list as string[];
}

function boolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new OptionsError(`option ${name} must be true or false (got ${show(value)})`);
  return value;
}

function wrapper(entry: unknown, index: number): string | WrapperModule {
  const at = `modules[${index}]`;
  if (typeof entry === 'string' && entry !== '') return entry;
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new OptionsError(`option ${at} must be a module name or { module, beforeSnapshot?, afterRestore? } (got ${show(entry)})`);
  }
  const spec = entry as Record<string, unknown>;
  for (const key of Object.keys(spec)) {
    if (!WRAPPER_KEYS.includes(key)) throw new OptionsError(`unknown option ${at}.${key}${nearest(key, WRAPPER_KEYS)} (known: ${WRAPPER_KEYS.join(', ')})`);
  }
  if (typeof spec.module !== 'string' || spec.module === '') throw new OptionsError(`option ${at}.module must be a module name or path (got ${show(spec.module)})`);
  return {
    module: spec.module,
    ...(spec.beforeSnapshot !== undefined ? { beforeSnapshot: stringList(spec.beforeSnapshot, `${at}.beforeSnapshot`) } : {}),
    ...(spec.afterRestore !== undefined ? { afterRestore: stringList(spec.afterRestore, `${at}.afterRestore`) } : {}),
  };
}

/**
 * The options as the user wrote them (plugin argument, CLI flags turned into the same object),
 * checked and completed with the defaults. Throws an OptionsError naming the first bad option:
 * an unknown key, an unknown rule code (`SR01`, `SR999`), a bad severity or failOn, a value of
 * the wrong type. Resolving resolved options again gives the same options.
 */
export function resolveOptions(options: unknown = {}, ownKeys: readonly string[] = []): ResolvedOptions {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new OptionsError(`options must be an object (got ${show(options)})`);
  const given = options as Record<string, unknown>;
  const known = [...KEYS, ...ownKeys];
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      throw new OptionsError(`unknown option ${JSON.stringify(key)}${nearest(key, known)} (known: ${known.join(', ')})`);
    }
  }
  const handler = given.handler ?? 'handler';
  if (typeof handler !== 'string' || !EXPORT_NAME.test(handler)) throw new OptionsError(`option handler must be an export name (got ${show(handler)})`);
  if (given.modules !== undefined && !Array.isArray(given.modules)) throw new OptionsError(`option modules must be an array (got ${show(given.modules)})`);
  const manifest = given.manifest ?? true;
  if (typeof manifest !== 'boolean' && (typeof manifest !== 'string' || manifest === '')) {
    throw new OptionsError(`option manifest must be true, false or a file name (got ${show(manifest)})`);
  }
  const severity = Object.fromEntries(RULES.map((rule) => [rule.id, rule.defaultSeverity])) as Record<DiagnosticCode, Severity>;
  if (given.severity !== undefined) {
    if (!given.severity || typeof given.severity !== 'object' || Array.isArray(given.severity)) {
      throw new OptionsError(`option severity must be an object of code: level, e.g. { SR007: 'off' } (got ${show(given.severity)})`);
    }
    for (const [code, level] of Object.entries(given.severity)) {
      severity[checkCode(code, 'option severity')] = checkSeverity(level, `severity.${code}`);
    }
  }
  const failOn = given.failOn ?? 'error';
  if (typeof failOn !== 'string' || !(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new OptionsError(`option failOn must be one of ${FAIL_ON.join(', ')} (got ${show(failOn)})`);
  }
  const deploy = given.deploy ?? 'auto';
  if (typeof deploy !== 'string' || !(DEPLOY as readonly string[]).includes(deploy)) {
    throw new OptionsError(`option deploy must be one of ${DEPLOY.join(', ')} (got ${show(deploy)})`);
  }
  return {
    handler,
    modules: ((given.modules as unknown[] | undefined) ?? []).map(wrapper),
    include: given.include === undefined ? [] : stringList(given.include, 'include'),
    manifest,
    hoist: boolean(given.hoist, 'hoist', true),
    uniqueness: boolean(given.uniqueness, 'uniqueness', true),
    deploy: deploy as ResolvedOptions['deploy'],
    severity,
    failOn: failOn as ResolvedOptions['failOn'],
  };
}

/**
 * The one check of a plugin's options, for the esbuild plugin and the webpack, Rspack, Rollup and
 * Vite adapters alike, run when the plugin is created. `own`: options only that plugin has (the
 * adapters' `root`), each with its check returning what is wrong or undefined; an unknown option's
 * message lists them with the others. The error is one line: the plugin's name and the option, and
 * no stack trace (its frames would point into the plugin, not at what the user wrote).
 */
export function resolvePluginOptions(options: unknown, own: Record<string, (value: unknown) => string | undefined> = {}): ResolvedOptions {
  try {
    const ownKeys = Object.keys(own);
    const resolved = resolveOptions(options, ownKeys);
    // resolveOptions has checked that options is an object (or nothing) and every key is known.
    const given = (options ?? {}) as Record<string, unknown>;
    for (const key of ownKeys) {
      const problem = given[key] === undefined ? undefined : own[key]!(given[key]);
      if (problem) throw new OptionsError(`option ${key} must be ${problem} (got ${show(given[key])})`);
    }
    return resolved;
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    const named = new OptionsError(`${PLUGIN_NAME}: ${error.message}`);
    named.stack = `${named.name}: ${named.message}`;
    throw named;
  }
}

/** The plugins' name, in bundlers' messages and before a bad option. */
export const PLUGIN_NAME = 'snapshot-restore';

/** Whether a finding reported with this severity fails the build or the check: the one meaning
 *  of failOn, for the plugin and the CLI. */
export function failsAt(severity: 'error' | 'warning', failOn: ResolvedOptions['failOn']): boolean {
  return severity === 'error' || failOn === 'warning';
}
