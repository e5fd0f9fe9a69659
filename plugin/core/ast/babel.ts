// @babel/traverse is CommonJS with a default export; under NodeNext the default
// import is the module object, so pick the function out once here.
import traverseModule from '@babel/traverse';

type TraverseFn = typeof traverseModule.default;
const candidate = traverseModule as unknown as { default?: TraverseFn };
export const traverse: TraverseFn = candidate.default ?? (traverseModule as unknown as TraverseFn);
export type { NodePath, Binding, Scope } from '@babel/traverse';
