// ts-jest compiles the TypeScript (standard decorators included) to CommonJS with tsconfig.json.
// tsconfig.json follows ts-jest's advice for "module": "Node16" ("isolatedModules": true: each
// file is compiled on its own, fast, and without the type check, which `tsc` does).
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
};
