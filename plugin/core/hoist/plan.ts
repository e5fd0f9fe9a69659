// Hoisting: which registrations written in the handler body can move to module top level, and
// which handler-local `await import()` / `require()` can become a top-level import, without
// changing what the code means beyond "it now runs once, at init, before the snapshot".
//
// A registration is moved only when it is an expression statement directly in the handler's
// body (not in a condition, loop, try, or nested function), no statement before it can leave
// the handler early, and everything it refers to exists at module scope when the new place
// runs: imports, function declarations, globals, and module-level variables declared before the
// new place. A lazy import is hoisted only when it too is a statement directly in the handler
// body; it stays where it was (it then resolves to the already loaded module) and an eager
// import of the same specifier is added at top level. Whether the imported module registers
// hooks needs the bundler's resolution, so the caller decides that (see `applyHoist`).
//
// planHoist is a pure function of (source, file, options), like the analysis.
import type * as t from '@babel/types';
import MagicString from 'magic-string';
import { traverse, type NodePath } from '../ast/babel.js';
import type { SourceLocation } from '../diagnostics.js';
import { locationOf } from '../ast/location.js';
import { findHandler } from '../module/handler.js';
import { dynamicImportSpecifier, findRuntimeUse, requireSpecifier } from '../module/imports.js';
import type { AnalyzeOptions } from '../options.js';
import { parseSource } from '../ast/parse.js';

export interface HoistedRegistration {
  /** Where the registration's callee is (matches HookRegistration.location). */
  location: SourceLocation;
  /** The statement as written. */
  text: string;
  hoisted: boolean;
  /** Why it is left where it is. */
  reason?: string;
  /** Source offsets of the statement. */
  start: number;
  end: number;
  /** Offset (end of a top-level statement) where it is moved to. */
  insertAt?: number;
}

export interface HoistedImport {
  specifier: string;
  /** How it is written in the handler. */
  kind: 'dynamic-import' | 'require-call';
  /** The `import()` / `require()` call (matches ImportSite.location). */
  location: SourceLocation;
  hoisted: boolean;
  reason?: string;
  /** Offset where the eager import is added. */
  insertAt?: number;
  /** The eager form added: for `import()` in an ES module an import statement (and the
   *  `import()` becomes `Promise.resolve(namespace)`, which also keeps a `"sideEffects": false`
   *  package from dropping the import); otherwise a top-level `require()`. */
  eagerKind?: 'import-statement' | 'require-call';
  /** Offsets of the `import()` call, replaced when eagerKind is import-statement. */
  callStart?: number;
  callEnd?: number;
}

export interface HoistPlan {
  file: string;
  /** Whether the module is an ES module (has import/export statements). */
  esm: boolean;
  registrations: HoistedRegistration[];
  imports: HoistedImport[];
  /** Line (1-based) of the top-level statement the hoisted code follows, for notes. */
  insertLine?: number;
}

export function emptyPlan(file: string): HoistPlan {
  return { file, esm: true, registrations: [], imports: [] };
}

export function hasHoisting(plan: HoistPlan): boolean {
  return plan.registrations.some((r) => r.hoisted) || plan.imports.some((i) => i.hoisted);
}

/** The statement of the program body that contains `p`. */
function topLevelStatement(p: NodePath): NodePath | undefined {
  let current: NodePath | null = p;
  while (current && !current.parentPath?.isProgram()) current = current.parentPath;
  return current ?? undefined;
}

/**
 * Why the code at `p` (inside a handler function) does not run exactly once per invoke, from
 * the start of the handler body: a condition, loop, try, nested function. Undefined when `p`
 * is a statement directly in the handler body.
 */
function nestingReason(statement: NodePath, handlerFunctions: Set<t.Node>): string | undefined {
  let current: NodePath = statement;
  let parent = current.parentPath;
  while (parent) {
    if (parent.isBlockStatement() && parent.parentPath && handlerFunctions.has(parent.parentPath.node)) {
      return current === statement ? undefined : 'it is not a statement of its own in the handler body';
    }
    if (handlerFunctions.has(parent.node)) return 'the handler has no statement body';
    if (parent.isIfStatement() || parent.isConditionalExpression() || parent.isLogicalExpression() || parent.isSwitchStatement()) {
      return 'it is inside a condition, so it does not run on every invoke';
    }
    if (parent.isLoop()) return 'it is inside a loop';
    if (parent.isTryStatement() || parent.isCatchClause()) return 'it is inside a `try`, whose error handling would be lost';
    if (parent.isFunction()) return 'it is inside a nested function, which may not run';
    current = parent;
    parent = parent.parentPath;
  }
  return 'it is not inside the handler';
}

/** Whether a statement can leave the function early (return or throw outside nested functions). */
function leavesEarly(statement: NodePath): boolean {
  let found = statement.isReturnStatement() || statement.isThrowStatement();
  statement.traverse({
    'ReturnStatement|ThrowStatement'() {
      found = true;
    },
    Function(p) {
      p.skip();
    },
  });
  return found;
}

