// Binding resolution: which expressions in a module denote registerBeforeSnapshot /
// registerAfterRestore (or snapStart), through every way a module can get hold of them.
import * as path from 'node:path';
import type * as t from '@babel/types';
import type { Binding, NodePath } from '../ast/babel.js';
import { SR005 } from '../rules/index.js';
import { BOOTSTRAP_SPECIFIER, HTTP_SPECIFIER, LAMBDA_SPECIFIER, RUNTIME_MODULE, stripExtension, type RuntimeModule } from '../options.js';

export type HookPhase = 'beforeSnapshot' | 'afterRestore';
/** httpHooks: a function of snapshot-restore/http that serves the lifecycle over HTTP (a driver, like snapStart). */
type Role = HookPhase | 'snapStart' | 'httpHooks';
const isDriver = (role: Role): role is 'snapStart' | 'httpHooks' => role === 'snapStart' || role === 'httpHooks';

export interface RegistrationSite {
  phase: HookPhase;
  kind: 'call' | 'decorator';
  /** The CallExpression, or the Decorator. */
  path: NodePath<t.CallExpression> | NodePath<t.Decorator>;
  /** How the register function is written here, for messages: `registerAfterRestore`, `sr.registerAfterRestore`. */
  registrar: string;
}

export interface UnresolvedUse {
  path: NodePath;
  reason: string;
  suggestion: string;
}

export interface RuntimeUse {
  registrations: RegistrationSite[];
  unresolved: UnresolvedUse[];
  snapStartCalls: NodePath<t.CallExpression>[];
  /** Calls of snapshot-restore/http's handler or adapters: the app serves the lifecycle hooks. */
  httpHooksCalls: NodePath<t.CallExpression>[];
  importsBootstrap: boolean;
  /** Whether anything in the module refers to a register function or the runtime module. */
  usesRuntime: boolean;
  /** Register functions this module exports under its own names (`export { registerAfterRestore
   *  as onRestore } from 'snapshot-restore'`, `export * from ...`, `export const x = register...`):
   *  the build then treats the module as a wrapper module, as if the user had configured it. */
  exported: Array<{ name: string; phase: HookPhase }>;
}

const LAMBDA_ROLES = new Map<string, Role>([['snapStart', 'snapStart']]);
const HTTP_ROLES = new Map<string, Role>(['snapshotHooks', 'nodeHooks', 'expressHooks', 'fastifyHooks', 'honoHooks', 'koaHooks'].map((name) => [name, 'httpHooks']));

function rolesOf(module: RuntimeModule): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const name of module.beforeSnapshot) roles.set(name, 'beforeSnapshot');
  for (const name of module.afterRestore) roles.set(name, 'afterRestore');
  return roles;
}

/** The register/snapStart exports a specifier gives access to, or undefined for unrelated modules. */
export function rolesForSpecifier(specifier: string, fileName: string, modules: RuntimeModule[]): Map<string, Role> | undefined {
  if (specifier === RUNTIME_MODULE.specifier) return rolesOf(RUNTIME_MODULE);
  if (specifier === LAMBDA_SPECIFIER) return LAMBDA_ROLES;
  if (specifier === HTTP_SPECIFIER) return HTTP_ROLES;
  const resolved = specifier.startsWith('.') ? stripExtension(path.resolve(path.dirname(fileName), specifier)) : undefined;
  for (const m of modules) {
    if (m.specifier !== undefined && m.specifier === specifier) return rolesOf(m);
    if (m.path !== undefined && resolved !== undefined && (resolved === m.path || `${resolved}/index` === m.path)) {
      return rolesOf(m);
    }
  }
  return undefined;
}

