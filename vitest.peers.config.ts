import { defineConfig } from 'vitest/config';

// Tests against the official aws-lambda-ric, installed in test/peers (it builds native code).
export default defineConfig({
  test: {
    include: ['test/peers/**/*.test.ts'],
    exclude: ['test/peers/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
