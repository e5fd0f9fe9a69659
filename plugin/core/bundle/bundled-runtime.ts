// Lets the module analysis read a bundle that has the runtime inlined. The analysis recognises
// registrations by their import from 'snapshot-restore'; in a bundle there is no import, just
// the runtime's code, scope-hoisted by esbuild:
//
//   var registerBeforeSnapshot = makeRegister("beforeSnapshot", "registerBeforeSnapshot");
//   function snapStart(options = {}) { ... }
//   ...
//   registerBeforeSnapshot(closePool);
//
// or, when something loads a module lazily, wrapped in esbuild's lazy init:
//
//   var registerBeforeSnapshot;
//   var init_index = __esm({ "node_modules/snapshot-restore/dist/esm/index.js"() {
//     registerBeforeSnapshot = makeRegister("beforeSnapshot", "registerBeforeSnapshot"); ... } });
//
// The string arguments survive minification, the `snapStart` name does not. This file finds
// those definitions and rewrites the source, keeping every line and column in place, so that
// the names come from the runtime module again: each definition is blanked out (spaces, newlines
// kept) and `var { ... } = require("snapshot-restore")` lines are appended at the end (a require,
// not an import, so that a CommonJS bundle still parses as the script it is).
//
// It also makes esbuild's CommonJS export shape visible as an ES export, so the handler is found:
//   __export(handler_exports, { handler: () => handler });  module.exports = __toCommonJS(handler_exports);
import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import { walk } from '../ast/walk.js';
import { applyEdits } from './esbuild-output.js';

export interface ExposedBundle {
  /** The rewritten source: same lines and columns as the bundle, plus lines at the end. */
  source: string;
  /** The require edges of the appended lines, for the synthesised metafile. */
  imports: string[];
  /** Local names found: register functions and snapStart. */
  registerFunctions: string[];
  snapStart: string[];
  /** The export names found in esbuild's CommonJS export shape. */
  commonJsExports: string[];
}

export type ParseOutcome = { ok: true; exposed: ExposedBundle } | { ok: false; error: string; line: number; column: number };

const REGISTER_PHASES: Record<string, string> = {
  registerBeforeSnapshot: 'beforeSnapshot',
  registerAfterRestore: 'afterRestore',
};

function stringArgs(call: t.CallExpression): string[] {
  return call.arguments.map((arg) => (arg.type === 'StringLiteral' ? arg.value : ''));
}

/** `makeRegister("beforeSnapshot", "registerBeforeSnapshot")`, under any name. */
function registerName(init: t.Expression | null | undefined): string | undefined {
  if (init?.type !== 'CallExpression' || init.arguments.length !== 2) return undefined;
  const [phase, publicName] = stringArgs(init);
  return publicName && REGISTER_PHASES[publicName] === phase ? publicName : undefined;
}

interface Edit {
  start: number;
  end: number;
  /** Shorter than end - start: padded with spaces. */
  replacement: string;
}

/**
 * Edits that remove the named declarators from a top-level `var a, b, c;`, keeping the rest
 * valid and in place: a removed declarator takes a neighbouring comma with it, and a
 * statement left with none is blanked whole.
 */
function removeDeclarators(statement: t.VariableDeclaration, names: Set<string>): Edit[] {
  const declarators = statement.declarations;
  const removed = declarators.map((d) => d.id.type === 'Identifier' && names.has(d.id.name));
  if (!removed.includes(true)) return [];
  if (!removed.includes(false)) return [{ start: statement.start!, end: statement.end!, replacement: '' }];
  const edits: Edit[] = [];
  for (let i = 0; i < declarators.length; i++) {
    if (!removed[i] || removed[i - 1]) continue;
    let last = i;
    while (removed[last + 1]) last++;
    const next = declarators[last + 1];
    const previous = declarators[i - 1];
    // `a, b, c` without b: remove "b, " (up to the next kept one), or ", c" when c is last.
    edits.push(next ? { start: declarators[i]!.start!, end: next.start!, replacement: '' } : { start: previous!.end!, end: declarators[last]!.end!, replacement: '' });
  }
  return edits;
}

/**
 * snapStart() once minified renames it: the only function of the runtime that reads
 * `options.bundle ?? ...` and compares the initialization type with 'snap-start' (runtime/lambda.ts).
 */
