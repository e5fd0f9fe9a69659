// Lets the module analysis read a bundle that has the runtime inlined. The analysis recognises
// registrations by their import from 'snapshot-restore'; in a bundle there is no import, just
// the runtime's code, scope-hoisted by esbuild:
//
//   var registerBeforeSnapshot = makeRegister("beforeSnapshot", "registerBeforeSnapshot");
//   function snapStart(options = {}) { ... }
//   ...
//   registerBeforeSnapshot(closePool);
//
// The string arguments survive minification, the `snapStart` name does not. This file finds
// those definitions and rewrites the source, keeping every line and column in place, so that
// the names come from an import again: each definition is blanked out (same length, newlines
// kept) and `import { ... } from 'snapshot-restore'` lines are appended at the end.
//
// It also makes esbuild's CommonJS export shape visible as an ES export, so the handler is found:
//   __export(handler_exports, { handler: () => handler });  module.exports = __toCommonJS(handler_exports);
import { parse } from '@babel/parser';
import type * as t from '@babel/types';

export interface ExposedBundle {
  /** The rewritten source: same lines and columns as the bundle, plus lines at the end. */
  source: string;
  /** The import edges of the appended lines, for the synthesised metafile. */
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
  if (!init || init.type !== 'CallExpression' || init.arguments.length !== 2) return undefined;
  const [phase, publicName] = stringArgs(init);
  return publicName && REGISTER_PHASES[publicName] === phase ? publicName : undefined;
}

/** Replaces source[start, end) with `replacement` padded to the same length, keeping newlines. */
function blank(source: string, start: number, end: number, replacement: string): string {
  const original = source.slice(start, end);
  const newlines = original.replace(/[^\n]/g, '');
  const padded = (replacement + ' '.repeat(Math.max(0, original.length - replacement.length - newlines.length))) + newlines;
  return source.slice(0, start) + padded + source.slice(end);
}

export function exposeBundledRuntime(source: string, fileName: string): ParseOutcome {
  let ast: t.File;
  try {
    ast = parse(source, {
      sourceType: 'unambiguous',
      sourceFilename: fileName,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
    });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\(\d+:\d+\)$/, '');
    return { ok: false, error: message, line: loc?.line ?? 1, column: loc?.column ?? 0 };
  }

  // Collected first, applied from the end of the file backwards so earlier offsets stay valid.
  const edits: Array<{ start: number; end: number; replacement: string }> = [];
  const runtimeImports: string[] = [];
  const lambdaImports: string[] = [];
  const registerFunctions: string[] = [];
  const snapStart: string[] = [];
  const exportObjects = new Map<string, t.ObjectExpression>();
  let commonJsExportsOf: string | undefined;

  for (const statement of ast.program.body) {
    if (statement.type === 'VariableDeclaration') {
      const single = statement.declarations.length === 1;
      for (const declarator of statement.declarations) {
        const publicName = registerName(declarator.init);
        if (!publicName || declarator.id.type !== 'Identifier') continue;
        const local = declarator.id.name;
        registerFunctions.push(local);
        runtimeImports.push(`${publicName} as ${local}`);
        // A whole `var x = ...;` becomes blank; one declarator of several becomes a dummy one.
        const [start, end] = single ? [statement.start!, statement.end!] : [declarator.start!, declarator.end!];
        edits.push({ start, end, replacement: single ? '' : `$sr${edits.length}=0` });
      }
    } else if (statement.type === 'FunctionDeclaration' && statement.id && /^snapStart\d*$/.test(statement.id.name)) {
      snapStart.push(statement.id.name);
      lambdaImports.push(`snapStart as ${statement.id.name}`);
      edits.push({ start: statement.start!, end: statement.end!, replacement: '' });
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression') {
      // __export(handler_exports, { handler: () => handler })
      const call = statement.expression;
      const [target, object] = call.arguments;
      if (call.callee.type === 'Identifier' && /^__export\d*$/.test(call.callee.name) && target?.type === 'Identifier' && object?.type === 'ObjectExpression') {
        exportObjects.set(target.name, object);
      }
      // module.exports = __toCommonJS(handler_exports)
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      const isModuleExports =
        left.type === 'MemberExpression' && left.object.type === 'Identifier' && left.object.name === 'module' && left.property.type === 'Identifier' && left.property.name === 'exports';
      if (isModuleExports && right.type === 'CallExpression' && right.arguments[0]?.type === 'Identifier') {
        commonJsExportsOf = right.arguments[0].name;
      }
    }
  }

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

  let rewritten = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) rewritten = blank(rewritten, edit.start, edit.end, edit.replacement);
  const appended: string[] = [];
  const imports: string[] = [];
  if (runtimeImports.length > 0) {
    appended.push(`import { ${runtimeImports.join(', ')} } from 'snapshot-restore';`);
    imports.push('snapshot-restore');
  }
  if (lambdaImports.length > 0) {
    appended.push(`import { ${lambdaImports.join(', ')} } from 'snapshot-restore/lambda';`);
    imports.push('snapshot-restore/lambda');
  }
  if (exportSpecifiers.length > 0) appended.push(`export { ${exportSpecifiers.join(', ')} };`);
  if (appended.length > 0) rewritten = `${rewritten}\n${appended.join('\n')}\n`;
  return { ok: true, exposed: { source: rewritten, imports, registerFunctions, snapStart, commonJsExports } };
}
