// ts-jest compiles the TypeScript (standard decorators included) to CommonJS with tsconfig.json,
// `await import()` included, so that jest.resetModules() gives each test a fresh module.
// 151002 is ts-jest's advice to use isolatedModules with Node16; that would keep import() as a
// real ES import, which Jest runs only with --experimental-vm-modules.
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: { ignoreCodes: [151002] } }] },
};