function stringValue(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function propertyName(member: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  return stringValue(member.property);
}

function keyName(key: t.Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  return stringValue(key);
}

/** `require('x')` with a literal argument and no local `require` binding. */
export function requireSpecifier(call: NodePath<t.CallExpression>): string | undefined {
  const callee = call.node.callee;
  if (callee.type !== 'Identifier' || callee.name !== 'require') return undefined;
  if (call.scope.getBinding('require')) return undefined;
  return stringValue(call.node.arguments[0]);
}

/** `import('x')` with a literal argument. */
export function dynamicImportSpecifier(call: NodePath<t.CallExpression>): string | undefined {
  if (call.node.callee.type !== 'Import') return undefined;
  return stringValue(call.node.arguments[0]);
}

function isTypePosition(p: NodePath): boolean {
  const parent = p.parentPath;
  return !!parent && (parent.isTSTypeQuery() || parent.isTSQualifiedName() || parent.isTSImportType());
}

/** Steps over wrappers that do not change the value: parentheses, `as`, `!`, `satisfies`. */
export function valueParent(p: NodePath): NodePath {
  let current = p;
  while (
    current.parentPath &&
    (current.parentPath.isTSAsExpression() ||
      current.parentPath.isTSNonNullExpression() ||
      current.parentPath.isTSSatisfiesExpression() ||
      current.parentPath.isParenthesizedExpression())
  ) {
    current = current.parentPath;
  }
  return current;
}

// The hook analysis and the uniqueness lint both need a module's runtime use, on the one tree the
// parse cache gives them: walked once per tree (a whole bundle's tree takes seconds to walk).
const uses = new WeakMap<t.Program, Map<string, RuntimeUse>>();

export function findRuntimeUse(program: NodePath<t.Program>, fileName: string, modules: RuntimeModule[]): RuntimeUse {
  let byOptions = uses.get(program.node);
  if (!byOptions) uses.set(program.node, (byOptions = new Map()));
  const key = `${fileName}\0${JSON.stringify(modules)}`;
  let use = byOptions.get(key);
  if (!use) byOptions.set(key, (use = walkRuntimeUse(program, fileName, modules)));
  // Copies of the lists: callers sort them.
  return {
    ...use,
    registrations: [...use.registrations],
    unresolved: [...use.unresolved],
    snapStartCalls: [...use.snapStartCalls],
    httpHooksCalls: [...use.httpHooksCalls],
    exported: [...use.exported],
  };
}

function walkRuntimeUse(program: NodePath<t.Program>, fileName: string, modules: RuntimeModule[]): RuntimeUse {
  const use: RuntimeUse = { registrations: [], unresolved: [], snapStartCalls: [], httpHooksCalls: [], importsBootstrap: false, usesRuntime: false, exported: [] };
  const exportAs = (name: string | undefined, role: Role): void => {
    if (name !== undefined && !isDriver(role) && !use.exported.some((e) => e.name === name)) use.exported.push({ name, phase: role });
  };
  const seenBindings = new Set<Binding>();
  const evalCalls: NodePath[] = [];

  // A path that evaluates to a register function (or snapStart): decide what is done with it.
  function useOfFunction(p: NodePath, role: Role, label: string): void {
    use.usesRuntime = true;
    const self = valueParent(p);
    const parent = self.parentPath;
    if (!parent || isTypePosition(p)) return;
    if ((parent.isCallExpression() || parent.isOptionalCallExpression()) && parent.node.callee === self.node) {
      if (isDriver(role)) (role === 'snapStart' ? use.snapStartCalls : use.httpHooksCalls).push(parent as NodePath<t.CallExpression>);
      else use.registrations.push({ phase: role, kind: 'call', path: parent as NodePath<t.CallExpression>, registrar: label });
      return;
    }
    if (isDriver(role)) return;
    if (parent.isDecorator()) {
      use.registrations.push({ phase: role, kind: 'decorator', path: parent, registrar: label });
      return;
    }
    if (parent.isVariableDeclarator() && parent.node.init === self.node && parent.node.id.type === 'Identifier') {
      const binding = parent.scope.getBinding(parent.node.id.name);
      if (binding?.constant) {
        if (parent.parentPath?.parentPath?.isExportNamedDeclaration()) exportAs(parent.node.id.name, role);
        followFunctionBinding(binding, role, parent.node.id.name);
        return;
      }
    }
    // A wrapper module re-exporting it.
    if (parent.isExportSpecifier()) {
      exportAs(keyName(parent.node.exported), role);
      return;
    }
    if (parent.isExportDefaultDeclaration()) {
      exportAs('default', role);
      return;
    }
    // `exports.onRestore = registerAfterRestore`, `module.exports = { onRestore: registerAfterRestore }`.
    if (parent.isAssignmentExpression() && parent.node.right === self.node && parent.node.left.type === 'MemberExpression') {
      const left = parent.node.left;
      const object = left.object;
      if ((object.type === 'Identifier' && object.name === 'exports' && !parent.scope.getBinding('exports')) || isModuleExports(object)) {
        exportAs(propertyName(left), role);
        return;
      }
    }
    if (parent.isObjectProperty() && parent.node.value === self.node) {
      const assignment = parent.parentPath?.parentPath;
      if (assignment?.isAssignmentExpression() && isModuleExports(assignment.node.left)) {
        exportAs(parent.node.computed ? stringValue(parent.node.key) : keyName(parent.node.key), role);
        return;
      }
    }
    if (parent.isMemberExpression() && parent.node.object === self.node) {
      const name = propertyName(parent.node);
      if (name === 'call' || name === 'apply') {
        use.unresolved.push({
          path: parent,
          reason: `\`${label}.${name}(...)\` hides which function is registered`,
          suggestion: SR005.suggest('callDirectly', { label }),
        });
      }
      return; // `.name`, `.length` and similar reads are harmless
    }
    use.unresolved.push({
      path: self,
      reason: `\`${label}\` is used as a value here (stored, passed on or reassigned), so the analysis cannot see where it is called`,
      suggestion: SR005.suggest('callDirectlyOrList', { label }),
    });
  }

  function followFunctionBinding(binding: Binding, role: Role, label: string): void {
    if (seenBindings.has(binding)) return;
    seenBindings.add(binding);
    for (const ref of binding.referencePaths) useOfFunction(ref, role, label);
  }

  // A path that evaluates to the whole module object (namespace import, require result).
  function useOfModule(p: NodePath, roles: Map<string, Role>, label: string): void {
    use.usesRuntime = true;
    const self = valueParent(p);
    const parent = self.parentPath;
    if (!parent || isTypePosition(p)) return;
    if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === self.node) {
      const name = propertyName(parent.node);
      if (name === undefined) {
        use.unresolved.push({
          path: parent,
          reason: `computed member access \`${label}[...]\` on the runtime module: the analysis cannot tell which function is called`,
          suggestion: SR005.suggest('namespaceCall', { label }),
        });
        return;
      }
      const role = roles.get(name);
      if (role) useOfFunction(parent, role, `${label}.${name}`);
      return;
    }
    if (parent.isVariableDeclarator() && parent.node.init === self.node) {
      bindPattern(parent.get('id') as NodePath<t.LVal>, roles, label);
      return;
    }
    if (parent.isAwaitExpression()) {
      useOfModule(parent, roles, label);
      return;
    }
    if (parent.isExpressionStatement() || parent.isExportSpecifier() || parent.isExportDefaultDeclaration()) return;
    if (parent.isAssignmentExpression() && isModuleExports(parent.node.left)) {
      // `module.exports = require('snapshot-restore')`: every register function, under its own name.
      for (const [name, role] of roles) exportAs(name, role);
      return;
    }
    if (![...roles.values()].some((r) => !isDriver(r))) return;
    use.unresolved.push({
      path: self,
      reason: `the runtime module object \`${label}\` is passed around here, so the analysis cannot see which hooks are registered through it`,
      suggestion: SR005.suggest('importByName'),
    });
  }

  // `const x = <module>` or `const { registerAfterRestore: r } = <module>`.
  function bindPattern(id: NodePath<t.LVal>, roles: Map<string, Role>, label: string): void {
    if (id.isIdentifier()) {
      const binding = id.scope.getBinding(id.node.name);
      if (binding && !seenBindings.has(binding)) {
        seenBindings.add(binding);
        for (const ref of binding.referencePaths) useOfModule(ref, roles, id.node.name);
      }
      return;
    }
    if (!id.isObjectPattern()) return;
    for (const prop of id.get('properties')) {
      if (prop.isRestElement()) {
        bindPattern(prop.get('argument') as NodePath<t.LVal>, roles, label);
        continue;
      }
      if (!prop.isObjectProperty()) continue;
      const name = prop.node.computed ? stringValue(prop.node.key) : keyName(prop.node.key);
      const role = name === undefined ? undefined : roles.get(name);
      let value = prop.get('value') as NodePath;
      if (value.isAssignmentPattern()) value = value.get('left');
      if (!role || !value.isIdentifier()) continue;
      const binding = value.scope.getBinding(value.node.name);
      if (binding) followFunctionBinding(binding, role, value.node.name);
    }
  }

  program.traverse({
    // `export { registerAfterRestore as onRestore } from 'snapshot-restore'`, `export * from ...`.
    'ExportNamedDeclaration|ExportAllDeclaration'(p) {
      const node = p.node as t.ExportNamedDeclaration | t.ExportAllDeclaration;
      if (!node.source || node.exportKind === 'type') return;
      const roles = rolesForSpecifier(node.source.value, fileName, modules);
      if (!roles) return;
      use.usesRuntime = true;
      if (node.type === 'ExportAllDeclaration') {
        for (const [name, role] of roles) exportAs(name, role);
        return;
      }
      for (const spec of node.specifiers) {
        if (spec.type !== 'ExportSpecifier' || spec.exportKind === 'type') continue;
        const role = roles.get(keyName(spec.local) ?? '');
        if (role) exportAs(keyName(spec.exported), role);
      }
    },
    ImportDeclaration(p) {
      const specifier = p.node.source.value;
      if (specifier === BOOTSTRAP_SPECIFIER) use.importsBootstrap = true;
      if (p.node.importKind === 'type') return;
      const roles = rolesForSpecifier(specifier, fileName, modules);
      if (!roles) return;
      use.usesRuntime = true;
      for (const spec of p.get('specifiers')) {
        if (spec.isImportSpecifier() && spec.node.importKind === 'type') continue;
        const local = spec.node.local.name;
        const binding = spec.scope.getBinding(local);
        if (!binding) continue;
        if (spec.isImportSpecifier()) {
          const imported = keyName(spec.node.imported) ?? local;
          const role = roles.get(imported);
          if (role) followFunctionBinding(binding, role, local);
          else if (imported === 'default') bindPattern(spec.get('local') as NodePath<t.LVal>, roles, local);
        } else {
          // `import * as sr` and `import sr from` (CommonJS interop) both give the module object.
          bindPattern(spec.get('local') as NodePath<t.LVal>, roles, local);
        }
      }
    },
    CallExpression(p) {
      const callee = p.node.callee;
      if (callee.type === 'Identifier' && callee.name === 'eval' && !p.scope.getBinding('eval')) evalCalls.push(p);
      const specifier = requireSpecifier(p) ?? dynamicImportSpecifier(p);
      if (specifier === undefined) return;
      if (specifier === BOOTSTRAP_SPECIFIER) use.importsBootstrap = true;
      const roles = rolesForSpecifier(specifier, fileName, modules);
      if (roles) useOfModule(p, roles, specifier === LAMBDA_SPECIFIER ? 'lambda' : 'sr');
    },
    NewExpression(p) {
      const callee = p.node.callee;
      if (callee.type === 'Identifier' && callee.name === 'Function' && !p.scope.getBinding('Function')) evalCalls.push(p);
    },
  });

  if (use.usesRuntime) {
    for (const p of evalCalls) {
      use.unresolved.push({
        path: p,
        reason: 'code run through `eval` / `new Function` may register hooks the analysis cannot see',
        suggestion: SR005.suggest('plainCode'),
      });
    }
  }
  return use;
}

export function isModuleExports(node: t.Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && propertyName(node) === 'exports';
}

export { propertyName, keyName, stringValue };
