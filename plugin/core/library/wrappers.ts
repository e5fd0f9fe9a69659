// Where a library file's module code really is. Published builds often wrap it: a UMD header
// that calls a factory with `exports` and `require('dep')` (`factory(exports, require("crypto"))`),
// an IIFE or CoffeeScript's `(function () { ... }).call(this)`, `!function (e) { ... }(exports)`.
// The reader indexes each wrapped body as if its statements were at top level, with the
// wrapper's parameters standing for what the header passes: the module's `exports`, a required
// module, or `module.exports = factory()` (the factory's return value is the module).
import type * as t from '@babel/types';

export interface ModuleBody {
  statements: t.Statement[];
  /** Local names standing for the module's `exports` object (a UMD factory's `exports` parameter). */
  exportNames: string[];
  /** Local names bound by the wrapper to a required module (`_crypto` ← `require("crypto")`). */
  requires: Map<string, string>;
  /** A factory whose return value is `module.exports` (`module.exports = factory(...)`). */
  returnsModule?: t.Function;
}

type Fn = t.FunctionExpression | t.ArrowFunctionExpression;

const isFn = (node: t.Node | null | undefined): node is Fn => node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression';

/** The bodies of a file's module code: the program's own statements, then every wrapped body in it. */
export function moduleBodies(program: t.Program): ModuleBody[] {
  const bodies: ModuleBody[] = [{ statements: program.body, exportNames: [], requires: new Map() }];
  for (let i = 0; i < bodies.length && bodies.length < 12; i++) {
    for (const statement of bodies[i]!.statements) {
      if (statement.type !== 'ExpressionStatement') continue;
      for (const call of invocations(statement.expression)) {
        const found = wrapped(call);
        if (found) bodies.push(found);
      }
    }
  }
  return bodies;
}

/** Immediately invoked functions an expression statement consists of (`!function(){}()`, `a(), b()`). */
function invocations(expression: t.Expression): t.CallExpression[] {
  if (expression.type === 'UnaryExpression') return invocations(expression.argument);
  if (expression.type === 'SequenceExpression') return expression.expressions.flatMap(invocations);
  if (expression.type === 'AssignmentExpression') return invocations(expression.right);
  if (expression.type === 'CallExpression' && calledFunction(expression)) return [expression];
  return [];
}

/** The function a call invokes at once: `(function(){})()`, `(function(){}).call(this)`. */
function calledFunction(call: t.CallExpression): Fn | undefined {
  const callee = call.callee;
  if (isFn(callee)) return callee;
  if (callee.type === 'MemberExpression' && isFn(callee.object) && callee.property.type === 'Identifier' && /^(?:call|apply)$/.test(callee.property.name)) return callee.object;
  return undefined;
}

function wrapped(call: t.CallExpression): ModuleBody | undefined {
  const fn = calledFunction(call)!;
  if (fn.body.type !== 'BlockStatement') return undefined;
  const shift = call.callee.type === 'MemberExpression' ? 1 : 0; // `.call(this, a, b)`: the first argument is `this`
  const args = call.arguments.slice(shift);
  // A UMD header: one parameter is a factory passed in, and the header calls it.
  const factoryIndex = args.findIndex((arg) => isFn(arg));
  const factoryParam = factoryIndex >= 0 ? fn.params[factoryIndex] : undefined;
  if (factoryParam?.type === 'Identifier') {
    const factory = args[factoryIndex] as Fn;
    if (factory.body.type !== 'BlockStatement') return undefined;
    const site = factoryCall(fn.body, factoryParam.name);
    const body: ModuleBody = { statements: factory.body.body, exportNames: [], requires: new Map() };
    if (site) {
      bindParams(factory, site.call.arguments as t.Node[], body);
      if (site.returnsModule) body.returnsModule = factory;
    } else body.returnsModule = factory;
    return body;
  }
  const body: ModuleBody = { statements: fn.body.body, exportNames: [], requires: new Map() };
  bindParams(fn, args as t.Node[], body);
  return body;
}

/** The header's call of its factory that CommonJS takes: one passing `exports` or `require(...)`, else `module.exports = factory()`. */
function factoryCall(body: t.BlockStatement, factory: string): { call: t.CallExpression; returnsModule: boolean } | undefined {
  let best: { call: t.CallExpression; returnsModule: boolean; score: number } | undefined;
  const visit = (node: t.Node, parent: t.Node | undefined): void => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === factory) {
      const returnsModule = parent?.type === 'AssignmentExpression' && isModuleExports(parent.left);
      const score = node.arguments.filter((a) => mentionsCommonJs(a)).length + (returnsModule ? 1 : 0);
      if (!best || score > best.score) best = { call: node, returnsModule, score };
    }
    for (const key of Object.keys(node) as Array<keyof typeof node>) {
      const value = node[key] as unknown;
      if (key === 'loc' || !value || typeof value !== 'object') continue;
      if (Array.isArray(value)) for (const v of value) if (v && typeof v.type === 'string') visit(v, node);
      if (typeof (value as t.Node).type === 'string') visit(value as t.Node, node);
    }
  };
  visit(body, undefined);
  return best && best.score > 0 ? best : undefined;
}

function isModuleExports(node: t.Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'module' &&
    node.property.type === 'Identifier' &&
    node.property.name === 'exports'
  );
}

function mentionsCommonJs(node: t.Node): boolean {
  return (node.type === 'Identifier' && node.name === 'exports') || isModuleExports(node) || requireOf(node) !== undefined;
}

function requireOf(node: t.Node): string | undefined {
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral')
    return node.arguments[0].value;
  return undefined;
}

/** The wrapper's parameters that receive `exports` (or `module.exports`) and `require('x')`. */
function bindParams(fn: Fn, args: t.Node[], body: ModuleBody): void {
  fn.params.forEach((param, i) => {
    const arg = args[i];
    if (param.type !== 'Identifier' || !arg) return;
    const required = requireOf(arg);
    if (required !== undefined) body.requires.set(param.name, required);
    else if (mentionsExports(arg)) body.exportNames.push(param.name);
  });
}

/** `exports`, `module.exports`, or an expression choosing it (`typeof exports === 'object' ? exports : {}`). */
function mentionsExports(node: t.Node): boolean {
  if ((node.type === 'Identifier' && node.name === 'exports') || isModuleExports(node)) return true;
  if (node.type === 'ConditionalExpression') return mentionsExports(node.consequent) || mentionsExports(node.alternate);
  if (node.type === 'LogicalExpression') return mentionsExports(node.left) || mentionsExports(node.right);
  return false;
}
