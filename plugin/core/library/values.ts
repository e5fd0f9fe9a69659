// What a guard in a library's code evaluates to for one call: the user's arguments (literals and
// object literals), the library's defaults (parameter defaults, `Object.assign({ checkperiod:
// 600 }, options)`, `{ ...defaults, ...options }`, `options.x ?? 0`) and what the constructor
// stored on `this` before it. A guard that is known false (`if (this.options.checkperiod > 0)`
// with `checkperiod: 0`, `if (maxBufferSize > 0)` left at its default 0) is not taken; anything
// not known is taken, as before: the reader errs towards reading a branch.
import type * as t from '@babel/types';

export const UNKNOWN: unique symbol = Symbol('unknown');
/** A function value: truthy, nothing else known. */
export const FUNCTION: unique symbol = Symbol('function');
export interface ObjectValue {
  props: Map<string, Value>;
  /** Every property is known: a missing one is `undefined`. */
  closed: boolean;
}
export type Value = string | number | boolean | null | undefined | ObjectValue | typeof UNKNOWN | typeof FUNCTION;

export interface Frame {
  vars: Map<string, Value>;
  /** The instance's state as its constructor leaves it, or undefined when not known. */
  self?: ObjectValue;
  /** A name not bound in the function: the module's own constant (`const DEFAULTS = { ... }`). */
  lookup?: (name: string, depth: number) => Value;
}

const isObject = (v: Value): v is ObjectValue => typeof v === 'object' && v !== null;

export function truthy(v: Value): boolean | undefined {
  if (v === UNKNOWN) return undefined;
  if (v === FUNCTION || isObject(v)) return true;
  return Boolean(v);
}

/** Whether a guard holds, in three values: `unknown && false` is false, `unknown || true` is true. */
export function decide(node: t.Node, frame: Frame): boolean | undefined {
  if (node.type === 'LogicalExpression' && node.operator !== '??') {
    const left = decide(node.left, frame);
    if (node.operator === '&&' && left === false) return false;
    if (node.operator === '||' && left === true) return true;
    const right = decide(node.right, frame);
    if (node.operator === '&&') return right === false ? false : left === true && right === true ? true : undefined;
    return right === true ? true : left === false && right === false ? false : undefined;
  }
  if (node.type === 'UnaryExpression' && node.operator === '!') {
    const inner = decide(node.argument, frame);
    return inner === undefined ? undefined : !inner;
  }
  if (node.type === 'SequenceExpression') return decide(node.expressions[node.expressions.length - 1]!, frame);
  return truthy(evaluate(node, frame));
}

function keyOf(node: t.Node, computed: boolean): string | undefined {
  if (!computed && node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'PrivateName') return `#${node.id.name}`;
  return undefined;
}

function objectOf(node: t.ObjectExpression, frame: Frame): ObjectValue {
  const out: ObjectValue = { props: new Map(), closed: true };
  for (const prop of node.properties) {
    if (prop.type === 'SpreadElement') {
      merge(out, evaluate(prop.argument, frame));
      continue;
    }
    const key = keyOf(prop.key, prop.computed);
    if (key === undefined) {
      // A computed key may be any key: what was known may be replaced.
      for (const k of out.props.keys()) out.props.set(k, UNKNOWN);
      out.closed = false;
      continue;
    }
    out.props.set(key, prop.type === 'ObjectMethod' ? FUNCTION : evaluate(prop.value, frame));
  }
  return out;
}

/** `Object.assign(out, source)`, `{ ...source }`: a source not known may replace any key. */
function merge(out: ObjectValue, source: Value): void {
  if (source === undefined || source === null) return;
  if (!isObject(source)) {
    for (const k of out.props.keys()) out.props.set(k, UNKNOWN);
    out.closed = false;
    return;
  }
  if (!source.closed) {
    for (const k of out.props.keys()) if (!source.props.has(k)) out.props.set(k, UNKNOWN);
    out.closed = false;
  }
  for (const [k, v] of source.props) out.props.set(k, v);
}

/** A user's argument, read as written at the call (no frame: only literals are known). */
export function literal(node: t.Node | undefined): Value {
  if (!node) return undefined;
  return evaluate(node, { vars: new Map() });
}

