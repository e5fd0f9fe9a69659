// Canonical names of what expressions denote (`crypto.randomUUID`, `pg.Pool()`, `pg.Pool().query`),
// through imports, requires, destructuring and aliases: how the uniqueness lint matches calls
// to its rules' tables and tells which library made a value.
import type * as t from '@babel/types';
import type { Binding, NodePath } from '../ast/babel.js';
import { keyName, propertyName, stringValue } from './imports.js';
import { canonicalModule } from '../rules/uniqueness-match.js';

export function unwrap(p: NodePath): NodePath {
  let current = p;
  while (current.isTSAsExpression() || current.isTSNonNullExpression() || current.isTSSatisfiesExpression() || current.isParenthesizedExpression()) {
    current = current.get('expression') as NodePath;
  }
  return current;
}

/** The canonical name of what an expression denotes (`crypto.randomUUID`), through imports and aliases. */
export function nameOf(raw: NodePath, depth = 0): string | undefined {
  if (depth > 8 || !raw.node) return undefined;
  const p = unwrap(raw);
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    if (!binding) return p.node.name; // a global
    const decl = binding.path;
    if (decl.isImportSpecifier()) {
      const source = (decl.parentPath.node as t.ImportDeclaration).source.value;
      return `${canonicalModule(source)}.${keyName(decl.node.imported) ?? p.node.name}`;
    }
    if (decl.isImportDefaultSpecifier() || decl.isImportNamespaceSpecifier()) {
      return canonicalModule((decl.parentPath.node as t.ImportDeclaration).source.value);
    }
    if (decl.isVariableDeclarator()) {
      const init = decl.get('init') as NodePath;
      if (!binding.constant && decl.node.id.type === 'Identifier') return madeName(binding, depth);
      if (!init.node) return undefined;
      const id = decl.node.id;
      // What a call made (`let pool = new Pool()`): its kind stays what init made, even if a hook
      // replaces it later; an alias (`const r = Math.random`) must be constant.
      if (!binding.constant && !madeByCall(init)) return undefined;
      if (id.type === 'Identifier') return nameOf(init, depth + 1);
      if (id.type === 'ObjectPattern') {
        // const { randomUUID: id } = require('crypto')
        for (const prop of id.properties) {
          if (prop.type !== 'ObjectProperty') continue;
          const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
          if (value.type === 'Identifier' && value.name === p.node.name) {
            const base = nameOf(init, depth + 1);
            const key = prop.computed ? stringValue(prop.key) : keyName(prop.key);
            return base && key ? `${base}.${key}` : undefined;
          }
        }
      }
    }
    return undefined;
  }
  if (p.isMemberExpression() || p.isOptionalMemberExpression()) {
    const property = propertyName(p.node);
    const object = nameOf(p.get('object') as NodePath, depth + 1);
    return property && object ? `${object}.${property}` : undefined;
  }
  if (p.isAwaitExpression()) return nameOf(p.get('argument') as NodePath, depth + 1);
  if (p.isCallExpression() || p.isNewExpression()) {
    const callee = p.node.callee;
    const specifier = stringValue(p.node.arguments[0]);
    if (specifier !== undefined && ((callee.type === 'Identifier' && callee.name === 'require' && !p.scope.getBinding('require')) || callee.type === 'Import')) {
      return canonicalModule(specifier);
    }
    // What a call or constructor returns: `pg.Pool()`, `nanoid.customAlphabet()`.
    const made = nameOf(p.get('callee') as NodePath, depth + 1);
    return made ? `${made}()` : undefined;
  }
  return undefined;
}

/** What a variable that is assigned more than once holds, when every value it gets is made by a
 *  call to the same thing (`let pool; ... pool = new pg.Pool()` is `pg.Pool()`). */
function madeName(binding: Binding, depth: number): string | undefined {
  const values: NodePath[] = [];
  const init = (binding.path as NodePath<t.VariableDeclarator>).get('init') as NodePath;
  if (init.node) values.push(init);
  for (const violation of binding.constantViolations) {
    if (!violation.isAssignmentExpression() || violation.node.operator !== '=') return undefined;
    values.push(violation.get('right') as NodePath);
  }
  if (values.length === 0 || !values.every(madeByCall)) return undefined;
  const names = new Set(values.map((value) => nameOf(value, depth + 1)));
  const [name] = names;
  return names.size === 1 ? name : undefined;
}

export function madeByCall(init: NodePath): boolean {
  const p = unwrap(init);
  const value = p.isAwaitExpression() ? unwrap(p.get('argument') as NodePath) : p;
  return value.isCallExpression() || value.isNewExpression();
}
