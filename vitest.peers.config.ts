import { defineConfig } from 'vitest/config';
import { TEST_HANG_MS } from './test/helpers/hang.js';

// Tests against the official aws-lambda-ric, installed in test/peers (it builds native code). Time
// limits are hang guards (test/helpers/hang.ts).
export default defineConfig({
  test: {
    include: ['test/peers/**/*.test.ts'],
    exclude: ['test/peers/node_modules/**'],
    testTimeout: TEST_HANG_MS,
    hookTimeout: TEST_HANG_MS,
  },
});