/** Where the value a top-level binding holds becomes available: 0 for imports and function declarations. */
function readyAt(binding: NonNullable<ReturnType<NodePath['scope']['getBinding']>>): number {
  if (binding.kind === 'module' || binding.kind === 'hoisted') return 0;
  const statement = topLevelStatement(binding.path);
  return statement?.node.end ?? Number.MAX_SAFE_INTEGER;
}

/**
 * Why the statement cannot run at module scope at offset `insertAt`, or the offset it needs
 * (after the declarations of module-level variables it reads).
 */
function checkReferences(statement: NodePath, insertAt: number): { reason: string } | { insertAt: number } {
  let at = insertAt;
  let reason: string | undefined;
  const program = statement.scope.getProgramParent();
  statement.traverse({
    ReferencedIdentifier(p) {
      if (reason) return;
      const name = (p.node as t.Identifier).name;
      const binding = p.scope.getBinding(name);
      if (!binding) {
        if (name === 'arguments' && !(p.getFunctionParent()?.isDescendant(statement) && !p.getFunctionParent()?.isArrowFunctionExpression())) {
          reason = "it uses the handler's `arguments`";
        }
        return; // a global
      }
      if (binding.path.isDescendant(statement) || binding.path === statement) return; // declared inside it (a parameter of an inline function)
      if (binding.scope !== program) {
        reason = `it refers to \`${name}\`, a local of the handler, which does not exist at module scope`;
        return;
      }
      at = Math.max(at, readyAt(binding));
    },
    'ThisExpression|Super|MetaProperty'(p) {
      if (reason) return;
      let fn = p.getFunctionParent();
      while (fn?.isArrowFunctionExpression()) fn = fn.parentPath.getFunctionParent();
      if (!fn?.isDescendant(statement)) reason = `it uses \`${p.isThisExpression() ? 'this' : p.isSuper() ? 'super' : 'new.target'}\` of the handler`;
    },
    'AwaitExpression|YieldExpression'(p) {
      if (reason) return;
      const fn = p.getFunctionParent();
      if (!fn?.isDescendant(statement)) reason = 'it waits (`await`) inside the handler';
    },
  });
  return reason ? { reason } : { insertAt: at };
}

/** `await import('x')` or `require('x')` (maybe awaited), as the whole expression. */
function lazyImportIn(expression: NodePath | null | undefined): { call: NodePath<t.CallExpression>; specifier: string; kind: HoistedImport['kind'] } | undefined {
  if (!expression?.node) return undefined;
  let p = expression;
  if (p.isAwaitExpression()) p = p.get('argument') as NodePath;
  if (!p.isCallExpression()) return undefined;
  const required = requireSpecifier(p);
  if (required !== undefined) return { call: p, specifier: required, kind: 'require-call' };
  const imported = dynamicImportSpecifier(p);
  if (imported !== undefined) return { call: p, specifier: imported, kind: 'dynamic-import' };
  return undefined;
}

