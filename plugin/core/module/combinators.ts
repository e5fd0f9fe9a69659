// Promise combinators and whether init waits for a promise where it is made: one check for every
// pass that follows a value into `await Promise.all([...])` (uniqueness, credentials, init work, async init).
import type * as t from '@babel/types';
import type { NodePath } from '../ast/babel.js';
import { keyName } from './imports.js';

/** Promise combinators: the promise they return settles only after the ones given settle. */
export const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);
/** Combinators whose result lists what each element resolved, in order. */
export const LISTING = new Set(['all', 'allSettled']);

/** The combinator `call` is (`Promise.all(...)` with `Promise` the global), or undefined. */
export function combinatorOf(call: NodePath): string | undefined {
  if (!call.isCallExpression()) return undefined;
  const callee = call.node.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'Promise') return undefined;
  if (call.scope.getBinding('Promise')) return undefined;
  const name = keyName(callee.property as t.Node) ?? '';
  return COMBINATORS.has(name) ? name : undefined;
}

/** Whether `array` is the list a listing combinator (`Promise.all`, `allSettled`) is given. */
export function listedByCombinator(array: NodePath): boolean {
  const call = array.parentPath;
  return !!call?.isCallExpression() && call.node.arguments[0] === array.node && LISTING.has(combinatorOf(call) ?? '');
}

/** Whether init waits for the promise `p` makes where it is made: `await p`, through parentheses and casts. */
export function awaitedAtOnce(p: NodePath): boolean {
  let parent = p.parentPath;
  while (parent && (parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression())) parent = parent.parentPath;
  return !!parent?.isAwaitExpression();
}