export function evaluate(node: t.Node, frame: Frame, depth = 0): Value {
  if (depth > 30) return UNKNOWN;
  const next = (n: t.Node): Value => evaluate(n, frame, depth + 1);
  switch (node.type) {
    case 'NumericLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
      return node.value;
    case 'NullLiteral':
      return null;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? (node.quasis[0]?.value.cooked ?? UNKNOWN) : UNKNOWN;
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassExpression':
      return FUNCTION;
    case 'ArrayExpression':
      return { props: new Map(), closed: false };
    case 'ObjectExpression':
      return objectOf(node, frame);
    case 'Identifier':
      if (frame.vars.has(node.name)) return frame.vars.get(node.name);
      if (node.name === 'undefined') return undefined;
      if (node.name === 'Infinity') return Number.POSITIVE_INFINITY;
      return frame.lookup ? frame.lookup(node.name, depth + 1) : UNKNOWN;
    case 'ThisExpression':
      return frame.self ?? UNKNOWN;
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const key = keyOf(node.property, node.computed);
      const base = next(node.object);
      if (key === undefined || !isObject(base))
        // `x?.y` short-circuits only on null and undefined: `'abc'?.length` is the string's length, not known here.
        return node.type === 'OptionalMemberExpression' && (base === undefined || base === null) ? undefined : UNKNOWN;
      if (base.props.has(key)) return base.props.get(key);
      return base.closed ? undefined : UNKNOWN;
    }
    case 'AssignmentExpression':
      return node.operator === '=' ? next(node.right) : UNKNOWN;
    case 'SequenceExpression':
      return next(node.expressions[node.expressions.length - 1]!);
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return next(node.expression);
    case 'LogicalExpression': {
      const left = next(node.left);
      if (node.operator === '??') {
        if (left === UNKNOWN) return UNKNOWN;
        return left === undefined || left === null ? next(node.right) : left;
      }
      const test = truthy(left);
      if (test === undefined) return UNKNOWN;
      if (node.operator === '||') return test ? left : next(node.right);
      return test ? next(node.right) : left;
    }
    case 'ConditionalExpression': {
      const test = truthy(next(node.test));
      return test === undefined ? UNKNOWN : next(test ? node.consequent : node.alternate);
    }
    case 'UnaryExpression': {
      const v = next(node.argument);
      if (node.operator === 'void') return undefined;
      if (v === UNKNOWN) return UNKNOWN;
      if (node.operator === '!') return !truthy(v);
      if (node.operator === 'typeof') return v === FUNCTION ? 'function' : isObject(v) || v === null ? 'object' : typeof v;
      if (node.operator === '-' && typeof v === 'number') return -v;
      if (node.operator === '+' && typeof v === 'number') return v;
      return UNKNOWN;
    }
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateName') return UNKNOWN;
      const a = next(node.left);
      const b = next(node.right);
      if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
      const objects = isObject(a) || isObject(b) || a === FUNCTION || b === FUNCTION;
      switch (node.operator) {
        case '===':
          return objects ? UNKNOWN : a === b;
        case '!==':
          return objects ? UNKNOWN : a !== b;
        case '==':
          // Only null/undefined are compared loosely here; objects by identity are not known.
          if (objects) return (a === null || a === undefined || b === null || b === undefined) && !(isObject(a) && isObject(b)) ? false : UNKNOWN;
          // biome-ignore lint/suspicious/noDoubleEquals: loose equality is what the library's code does
          return a == b;
        case '!=':
          if (objects) return (a === null || a === undefined || b === null || b === undefined) && !(isObject(a) && isObject(b)) ? true : UNKNOWN;
          // biome-ignore lint/suspicious/noDoubleEquals: loose inequality is what the library's code does
          return a != b;
        default:
      }
      if (objects) return UNKNOWN;
      const x = a as number;
      const y = b as number;
      switch (node.operator) {
        case '>':
          return x > y;
        case '<':
          return x < y;
        case '>=':
          return x >= y;
        case '<=':
          return x <= y;
        case '*':
          return typeof x === 'number' && typeof y === 'number' ? x * y : UNKNOWN;
        case '-':
          return typeof x === 'number' && typeof y === 'number' ? x - y : UNKNOWN;
        case '+':
          return (typeof x === 'number' && typeof y === 'number') || (typeof x === 'string' && typeof y === 'string') ? (x as number) + (y as number) : UNKNOWN;
        default:
          return UNKNOWN;
      }
    }
    case 'CallExpression': {
      // Object.assign({ defaults }, options): the library's defaults under the user's options.
      const callee = node.callee;
      if (
        callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        callee.object.name === 'Object' &&
        keyOf(callee.property, callee.computed) === 'assign' &&
        node.arguments.length > 0
      ) {
        const out: ObjectValue = { props: new Map(), closed: true };
        for (const arg of node.arguments) merge(out, arg.type === 'SpreadElement' ? UNKNOWN : next(arg));
        return out;
      }
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** A function's parameters bound to the values a call passes (`args`, undefined when not known,
 *  never with a spread in it: their number is known), with their defaults and destructuring. */
export function bindParams(params: t.Node[], args: Value[] | undefined, frame: Frame): void {
  params.forEach((param, i) => {
    // `(...args)` given a known number of arguments: an array of that length (`args.length ? ... : now`).
    if (param.type === 'RestElement' && param.argument.type === 'Identifier' && args) {
      frame.vars.set(param.argument.name, { props: new Map([['length', Math.max(0, args.length - i)]]), closed: false });
      return;
    }
    const given: Value = args ? (args[i] ?? undefined) : UNKNOWN;
    bindPattern(param, given, frame);
  });
}

function bindPattern(pattern: t.Node, given: Value, frame: Frame): void {
  switch (pattern.type) {
    case 'Identifier':
      frame.vars.set(pattern.name, given);
      return;
    case 'AssignmentPattern':
      bindPattern(pattern.left, given === undefined ? evaluate(pattern.right, frame) : given, frame);
      return;
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        if (prop.type === 'RestElement') {
          bindPattern(prop.argument, UNKNOWN, frame);
          continue;
        }
        const key = keyOf(prop.key, prop.computed);
        const value: Value = key === undefined || !isObject(given) ? UNKNOWN : given.props.has(key) ? given.props.get(key) : given.closed ? undefined : UNKNOWN;
        bindPattern(prop.value, value, frame);
      }
      return;
    case 'ArrayPattern':
    case 'RestElement':
      for (const name of namesIn(pattern)) frame.vars.set(name, UNKNOWN);
      return;
    default:
  }
}

function namesIn(node: t.Node): string[] {
  if (node.type === 'Identifier') return [node.name];
  if (node.type === 'RestElement') return namesIn(node.argument);
  if (node.type === 'AssignmentPattern') return namesIn(node.left);
  if (node.type === 'ArrayPattern') return node.elements.flatMap((e) => (e ? namesIn(e) : []));
  if (node.type === 'ObjectPattern') return node.properties.flatMap((p) => (p.type === 'RestElement' ? namesIn(p) : namesIn(p.value)));
  return [];
}