function isMinifiedSnapStart(text: string): boolean {
  return /\.bundle\s*\?\?/.test(text) && /["'`]snap-start["'`]/.test(text);
}

/**
 * snapshotHooks() (snapshot-restore/http, which every adapter of it calls) once minified: the only
 * function of the runtime whose refusals name both platforms (runtime/platforms/handler.ts).
 */
function isSnapshotHooks(name: string, text: string): boolean {
  return /^snapshotHooks\d*$/.test(name) || (/Lambda Web Adapter's SnapStart/.test(text) && /Lambda MicroVMs' /.test(text));
}

export function exposeBundledRuntime(source: string, fileName: string): ParseOutcome {
  let ast: t.File;
  try {
    ast = parse(source, {
      sourceType: 'unambiguous',
      sourceFilename: fileName,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      // What a blanked-out library module declared may still be exported at the end.
      allowUndeclaredExports: true,
    });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\(\d+:\d+\)$/, '');
    return { ok: false, error: message, line: loc?.line ?? 1, column: loc?.column ?? 0 };
  }

  const edits: Edit[] = [];
  const runtimeImports: string[] = [];
  const lambdaImports: string[] = [];
  const httpImports: string[] = [];
  const registerFunctions: string[] = [];
  const snapStart: string[] = [];
  // Names whose top-level `var` must go, so that the appended import can declare them.
  const declared = new Set<string>();

  walk(ast.program, (node) => {
    // var registerBeforeSnapshot = makeRegister(...)   (its declaration is removed below)
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') {
      const publicName = registerName(node.init);
      if (!publicName) return;
      registerFunctions.push(node.id.name);
      runtimeImports.push(`${publicName} as ${node.id.name}`);
      declared.add(node.id.name);
    }
    // registerBeforeSnapshot = makeRegister(...)   inside esbuild's lazy-init wrapper
    if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'Identifier') {
      const publicName = registerName(node.right);
      if (!publicName) return;
      registerFunctions.push(node.left.name);
      runtimeImports.push(`${publicName} as ${node.left.name}`);
      declared.add(node.left.name);
      edits.push({ start: node.start!, end: node.end!, replacement: '0' });
    }
  });

  // The runtime's own namespace object, `__export(index_exports, { registerAfterRestore: () =>
  // registerAfterRestore })`, would read as the register function used as a value: blank it.
  // (Minified, `__export` has another name: any call given an object of such getters.)
  // The object itself is what `import * as sr` became: where the code reads members of it, it is
  // the runtime module again (`sr[phase](...)` is then the computed access the build reports);
  // passed on whole (`__toCommonJS(ns)`, minified) it stays the plain object it is.
  const exportCalls = new Map<string, t.CallExpression>();
  walk(ast.program, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.arguments[0]?.type !== 'Identifier') return;
    const object = node.arguments[1];
    for (const property of object?.type === 'ObjectExpression' ? object.properties : []) {
      if (property.type !== 'ObjectProperty' || property.value.type !== 'ArrowFunctionExpression') continue;
      const body = property.value.body;
      if (body.type === 'Identifier' && declared.has(body.name)) {
        edits.push({ start: body.start!, end: body.end!, replacement: '0' });
        exportCalls.set(node.arguments[0].name, node);
      }
    }
  });
  const namespaces: string[] = [];
  walk(ast.program, (node) => {
    if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && exportCalls.has(node.object.name) && !namespaces.includes(node.object.name))
      namespaces.push(node.object.name);
  });
  for (const name of namespaces) {
    const call = exportCalls.get(name)!;
    edits.push({ start: call.start!, end: call.end!, replacement: '0' });
    declared.add(name);
  }

  // __export(handler_exports, { handler: () => handler });  module.exports = __toCommonJS(handler_exports);
  const exportObjects = new Map<string, t.ObjectExpression>();
  let commonJsExportsOf: string | undefined;
  let commonJsExportsStatement: t.Statement | undefined;
  for (const statement of ast.program.body) {
    if (statement.type === 'VariableDeclaration') {
      edits.push(...removeDeclarators(statement, declared));
    } else if (
      statement.type === 'FunctionDeclaration' &&
      statement.id &&
      (/^snapStart\d*$/.test(statement.id.name) || isMinifiedSnapStart(source.slice(statement.start!, statement.end!)))
    ) {
      snapStart.push(statement.id.name);
      lambdaImports.push(`snapStart as ${statement.id.name}`);
      edits.push({ start: statement.start!, end: statement.end!, replacement: '' });
    } else if (statement.type === 'FunctionDeclaration' && statement.id && isSnapshotHooks(statement.id.name, source.slice(statement.start!, statement.end!))) {
      // The app serves the lifecycle over HTTP: its driver, as snapStart() is (SR007).
      httpImports.push(`snapshotHooks as ${statement.id.name}`);
      edits.push({ start: statement.start!, end: statement.end!, replacement: '' });
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression') {
      const call = statement.expression;
      const [target, object] = call.arguments;
      if (
        call.callee.type === 'Identifier' &&
        target?.type === 'Identifier' &&
        object?.type === 'ObjectExpression' &&
        object.properties.some((p) => p.type === 'ObjectProperty' && p.value.type === 'ArrowFunctionExpression')
      ) {
        exportObjects.set(target.name, object);
      }
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      const isModuleExports =
        left.type === 'MemberExpression' &&
        left.object.type === 'Identifier' &&
        left.object.name === 'module' &&
        left.property.type === 'Identifier' &&
        left.property.name === 'exports';
      if (isModuleExports && right.type === 'CallExpression' && right.arguments[0]?.type === 'Identifier') {
        commonJsExportsOf = right.arguments[0].name;
        commonJsExportsStatement = statement;
      }
    }
  }
  // A declarator with its init is removed whole above; drop the nested edits of its init.
  const kept = edits.filter((edit) => !edits.some((outer) => outer !== edit && outer.start <= edit.start && edit.end <= outer.end));

  const commonJsExports: string[] = [];
  const exportSpecifiers: string[] = [];
  const object = commonJsExportsOf ? exportObjects.get(commonJsExportsOf) : undefined;
  for (const property of object?.properties ?? []) {
    if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier') continue;
    const value = property.value;
    if (value.type === 'ArrowFunctionExpression' && value.body.type === 'Identifier') {
      commonJsExports.push(property.key.name);
      exportSpecifiers.push(`${value.body.name} as ${property.key.name}`);
    }
  }

  // `var { a: b } = require(...)` rather than an import: it parses in a script (a CommonJS
  // bundle) and in a module alike, and `var` declares the names for the whole file.
  const appended: string[] = [];
  const imports: string[] = [];
  const destructure = (names: string[]) => names.map((n) => n.replace(/^(\S+) as (\S+)$/, '$1: $2')).join(', ');
  if (runtimeImports.length > 0) {
    appended.push(`var { ${destructure([...new Set(runtimeImports)])} } = require("snapshot-restore");`);
    for (const name of new Set(namespaces)) appended.push(`var ${name} = require("snapshot-restore");`);
    imports.push('snapshot-restore');
  }
  if (lambdaImports.length > 0) {
    appended.push(`var { ${destructure(lambdaImports)} } = require("snapshot-restore/lambda");`);
    imports.push('snapshot-restore/lambda');
  }
  if (httpImports.length > 0) {
    appended.push(`var { ${destructure(httpImports)} } = require("snapshot-restore/http");`);
    imports.push('snapshot-restore/http');
  }
  if (exportSpecifiers.length > 0 && commonJsExportsStatement) {
    // `module.exports = { handler: handler }`, where esbuild's `module.exports = __toCommonJS(...)` was.
    const object = `module.exports = { ${destructure(exportSpecifiers.map((s) => s.replace(/^(\S+) as (\S+)$/, '$2 as $1')))} };`;
    if (object.length <= commonJsExportsStatement.end! - commonJsExportsStatement.start!) {
      kept.push({ start: commonJsExportsStatement.start!, end: commonJsExportsStatement.end!, replacement: object });
    } else {
      kept.push({ start: commonJsExportsStatement.start!, end: commonJsExportsStatement.end!, replacement: '' });
      appended.push(object);
    }
  }
  let rewritten = applyEdits(source, kept);
  if (appended.length > 0) rewritten = `${rewritten}\n${appended.join('\n')}\n`;
  return {
    ok: true,
    exposed: { source: rewritten, imports, registerFunctions: [...new Set(registerFunctions)], snapStart, commonJsExports },
  };
}
