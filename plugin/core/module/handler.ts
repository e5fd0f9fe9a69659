// Finding the handler: the functions Lambda calls on every invoke. Everything they run is
// invoke time. Recognises ESM and CommonJS exports and wrappers such as `middy(fn)`.
import type * as t from '@babel/types';
import type { NodePath } from '../ast/babel.js';
import { isModuleExports, keyName, propertyName } from './imports.js';

export interface HandlerInfo {
  /** Function nodes that run as the handler. */
  functions: Set<t.Node>;
  /** Where the handler is exported, for notes. */
  exportPath?: NodePath;
}

function unwrap(p: NodePath): NodePath {
  let current = p;
  while (current.isTSAsExpression() || current.isTSSatisfiesExpression() || current.isTSNonNullExpression() || current.isParenthesizedExpression() || current.isAwaitExpression()) {
    current = current.get('expression') as NodePath;
  }
  return current;
}

function isExportsMember(node: t.Node, name: string): boolean {
  if (node.type !== 'MemberExpression' || propertyName(node) !== name) return false;
  const object = node.object;
  return (object.type === 'Identifier' && object.name === 'exports') || isModuleExports(object);
}

export function findHandler(program: NodePath<t.Program>, handlerName: string, defaultExportIsHandler: boolean): HandlerInfo {
  const info: HandlerInfo = { functions: new Set() };
  const seen = new Set<t.Node>();

  // Collects the functions an expression evaluates to, looking through wrappers.
  function fromExpression(raw: NodePath | null | undefined): void {
    if (!raw?.node) return;
    const p = unwrap(raw);
    if (seen.has(p.node)) return;
    seen.add(p.node);
    if (p.isFunction()) {
      info.functions.add(p.node);
      return;
    }
    if (p.isIdentifier()) {
      const binding = p.scope.getBinding(p.node.name);
      if (!binding) return;
      if (binding.path.isFunctionDeclaration()) info.functions.add(binding.path.node);
      else if (binding.path.isVariableDeclarator()) fromExpression(binding.path.get('init') as NodePath);
      return;
    }
    if (p.isCallExpression()) {
      // middy(fn).use(...), wrap(fn), fn.bind(obj): the function passed in is what runs.
      for (const arg of p.get('arguments')) fromExpression(arg as NodePath);
      const callee = p.get('callee');
      if (callee.isMemberExpression()) fromExpression(callee.get('object') as NodePath);
      return;
    }
    if (p.isMemberExpression()) {
      // `instance.handler` where `instance = new Lambda()`: the class method runs.
      const method = propertyName(p.node);
      const cls = classOfInstance(p.get('object') as NodePath);
      if (method && cls) {
        for (const member of cls.get('body').get('body')) {
          if (member.isClassMethod() && !member.node.static && keyName(member.node.key) === method) info.functions.add(member.node);
        }
      }
    }
  }

  function classOfInstance(raw: NodePath): NodePath<t.Class> | undefined {
    let p = unwrap(raw);
    if (p.isIdentifier()) {
      const binding = p.scope.getBinding(p.node.name);
      if (!binding?.path.isVariableDeclarator()) return undefined;
      p = unwrap(binding.path.get('init') as NodePath);
    }
    if (!p.isNewExpression()) return undefined;
    const callee = p.get('callee');
    if (!callee.isIdentifier()) return undefined;
    const binding = callee.scope.getBinding(callee.node.name);
    if (binding?.path.isClass()) return binding.path;
    if (binding?.path.isVariableDeclarator()) {
      const init = unwrap(binding.path.get('init') as NodePath);
      if (init.isClass()) return init;
    }
    return undefined;
  }

  function found(exportPath: NodePath, value: NodePath | null | undefined): void {
    info.exportPath ??= exportPath;
    fromExpression(value);
  }

  for (const statement of program.get('body')) {
    if (statement.isExportNamedDeclaration()) {
      const declaration = statement.get('declaration');
      if (declaration.isFunctionDeclaration() && declaration.node.id?.name === handlerName) {
        found(statement, declaration);
      } else if (declaration.isVariableDeclaration()) {
        for (const declarator of declaration.get('declarations')) {
          const id = declarator.node.id;
          if (id.type === 'Identifier' && id.name === handlerName) found(statement, declarator.get('init') as NodePath);
        }
      }
      for (const spec of statement.get('specifiers')) {
        if (!spec.isExportSpecifier() || keyName(spec.node.exported) !== handlerName) continue;
        if (statement.node.source) continue; // re-exported from another module: that module has the handler
        found(statement, spec.get('local') as NodePath);
      }
    } else if (statement.isExportDefaultDeclaration()) {
      if (defaultExportIsHandler || handlerName === 'default') found(statement, statement.get('declaration') as NodePath);
    } else if (statement.isExpressionStatement()) {
      const expression = statement.get('expression');
      if (!expression.isAssignmentExpression() || expression.node.operator !== '=') continue;
      const left = expression.node.left;
      const right = expression.get('right');
      if (isExportsMember(left, handlerName)) {
        found(statement, right);
      } else if (isModuleExports(left)) {
        const value = unwrap(right);
        if (value.isObjectExpression()) {
          for (const prop of value.get('properties')) {
            if (prop.isObjectProperty() && !prop.node.computed && keyName(prop.node.key) === handlerName) {
              found(statement, prop.get('value') as NodePath);
            } else if (prop.isObjectMethod() && keyName(prop.node.key) === handlerName) {
              found(statement, prop);
            }
          }
        } else if (defaultExportIsHandler) {
          found(statement, right);
        }
      }
    }
  }
  return info;
}
