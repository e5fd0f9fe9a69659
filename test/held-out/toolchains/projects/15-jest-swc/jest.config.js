// Adapted from david-bermejo/medusa-payment-stripe-subscription jest.config.js
// (commit 17f21b8ff6a881968ac4d9795735751d9d71bc6f): @swc/jest for .ts/.js, node environment,
// module file extensions. Changed: nothing but this header; .swcrc tells swc about the standard
// decorators the hook module uses (docs/testing.md: "Standard and legacy decorators ... are tested").
module.exports = {
  transform: {
    "^.+\\.(t|j)sx?$": "@swc/jest",
  },
  testEnvironment: `node`,
  moduleFileExtensions: [`js`, `jsx`, `ts`, `tsx`, `json`],
}
