// A plain walk of a Babel tree, without Babel's traverse: no scopes, a fraction of its cost, for
// code that only looks at node shapes (a bundle's megabytes, import edges, a file's strings).
// Children come from Babel's own VISITOR_KEYS, in source order.
import type * as t from '@babel/types';
import { VISITOR_KEYS } from '@babel/types';

/** Calls `visit` on `node` and every node below it, parents first; `false` skips a node's children. */
export function walk(node: t.Node, visit: (node: t.Node, parent: t.Node | undefined, key: string) => boolean | void, parent?: t.Node, parentKey = ''): void {
  if (visit(node, parent, parentKey) === false) return;
  for (const key of VISITOR_KEYS[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof (child as t.Node).type === 'string') walk(child as t.Node, visit, node, key);
    } else if (value && typeof (value as t.Node).type === 'string') {
      walk(value as t.Node, visit, node, key);
    }
  }
}
