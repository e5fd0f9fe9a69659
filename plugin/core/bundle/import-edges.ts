// The import edges of one recovered module, as esbuild's metafile lists them: import and
// export-from statements, `require('x')` and `import('x')` with literal specifiers, in source
// order. Two ways to find them:
// - the user's own modules are parsed (the same Babel parse the analysis then reuses), so the
//   edges are exact; in TypeScript an import used only as a type is dropped, as esbuild and tsc
//   drop it, so it is no edge;
// - library modules are only scanned with a pattern: their edges matter only when a path from
//   them leads to a module that registers hooks, and a scan of megabytes must stay cheap.
import type * as t from '@babel/types';
import { parseSource } from '../ast/parse.js';
import { walk } from '../ast/walk.js';

export type EdgeKind = 'import-statement' | 'require-call' | 'dynamic-import';

export interface RawEdge {
  specifier: string;
  kind: EdgeKind;
}

const TYPESCRIPT = /\.[cm]?tsx?$/;

/** TypeScript-only subtrees: nothing in them is a value reference. */
function isTypeOnly(node: t.Node): boolean {
  switch (node.type) {
    case 'TSTypeAnnotation':
    case 'TSTypeParameterDeclaration':
    case 'TSTypeParameterInstantiation':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSDeclareFunction':
    case 'TSDeclareMethod':
    case 'TSTypeReference':
    case 'TSTypeQuery':
    case 'TSImportType':
    case 'TSExpressionWithTypeArguments':
      return true;
    default:
      return false;
  }
}

function literal(node: t.Node | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Exact edges from the module's syntax tree; undefined when it does not parse. */
export function parsedEdges(source: string, file: string): RawEdge[] | undefined {
  const parsed = parseSource(source, file);
  if (!parsed.ok) return undefined;
  const program = parsed.ast.program;
  const typescript = TYPESCRIPT.test(file);
  // Names used as values anywhere (shadowing ignored: a kept import costs nothing here).
  const valueNames = new Set<string>();
  let localRequire = false;
  const found: Array<{ edge: RawEdge; node: t.Node; locals?: string[] }> = [];
  walk(program, (node, parent, key) => {
    if (isTypeOnly(node)) return false;
    switch (node.type) {
      case 'ImportDeclaration': {
        if (node.importKind === 'type') return;
        const specifiers = node.specifiers.filter((s) => !(s.type === 'ImportSpecifier' && s.importKind === 'type'));
        if (node.specifiers.length > 0 && specifiers.length === 0) return;
        found.push({
          edge: { specifier: node.source.value, kind: 'import-statement' },
          node,
          ...(typescript && specifiers.length > 0 ? { locals: specifiers.map((s) => s.local.name) } : {}),
        });
        return;
      }
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source && node.exportKind !== 'type') found.push({ edge: { specifier: node.source.value, kind: 'import-statement' }, node });
        return;
      case 'CallExpression': {
        const specifier = literal(node.arguments[0]);
        if (specifier === undefined) return;
        if (node.callee.type === 'Import') found.push({ edge: { specifier, kind: 'dynamic-import' }, node });
        else if (node.callee.type === 'Identifier' && node.callee.name === 'require') found.push({ edge: { specifier, kind: 'require-call' }, node });
        return;
      }
      case 'Identifier': {
        if (!parent) return;
        // Declarations of a local `require` make `require(...)` calls ordinary calls.
        if (node.name === 'require' && (parent.type === 'VariableDeclarator' || parent.type === 'FunctionDeclaration') && key === 'id') localRequire = true;
        if (parent.type === 'ImportSpecifier' || parent.type === 'ImportDefaultSpecifier' || parent.type === 'ImportNamespaceSpecifier') return;
        if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && key === 'property' && !parent.computed) return;
        if (
          (parent.type === 'ObjectProperty' || parent.type === 'ClassProperty' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod') &&
          key === 'key' &&
          !parent.computed
        )
          return;
        valueNames.add(node.name);
        return;
      }
      default:
    }
  });
  return found
    .filter(({ edge, locals }) => !(locals && !locals.some((name) => valueNames.has(name))) && !(edge.kind === 'require-call' && localRequire))
    .sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0))
    .map(({ edge }) => edge);
}

// `import ... from 'x'`, `import 'x'`, `export ... from 'x'`, `require('x')`, `import('x')`.
const EDGE_PATTERN =
  /(?<![\w$.])(?:(import|export)\s*(?:[\w$*{},\s]*?\sfrom\s*|(?=['"]))(['"])([^'"\n]+)\2|require\s*\(\s*(['"])([^'"\n]+)\4\s*\)|import\s*\(\s*(['"])([^'"\n]+)\6\s*\))/g;

/** Approximate edges of a library module, found by a pattern over its text. */
export function scannedEdges(source: string): RawEdge[] {
  const edges: RawEdge[] = [];
  for (const match of source.matchAll(EDGE_PATTERN)) {
    if (match[3] !== undefined) edges.push({ specifier: match[3], kind: 'import-statement' });
    else if (match[5] !== undefined) edges.push({ specifier: match[5], kind: 'require-call' });
    else if (match[7] !== undefined) edges.push({ specifier: match[7], kind: 'dynamic-import' });
  }
  return edges;
}