export function planHoist(source: string, file: string, options: AnalyzeOptions = {}): HoistPlan {
  const plan = emptyPlan(file);
  const parsed = parseSource(source, file);
  if (!parsed.ok) return plan;
  let program: NodePath<t.Program> | undefined;
  traverse(parsed.ast, {
    Program(p) {
      program = p;
      p.stop();
    },
  });
  if (!program) return plan;
  const lines = source.split(/\r\n|\r|\n/);
  const body = program.get('body');
  plan.esm = /\.m[jt]s$/.test(file) || body.some((s) => s.isImportDeclaration() || s.isExportNamedDeclaration() || s.isExportDefaultDeclaration() || s.isExportAllDeclaration());

  const handler = findHandler(program, options.handler ?? 'handler', options.defaultExportIsHandler ?? false);
  if (handler.functions.size === 0) return plan;
  const use = findRuntimeUse(program, file, options.modules ?? []);

  // The handler function enclosing `p` with no other function in between.
  const handlerOf = (p: NodePath): NodePath | undefined => {
    const fn = p.getFunctionParent();
    return fn && handler.functions.has(fn.node) ? fn : undefined;
  };
  // New code goes after the top-level statement that holds the handler, and must run before
  // `snapStart()` does.
  const snapStartAt = Math.min(...use.snapStartCalls.map((call) => (call.getFunctionParent() ? Number.MAX_SAFE_INTEGER : (topLevelStatement(call)?.node.start ?? 0))));
  const afterHandler = (fn: NodePath): number => topLevelStatement(fn)?.node.end ?? source.length;
  const earlyExitBefore = (statement: NodePath): boolean => {
    const container = statement.parentPath;
    if (!container?.isBlockStatement()) return false;
    const siblings = container.get('body');
    return siblings.slice(0, siblings.indexOf(statement as NodePath<t.Statement>)).some(leavesEarly);
  };

  for (const site of use.registrations) {
    if (site.kind !== 'call') continue;
    const call = site.path as NodePath<t.CallExpression>;
    const fn = handlerOf(call);
    if (!fn) continue;
    const statement = call.parentPath;
    const item: HoistedRegistration = {
      location: locationOf(call.node.callee, file, lines),
      text: source.slice(statement.node.start ?? 0, statement.node.end ?? 0),
      hoisted: false,
      start: statement.node.start ?? 0,
      end: statement.node.end ?? 0,
    };
    plan.registrations.push(item);
    if (!statement.isExpressionStatement()) {
      item.reason = 'its result is used, so it is not a statement of its own';
      continue;
    }
    const nested = nestingReason(statement, handler.functions);
    if (nested) {
      item.reason = nested;
      continue;
    }
    if (earlyExitBefore(statement)) {
      item.reason = 'a statement before it can leave the handler early, so it does not run on every invoke';
      continue;
    }
    const checked = checkReferences(statement, afterHandler(fn));
    if ('reason' in checked) {
      item.reason = checked.reason;
      continue;
    }
    if (checked.insertAt > snapStartAt) {
      item.reason = 'it would have to run after the module calls `snapStart()`';
      continue;
    }
    item.hoisted = true;
    item.insertAt = checked.insertAt;
  }

  program.traverse({
    CallExpression(p) {
      const lazy = lazyImportIn(p);
      if (!lazy || lazy.call !== p) return;
      const fn = handlerOf(p);
      if (!fn) return;
      const item: HoistedImport = { specifier: lazy.specifier, kind: lazy.kind, location: locationOf(p.node, file, lines), hoisted: false };
      plan.imports.push(item);
      // The statement whose whole expression (or whose single declarator's value) is the import.
      const holder = p.parentPath.isAwaitExpression() ? p.parentPath : p;
      const parent = holder.parentPath;
      const statement = parent?.isExpressionStatement()
        ? parent
        : parent?.isVariableDeclarator() && parent.parentPath.isVariableDeclaration() && parent.parentPath.node.declarations.length === 1
          ? parent.parentPath
          : undefined;
      if (!statement) {
        item.reason = 'it is part of a larger expression';
        return;
      }
      const nested = nestingReason(statement, handler.functions);
      if (nested) {
        item.reason = nested;
        return;
      }
      if (earlyExitBefore(statement)) {
        item.reason = 'a statement before it can leave the handler early, so it is not loaded on every invoke';
        return;
      }
      if (plan.esm && item.kind === 'dynamic-import') {
        // After the last import statement: ES imports all evaluate before the module body.
        const imports = body.filter((s) => s.isImportDeclaration());
        const hashbang = source.startsWith('#!') ? source.indexOf('\n') + 1 : 0;
        item.insertAt = imports.length > 0 ? (imports[imports.length - 1]!.node.end ?? hashbang) : hashbang;
        item.eagerKind = 'import-statement';
        item.callStart = p.node.start ?? 0;
        item.callEnd = p.node.end ?? 0;
      } else {
        item.insertAt = afterHandler(fn);
        if (item.insertAt > snapStartAt) {
          item.reason = 'it would have to run after the module calls `snapStart()`';
          return;
        }
        item.eagerKind = 'require-call';
      }
      item.hoisted = true;
    },
  });

  const first = [...plan.registrations, ...plan.imports].find((i) => i.hoisted && i.insertAt !== undefined);
  if (first?.insertAt !== undefined) plan.insertLine = lineAt(source, Math.max(0, first.insertAt - 1));
  return plan;
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** The line (1-based) the hoisted code is placed after. */
export function insertLineOf(source: string, insertAt: number): number {
  return lineAt(source, Math.max(0, insertAt - 1));
}

/**
 * The transformed source with an inline source map, or undefined when nothing is hoisted.
 * Moved statements keep their original mapping (magic-string `move`).
 */
export function applyHoist(source: string, plan: HoistPlan, sourceName: string): string | undefined {
  if (!hasHoisting(plan)) return undefined;
  const s = new MagicString(source);
  // Added imports come before moved registrations at the same place (hoistedAnalysis relies on it).
  plan.imports.forEach((item, index) => {
    if (!item.hoisted || item.insertAt === undefined) return;
    const quoted = JSON.stringify(item.specifier);
    if (item.eagerKind === 'import-statement') {
      const name = `__snapshotRestoreHoisted${index}`;
      s.appendLeft(item.insertAt, `\nimport * as ${name} from ${quoted};\n`);
      s.overwrite(item.callStart!, item.callEnd!, `Promise.resolve(${name})`);
    } else {
      s.appendLeft(item.insertAt, `\nrequire(${quoted});\n`);
    }
  });
  for (const item of plan.registrations) {
    if (!item.hoisted || item.insertAt === undefined) continue;
    // Travels with the moved statement: a line of its own, and a semicolon in case it had none.
    s.prependRight(item.start, '\n');
    if (!item.text.trimEnd().endsWith(';')) s.appendLeft(item.end, ';');
    s.move(item.start, item.end, item.insertAt);
  }
  const map = s.generateMap({ hires: true, source: sourceName, includeContent: true });
  return `${s.toString()}\n//# sourceMappingURL=${map.toUrl()}\n`;
}
