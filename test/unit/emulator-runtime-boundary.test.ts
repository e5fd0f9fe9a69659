// DESIGN.md "The bootstrap runtime": emulate drives the lifecycle through a small internal driver
// of the runtime (runtime/lifecycle/driver.ts), never by patching its state. Read from the
// emulator's source: (1) the only runtime module it imports that keeps state for every copy of the
// runtime (on globalThis) is the driver; (2) nothing it imports from the runtime is written to
// (assigned, deleted, counted up or defined a property on), wherever the write is.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { traverse } from '../../plugin/core/ast/babel.js';

const root = path.resolve(import.meta.dirname, '../..');
const DRIVER = 'runtime/lifecycle/driver.ts';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** A runtime module that keeps what it holds where every copy of the runtime finds it. */
function keepsSharedState(rel: string): boolean {
  return /\bglobalThis\b|Symbol\.for\(/.test(fs.readFileSync(path.join(root, rel), 'utf8'));
}

interface Crossing {
  file: string;
  line: number;
  what: string;
}

/** Each way `code` (the file `file`) reaches the runtime other than through the driver's functions. */
export function crossings(file: string, code: string): Crossing[] {
  const found: Crossing[] = [];
  const ast = parse(code, { sourceType: 'module', plugins: ['typescript'] });
  const fromRuntime = new Set<string>();
  for (const node of ast.program.body) {
    if (node.type !== 'ImportDeclaration' || node.importKind === 'type') continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), node.source.value)).replace(/\.js$/, '.ts');
    if (!target.startsWith('runtime/')) continue;
    const names = node.specifiers.filter((s) => !(s.type === 'ImportSpecifier' && s.importKind === 'type')).map((s) => s.local.name);
    if (names.length === 0) continue;
    for (const name of names) fromRuntime.add(name);
    if (target !== DRIVER && fs.existsSync(path.join(root, target)) && keepsSharedState(target))
      found.push({ file, line: node.loc?.start.line ?? 0, what: `imports ${target}, which keeps the runtime's shared state` });
  }
  // The identifier a member chain starts from: `a.b.c`, `a().b`, `a[0].b` → a.
  const rootOf = (node: t.Node): string | undefined => {
    let current: t.Node = node;
    for (;;) {
      if (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = current.object;
      else if (current.type === 'CallExpression' || current.type === 'OptionalCallExpression') current = current.callee;
      else if (current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression') current = current.expression;
      else return current.type === 'Identifier' ? current.name : undefined;
    }
  };
  // `object`: the target is the object written to (Object.assign's first argument), not a binding.
  const written = (target: t.Node, line: number | undefined, how: string, object = false) => {
    if (target.type === 'Identifier' && !object) return; // rebinding a local name writes nothing of the runtime's
    const name = rootOf(target);
    if (name && fromRuntime.has(name)) found.push({ file, line: line ?? 0, what: `${how} something reached from ${name}` });
  };
  traverse(ast, {
    AssignmentExpression(p) {
      written(p.node.left, p.node.loc?.start.line, 'assigns to');
    },
    UpdateExpression(p) {
      written(p.node.argument, p.node.loc?.start.line, 'updates');
    },
    UnaryExpression(p) {
      if (p.node.operator === 'delete') written(p.node.argument, p.node.loc?.start.line, 'deletes');
    },
    CallExpression(p) {
      // Object.defineProperty(x, …), Object.assign(x, …), Reflect.set(x, …), Object.setPrototypeOf(x, …)
      const callee = p.node.callee;
      if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || !['Object', 'Reflect'].includes(callee.object.name)) return;
      const first = p.node.arguments[0];
      if (!first || first.type === 'SpreadElement' || first.type === 'ArgumentPlaceholder') return;
      const method = callee.property.type === 'Identifier' ? callee.property.name : '';
      if (/^(define|assign|set|delete)/.test(method)) written(first, p.node.loc?.start.line, `${callee.object.name}.${method}s`, true);
    },
  });
  return found;
}

describe('emulate reaches the runtime only through its driver', () => {
  const files = sourceFiles('emulator');

  it('reads the emulator sources (the check has something to check)', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((file) => fs.readFileSync(path.join(root, file), 'utf8').includes("runtime/lifecycle/driver.js'"))).toBe(true);
  });

  it('no emulator module imports the runtime’s shared state or writes to what it imports from the runtime', () => {
    const all = files.flatMap((file) => crossings(file, fs.readFileSync(path.join(root, file), 'utf8')));
    expect(all).toEqual([]);
  });

  it('the check finds each kind of crossing in code written to cross', () => {
    const file = 'emulator/snapshot/example.ts';
    const code = `import { registry } from '../../runtime/hooks/registry.js';
import { httpState } from '../../runtime/platforms/phase-state.js';
import { formatError } from '../../runtime/invoke/format-error.js';
import type { HttpState } from '../../runtime/platforms/phase-state.js';
registry().afterRestore.length = 0;
httpState().onHandler = () => {};
delete registry().beforeSnapshot;
httpState().cycle++;
Object.assign(formatError, { x: 1 });
Object.defineProperty(registry(), 'x', { value: 1 });
let local = formatError;
local = () => '';
const state: HttpState | undefined = undefined;
`;
    const lines = crossings(file, code).map((c) => `${c.line} ${c.what.split(' ')[0]}`);
    expect(lines).toEqual(['1 imports', '2 imports', '5 assigns', '6 assigns', '7 deletes', '8 updates', '9 Object.assigns', '10 Object.definePropertys']);
  });
});
